using System.Text;

namespace Extls.Reporting;

/// <summary>
/// Customer text made inert in GitHub- and GitLab-flavoured Markdown: nothing in a server, subject or connector
/// name can break a table, start a link, an image or HTML, or mention a person or an issue in a pull request.
/// </summary>
internal static class MarkdownText
{
    /// <summary>
    /// Text for a paragraph or a table cell: HTML characters as entities, Markdown's punctuation escaped,
    /// line breaks as <c>&lt;br&gt;</c> (a table row is one line), and an invisible word joiner after <c>@</c> and
    /// a <c>#</c> before a digit, which GitHub would otherwise turn into a mention or an issue link.
    /// </summary>
    public static string Inline(string text)
    {
        var s = TextSafety.VisibleControls(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var sb = new StringBuilder(s.Length + 16);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '\n':
                    sb.Append("<br>");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '$':
                    sb.Append('\\').Append(c);
                    break;
                case '@':
                    sb.Append(c).Append('\u2060');
                    break;
                case '#' when i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]):
                    sb.Append(c).Append('\u2060');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// An identifier as a code span, where nothing renders: a fence one backtick longer than any run inside it,
    /// spaces where a backtick would touch the fence, <c>|</c> escaped as GFM tables require even in code, and
    /// line breaks as spaces, since a code span cannot hold one in a table.
    /// </summary>
    public static string Code(string text)
    {
        var s = TextSafety.VisibleControls(text).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace("|", "\\|", StringComparison.Ordinal);
        if (s.Length == 0)
        {
            return "";
        }

        var fence = new string('`', LongestRun(s, '`') + 1);
        var pad = s[0] == '`' || s[^1] == '`' || (s[0] == ' ' && s[^1] == ' ' && s.Trim().Length > 0) ? " " : "";
        return fence + pad + s + pad + fence;
    }

    /// <summary>A fenced code block whose fence no line inside it can close.</summary>
    public static string Block(string text, string language)
    {
        var s = TextSafety.VisibleControls(text).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        var fence = new string('`', Math.Max(3, LongestRun(s, '`') + 1));
        return $"{fence}{language}\n{s}\n{fence}";
    }

    /// <summary>A link whose text is escaped and whose address is one extls made (a rule page).</summary>
    public static string Link(string text, Uri uri) => $"[{Inline(text)}]({uri.AbsoluteUri})";

    private static int LongestRun(string s, char c)
    {
        int longest = 0, run = 0;
        foreach (var x in s)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
