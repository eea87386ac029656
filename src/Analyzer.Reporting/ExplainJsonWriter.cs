using Extls.Rules;
using Extls.Selection;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting;

/// <summary>
/// <c>extls explain --format json</c>, validated by schemas/explain.schema.json: each replay with its steps (number,
/// part, kind, reason code, event, every value read, typed), the steps it passed over, every certificate of the
/// store and why it was kept or refused, and the findings it is linked to. Codes are the replay's own, in
/// camelCase, so a script branches on them; <c>decision</c> and <c>outcomeText</c> carry the words in the culture asked for.
/// </summary>
public sealed class ExplainJsonWriter(string culture)
{
    public string Render(ExplainReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = new JObject
        {
            ["tool"] = new JObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
            ["asOf"] = Fmt.Date(report.AsOf),
            ["organization"] = Json.Nullable(report.Organization),
            ["server"] = Json.Nullable(report.Server),
            ["selections"] = Json.Array(report.Selections.IsDefault ? [] : report.Selections, Selection),
        };
        if (report.Answers is { } answers)
        {
            root["answers"] = Json.Array(answers, Answer);
        }

        return Json.Serialize(root);
    }

    /// <summary>Which connector answers one group of sessions: the answer's codes, the senders, and the first sender's steps.</summary>
    private JObject Answer(ExplainedAnswer explained)
    {
        var a = explained.Answer;
        return new JObject
        {
            ["kind"] = a.Kind.ToId(),
            ["port"] = a.Port,
            ["connector"] = Json.Nullable(a.Connector),
            ["outcome"] = Fmt.CamelCase(a.Outcome.ToString()),
            ["outcomeText"] = AnsweringText.Outcome(a.Outcome, culture),
            ["reason"] = Fmt.CamelCase(a.Reason.ToString()),
            ["endedAtStep"] = a.EndedAtStep,
            ["matchedRange"] = Json.Nullable(a.MatchedRange?.ToString()),
            ["defaultConnector"] = a.IsDefaultConnector,
            ["assumptions"] = Json.Strings((a.Assumptions.IsDefault ? [] : a.Assumptions).Select(x => x.ToId())),
            ["unknowns"] = Json.Strings((a.Unknowns.IsDefault ? [] : a.Unknowns).Select(u => u.ToId())),
            ["senders"] = Json.Strings(explained.Senders.IsDefault ? [] : explained.Senders),
            ["traceFor"] = explained.Senders.IsDefaultOrEmpty ? JValue.CreateNull() : explained.Senders[0],
            ["steps"] = Json.Array(explained.Trace.IsDefault ? [] : explained.Trace, t => new JObject
            {
                ["number"] = t.Number,
                ["step"] = Fmt.CamelCase(t.Step.ToString()),
                ["reason"] = Fmt.CamelCase(t.Reason.ToString()),
                ["reads"] = Json.Array(t.Reads.IsDefault ? [] : t.Reads, r => new JObject
                {
                    ["field"] = Fmt.CamelCase(r.Field.ToString()),
                    ["of"] = Json.Nullable(r.Of),
                    ["value"] = Value(r.Value),
                }),
                ["refused"] = Json.Array(t.Refused.IsDefault ? [] : t.Refused, x => new JObject
                {
                    ["connector"] = x.Connector,
                    ["reason"] = Fmt.CamelCase(x.Reason.ToString()),
                }),
                ["decision"] = AnsweringText.Decision(t, culture),
            }),
        };
    }

    private JObject Selection(ExplainedSelection explained)
    {
        var (s, findings) = explained;
        var trace = s.Trace.IsDefault ? [] : s.Trace;
        var candidatesStep = trace.FirstOrDefault(t => t.Kind == StepKind.Candidates);
        // The selection's own fields exactly as the analyze JSON writes them, then what explain adds.
        using var common = new JTokenWriter();
        JsonReportWriter.Selection(common, s, explained.Evidence, withEvidence: true);
        var o = (JObject)common.Token!;
        o["verdict"] = Fmt.CamelCase(s.VerdictOf().ToString());
        o["outcomeText"] = SelectionText.Outcome(s, culture);
        o["matchKey"] = Json.Nullable(s.MatchKey);
        o["handshakeFails"] = s.HandshakeFails;
        o["implicitHybridCertificate"] = s.ImplicitHybridCertificate;
        o["findings"] = Json.Array(findings.IsDefault ? [] : findings, f => new JObject
        {
            ["ruleId"] = f.RuleId,
            ["severity"] = Fmt.SeverityName(f.Severity),
            ["target"] = new JObject { ["kind"] = f.Target.Kind.ToId(), ["id"] = f.Target.Id },
            ["fingerprint"] = f.Fingerprint,
            ["suppressed"] = f.Suppression is not null,
        });
        o["steps"] = Json.Array(trace, t => Step(t, s.Server));
        o["skipped"] = Json.Array(s.Skipped.IsDefault ? [] : s.Skipped, k => new JObject
        {
            ["number"] = k.Step.Number,
            ["subStep"] = k.Step.SubStep is { } sub ? sub : JValue.CreateNull(),
            ["label"] = k.Step.Label,
            ["kind"] = Fmt.CamelCase(k.Step.Kind.ToString()),
            ["reason"] = Fmt.CamelCase(k.Reason.ToString()),
        });
        o["candidates"] = Json.Array(s.Candidates.IsDefault ? [] : s.Candidates, c => new JObject
        {
            ["thumbprint"] = c.Thumbprint,
            ["subject"] = c.Subject,
            ["notBefore"] = Fmt.Date(c.NotBefore),
            ["notAfter"] = Fmt.Date(c.NotAfter),
            ["eligible"] = c.Eligible,
            ["refusedBecause"] = Json.Strings((c.RefusedBecause.IsDefault ? [] : c.RefusedBecause).Select(r => Fmt.CamelCase(r.ToString()))),
            ["unknowns"] = Json.Strings((c.Unknowns.IsDefault ? [] : c.Unknowns).Select(u => u.ToId())),
            ["rank"] = c.Rank is { } r ? r : JValue.CreateNull(),
            ["chosen"] = c.Chosen,
            ["selfSigned"] = c.SelfSigned,
            ["validCaIssued"] = c.ValidCaIssued,
        });
        o["notCandidates"] = Json.Array(
            candidatesStep is null ? [] : candidatesStep.Reads.Select(r => r.Value).OfType<MismatchValue>(),
            m => Value(m));
        return o;
    }

    private JObject Step(TraceStep t, string server) => new()
    {
        ["number"] = t.Number,
        ["subStep"] = t.Step.SubStep is { } sub ? sub : JValue.CreateNull(),
        ["label"] = t.Step.Label,
        ["kind"] = Fmt.CamelCase(t.Kind.ToString()),
        ["reason"] = Fmt.CamelCase(t.Reason.ToString()),
        ["event"] = t.Event is { } e ? e : JValue.CreateNull(),
        ["reads"] = Json.Array(t.Reads.IsDefault ? [] : t.Reads, r => new JObject
        {
            ["field"] = Fmt.CamelCase(r.Field.ToString()),
            ["of"] = Json.Nullable(r.Of),
            ["value"] = Value(r.Value),
        }),
        ["decision"] = SelectionText.Decision(t, server, culture),
    };

    /// <summary>A value as the replay read it, tagged with its kind so that a reader never has to guess a string's meaning.</summary>
    internal static JObject Value(TraceValue value) => value switch
    {
        TextValue v => Tagged("text", Json.Nullable(v.Text)),
        ThumbprintValue v => Tagged("thumbprint", v.Thumbprint),
        DateValue v => Tagged("date", Fmt.Date(v.Value)),
        FlagValue v => Tagged("flag", v.Value is { } b ? b : JValue.CreateNull()),
        NumberValue v => Tagged("number", v.Value),
        EnumValue v => Tagged("enum", v.Value is { } e ? e.ToString() : JValue.CreateNull()),
        SectionStateValue v => Tagged("section", Fmt.CamelCase(v.State.ToString())),
        AdStateValue v => Tagged("adState", Fmt.CamelCase(v.State.ToString())),
        ListValue v => new JObject { ["type"] = "list", ["items"] = v.Items is { } items ? Json.Array(items, Value) : JValue.CreateNull() },
        KeyValue v => new JObject
        {
            ["type"] = "key", ["text"] = v.Text, ["source"] = Fmt.CamelCase(v.Source.ToString()),
            ["issuer"] = Json.Nullable(v.Issuer), ["subject"] = Json.Nullable(v.Subject),
        },
        CandidateValue v => new JObject
        {
            ["type"] = "candidate", ["thumbprint"] = v.Thumbprint, ["eligible"] = v.Eligible,
            ["refused"] = Json.Strings((v.Refused.IsDefault ? [] : v.Refused).Select(r => Fmt.CamelCase(r.ToString()))),
            ["unknowns"] = Json.Strings((v.Unknowns.IsDefault ? [] : v.Unknowns).Select(u => u.ToId())),
        },
        RankedValue v => new JObject
        {
            ["type"] = "ranked", ["rank"] = v.Rank, ["thumbprint"] = v.Thumbprint,
            ["notBefore"] = Fmt.Date(v.NotBefore), ["notAfter"] = Fmt.Date(v.NotAfter),
        },
        StandingValue v => new JObject { ["type"] = "standing", ["thumbprint"] = v.Thumbprint, ["standing"] = Fmt.CamelCase(v.Standing.ToString()) },
        MismatchValue v => new JObject
        {
            ["type"] = "mismatch", ["thumbprint"] = v.Thumbprint, ["subject"] = v.Subject, ["issuer"] = v.Issuer,
            ["names"] = Json.Strings(v.Names.IsDefault ? [] : v.Names),
            ["reasons"] = Json.Strings((v.Reasons.IsDefault ? [] : v.Reasons).Select(r => Fmt.CamelCase(r.ToString()))),
            ["wildcard"] = Json.Nullable(v.Wildcard),
        },
        AddressValue v => Tagged("address", v.Address.ToString()),
        RangeValue v => Tagged("range", v.Range.ToString()),
        BindingValue v => Tagged("binding", v.Binding.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    private static JObject Tagged(string type, JToken value) => new() { ["type"] = type, ["value"] = value };
}
