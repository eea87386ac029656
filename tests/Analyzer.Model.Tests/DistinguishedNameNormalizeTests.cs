using System.Text;
using System.Text.RegularExpressions;

namespace Extls.Model.Tests;

/// <summary>
/// <see cref="DistinguishedNames.Normalize"/> removes the spaces around the separators by hand; it must give exactly what
/// the regular expression it replaced gives, which this test keeps as the definition (A4).
/// </summary>
public sealed class DistinguishedNameNormalizeTests
{
    private static readonly Regex SeparatorSpaces = new(@"\s*([,=;+])\s*", RegexOptions.CultureInvariant);

    private static string ByRegex(string dn) => SeparatorSpaces.Replace(dn.Trim(), "$1");

    [Theory]
    [InlineData("CN = ex01 , OU = Servers , O = Contoso", "CN=ex01,OU=Servers,O=Contoso")]
    [InlineData("  CN=ex01  ", "CN=ex01")]
    [InlineData("CN=a , , b", "CN=a,,b")]
    [InlineData("CN=a\t;\u00a0OU=b + C=JP", "CN=a;OU=b+C=JP")]
    [InlineData("CN=Contoso Mail Server", "CN=Contoso Mail Server")]
    [InlineData("", "")]
    [InlineData(" , ", ",")]
    public void Separators_lose_their_spaces_and_words_keep_theirs(string dn, string expected)
    {
        Assert.Equal(expected, DistinguishedNames.Normalize(dn));
        Assert.Equal(ByRegex(dn), DistinguishedNames.Normalize(dn));
    }

    [Fact]
    public void Random_names_normalise_as_the_regular_expression_does()
    {
        // Letters, the four separators and every kind of white space \s matches, including the Unicode line separator.
        const string alphabet = "aZ9.-\"\\,,==;;++    \t\n\r\v\f\u0085\u00a0\u2028\u3000";
        var random = new Random(20261201);
        for (var n = 0; n < 5000; n++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(0, 24); i > 0; i--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var dn = text.ToString();
            Assert.Equal(ByRegex(dn), DistinguishedNames.Normalize(dn));
        }
    }
}
