using Extls.Model;
using Extls.Rules;
using Extls.Selection;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting;

/// <summary>The findings JSON of product.md, validated by schemas/findings.schema.json.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Json;

    public string Render(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var snapshot = result.Snapshot;
        var root = new JObject
        {
            ["tool"] = new JObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
            ["asOf"] = Fmt.Date(result.AsOf),
            ["snapshot"] = new JObject
            {
                ["collectedAt"] = snapshot.CollectedAt is { } c ? Fmt.Date(c) : JValue.CreateNull(),
                ["organization"] = Json.Nullable(snapshot.Organization),
                ["sources"] = Json.Strings(snapshot.Sources.IsDefault ? [] : snapshot.Sources),
            },
            ["findings"] = Json.Array(result.Findings, Finding),
            ["selections"] = Json.Array(result.Selections, Selection),
            ["problems"] = Json.Array(result.Problems.IsDefault ? [] : result.Problems, Problem),
            ["expiredSuppressions"] = Json.Array(result.ExpiredSuppressions.IsDefault ? [] : result.ExpiredSuppressions, ExpiredSuppression),
            ["summary"] = new JObject
            {
                ["error"] = result.Summary.Error,
                ["warning"] = result.Summary.Warning,
                ["note"] = result.Summary.Note,
                ["suppressed"] = result.Summary.Suppressed,
            },
        };
        return Json.Serialize(root);
    }

    // The configuration file's location is left out: it is a path on the machine that ran the analysis.
    internal static JObject ExpiredSuppression(Rules.Configuration.ExpiredSuppression e) => new()
    {
        ["ruleId"] = e.Suppression.RuleId,
        ["target"] = e.Suppression.Target,
        ["justification"] = e.Suppression.Justification,
        ["expires"] = Fmt.Date(e.Suppression.Expires!.Value),
        ["matchingFindings"] = e.MatchingFindings,
    };

    internal static JObject Finding(Finding f)
    {
        var o = new JObject
        {
            ["ruleId"] = f.RuleId,
            ["name"] = f.Name,
            ["severity"] = Fmt.SeverityName(f.Severity),
            ["message"] = f.Message,
            ["server"] = Json.Nullable(f.Server),
            ["target"] = new JObject { ["kind"] = f.Target.Kind.ToId(), ["id"] = f.Target.Id },
        };

        // The contract: eventId is present only when the finding predicts an event.
        if (f.EventId is { } eventId)
        {
            o["eventId"] = eventId;
        }

        o["impacts"] = Json.Array(f.Impacts.IsDefault ? [] : f.Impacts, Impact);
        o["assumptions"] = Json.Strings(f.Assumptions.IsDefault ? [] : f.Assumptions);
        o["remediation"] = f.Remediation;
        o["fingerprint"] = f.Fingerprint;
        o["location"] = f.Location is { } l ? Location(l) : JValue.CreateNull();
        o["suppression"] = f.Suppression is { } s
            ? new JObject
            {
                ["kind"] = s.Kind,
                ["justification"] = s.Justification,
                ["expires"] = s.Expires is { } e ? Fmt.Date(e) : JValue.CreateNull(),
            }
            : JValue.CreateNull();
        return o;
    }

    internal static JObject Impact(Impact i) => new()
    {
        ["scenario"] = i.Scenario.ToId(),
        ["server"] = i.Server,
        ["connector"] = Json.Nullable(i.Connector),
    };

    internal static JObject Selection(SelectionResult s) => new()
    {
        ["server"] = s.Server,
        ["connector"] = Json.Nullable(s.Connector),
        ["scenario"] = s.Scenario.ToId(),
        ["advertised"] = s.Advertised,
        ["certificate"] = Json.Nullable(s.Certificate),
        ["events"] = new JArray(s.Events.IsDefault ? [] : s.Events.Select(e => (JToken)e)),
        ["endedAtStep"] = s.EndedAtStep,
        ["outcome"] = Fmt.CamelCase(s.Outcome.ToString()),
        ["assumptions"] = Json.Strings((s.Assumptions.IsDefault ? [] : s.Assumptions).Select(a => a.ToId())),
        ["uncertain"] = s.Uncertain,
        ["unknowns"] = Json.Strings((s.Unknowns.IsDefault ? [] : s.Unknowns).Select(u => u.ToId())),
    };

    internal static JObject Location(SourceLocation l) => new()
    {
        ["file"] = l.File,
        ["line"] = l.Line,
        ["jsonPath"] = l.JsonPath,
    };

    internal static JObject Problem(ImportProblem p) => new()
    {
        ["file"] = p.File,
        ["line"] = p.Line,
        ["jsonPath"] = p.JsonPath,
        ["message"] = p.Message,
    };
}
