using System.Globalization;
using System.Text;
using Extls.Import.Formats;

namespace Extls.Redaction.Formats;

/// <summary>
/// A JSON file as PowerShell wrote it, rewritten in place: only the string literals (and byte arrays) redaction
/// changes are replaced, so indentation, "\/Date()\/" escapes, "\u003c" escapes, line ends and the encoding stay.
/// The importer's own parser decides first whether the file is JSON at all, so a file the importer would reject is
/// rejected here with the same file, line and path. Comments (which the importer ignores) are blanked, since they
/// may hold anything.
/// </summary>
internal sealed class JsonDocument : IDocument
{
    private readonly TextCodec codec;
    private readonly string text;
    private readonly List<(int Start, int End, Func<string?> Replacement)> edits = [];

    private JsonDocument(TextCodec codec, string text)
    {
        this.codec = codec;
        this.text = text;
    }

    public Node Root { get; private set; } = new ObjectNode();

    public static JsonDocument Parse(byte[] bytes, string file)
    {
        var checkedBy = new JsonSectionParser().Parse(bytes, file);
        if (checkedBy.Root is null)
        {
            var p = checkedBy.Problems.FirstOrDefault();
            // The importer's own reader says what was wrong; its problem travels with this one, to be worded by its table.
            throw new RewriteException(file, p?.Line ?? 0, p?.JsonPath ?? "$", RedactionProblemKind.NotJson, new RedactionArguments { Cause = p });
        }

        var (codec, text) = TextCodec.Decode(bytes);
        var doc = new JsonDocument(codec, text);
        var parser = new Parser(doc, file);
        doc.Root = parser.ParseRoot();
        return doc;
    }

    public byte[] Write()
    {
        var sb = new StringBuilder(text.Length + 256);
        int last = 0;
        foreach (var (start, end, replacement) in edits.OrderBy(e => e.Start))
        {
            if (replacement() is not { } r)
            {
                continue;
            }

            sb.Append(text, last, start - last).Append(r);
            last = end;
        }

        sb.Append(text, last, text.Length - last);
        return codec.Encode(sb.ToString());
    }

    /// <summary>A JSON string literal for a value, escaped the way the literal it replaces was.</summary>
    private static string Literal(string value, string like)
    {
        bool html = like.Contains("\\u003c", StringComparison.OrdinalIgnoreCase) || like.Contains("\\u0027", StringComparison.OrdinalIgnoreCase)
            || like.Contains("\\u0026", StringComparison.OrdinalIgnoreCase) || like.Contains("\\u003e", StringComparison.OrdinalIgnoreCase);
        bool slash = like.Contains("\\/", StringComparison.Ordinal);
        char quote = like.Length > 0 && like[0] == '\'' ? '\'' : '"';
        var sb = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"' when quote == '"':
                    sb.Append("\\\"");
                    break;
                case '\'' when quote == '\'':
                    sb.Append("\\'");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '/' when slash:
                    sb.Append("\\/");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '<' or '>' or '&' or '\'' when html:
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>A small parser over the text the importer already accepted: it knows where each value starts and ends.</summary>
    private sealed class Parser(JsonDocument doc, string file)
    {
        private readonly string s = doc.text;
        private int pos;

        public Node ParseRoot()
        {
            Skip();
            if (pos >= s.Length)
            {
                return new ArrayNode();
            }

            var root = Value("$");
            Skip();
            return root;
        }

        private RewriteException Error(string path, RedactionProblemKind kind, RedactionArguments? arguments = null)
        {
            int line = 1;
            for (int i = 0; i < pos && i < s.Length; i++)
            {
                if (s[i] == '\n')
                {
                    line++;
                }
            }

            return new RewriteException(file, line, path, kind, arguments);
        }

        private void Skip()
        {
            while (pos < s.Length)
            {
                var c = s[pos];
                if (char.IsWhiteSpace(c) || c == '\uFEFF')
                {
                    pos++;
                }
                else if (c == '/' && pos + 1 < s.Length && s[pos + 1] is '/' or '*')
                {
                    int start = pos;
                    bool block = s[pos + 1] == '*';
                    pos += 2;
                    if (block)
                    {
                        var end = s.IndexOf("*/", pos, StringComparison.Ordinal);
                        pos = end < 0 ? s.Length : end + 2;
                    }
                    else
                    {
                        while (pos < s.Length && s[pos] is not ('\n' or '\r'))
                        {
                            pos++;
                        }
                    }

                    var comment = s[start..pos];
                    var blank = new string([.. comment.Select(ch => ch is '\n' or '\r' ? ch : ' ')]);
                    doc.edits.Add((start, pos, () => blank));
                }
                else
                {
                    return;
                }
            }
        }

        private Node Value(string path)
        {
            Skip();
            if (pos >= s.Length)
            {
                throw Error(path, RedactionProblemKind.JsonUnexpectedEnd);
            }

            switch (s[pos])
            {
                case '{':
                    return Object(path);
                case '[':
                    return Array(path);
                case '"' or '\'':
                    {
                        int start = pos;
                        var value = String(path);
                        var node = new TextNode(value);
                        int end = pos;
                        doc.edits.Add((start, end, () => node.Replacement is { } r && r != node.Value ? Literal(r, s[start..end]) : null));
                        return node;
                    }

                default:
                    {
                        int start = pos;
                        while (pos < s.Length && s[pos] is not (',' or '}' or ']' or ':') && !char.IsWhiteSpace(s[pos]) && s[pos] != '/')
                        {
                            pos++;
                        }

                        if (pos == start)
                        {
                            throw Error(path, RedactionProblemKind.JsonUnexpectedCharacter, new RedactionArguments { Name = s[pos].ToString() });
                        }

                        return new OtherNode(s[start..pos]);
                    }
            }
        }

        private ObjectNode Object(string path)
        {
            var node = new ObjectNode();
            pos++;
            Skip();
            while (pos < s.Length && s[pos] != '}')
            {
                string name;
                if (s[pos] is '"' or '\'')
                {
                    name = String(path);
                }
                else
                {
                    int start = pos;
                    while (pos < s.Length && s[pos] != ':' && !char.IsWhiteSpace(s[pos]))
                    {
                        pos++;
                    }

                    name = s[start..pos];
                }

                Skip();
                if (pos >= s.Length || s[pos] != ':')
                {
                    throw Error(path, RedactionProblemKind.JsonColonExpected);
                }

                pos++;
                node.Properties.Add((name, Value(path + "." + name)));
                Skip();
                if (pos < s.Length && s[pos] == ',')
                {
                    pos++;
                    Skip();
                }
            }

            if (pos >= s.Length)
            {
                throw Error(path, RedactionProblemKind.JsonObjectUnterminated);
            }

            pos++;
            return node;
        }

        private ArrayNode Array(string path)
        {
            var node = new ArrayNode();
            int start = pos;
            pos++;
            Skip();
            var separators = new List<string>();
            int index = 0;
            int itemEnd = -1;
            while (pos < s.Length && s[pos] != ']')
            {
                if (itemEnd >= 0)
                {
                    separators.Add(s[itemEnd..pos]);
                }

                node.Items.Add(Value(path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
                itemEnd = pos;
                index++;
                Skip();
                if (pos < s.Length && s[pos] == ',')
                {
                    pos++;
                    Skip();
                }
            }

            if (pos >= s.Length)
            {
                throw Error(path, RedactionProblemKind.JsonArrayUnterminated);
            }

            pos++;
            int end = pos;
            var openText = s[start..(start + 1)];
            var leading = node.Items.Count > 0 ? LeadingSpace(start + 1) : string.Empty;
            var closing = node.Items.Count > 0 && itemEnd >= 0 ? TrailingSpace(itemEnd, end - 1) : string.Empty;
            var separator = separators.Count > 0 ? separators[0] : ", ";
            doc.edits.Add((start, end, () => node.BytesReplacement is { } bytes
                ? openText + leading + string.Join(separator, bytes.Select(b => b.ToString(CultureInfo.InvariantCulture))) + closing + "]"
                : null));
            return node;
        }

        private string LeadingSpace(int from)
        {
            int i = from;
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            return s[from..i];
        }

        private string TrailingSpace(int itemEnd, int close)
        {
            int i = close;
            while (i > itemEnd && char.IsWhiteSpace(s[i - 1]))
            {
                i--;
            }

            return s[i..close];
        }

        private string String(string path)
        {
            char quote = s[pos++];
            var sb = new StringBuilder();
            while (pos < s.Length && s[pos] != quote)
            {
                var c = s[pos++];
                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                if (pos >= s.Length)
                {
                    break;
                }

                var e = s[pos++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u' when pos + 4 <= s.Length && int.TryParse(s.AsSpan(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        sb.Append((char)code);
                        pos += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }

            if (pos >= s.Length)
            {
                throw Error(path, RedactionProblemKind.JsonStringUnterminated);
            }

            pos++;
            return sb.ToString();
        }
    }
}
