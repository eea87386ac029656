using Extls.Rules;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting;

/// <summary>
/// SARIF 2.1.0 as code scanning ingests it (no error or warning from the SARIF Multitool with its GitHub rules):
/// the tool with its home page, every rule of the catalogue with its page (helpUri), one result per finding
/// with fingerprints that do not depend on lines, the baseline state of each result when a baseline was given,
/// and the invocation with its exit code and the input problems.
/// </summary>
/// <param name="settings">The culture of rule titles and help, and <see cref="RenderSettings.HelpUriBase"/> for helpUri.</param>
/// <param name="helpPages">The markdown of each rule's page by rule id; the descriptor's help text when absent.</param>
public sealed class SarifReportWriter(RenderSettings settings, IReadOnlyDictionary<string, string>? helpPages = null) : IReportWriter
{
    /// <summary>extls's own fingerprint: rule and target (<see cref="Finding.Fingerprint"/>), stable across lines, wording and culture.</summary>
    public const string FingerprintKey = "extls/v1";

    /// <summary>
    /// The one fingerprint GitHub code scanning matches alerts by. Given, it is not computed from the file's
    /// lines, so an alert keeps its identity when the dump's lines move.
    /// </summary>
    public const string LineHashKey = "primaryLocationLineHash";

    private readonly string culture = settings.Culture;

    public SarifReportWriter(string culture = "en", IReadOnlyDictionary<string, string>? helpPages = null)
        : this(RenderSettings.Plain with { Culture = culture }, helpPages)
    {
    }

    /// <summary>With a baseline, whether the baseline's findings this run no longer has are results with baselineState "absent".</summary>
    public bool IncludeAbsent { get; init; } = true;

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
            Json.Property(w, "informationUri", ToolInfo.InformationUri.AbsoluteUri);
            w.WritePropertyName("rules");
            w.WriteStartArray();
            foreach (var rule in rules)
            {
                Rule(rule).WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            if (result.Outcome is { } outcome)
            {
                w.WritePropertyName("invocations");
                new JArray(Invocation(result, outcome)).WriteTo(w);
            }

            w.WritePropertyName("results");
            w.WriteStartArray();
            // Joined dumps lie side by side: a file is named from the folder that holds them, so that the same
            // path in two dumps (servers/EDGE01/… in the organisation's and in the Edge's) stays two artifacts.
            var joined = !result.Snapshot.Sources.IsDefault && result.Snapshot.Sources.Length > 1;
            foreach (var f in result.Findings.IsDefault ? [] : result.Findings)
            {
                Result(f, index, joined, result.Evidence).WriteTo(w);
            }

            if (IncludeAbsent)
            {
                foreach (var f in result.Baseline?.Absent ?? [])
                {
                    Result(f, index, joined, Extls.Evidence.EvidenceReport.None).WriteTo(w);
                }
            }

            w.WriteEndArray();
            Json.Property(w, "columnKind", "unicodeCodePoints");
            w.WritePropertyName("properties");
            w.WriteStartObject();
            Json.Property(w, "asOf", Fmt.Date(result.AsOf));
            Json.Property(w, "organization", result.Snapshot.Organization);
            Json.Property(w, "collectedAt", result.Snapshot.CollectedAt is { } c ? Fmt.Date(c) : null);
            // A log of the sample says so in itself, not only on the console that produced it.
            Json.Property(w, "builtInSample", result.BuiltInSample);
            if (result.Baseline is { } baseline)
            {
                Json.Property(w, "baseline", baseline.Source);
            }

            EvidenceWriting.RunSummary(w, result.Evidence);
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
        rule["helpUri"] = RulePages.For(settings.HelpUriBase, r.Id).AbsoluteUri;
        rule["defaultConfiguration"] = new JObject { ["level"] = Level(r.DefaultSeverity) };
        rule["properties"] = properties;
        return rule;
    }

    /// <summary>
    /// How the run ended: its exit code, whether it ran over all it was given, and each input problem as an
    /// error notification with its file and line.
    /// </summary>
    private static JObject Invocation(AnalysisResult result, RunOutcome outcome)
    {
        var invocation = new JObject
        {
            ["executionSuccessful"] = outcome.ExecutionSuccessful,
            ["exitCode"] = outcome.ExitCode,
        };
        if (!result.Problems.IsDefaultOrEmpty)
        {
            invocation["toolExecutionNotifications"] = Json.Array(result.Problems, p => new JObject
            {
                ["level"] = "error",
                ["descriptor"] = new JObject { ["id"] = p.Code },
                ["message"] = new JObject { ["text"] = ProblemWording.English(p) },
                ["locations"] = new JArray(new JObject { ["physicalLocation"] = Physical(p.File, p.Line) }),
                ["properties"] = new JObject { ["jsonPath"] = p.JsonPath, ["code"] = p.Code },
            });
        }

        return invocation;
    }

    /// <summary>
    /// A file and line. A finding about a whole file (line 0: a section the dump lacks, a value only the manifest
    /// records) starts at line 1, where a reader of the file starts: consumers need a region, and GitHub a line.
    /// </summary>
    private static JObject Physical(string file, int line) => new()
    {
        ["artifactLocation"] = new JObject { ["uri"] = Uri(file) },
        ["region"] = new JObject { ["startLine"] = Math.Max(1, line) },
    };

    private static JObject Result(Finding f, Dictionary<string, int> index, bool joined, Extls.Evidence.EvidenceReport evidence)
    {
        var location = new JObject();
        if (f.Location is { } l)
        {
            location["physicalLocation"] = Physical(joined ? l.DumpFile : l.File, l.Line);
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
        o["partialFingerprints"] = new JObject { [FingerprintKey] = f.Fingerprint, [LineHashKey] = f.Fingerprint + ":1" };
        if (f.BaselineState is { } state)
        {
            o["baselineState"] = state.ToId();
        }

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

        properties["server"] = Json.Nullable(f.Server);
        properties["target"] = new JObject { ["kind"] = f.Target.Kind.ToId(), ["id"] = f.Target.Id };
        if (f.Location is { } at)
        {
            properties["jsonPath"] = at.JsonPath;
        }

        if (!f.Impacts.IsDefaultOrEmpty)
        {
            properties["impacts"] = Json.Array(f.Impacts, JsonReportWriter.Impact);
        }

        if (!f.Assumptions.IsDefaultOrEmpty)
        {
            properties["assumptions"] = Json.Strings(f.Assumptions);
        }

        properties["remediation"] = f.Remediation;
        if (EvidenceWriting.OfImpacts(f, evidence) is { Count: > 0 } verdicts)
        {
            properties["evidence"] = verdicts;
        }

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
