using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Extls.FixtureGen;

/// <summary>
/// The text <c>ConvertTo-Json</c> of Windows PowerShell 5.1 writes, written on its own rather than through
/// <see cref="DumpWriter"/>'s Json.NET path, so that the hand-written dumps check the importer against a second
/// writer: <c>"key":  value</c> (two spaces), four-space indents, an empty array as "[", a blank line, "]", and
/// <c>&lt; &gt; ' &amp;</c> escaped as <c>\u003c</c>… while <c>\/</c> of the date form is kept.
/// </summary>
internal static class Ps51Json
{
    public static string Write(JToken token)
    {
        var sb = new StringBuilder();
        Write(sb, token, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JToken token, int depth)
    {
        var indent = new string(' ', 4 * depth);
        var pad = new string(' ', 4 * (depth + 1));
        switch (token)
        {
            case JObject o when !o.HasValues:
                sb.Append("{\n").Append(indent).Append('}');
                break;
            case JObject o:
                sb.Append("{\n");
                var first = true;
                foreach (var p in o.Properties())
                {
                    sb.Append(first ? "" : ",\n").Append(pad).Append(Quote(p.Name)).Append(":  ");
                    Write(sb, p.Value, depth + 1);
                    first = false;
                }

                sb.Append('\n').Append(indent).Append('}');
                break;
            case JArray a when a.Count == 0:
                sb.Append("[\n\n").Append(indent).Append(']');
                break;
            case JArray a:
                sb.Append("[\n");
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",\n").Append(pad);
                    Write(sb, a[i], depth + 1);
                }

                sb.Append('\n').Append(indent).Append(']');
                break;
            case JValue { Value: null }:
                // A null string is a JValue of type String without a value.
                sb.Append("null");
                break;
            case JValue { Type: JTokenType.Boolean } b:
                sb.Append((bool)b ? "true" : "false");
                break;
            case JValue { Type: JTokenType.String } s:
                sb.Append(Quote((string)s!));
                break;
            case JValue { Type: JTokenType.Integer } i:
                sb.Append(Convert.ToString(i.Value, CultureInfo.InvariantCulture));
                break;
            case JValue { Type: JTokenType.Float } f:
                // Shortest round-trip digits; the exponent as these dumps have always had it ("5.7870370370370366e-05").
                sb.Append(((double)f).ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal));
                break;
            default:
                throw new InvalidOperationException($"no 5.1 form for {token.Type}");
        }
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                '<' => "\\u003c",
                '>' => "\\u003e",
                '\'' => "\\u0027",
                '&' => "\\u0026",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        // The date form \/Date(ms)\/ keeps its escaped slash.
        return sb.Append('"').ToString().Replace("\\\\/", "\\/", StringComparison.Ordinal);
    }
}
