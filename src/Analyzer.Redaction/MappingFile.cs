using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Redaction;

/// <summary>
/// The file that turns pseudonyms back into real names: kept by the user, never written into a redacted dump.
/// It holds every pseudonym of one redaction with its real value, and the key when the key was generated for the
/// run (so a later dump of the same organisation can be redacted with the same pseudonyms: --key with that text).
/// </summary>
public sealed record MappingFile(IReadOnlyList<MappingEntry> Entries, string? GeneratedKey)
{
    public const string Format = "extls-redaction-map/1";

    public string Write()
    {
        var o = new JObject
        {
            ["format"] = Format,
            ["note"] = "Private: this file turns the pseudonyms of a redacted dump back into real names. Keep it; never send it with the dump. 'extls redact --reveal THIS-FILE REPORT' restores a report.",
        };
        if (GeneratedKey is not null)
        {
            o["key"] = GeneratedKey;
        }

        o["entries"] = new JArray(Entries.Select(e => new JObject
        {
            ["kind"] = e.Kind.ToString(),
            ["pseudonym"] = e.Pseudonym,
            ["real"] = e.Real,
        }));
        return o.ToString(Formatting.Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Reads a mapping file; a problem names the file, line and path.</summary>
    public static MappingFile Read(string text, string file)
    {
        JObject o;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            o = JObject.Load(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
        }
        catch (JsonReaderException ex)
        {
            throw new RedactionException([new RedactionProblem(file, ex.LineNumber, "$", RedactionProblemKind.MappingNotJson, new RedactionArguments { Detail = ex.Message })]);
        }

        if ((string?)o["format"] != Format)
        {
            throw new RedactionException([new RedactionProblem(file, 1, "$.format", RedactionProblemKind.MappingWrongFormat, new RedactionArguments { Name = Format })]);
        }

        if (o["entries"] is not JArray entries)
        {
            throw new RedactionException([new RedactionProblem(file, 1, "$.entries", RedactionProblemKind.MappingNoEntries)]);
        }

        var list = new List<MappingEntry>();
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i] as JObject;
            var path = "$.entries[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var line = e is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
            if (e is null || !Enum.TryParse<PseudonymKind>((string?)e["kind"], out var kind) || e["pseudonym"]?.Type != JTokenType.String || e["real"]?.Type != JTokenType.String)
            {
                throw new RedactionException([new RedactionProblem(file, line, path, RedactionProblemKind.MappingEntryIncomplete)]);
            }

            list.Add(new MappingEntry(kind, (string)e["pseudonym"]!, (string)e["real"]!));
        }

        return new MappingFile(list, (string?)o["key"]);
    }
}

/// <summary>How a report's text must escape a name put back into it.</summary>
public enum RevealFormat
{
    Text,
    Json,
    Html,
    Csv,
    Markdown,
}

/// <summary>
/// Puts real names back into a report made from a redacted dump (console text, JSON, SARIF, CSV, Markdown, HTML): every
/// token shaped like a pseudonym of the mapping is replaced by its real value, escaped as the report's format needs.
/// </summary>
public sealed partial class Revealer
{
    private readonly Dictionary<string, string> exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> folded = new(StringComparer.OrdinalIgnoreCase);

    public Revealer(MappingFile mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        foreach (var e in mapping.Entries)
        {
            exact.TryAdd(e.Pseudonym, e.Real);
            folded.TryAdd(e.Pseudonym, e.Real);
        }
    }

    public static RevealFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" or ".sarif" => RevealFormat.Json,
        ".html" or ".htm" => RevealFormat.Html,
        ".csv" => RevealFormat.Csv,
        ".md" or ".markdown" => RevealFormat.Markdown,
        _ => path.EndsWith(".sarif.json", StringComparison.OrdinalIgnoreCase) ? RevealFormat.Json : RevealFormat.Text,
    };

    // The shapes pseudonyms have; anything else in a report is left alone. A registrable domain written as DC= parts
    // ("DC=example-….,DC=test") comes first, since its parts are not tokens of their own.
    [GeneratedRegex(
        @"(?<dc>example-[0-9a-f]{8,}(?<sep>\s*,\s*DC\s*=\s*)test\b)" +
        @"|(?<p>\b(srv|tenant|example|name|org|site|user|text)-[0-9a-f]{8,}(\.test\b)?)" +
        @"|(?<guid>\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)" +
        @"|(?<hex>\b[0-9a-f]{16,}\b)" +
        @"|(?<ip>(?<![\w.])\d{1,3}(\.\d{1,3}){3}(?![\w.]))" +
        @"|(?<ip6>(?<![\w:])[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}(?![\w:]))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Shapes();

    public string Reveal(string text, RevealFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (format == RevealFormat.Csv)
        {
            return RevealCsv(text);
        }

        return Shapes().Replace(text, m => Lookup(m) is { } real ? Escape(real, format) : m.Value);
    }

    private string? Lookup(Match m)
    {
        if (m.Groups["dc"].Success)
        {
            var label = m.Value[..(m.Groups["sep"].Index - m.Index)];
            return Find(label + ".test") is { } domain ? string.Join(m.Groups["sep"].Value, domain.Split('.')) : null;
        }

        return Find(m.Value);
    }

    private string? Find(string token) => exact.TryGetValue(token, out var real) ? real : folded.TryGetValue(token, out real) ? real : null;

    private static string Escape(string real, RevealFormat format) => format switch
    {
        RevealFormat.Json => JsonConvert.ToString(real)[1..^1],
        RevealFormat.Html => System.Net.WebUtility.HtmlEncode(real),
        RevealFormat.Markdown => real.Replace("|", "\\|", StringComparison.Ordinal),
        _ => real,
    };

    /// <summary>A CSV report: each field revealed on its own, then quoted again as it needs.</summary>
    private string RevealCsv(string text)
    {
        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                // A quoted field: unescape, reveal, escape.
                int j = i + 1;
                var field = new StringBuilder();
                while (j < text.Length)
                {
                    if (text[j] == '"' && j + 1 < text.Length && text[j + 1] == '"')
                    {
                        field.Append('"');
                        j += 2;
                    }
                    else if (text[j] == '"')
                    {
                        break;
                    }
                    else
                    {
                        field.Append(text[j++]);
                    }
                }

                sb.Append('"').Append(Reveal(field.ToString(), RevealFormat.Text).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                i = Math.Min(j + 1, text.Length);
                continue;
            }

            int end = i;
            while (end < text.Length && text[end] is not (',' or '\n' or '\r' or '"'))
            {
                end++;
            }

            var plain = text[i..end];
            var revealed = Reveal(plain, RevealFormat.Text);
            sb.Append(revealed != plain && revealed.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + revealed.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : revealed);
            if (end < text.Length && text[end] != '"')
            {
                sb.Append(text[end]);
                end++;
            }

            i = end;
        }

        return sb.ToString();
    }
}
