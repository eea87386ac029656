using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Extls.Generation.Organizations;

/// <summary>Which PowerShell wrote a generated dump: how its files are encoded and how values are spelled in them.</summary>
public enum DumpStyle
{
    /// <summary>
    /// Windows PowerShell 5.1 (the Exchange Management Shell): <c>ConvertTo-Json … &gt; file</c> gives UTF-16 LE with a
    /// byte order mark and CRLF, <c>"key":  value</c> with four-space indents, enums as numbers, dates as
    /// <c>\/Date(ms)\/</c>, byte arrays as arrays of numbers, and values past the default depth of 2 as their ToString().
    /// </summary>
    Ps51,

    /// <summary>PowerShell 7 with <c>-EnumsAsStrings</c>: UTF-8 without BOM, two-space indents, enum names, ISO 8601 dates, byte arrays as base64.</summary>
    Ps7,
}

/// <summary>A date as PowerShell's ConvertTo-Json writes it; <paramref name="Wrapped"/> when it arrives as <c>{value, DisplayHint, DateTime}</c> (a 5.1 ETS DateTime).</summary>
internal readonly record struct PsDate(DateTimeOffset Value, bool Wrapped = false);

/// <summary>
/// The type information a <see cref="JsonValue"/> holding a <see cref="PsDate"/> needs, generated at build time:
/// System.Text.Json would otherwise build it by reflection, which a native build cannot. Nothing serializes a
/// <see cref="PsDate"/> with it; <see cref="PowerShellJson"/> writes dates itself.
/// </summary>
[JsonSerializable(typeof(PsDate))]
internal sealed partial class PsDateJson : JsonSerializerContext;

/// <summary>
/// Writes a JSON tree the way the chosen PowerShell's ConvertTo-Json does, down to the bytes on disk: the
/// importer is tested against what customers really send, not against one library's idea of JSON.
/// </summary>
internal static class PowerShellJson
{
    public static byte[] Encode(JsonNode? node, DumpStyle style)
    {
        var sb = new StringBuilder(4096);
        Write(sb, node, 0, style);
        sb.Append("\r\n");
        var text = sb.ToString();
        return style == DumpStyle.Ps51
            ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]
            : new UTF8Encoding(false).GetBytes(text);
    }

    private static void Write(StringBuilder sb, JsonNode? node, int depth, DumpStyle style)
    {
        var step = style == DumpStyle.Ps51 ? 4 : 2;
        var indent = new string(' ', step * depth);
        var pad = new string(' ', step * (depth + 1));
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o when o.Count == 0:
                sb.Append(style == DumpStyle.Ps51 ? "{\r\n\r\n" + indent + "}" : "{}");
                break;
            case JsonObject o:
                sb.Append("{\r\n");
                var first = true;
                foreach (var (name, value) in o)
                {
                    sb.Append(first ? "" : ",\r\n").Append(pad);
                    Quote(sb, name, style);
                    sb.Append(style == DumpStyle.Ps51 ? ":  " : ": ");
                    Write(sb, value, depth + 1, style);
                    first = false;
                }

                sb.Append("\r\n").Append(indent).Append('}');
                break;
            case JsonArray a when a.Count == 0:
                sb.Append(style == DumpStyle.Ps51 ? "[\r\n\r\n" + indent + "]" : "[]");
                break;
            case JsonArray a:
                sb.Append("[\r\n");
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",\r\n").Append(pad);
                    Write(sb, a[i], depth + 1, style);
                }

                sb.Append("\r\n").Append(indent).Append(']');
                break;
            case JsonValue v when v.TryGetValue<PsDate>(out var date):
                WriteDate(sb, date, depth, style);
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                Quote(sb, s, style);
                break;
            case JsonValue v when v.TryGetValue<bool>(out var b):
                sb.Append(b ? "true" : "false");
                break;
            case JsonValue v when v.TryGetValue<int>(out var i):
                sb.Append(i.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValue v when v.TryGetValue<long>(out var l):
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"No PowerShell form for {node.GetValueKind()}.");
        }
    }

    private static void WriteDate(StringBuilder sb, PsDate date, int depth, DumpStyle style)
    {
        if (style == DumpStyle.Ps7)
        {
            Quote(sb, date.Value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture), style);
            return;
        }

        var ms = "\"\\/Date(" + date.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ")\\/\"";
        if (!date.Wrapped)
        {
            sb.Append(ms);
            return;
        }

        var indent = new string(' ', 4 * depth);
        var pad = new string(' ', 4 * (depth + 1));
        sb.Append("{\r\n")
            .Append(pad).Append("\"value\":  ").Append(ms).Append(",\r\n")
            .Append(pad).Append("\"DisplayHint\":  2,\r\n")
            .Append(pad).Append("\"DateTime\":  ");
        // en-US's long date; the invariant culture spells it the same and needs no locale data.
        Quote(sb, date.Value.UtcDateTime.ToString("dddd, MMMM d, yyyy h:mm:ss tt", CultureInfo.InvariantCulture), style);
        sb.Append("\r\n").Append(indent).Append('}');
    }

    private static void Quote(StringBuilder sb, string s, DumpStyle style)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                // Windows PowerShell's serializer escapes these for HTML safety; PowerShell 7's does not.
                case '<' or '>' or '\'' or '&' when style == DumpStyle.Ps51:
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                case < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        sb.Append('"');
    }
}
