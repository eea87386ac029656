using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Extls.Model;
using Extls.Rules;
using Extls.Selection;
using Extls.TestKit;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Reporting.Tests;

/// <summary>explain over a real analysis: the summary names the findings each replay stands behind, outcomes agree with them, traces fold, JSON keeps to its schema.</summary>
public sealed class ExplainReportTests
{
    private static readonly Lazy<AnalysisEngine> Engine = new(AnalysisEngine.CreateDefault);

    private static ExplainReport Report(string culture = "en")
    {
        var org = ExplainWriterTests.ReplaysOrganization();
        var analysis = Engine.Value.Analyze(org, [], new AnalysisOptions(Build.AsOf, 30, Culture: culture));
        var selections = ExplainWriterTests.Kept(analysis.Selections);
        var links = SelectionFindings.Link(selections, analysis.Findings);
        return new ExplainReport
        {
            AsOf = Build.AsOf,
            Organization = org.Organization,
            Selections = [.. selections.Select((s, i) => new ExplainedSelection(s, links[i]))],
        };
    }

    private static string Summary(string text) => text[..text.IndexOf("\n\nprocess 1", StringComparison.Ordinal)];

    [Fact]
    public void The_summary_row_of_a_hybrid_connector_without_a_certificate_names_EXTLS3005_and_its_outcome_does_not_read_as_working()
    {
        var report = Report();
        var hybrid = Assert.Single(report.Selections, s => s.Selection.Connector == "Outbound to Office 365");
        Assert.Contains(hybrid.Findings, f => f.RuleId == "EXTLS3005");

        var text = new ExplainWriter(RenderSettings.Plain with { Width = 1000 }).Render(report);
        var row = Summary(text).Split('\n').SkipWhile(l => !l.Contains("Outbound to Office 365", StringComparison.Ordinal)).Skip(1).First();
        Assert.Contains("hybrid mail flow breaks", row, StringComparison.Ordinal);
        Assert.Contains("EXTLS3005", row, StringComparison.Ordinal);

        var outcome = SelectionText.Outcome(hybrid.Selection, "en");
        Assert.DoesNotContain("with the chosen certificate", outcome, StringComparison.Ordinal);
        Assert.Contains("hybrid mail flow breaks", outcome, StringComparison.Ordinal);
        Assert.Equal(Verdict.WrongCertificateForExchangeOnline, hybrid.Selection.VerdictOf());
    }

    [Fact]
    public void A_certificate_without_SMTP_reads_as_a_failing_handshake_in_the_outcome_and_the_summary()
    {
        var report = Report();
        var inbound = Assert.Single(report.Selections, s => s.Selection is { Scenario: Scenario.InboundStartTls, Connector: "EX01\\Default Frontend EX01" });
        Assert.True(inbound.Selection.HandshakeFails);
        Assert.Contains(inbound.Findings, f => f.RuleId == "EXTLS2006");
        Assert.DoesNotContain("with the chosen certificate", SelectionText.Outcome(inbound.Selection, "en"), StringComparison.Ordinal);
        Assert.Contains("handshake fails", SelectionText.Verdict(inbound.Selection, "en"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_finding_ID_in_the_summary_is_one_the_analysis_reported_for_that_replay()
    {
        var report = Report();
        var text = Summary(new ExplainWriter(RenderSettings.Plain with { Width = 1000 }).Render(report));
        var shown = Regex.Matches(text, "EXTLS[0-9]{4}").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var linked = report.Selections.SelectMany(s => s.Findings).Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(linked);
        Assert.Equal(linked.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Identical_traces_are_written_once_with_the_connectors_they_apply_to()
    {
        var server = Build.Mailbox("EX01");
        var all = Replay.All(Build.Org(server), new ReplayOptions(Build.AsOf, 30)).Where(s => s.Scenario == Scenario.InboundAnonymousTls).ToList();
        var withExchangeServer = all.Where(s => s.Outcome == SelectionOutcome.Selected).ToList();
        Assert.True(withExchangeServer.Count >= 2);

        var text = new ExplainWriter(RenderSettings.Plain with { Width = 1000 }).Render(all, Build.AsOf);
        Assert.Contains($"Receive connectors ({withExchangeServer.Count}): {string.Join(", ", withExchangeServer.Select(s => s.Connector))}", text, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(text, "holds a certificate with thumbprint"));

        // Each connector is still in the summary, with its own row.
        foreach (var s in all)
        {
            Assert.Contains($"{s.Connector} (Receive connector)", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Steps_passed_over_are_shown_with_their_number_and_why()
    {
        var text = new ExplainWriter(RenderSettings.Plain with { Width = 1000 }).Render(Report());
        Assert.Contains("5. Match key: server FQDN — not needed: an earlier step gave the key", text, StringComparison.Ordinal);
        Assert.Contains("2.1. Candidates", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n    2. Candidates", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_validates_against_the_explain_schema_in_both_languages()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("explain.schema.json"));
        foreach (var culture in new[] { "en", "ja" })
        {
            var json = new ExplainJsonWriter(culture).Render(Report(culture));
            var errors = schema.Validate(json);
            Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));
        }
    }

    [Fact]
    public async Task Explain_schema_rejects_a_step_without_its_reason_code()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("explain.schema.json"));
        var json = JObject.Parse(new ExplainJsonWriter("en").Render(Report()));
        ((JObject)json["selections"]![0]!["steps"]![0]!).Remove("reason");
        Assert.NotEmpty(schema.Validate(json.ToString()));
    }

    [Fact]
    public void Json_carries_linked_findings_reason_codes_and_typed_values()
    {
        var json = JObject.Parse(new ExplainJsonWriter("en").Render(Report()));
        var hybrid = json["selections"]!.Single(s => (string?)s["connector"] == "Outbound to Office 365");
        Assert.Equal("wrongCertificateForExchangeOnline", (string?)hybrid["verdict"]);
        Assert.Contains(hybrid["findings"]!, f => (string?)f["ruleId"] == "EXTLS3005");
        var key = hybrid["steps"]![0]!;
        Assert.Equal("keyIsServerFqdn", (string?)key["reason"]);
        Assert.Contains(key["reads"]!, r => (string?)r["field"] == "key" && (string?)r["value"]!["source"] == "serverFqdn");
        Assert.Equal(["1", "2.1", "2.2", "2.3", "2.4", "2.5", "4", "5", "6"], hybrid["steps"]!.Select(s => (string)s["label"]!));
        Assert.Equal("3", (string?)hybrid["skipped"]![0]!["label"]);
    }

    /// <summary>The schema names every code the replay can write: a new reason code without its place in the schema fails here.</summary>
    [Fact]
    public async Task Explain_schema_enumerates_every_code_of_the_replay()
    {
        var schema = JObject.Parse(await File.ReadAllTextAsync(RepoPaths.Schema("explain.schema.json")));
        static IEnumerable<string> Codes<T>() where T : struct, Enum => System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]);
        IEnumerable<string> Listed(string path) => schema.SelectToken(path)!.Select(t => (string)t!);

        Assert.Equal(Codes<StepKind>(), Listed("definitions.stepKind.enum"));
        Assert.Equal(Codes<StepReason>(), Listed("definitions.step.properties.reason.enum"));
        Assert.Equal(Codes<TraceField>(), Listed("definitions.step.properties.reads.items.properties.field.enum"));
        Assert.Equal(Codes<Verdict>(), Listed("definitions.selection.properties.verdict.enum"));
        Assert.Equal(Codes<SkipReason>(), Listed("definitions.selection.properties.skipped.items.properties.reason.enum"));
        Assert.Equal(Codes<MismatchReason>(), Listed("definitions.mismatch.properties.reasons.items.enum"));
        Assert.Equal(Codes<AnsweringReason>(), Listed("definitions.answeringReason.enum"));
        Assert.Equal(Codes<AnsweringStep>(), Listed("definitions.answer.properties.steps.items.properties.step.enum"));
        Assert.Equal(Codes<AnsweringOutcome>(), Listed("definitions.answer.properties.outcome.enum"));
        Assert.Equal(Codes<ConnectorRefusal>(), Listed("definitions.answer.properties.steps.items.properties.refused.items.properties.reason.enum"));
    }

    /// <summary>
    /// EX02 has a relay on 2525 holding 10.0.0.0/24 without ExchangeServer authentication, a disabled connector and a
    /// client connector on 587; EX01 (10.0.0.1) is captured, EX03 (10.8.0.3) lands on the default connector.
    /// </summary>
    internal static ExplainReport RelayReport(string culture = "en")
    {
        var relay = Build.Receive("EX02", "Relay 2525", auth: ReceiveAuthMechanism.Tls, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]);
        var ex02 = Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(relay)
            .WithConnector(Build.Receive("EX02", "Old relay", auth: ReceiveAuthMechanism.Tls, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.1"]) with { Enabled = false });
        var org = Build.Org(Build.Mailbox("EX01").WithAddresses("10.0.0.1"), ex02, Build.Mailbox("EX03").WithAddresses("10.8.0.3"));
        var analysis = Engine.Value.Analyze(org, [], new AnalysisOptions(Build.AsOf, 30, Culture: culture));
        var selections = analysis.Selections.Where(s => s.Server == "EX02" && s.Scenario == Scenario.InboundAnonymousTls).ToImmutableArray();
        var links = SelectionFindings.Link(selections, analysis.Findings);
        return new ExplainReport
        {
            AsOf = Build.AsOf,
            Server = "EX02",
            Selections = [.. selections.Select((s, i) => new ExplainedSelection(s, links[i]))],
            Answers = [.. SessionAnswers.Of(org).Explain(org.FindServer("EX02")!)],
        };
    }

    [Fact]
    public void Explain_shows_which_connector_answers_each_session_with_the_connectors_set_aside_and_why()
    {
        var report = RelayReport();
        var mailbox = report.Answers!.Value.Where(a => a.Answer.Kind == SessionKind.MailboxToMailbox).ToList();
        Assert.Equal(["EX02\\Default EX02 EX03", "EX02\\Relay 2525 EX01"], mailbox.Select(a => $"{a.Answer.Connector} {string.Join(",", a.Senders)}"));

        var text = new ExplainWriter(RenderSettings.Plain with { Width = 1000 }).Render(report);
        Assert.Contains("Which receive connector answers each session: EX02", text, StringComparison.Ordinal);
        Assert.Contains("EX02\\Relay 2525 — accepted by the connector whose remote range holds the sender most specifically", text, StringComparison.Ordinal);
        Assert.Contains("Steps, for the session from EX01:", text, StringComparison.Ordinal);
        Assert.Contains("set aside: EX02\\Old relay — disabled (Enabled is false): it accepts nothing", text, StringComparison.Ordinal);
        Assert.Contains("set aside: EX02\\Default EX02 — its RemoteIPRanges hold the address less specifically", text, StringComparison.Ordinal);
        Assert.Contains("The RemoteIPRanges entry 10.0.0.0/24 of EX02\\Relay 2525 holds 10.0.0.1 most specifically", text, StringComparison.Ordinal);
        Assert.Contains("set aside: EX02\\Relay 2525 — no RemoteIPRanges entry holds the session's address", text, StringComparison.Ordinal);

        var ja = new ExplainWriter(RenderSettings.Plain with { Width = 1000, Culture = "ja" }).Render(RelayReport("ja"));
        Assert.Contains("各セッションに応答する受信コネクタ: EX02", ja, StringComparison.Ordinal);
        Assert.Contains("除外: EX02\\Old relay — 無効 (Enabled が false) のため、何も受け付けません", ja, StringComparison.Ordinal);
        Assert.DoesNotContain("set aside", ja, StringComparison.Ordinal);
        Assert.DoesNotContain("Steps, for", ja, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_json_carries_the_answers_as_codes_and_keeps_to_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("explain.schema.json"));
        foreach (var culture in new[] { "en", "ja" })
        {
            var text = new ExplainJsonWriter(culture).Render(RelayReport(culture));
            var errors = schema.Validate(text);
            Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));

            var relay = JObject.Parse(text)["answers"]!.Single(a => (string?)a["connector"] == "EX02\\Relay 2525" && (string?)a["kind"] == "mailbox-to-mailbox");
            Assert.Equal(2525, (int)relay["port"]!);
            Assert.Equal("answered", (string?)relay["outcome"]);
            Assert.Equal("10.0.0.0/24", (string?)relay["matchedRange"]);
            Assert.False((bool)relay["defaultConnector"]!);
            Assert.Equal(["EX01"], relay["senders"]!.Select(x => (string)x!));
            var range = relay["steps"]!.Single(x => (string?)x["step"] == "remoteRange");
            Assert.Equal("mostSpecificRange", (string?)range["reason"]);
            Assert.Contains(range["refused"]!, r => (string?)r["connector"] == "EX02\\Default EX02" && (string?)r["reason"] == "lessSpecificRange");
            var listener = relay["steps"]!.Single(x => (string?)x["step"] == "listener");
            Assert.Contains(listener["refused"]!, r => (string?)r["connector"] == "EX02\\Old relay" && (string?)r["reason"] == "disabled");
        }

        // Without answers (another process asked for), the key is absent and the schema still holds.
        var none = new ExplainJsonWriter("en").Render(RelayReport() with { Answers = null });
        Assert.Null(JObject.Parse(none)["answers"]);
        Assert.Empty(schema.Validate(none));
    }
}
