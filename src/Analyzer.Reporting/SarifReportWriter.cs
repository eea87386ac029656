using Extls.Rules;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting;

/// <summary>SARIF 2.1.0, for code-scanning dashboards: every rule of the catalogue, and one result per finding.</summary>
/// <param name="documentationBase">
/// Absolute URI under which rules/&lt;ID&gt;.md is published. SARIF requires helpUri to be absolute, so
/// without a base the relative page path goes into the rule's properties (helpPath) and helpUri is left out.
/// </param>
/// <param name="helpPages">The markdown of each rule's page by rule id; the descriptor's help text when absent.</param>
public sealed class SarifReportWriter(string culture = "en", Uri? documentationBase = null, IReadOnlyDictionary<string, string>? helpPages = null) : IReportWriter
{
    public const string FingerprintKey = "extls/v1";

    public ReportFormat Format => ReportFormat.Sarif;

    public string Render(AnalysisResult result) => TextOf.Write(w => Write(result, w));

    /// <summary>
    /// Streams the log: the skeleton is written token by token and each rule and result as its own small
    /// tree, so memory holds one result at a time, never the whole log or its text.
    /// </summary>
    public void Write(AnalysisResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);

        // Every rule, not only those that fired, so dashboards can show the whole catalogue; ordered by id
        // so ruleIndex is stable whatever order the catalogue was loaded in.
        var rules = result.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        using (var w = Json.Writer(output))
        {
            w.WriteStartObject();
            Json.Property(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            Json.Property(w, "version", "2.1.0");
            w.WritePropertyName("runs");
            w.WriteStartArray();
            w.WriteStartObject();

            w.WritePropertyName("tool");
            w.WriteStartObject();
            w.WritePropertyName("driver");
            w.WriteStartObject();
            Json.Property(w, "name", ToolInfo.Name);
            Json.Property(w, "version", ToolInfo.Version);
            Json.Property(w, "semanticVersion", ToolInfo.Version);
            w.WritePropertyName("rules");
            w.WriteStartArray();
            foreach (var rule in rules)
            {
                Rule(rule).WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WritePropertyName("results");
            w.WriteStartArray();
            // Joined dumps lie side by side: a file is named from the folder that holds them, so that the same
            // path in two dumps (servers/EDGE01/… in the organisation's and in the Edge's) stays two artifacts.
            var joined = !result.Snapshot.Sources.IsDefault && result.Snapshot.Sources.Length > 1;
            foreach (var f in result.Findings.IsDefault ? [] : result.Findings)
            {
                Result(f, index, joined).WriteTo(w);
            }

            w.WriteEndArray();
            Json.Property(w, "columnKind", "unicodeCodePoints");
            w.WritePropertyName("properties");
            w.WriteStartObject();
            Json.Property(w, "asOf", Fmt.Date(result.AsOf));
            Json.Property(w, "organization", result.Snapshot.Organization);
            Json.Property(w, "collectedAt", result.Snapshot.CollectedAt is { } c ? Fmt.Date(c) : null);
            w.WriteEndObject();

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.Write('\n');
    }

    private JObject Rule(RuleDescriptor r)
    {
        var help = r.Help.For(culture);
        var properties = new JObject { ["category"] = r.Category, ["helpPath"] = r.HelpPath };
        if (r.EventId is { } e)
        {
            properties["eventId"] = e;
        }

        if (!r.Assumptions.IsDefaultOrEmpty)
        {
            properties["assumptions"] = Json.Strings(r.Assumptions);
        }

        var rule = new JObject
        {
            ["id"] = r.Id,
            ["name"] = r.Name,
            ["shortDescription"] = new JObject { ["text"] = r.Title.For(culture) },
            ["fullDescription"] = new JObject { ["text"] = help },
            ["help"] = new JObject { ["text"] = help, ["markdown"] = helpPages?.GetValueOrDefault(r.Id) ?? help },
        };
        if (documentationBase is not null)
        {
            rule["helpUri"] = new Uri(documentationBase, r.HelpPath).AbsoluteUri;
        }

        rule["defaultConfiguration"] = new JObject { ["level"] = Level(r.DefaultSeverity) };
        rule["properties"] = properties;
        return rule;
    }

    private static JObject Result(Finding f, Dictionary<string, int> index, bool joined)
    {
        var location = new JObject();
        if (f.Location is { } l)
        {
            var physical = new JObject { ["artifactLocation"] = new JObject { ["uri"] = Uri(joined ? l.DumpFile : l.File) } };
            if (l.Line > 0)
            {
                physical["region"] = new JObject { ["startLine"] = l.Line };
            }

            location["physicalLocation"] = physical;
        }

        location["logicalLocations"] = new JArray(new JObject
        {
            ["fullyQualifiedName"] = LogicalName(f),
            ["kind"] = f.Target.Kind.ToId(),
        });

        var o = new JObject { ["ruleId"] = f.RuleId };
        if (index.TryGetValue(f.RuleId, out var i))
        {
            o["ruleIndex"] = i;
        }

        o["level"] = Level(f.Severity);
        o["message"] = new JObject { ["text"] = f.Message };
        o["locations"] = new JArray(location);
        o["partialFingerprints"] = new JObject { [FingerprintKey] = f.Fingerprint };
        if (f.Suppression is { } s)
        {
            var suppression = new JObject
            {
                ["kind"] = "external",
                ["justification"] = s.Justification,
            };
            if (s.Expires is { } expires)
            {
                suppression["properties"] = new JObject { ["expires"] = Fmt.Date(expires), ["source"] = s.Kind };
            }
            else
            {
                suppression["properties"] = new JObject { ["source"] = s.Kind };
            }

            o["suppressions"] = new JArray(suppression);
        }

        var properties = new JObject();
        if (f.EventId is { } e)
        {
            properties["eventId"] = e;
        }

        properties["target"] = new JObject { ["kind"] = f.Target.Kind.ToId(), ["id"] = f.Target.Id };
        if (!f.Impacts.IsDefaultOrEmpty)
        {
            properties["impacts"] = Json.Array(f.Impacts, JsonReportWriter.Impact);
        }

        if (!f.Assumptions.IsDefaultOrEmpty)
        {
            properties["assumptions"] = Json.Strings(f.Assumptions);
        }

        properties["remediation"] = f.Remediation;
        o["properties"] = properties;
        return o;
    }

    /// <summary>"server/connector" for a connector, the target id otherwise.</summary>
    internal static string LogicalName(Finding f)
    {
        if (f.Server is null || string.Equals(f.Server, f.Target.Id, StringComparison.OrdinalIgnoreCase))
        {
            return f.Target.Id;
        }

        // Receive connector identities are "SERVER\Name"; keep only the name after the server.
        var id = f.Target.Id;
        var prefix = f.Server + "\\";
        if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            id = id[prefix.Length..];
        }

        return $"{f.Server}/{id}";
    }

    // SARIF's level names are the severity names extls writes everywhere else.
    private static string Level(Severity severity) => Fmt.SeverityName(severity);

    /// <summary>A relative URI reference for a dump file, each segment escaped (names may hold spaces).</summary>
    internal static string Uri(string file) =>
        string.Join('/', file.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));
}
