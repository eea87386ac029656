using System.Globalization;
using System.Text;

namespace Extls.Reporting;

/// <summary>
/// Customer text (server names, subjects, connector names) made safe for a format that would otherwise break
/// on it: a name in a dump can hold anything, including control characters and half a surrogate pair.
/// </summary>
internal static class TextSafety
{
    /// <summary>Half a surrogate pair becomes U+FFFD: no encoder can write it, and a reader would reject the file.</summary>
    public static string WellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasLoneSurrogate(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Text XML 1.0 can carry: characters it forbids (controls other than tab, LF and CR, U+FFFE, U+FFFF) are
    /// written as a visible <c>\uXXXX</c>, since not even a character reference may stand for them.
    /// </summary>
    public static string Xml(string text)
    {
        var s = WellFormed(text);
        if (!s.Any(c => !IsXmlChar(c)))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            if (IsXmlChar(c))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Control characters (other than the line breaks a caller handles) and bidirectional controls as a visible <c>\uXXXX</c>.</summary>
    public static string VisibleControls(string text)
    {
        var s = WellFormed(text);
        if (!s.Any(IsHiddenControl))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            if (IsHiddenControl(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Text for a terminal: every control character but the line feed (an escape sequence would recolour, move the
    /// cursor or retitle the window; a carriage return would overwrite the line) and every bidirectional control
    /// as a visible <c>\uXXXX</c>, and a CRLF as one line break.
    /// </summary>
    public static string Terminal(string text)
    {
        var s = WellFormed(text);
        if (!s.Any(c => c == '\r' || IsHiddenControl(c)))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n')
            {
                continue;
            }

            if (c == '\r' || IsHiddenControl(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The characters that reorder what follows them on screen (embeddings, overrides, isolates, marks): a name that
    /// holds one can show "exe.png" for "gnp.exe", so the display formats make them visible.
    /// </summary>
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static bool IsHiddenControl(char c) => c != '\n' && c != '\r' && (char.IsControl(c) || IsBidiControl(c) || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF');

    // Surrogates are legal here: WellFormed has already paired or replaced them. U+FFFE and U+FFFF lie above the range.
    private static bool IsXmlChar(char c) => c is '\t' or '\n' or '\r' or (>= '\u0020' and <= '\uFFFD');

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
