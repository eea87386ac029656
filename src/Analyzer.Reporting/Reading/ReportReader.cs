using System.Collections.Immutable;
using Extls.Model;
using Extls.Rules;
using Extls.Selection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting.Reading;

/// <summary>What a file handed to <c>--baseline</c> or <c>extls diff</c> holds.</summary>
public enum ReportFileKind
{
    /// <summary>Not an extls report: a dump, a snapshot, or something else.</summary>
    None,

    /// <summary>The findings JSON of <c>extls analyze --format json</c> (schemas/findings.schema.json).</summary>
    Json,

    /// <summary>SARIF 2.1.0 written by extls.</summary>
    Sarif,
}

/// <summary>An earlier report read back, or the problems that stopped it (file, line, JSON path).</summary>
/// <param name="Result">The analysis it records; for SARIF without selections. Null when nothing could be read.</param>
public sealed record ReportReadResult(AnalysisResult? Result, ImmutableArray<ImportProblem> Problems);

/// <summary>
/// Reads what <see cref="JsonReportWriter"/> and <see cref="SarifReportWriter"/> wrote back into an
/// <see cref="AnalysisResult"/>, so an earlier run can be a baseline or one side of a diff. Findings keep
/// the fingerprint the file holds: it is never recomputed, so the comparison is the one the earlier run
/// meant. A malformed finding is a problem naming its line and JSON path; the others are still read.
/// </summary>
public static class ReportReader
{
    private static readonly JsonLoadSettings LoadSettings = new() { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error };

    /// <summary>Which kind of extls report the file is, from its content; <see cref="ReportFileKind.None"/> for anything else, including unreadable files.</summary>
    public static ReportFileKind Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return ReportFileKind.None;
        }

        try
        {
            using var reader = new JsonTextReader(File.OpenText(path)) { DateParseHandling = DateParseHandling.None };
            // Only the start of the file is read: a report announces itself in its first properties.
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                return ReportFileKind.None;
            }

            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                if (!reader.Read())
                {
                    break;
                }

                switch (name)
                {
                    case "$schema" when reader.Value is string s && s.Contains("sarif", StringComparison.OrdinalIgnoreCase):
                    case "runs" when reader.TokenType == JsonToken.StartArray:
                        return ReportFileKind.Sarif;
                    case "tool" when reader.TokenType == JsonToken.StartObject:
                        return ReportFileKind.Json;
                    case "format":
                        return ReportFileKind.None;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return ReportFileKind.None;
        }

        return ReportFileKind.None;
    }

    /// <summary>Reads a findings JSON or an extls SARIF file.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="display">How problems name the file (as the user typed it).</param>
    /// <param name="rules">The catalogue, for the titles and categories the files do not carry.</param>
    public static ReportReadResult Read(string path, string display, IReadOnlyList<RuleDescriptor> rules)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(rules);
        JObject root;
        try
        {
            using var reader = new JsonTextReader(File.OpenText(path)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            root = JObject.Load(reader, LoadSettings);
        }
        catch (JsonReaderException e)
        {
            return Failed(new ImportProblem(display, e.LineNumber, "$" + (string.IsNullOrEmpty(e.Path) ? "" : "." + e.Path), ProblemKind.ReportNotJson, new() { Detail = FirstSentence(e.Message) }));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return Failed(new ImportProblem(display, 0, "$", ProblemKind.CannotRead, new() { Detail = e.Message }));
        }

        var file = new FileReader(display, rules);
        AnalysisResult? result = root["runs"] is not null ? file.Sarif(root) : file.Json(root);
        return new ReportReadResult(result, [.. file.Problems]);
    }

    private static ReportReadResult Failed(ImportProblem problem) => new(null, [problem]);

    // Json.NET appends "Path '…', line n, position m." to its messages; the problem names those itself.
    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path '", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }

    /// <summary>
    /// The target kind EXTLS5001 had when it reported one finding per server pair, before its mail-flow targets.
    /// A report from then still reads, as its successor: its fingerprints match no finding now, so a baseline
    /// shows those findings absent and the new ones new, which is what changed.
    /// </summary>
    private const string LegacyServerPair = "serverPair";

    private sealed class FileReader(string display, IReadOnlyList<RuleDescriptor> rules)
    {
        private readonly Dictionary<string, RuleDescriptor> byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);

        public List<ImportProblem> Problems { get; } = [];

        public AnalysisResult? Json(JObject root)
        {
            if (root["tool"] is not JObject tool || (string?)tool["name"] != ToolInfo.Name || root["findings"] is not JArray findings)
            {
                Problem(root, ProblemKind.NotAFindingsReport);
                return null;
            }

            var snapshot = root["snapshot"] as JObject;
            var read = findings.OfType<JToken>().Select(JsonFinding).OfType<Finding>().ToImmutableArray();
            var selections = (root["selections"] as JArray ?? []).Select(Selection).OfType<SelectionResult>().ToImmutableArray();
            return Result(
                Date(root["asOf"], required: true),
                snapshot is null ? null : Date(snapshot["collectedAt"], required: false),
                snapshot?["organization"]?.Type == JTokenType.String ? (string?)snapshot["organization"] : null,
                Strings(snapshot?["sources"]),
                read,
                selections,
                (bool?)(snapshot?["builtInSample"] as JValue)?.Value is true);
        }

        public AnalysisResult? Sarif(JObject root)
        {
            if (root["runs"] is not JArray { Count: > 0 } runs || runs[0] is not JObject run)
            {
                Problem(root, ProblemKind.SarifWithoutRun);
                return null;
            }

            if ((string?)run["tool"]?["driver"]?["name"] != ToolInfo.Name)
            {
                Problem(run["tool"] ?? run, ProblemKind.SarifNotExtls);
                return null;
            }

            if (runs.Count > 1)
            {
                Problem(runs[1], ProblemKind.SarifSeveralRuns);
            }

            var levels = (run["tool"]?["driver"]?["rules"] as JArray ?? [])
                .OfType<JObject>()
                .Where(r => r["id"]?.Type == JTokenType.String)
                .GroupBy(r => (string)r["id"]!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (string?)g.First()["defaultConfiguration"]?["level"], StringComparer.Ordinal);
            var properties = run["properties"] as JObject;
            var results = (run["results"] as JArray ?? [])
                // An absent result records what the earlier run's own baseline had; it was not found by that run.
                .Where(r => (string?)r["baselineState"] != "absent")
                .Select(r => SarifFinding(r, levels))
                .OfType<Finding>()
                .ToImmutableArray();
            return Result(
                properties?["asOf"] is { } asOf ? Date(asOf, required: false) : null,
                properties?["collectedAt"] is { } collected ? Date(collected, required: false) : null,
                properties?["organization"]?.Type == JTokenType.String ? (string?)properties["organization"] : null,
                [],
                results,
                [],
                (bool?)(properties?["builtInSample"] as JValue)?.Value is true);
        }

        private AnalysisResult Result(
            DateTimeOffset? asOf, DateTimeOffset? collectedAt, string? organization, ImmutableArray<string> sources,
            ImmutableArray<Finding> findings, ImmutableArray<SelectionResult> selections, bool sample)
        {
            var active = findings.Where(f => f.Suppression is null).ToArray();
            return new AnalysisResult
            {
                Snapshot = new OrganizationSnapshot
                {
                    CollectedAt = collectedAt,
                    Organization = organization,
                    Sources = sources,
                    // A report keeps findings and replays, not the organisation: its sections are unknown.
                    SendConnectors = Section<SendConnector>.Missing(SectionState.Absent, null, null),
                    EdgeSubscriptions = Section<EdgeSubscription>.Missing(SectionState.Absent, null, null),
                },
                AsOf = asOf ?? collectedAt ?? DateTimeOffset.UnixEpoch,
                // The report does not record the window; it is not used once findings exist.
                WarningDays = AnalysisOptions.DefaultWarningDays,
                Findings = findings,
                Selections = [.. selections.Order(SelectionOrder.Instance)],
                Summary = new FindingSummary(
                    active.Count(f => f.Severity == Severity.Error),
                    active.Count(f => f.Severity == Severity.Warning),
                    active.Count(f => f.Severity == Severity.Note),
                    findings.Length - active.Length),
                Rules = rules,
                BuiltInSample = sample,
            };
        }

        private Finding? JsonFinding(JToken token)
        {
            if (token is not JObject o)
            {
                Problem(token, ProblemKind.ReportEntryNotObject, new() { Entry = EntryKind.Finding });
                return null;
            }

            var ruleId = RuleId(o["ruleId"], o);
            var severity = SeverityOf(o["severity"], o, "severity");
            var target = Target(o["target"], o);
            var fingerprint = Text(o["fingerprint"], o, "fingerprint");
            if (ruleId is null || severity is null || target is null || fingerprint is null)
            {
                return null;
            }

            var descriptor = byId.GetValueOrDefault(ruleId);
            return new Finding
            {
                RuleId = ruleId,
                Name = OptionalText(o["name"]) ?? descriptor?.Name ?? ruleId,
                Severity = severity.Value,
                Title = descriptor?.Title.En ?? OptionalText(o["name"]) ?? ruleId,
                Message = OptionalText(o["message"]) ?? "",
                Server = OptionalText(o["server"]),
                Target = target,
                EventId = Int(o["eventId"]),
                Impacts = Impacts(o["impacts"]),
                Assumptions = Strings(o["assumptions"]),
                Remediation = OptionalText(o["remediation"]) ?? "",
                Fingerprint = fingerprint,
                Location = o["location"] is JObject l ? Location(OptionalText(l["file"]), Int(l["line"]) ?? 0, OptionalText(l["jsonPath"])) is { } read ? read with { Dump = OptionalText(l["dump"]) } : null : null,
                Suppression = o["suppression"] is JObject s ? Suppression(OptionalText(s["kind"]) ?? "external", OptionalText(s["justification"]), s["expires"]) : null,
                Category = descriptor?.Category ?? "",
            };
        }

        private Finding? SarifFinding(JToken token, Dictionary<string, string?> levels)
        {
            if (token is not JObject o)
            {
                Problem(token, ProblemKind.ReportEntryNotObject, new() { Entry = EntryKind.Result });
                return null;
            }

            var ruleId = RuleId(o["ruleId"], o);
            var properties = o["properties"] as JObject;
            var target = properties is null ? Missing<FindingTarget>(o, "properties.target") : Target(properties["target"], properties);
            var fingerprint = o["partialFingerprints"] is JObject fp ? Text(fp[SarifReportWriter.FingerprintKey], fp, SarifReportWriter.FingerprintKey) : Missing(o, $"partialFingerprints.{SarifReportWriter.FingerprintKey}");
            if (ruleId is null || target is null || fingerprint is null)
            {
                return null;
            }

            // SARIF's default level is the rule's, and the rule's default is "warning" (§3.27.10).
            var level = o["level"] ?? (levels.GetValueOrDefault(ruleId) is { } l ? new JValue(l) : new JValue("warning"));
            var severity = SeverityOf(level, o, "level");
            if (severity is null)
            {
                return null;
            }

            var descriptor = byId.GetValueOrDefault(ruleId);
            var physical = o["locations"]?[0]?["physicalLocation"] as JObject;
            var uri = OptionalText(physical?["artifactLocation"]?["uri"]);
            var suppression = o["suppressions"]?[0] as JObject;
            return new Finding
            {
                RuleId = ruleId,
                Name = descriptor?.Name ?? ruleId,
                Severity = severity.Value,
                Title = descriptor?.Title.En ?? ruleId,
                Message = OptionalText(o["message"]?["text"]) ?? "",
                Server = OptionalText(properties!["server"]),
                Target = target,
                EventId = Int(properties["eventId"]),
                Impacts = Impacts(properties["impacts"]),
                Assumptions = Strings(properties["assumptions"]),
                Remediation = OptionalText(properties["remediation"]) ?? "",
                Fingerprint = fingerprint,
                Location = uri is null ? null : Location(Uri.UnescapeDataString(uri), Int(physical?["region"]?["startLine"]) ?? 0, OptionalText(properties["jsonPath"])),
                Suppression = suppression is null ? null : Suppression(OptionalText(suppression["properties"]?["source"]) ?? OptionalText(suppression["kind"]) ?? "external", OptionalText(suppression["justification"]), suppression["properties"]?["expires"]),
                Category = descriptor?.Category ?? "",
            };
        }

        private SelectionResult? Selection(JToken token)
        {
            if (token is not JObject o)
            {
                Problem(token, ProblemKind.ReportEntryNotObject, new() { Entry = EntryKind.Selection });
                return null;
            }

            var server = Text(o["server"], o, "server");
            var scenarioText = Text(o["scenario"], o, "scenario");
            var outcomeText = Text(o["outcome"], o, "outcome");
            if (server is null || scenarioText is null || outcomeText is null)
            {
                return null;
            }

            if (!ScenarioNames.TryParse(scenarioText, out var scenario))
            {
                Problem(o["scenario"]!, ProblemKind.NotAScenario, new() { Value = scenarioText });
                return null;
            }

            var outcome = Enum.GetValues<SelectionOutcome>().Cast<SelectionOutcome?>().FirstOrDefault(v => Fmt.CamelCase(v!.Value.ToString()) == outcomeText);
            if (outcome is null)
            {
                Problem(o["outcome"]!, ProblemKind.NotAnOutcome, new() { Value = outcomeText });
                return null;
            }

            return new SelectionResult
            {
                Scenario = scenario,
                Server = server,
                Connector = OptionalText(o["connector"]),
                Advertised = o["advertised"]?.Type == JTokenType.Boolean && (bool)o["advertised"]!,
                Certificate = OptionalText(o["certificate"]),
                Events = [.. (o["events"] as JArray ?? []).Select(Int).OfType<int>()],
                EndedAtStep = Int(o["endedAtStep"]) ?? 0,
                Outcome = outcome.Value,
                Assumptions = [.. Strings(o["assumptions"]).Select(a => Assumptions.TryParse(a, out var x) ? x : (Assumption?)null).OfType<Assumption>()],
                // Properties a later version names are left out: a diff compares certificates, outcomes and events, not unknowns.
                Unknowns = [.. Strings(o["unknowns"]).Select(u => Enum.GetValues<ReplayProperty>().Cast<ReplayProperty?>().FirstOrDefault(p => p!.Value.ToId() == u)).OfType<ReplayProperty>()],
            };
        }

        private string? RuleId(JToken? token, JObject parent)
        {
            var id = Text(token, parent, "ruleId");
            if (id is not null && !id.StartsWith("EXTLS", StringComparison.Ordinal))
            {
                Problem(token!, ProblemKind.UnknownRuleId, new() { Value = id });
                return null;
            }

            return id;
        }

        private Severity? SeverityOf(JToken? token, JObject parent, string name)
        {
            var text = Text(token, parent, name);
            Severity? severity = text switch
            {
                "error" => Severity.Error,
                "warning" => Severity.Warning,
                "note" => Severity.Note,
                null => null,
                _ => null,
            };
            if (text is not null && severity is null)
            {
                Problem(token!, ProblemKind.ValueNotAllowed, new() { Name = name, Value = text, Names = ["error", "warning", "note"] });
            }

            return severity;
        }

        private FindingTarget? Target(JToken? token, JObject parent)
        {
            if (token is not JObject t)
            {
                return Missing<FindingTarget>(parent, "target");
            }

            var kindText = Text(t["kind"], t, "kind");
            var id = Text(t["id"], t, "id");
            if (kindText is null || id is null)
            {
                return null;
            }

            var kind = kindText == LegacyServerPair
                ? FindingTargetKind.MailFlow
                : Enum.GetValues<FindingTargetKind>().Cast<FindingTargetKind?>().FirstOrDefault(k => k!.Value.ToId() == kindText);
            if (kind is null)
            {
                Problem(t["kind"]!, ProblemKind.UnknownTargetKind, new() { Value = kindText, Names = [.. Enum.GetValues<FindingTargetKind>().Select(k => k.ToId())] });
                return null;
            }

            return new FindingTarget(kind.Value, id);
        }

        private static ImmutableArray<Impact> Impacts(JToken? token) =>
        [
            .. (token as JArray ?? []).OfType<JObject>().Select(i =>
                ScenarioNames.TryParse(OptionalText(i["scenario"]), out var s) && OptionalText(i["server"]) is { } server
                    ? new Impact(s, server, OptionalText(i["connector"]))
                    : null).OfType<Impact>(),
        ];

        private static SourceLocation? Location(string? file, int line, string? jsonPath) =>
            string.IsNullOrEmpty(file) ? null : new SourceLocation(file, Math.Max(0, line), string.IsNullOrEmpty(jsonPath) ? "$" : jsonPath);

        private SuppressionInfo? Suppression(string kind, string? justification, JToken? expires) =>
            new(kind, justification ?? "", expires is null || expires.Type == JTokenType.Null ? null : Date(expires, required: false));

        private DateTimeOffset? Date(JToken? token, bool required)
        {
            if (token is null || token.Type == JTokenType.Null)
            {
                if (required && token is null)
                {
                    // The caller's object is unknown here; the root is where a missing asOf belongs.
                    Problems.Add(new ImportProblem(display, 0, "$.asOf", ProblemKind.PropertyMissing, new() { Name = "asOf" }));
                }

                return null;
            }

            if (token.Type == JTokenType.String && IsoDate.TryParse((string)token!, out var value))
            {
                return value;
            }

            Problem(token, ProblemKind.NotADateTime, new() { Value = token.ToString() });
            return null;
        }

        private string? Text(JToken? token, JObject parent, string name)
        {
            if (token is null || token.Type == JTokenType.Null)
            {
                return Missing<string>(parent, name);
            }

            if (token.Type != JTokenType.String || ((string?)token)!.Length == 0)
            {
                Problem(token, ProblemKind.EmptyText, new() { Name = name });
                return null;
            }

            return (string)token!;
        }

        private static string? OptionalText(JToken? token) => token?.Type == JTokenType.String ? (string?)token : null;

        private static int? Int(JToken? token) => token?.Type == JTokenType.Integer ? (int?)(long)token : null;

        private static ImmutableArray<string> Strings(JToken? token) => [.. (token as JArray ?? []).Select(OptionalText).OfType<string>()];

        private T? Missing<T>(JObject parent, string name)
            where T : class
        {
            Problems.Add(new ImportProblem(display, LineOf(parent), PathOf(parent) + "." + name, ProblemKind.PropertyMissing, new() { Name = name }));
            return null;
        }

        private string? Missing(JObject parent, string name) => Missing<string>(parent, name);

        private void Problem(JToken token, ProblemKind kind, ProblemArguments? arguments = null) => Problems.Add(new ImportProblem(display, LineOf(token), PathOf(token), kind, arguments ?? ProblemArguments.None));

        private static int LineOf(JToken token) => token is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

        private static string PathOf(JToken token) => token.Path.Length == 0 ? "$" : "$." + token.Path;
    }
}
