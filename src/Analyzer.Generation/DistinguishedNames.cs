using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Extls.Generation;

/// <summary>
/// Encodes a distinguished name the same way on every platform. <see cref="X500DistinguishedName"/>'s own encoding
/// is the operating system's choice (CryptoAPI on Windows, managed code elsewhere) and differs in string types, which
/// would change every thumbprint with the machine that generated it.
/// </summary>
internal static class DistinguishedNames
{
    private const string DomainComponent = "0.9.2342.19200300.100.1.25";
    private const string EmailAddress = "1.2.840.113549.1.9.1";
    private const string Country = "2.5.4.6";

    /// <summary>
    /// The name parsed as Windows writes it ("CN=ex01.contoso.com, O=Contoso Ltd, C=US"), each value re-encoded as
    /// PrintableString when it can be and UTF8String otherwise; countries as PrintableString and domain components and
    /// e-mail addresses as IA5String, as RFC 5280 and RFC 4519 ask.
    /// </summary>
    public static X500DistinguishedName Encode(string name)
    {
        var parsed = new X500DistinguishedName(name);
        var builder = new X500DistinguishedNameBuilder();

        // The builder encodes the attribute added last first, so it takes them in the order they are written.
        foreach (var rdn in parsed.EnumerateRelativeDistinguishedNames(reversed: true))
        {
            if (rdn.HasMultipleElements)
            {
                throw new ArgumentException($"'{name}': a relative name with several attributes ('+') is not supported.", nameof(name));
            }

            var oid = rdn.GetSingleElementType().Value!;
            var value = rdn.GetSingleElementValue() ?? "";
            var type = oid switch
            {
                DomainComponent or EmailAddress => UniversalTagNumber.IA5String,
                Country => UniversalTagNumber.PrintableString,
                _ => value.All(IsPrintable) ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String,
            };
            builder.Add(oid, value, type);
        }

        return builder.Build();
    }

    /// <summary>The PrintableString alphabet of X.680.</summary>
    private static bool IsPrintable(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or ' ' or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?';
}
