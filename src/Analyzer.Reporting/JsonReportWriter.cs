using Extls.Model;
using Extls.Rules;
using Extls.Selection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting;

/// <summary>The findings JSON of product.md, validated by schemas/findings.schema.json.</summary>
/// <remarks>
/// Written token by token straight to the output: no tree of the whole report, no string of it. The
/// layout is <see cref="Json.Serialize"/>'s (two-space indent, LF, a final newline), byte for byte.
/// </remarks>
public sealed class JsonReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Json;

    public string Render(AnalysisResult result) => TextOf.Write(w => Write(result, w));

    public void Write(AnalysisResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var snapshot = result.Snapshot;
        using (var w = Json.Writer(output))
        {
            w.WriteStartObject();
            Json.Tool(w);
            Json.Property(w, "asOf", Fmt.Date(result.AsOf));
            w.WritePropertyName("snapshot");
            w.WriteStartObject();
            Json.Property(w, "collectedAt", snapshot.CollectedAt is { } c ? Fmt.Date(c) : null);
            Json.Property(w, "organization", snapshot.Organization);
            Json.Strings(w, "sources", snapshot.Sources.IsDefault ? [] : snapshot.Sources);
            Json.Property(w, "builtInSample", result.BuiltInSample);
            w.WriteEndObject();

            w.WritePropertyName("findings");
            w.WriteStartArray();
            foreach (var f in result.Findings.IsDefault ? [] : result.Findings)
            {
                Finding(w, f);
            }

            w.WriteEndArray();

            w.WritePropertyName("selections");
            w.WriteStartArray();
            foreach (var s in result.Selections.IsDefault ? [] : result.Selections)
            {
                Selection(w, s, result.Evidence.For(s), withEvidence: true);
            }

            w.WriteEndArray();

            w.WritePropertyName("problems");
            w.WriteStartArray();
            foreach (var p in result.Problems.IsDefault ? [] : result.Problems)
            {
                Problem(w, p);
            }

            w.WriteEndArray();

            w.WritePropertyName("expiredSuppressions");
            w.WriteStartArray();
            foreach (var e in result.ExpiredSuppressions.IsDefault ? [] : result.ExpiredSuppressions)
            {
                ExpiredSuppression(w, e);
            }

            w.WriteEndArray();

            // Present only with --baseline, as each finding's baselineState is.
            if (result.Baseline is { } baseline)
            {
                w.WritePropertyName("baseline");
                w.WriteStartObject();
                Json.Property(w, "source", baseline.Source);
                w.WritePropertyName("summary");
                w.WriteStartObject();
                Json.Property(w, "new", baseline.New);
                Json.Property(w, "unchanged", baseline.Unchanged);
                Json.Property(w, "absent", baseline.Absent.Length);
                w.WriteEndObject();
                w.WritePropertyName("absent");
                w.WriteStartArray();
                foreach (var f in baseline.Absent)
                {
                    Finding(w, f);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WritePropertyName("summary");
            w.WriteStartObject();
            Json.Property(w, "error", result.Summary.Error);
            Json.Property(w, "warning", result.Summary.Warning);
            Json.Property(w, "note", result.Summary.Note);
            Json.Property(w, "suppressed", result.Summary.Suppressed);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        output.Write('\n');
    }

    // The configuration file's location is left out: it is a path on the machine that ran the analysis.
    private static void ExpiredSuppression(JsonWriter w, Rules.Configuration.ExpiredSuppression e)
    {
        w.WriteStartObject();
        Json.Property(w, "ruleId", e.Suppression.RuleId);
        Json.Property(w, "target", e.Suppression.Target);
        Json.Property(w, "justification", e.Suppression.Justification);
        Json.Property(w, "expires", Fmt.Date(e.Suppression.Expires!.Value));
        Json.Property(w, "matchingFindings", e.MatchingFindings);
        w.WriteEndObject();
    }

    /// <summary>One finding in the contract's shape; the diff JSON writes its findings with it too.</summary>
    internal static void Finding(JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        Json.Property(w, "ruleId", f.RuleId);
        Json.Property(w, "name", f.Name);
        Json.Property(w, "severity", Fmt.SeverityName(f.Severity));
        Json.Property(w, "message", f.Message);
        Json.Property(w, "server", f.Server);
        w.WritePropertyName("target");
        w.WriteStartObject();
        Json.Property(w, "kind", f.Target.Kind.ToId());
        Json.Property(w, "id", f.Target.Id);
        w.WriteEndObject();

        // The contract: eventId is present only when the finding predicts an event.
        if (f.EventId is { } eventId)
        {
            Json.Property(w, "eventId", eventId);
        }

        w.WritePropertyName("impacts");
        w.WriteStartArray();
        foreach (var i in f.Impacts.IsDefault ? [] : f.Impacts)
        {
            Impact(w, i);
        }

        w.WriteEndArray();
        Json.Strings(w, "assumptions", f.Assumptions.IsDefault ? [] : f.Assumptions);
        Json.Property(w, "remediation", f.Remediation);
        Json.Property(w, "remediationVerified", f.RemediationVerified);
        Json.Property(w, "fingerprint", f.Fingerprint);
        w.WritePropertyName("location");
        if (f.Location is { } l)
        {
            Location(w, l);
        }
        else
        {
            w.WriteNull();
        }

        w.WritePropertyName("suppression");
        if (f.Suppression is { } s)
        {
            w.WriteStartObject();
            Json.Property(w, "kind", s.Kind);
            Json.Property(w, "justification", s.Justification);
            Json.Property(w, "expires", s.Expires is { } e ? Fmt.Date(e) : null);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull();
        }

        if (f.BaselineState is { } state)
        {
            Json.Property(w, "baselineState", state.ToId());
        }

        w.WriteEndObject();
    }

    private static void Impact(JsonWriter w, Impact i)
    {
        w.WriteStartObject();
        Json.Property(w, "scenario", i.Scenario.ToId());
        Json.Property(w, "server", i.Server);
        Json.Property(w, "connector", i.Connector);
        w.WriteEndObject();
    }

    /// <summary>An impact as a small tree, for the SARIF writer's per-result objects.</summary>
    internal static JObject Impact(Impact i) => new()
    {
        ["scenario"] = i.Scenario.ToId(),
        ["server"] = i.Server,
        ["connector"] = Json.Nullable(i.Connector),
    };

    /// <summary>One replay in the contract's shape; the diff JSON writes the replays before and after with it too.</summary>
    internal static void Selection(JsonWriter w, SelectionResult s) => Selection(w, s, null, withEvidence: false);

    /// <param name="withEvidence">Whether to write the "evidence" member (null when no log was read).</param>
    internal static void Selection(JsonWriter w, SelectionResult s, Evidence.SelectionEvidence? evidence, bool withEvidence)
    {
        w.WriteStartObject();
        Json.Property(w, "server", s.Server);
        Json.Property(w, "connector", s.Connector);
        Json.Property(w, "scenario", s.Scenario.ToId());
        Json.Property(w, "advertised", s.Advertised);
        Json.Property(w, "certificate", s.Certificate);
        w.WritePropertyName("events");
        w.WriteStartArray();
        foreach (var e in s.Events.IsDefault ? [] : s.Events)
        {
            w.WriteValue(e);
        }

        w.WriteEndArray();
        Json.Property(w, "endedAtStep", s.EndedAtStep);
        Json.Property(w, "outcome", OutcomeId(s.Outcome));
        Json.Strings(w, "assumptions", (s.Assumptions.IsDefault ? [] : s.Assumptions).Select(a => a.ToId()));
        Json.Property(w, "uncertain", s.Uncertain);
        Json.Strings(w, "unknowns", (s.Unknowns.IsDefault ? [] : s.Unknowns).Select(u => u.ToId()));
        if (withEvidence)
        {
            w.WritePropertyName("evidence");
            Evidence(w, evidence);
        }

        w.WriteEndObject();
    }

    // Each outcome's name in camel case, made once: a report names an outcome for every selection (8,000 at 1,000 servers).
    private static readonly string[] OutcomeIds = OutcomeNames();

    private static string[] OutcomeNames()
    {
        var outcomes = Enum.GetValues<SelectionOutcome>();
        var ids = new string[outcomes.Max(o => (int)o) + 1];
        foreach (var o in outcomes)
        {
            ids[(int)o] = Fmt.CamelCase(o.ToString());
        }

        return ids;
    }

    private static string OutcomeId(SelectionOutcome outcome) =>
        (uint)outcome < (uint)OutcomeIds.Length && OutcomeIds[(int)outcome] is { } id ? id : Fmt.CamelCase(outcome.ToString());

    /// <summary>What the servers' logs say about the selection: the verdict, its reason, and what it rests on.</summary>
    private static void Evidence(JsonWriter w, Evidence.SelectionEvidence? e)
    {
        if (e is null)
        {
            w.WriteNull();
            return;
        }

        w.WriteStartObject();
        Json.Property(w, "verdict", Extls.Evidence.EvidenceReasons.ToId(e.Verdict));
        Json.Property(w, "reason", Extls.Evidence.EvidenceReasons.ToId(e.Reason));
        w.WritePropertyName("observedCertificates");
        w.WriteStartArray();
        foreach (var c in e.ObservedCertificates)
        {
            w.WriteStartObject();
            Json.Property(w, "thumbprint", c.Thumbprint);
            Json.Property(w, "sessions", c.Sessions);
            Json.Property(w, "firstSeen", Fmt.Date(c.FirstSeen));
            Json.Property(w, "lastSeen", Fmt.Date(c.LastSeen));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("failures");
        w.WriteStartArray();
        foreach (var f in e.Failures)
        {
            w.WriteStartObject();
            Json.Property(w, "error", f.Error);
            Json.Property(w, "count", f.Count);
            Json.Property(w, "firstSeen", Fmt.Date(f.FirstSeen));
            Json.Property(w, "lastSeen", Fmt.Date(f.LastSeen));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("events");
        w.WriteStartArray();
        foreach (var ev in e.Events)
        {
            w.WriteStartObject();
            Json.Property(w, "id", ev.Id);
            Json.Property(w, "predicted", ev.Predicted);
            Json.Property(w, "count", ev.Count);
            Json.Property(w, "firstSeen", ev.FirstSeen is { } first ? Fmt.Date(first) : null);
            Json.Property(w, "lastSeen", ev.LastSeen is { } last ? Fmt.Date(last) : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("ehloAnswers");
        w.WriteStartObject();
        Json.Property(w, "offered", e.Offered);
        Json.Property(w, "notOffered", e.NotOffered);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Location(JsonWriter w, SourceLocation l)
    {
        w.WriteStartObject();
        Json.Property(w, "dump", l.Dump);
        Json.Property(w, "file", l.File);
        Json.Property(w, "line", l.Line);
        Json.Property(w, "jsonPath", l.JsonPath);
        w.WriteEndObject();
    }

    private static void Problem(JsonWriter w, ImportProblem p)
    {
        w.WriteStartObject();
        Json.Property(w, "file", p.File);
        Json.Property(w, "line", p.Line);
        Json.Property(w, "jsonPath", p.JsonPath);
        Json.Property(w, "code", p.Code);

        // English whatever the culture, as before codes existed: consumers that match on it keep working.
        Json.Property(w, "message", ProblemWording.English(p));
        w.WriteEndObject();
    }
}
