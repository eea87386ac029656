using System.Globalization;
using System.Text;

namespace Extls.Reporting;

/// <summary>
/// The one escaping function of the HTML report: every string that reaches the page, a customer's name or
/// extls's own wording, goes through <see cref="Escape(string?)"/>, as text or as an attribute value (always
/// double-quoted). Nothing else writes characters that HTML gives a meaning to.
/// </summary>
internal static class Html
{
    /// <summary>
    /// Text safe as element content and inside a double- or single-quoted attribute: &amp; &lt; &gt; " ' become
    /// references; a control character HTML forbids (C0 but tab, line feed and carriage return; C1; a lone
    /// surrogate) becomes U+FFFD, so a name cannot end the document or smuggle markup, and so does a bidirectional
    /// control, so a name cannot show its characters in another order than they are. Characters outside the
    /// Basic Multilingual Plane (a well-formed surrogate pair) pass through and are written as UTF-8.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => null,
                _ when c < 0x20 || (c >= 0x7F && c <= 0x9F) || TextSafety.IsBidiControl(c) => "\uFFFD",
                _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) => null,
                _ when char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]) => null,
                _ when char.IsSurrogate(c) => "\uFFFD",
                _ => null,
            };

            if (replacement is null)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text, 0, i, text.Length + 16);
            builder.Append(replacement);
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>An integer as HTML and SVG write it: invariant.</summary>
    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A coordinate of the drawings, invariant and without trailing zeros.</summary>
    public static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
