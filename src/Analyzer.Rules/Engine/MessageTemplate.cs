using System.Text;
using System.Text.RegularExpressions;

namespace Extls.Rules.Engine;

/// <summary>Fills <c>{name}</c> placeholders of a descriptor's message or remediation from a diagnostic's arguments.</summary>
/// <remarks>
/// Only an identifier directly inside braces is a placeholder, so PowerShell script blocks such as
/// <c>{ $_.Services }</c> or hashtables <c>@{Name='x'}</c> in a remediation pass through untouched.
/// </remarks>
internal static partial class MessageTemplate
{
    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Placeholder names a template uses, in order of first appearance.</summary>
    public static IReadOnlyList<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();

    /// <exception cref="MissingPlaceholderException">When an argument the template names was not supplied.</exception>
    public static string Format(string template, IReadOnlyDictionary<string, string> arguments)
    {
        var builder = new StringBuilder(template.Length + 64);
        var last = 0;

        // Matches as values (index and length): every finding fills a message and a remediation, and the Match and
        // Group objects of each placeholder were most of what formatting allocated.
        foreach (var m in Placeholder().EnumerateMatches(template))
        {
            var name = template.Substring(m.Index + 1, m.Length - 2);
            if (!arguments.TryGetValue(name, out var value))
            {
                throw new MissingPlaceholderException(name);
            }

            builder.Append(template, last, m.Index - last).Append(value);
            last = m.Index + m.Length;

            // A value that ends its own sentence (.NET's and the libraries' messages do, quoted as they came) is not
            // given a second full stop by a template that closes the sentence after it.
            if (value.EndsWith('.') && last < template.Length && template[last] == '.')
            {
                last++;
            }
        }

        return builder.Append(template, last, template.Length - last).ToString();
    }
}

internal sealed class MissingPlaceholderException(string placeholder)
    : Exception($"the diagnostic does not supply the placeholder {{{placeholder}}}")
{
    public string Placeholder { get; } = placeholder;
}
