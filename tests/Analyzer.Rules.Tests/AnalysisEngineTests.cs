using System.Security.Cryptography;
using System.Text;
using Extls.Model;
using Extls.Rules.Configuration;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests;

public sealed class AnalysisEngineTests
{
    private const string RuleA = RuleIds.EXTLS1001;
    private const string RuleB = RuleIds.EXTLS1002;

    private static Diagnostic Diag(string rule, string? server, string targetId, string detail = "d", FindingTargetKind kind = FindingTargetKind.Server) => new()
    {
        RuleId = rule,
        Server = server,
        Target = new FindingTarget(kind, targetId),
        Arguments = Args.Of(("detail", detail)),
    };

    private static AnalysisEngine Engine(params IRuleEvaluator[] evaluators) =>
        new(new RuleCatalog(evaluators.Select(e => TestRules.Descriptor(e.RuleId)).Append(TestRules.RuleFailedDescriptor())),
            evaluators.Append(new RuleFailed()));

    private static AnalysisResult Run(AnalysisEngine engine, AnalysisOptions? options = null) =>
        engine.Analyze(Build.Org(Build.Mailbox("EX01")), [], options ?? new AnalysisOptions(Build.AsOf, 30));

    [Fact]
    public void Formats_message_and_remediation_from_the_descriptor_in_english_and_japanese()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01\\Default EX01", "value", FindingTargetKind.ReceiveConnector) with { EventId = 12022, Assumptions = ["A1"] }]));

        var en = Assert.Single(Run(engine).Findings);
        Assert.Equal("Problem on EX01 with value", en.Message);
        Assert.Equal("Set-Thing 'EX01\\Default EX01' -Value 'value' -WhatIf", en.Remediation);
        Assert.Equal("Title of EXTLS1001", en.Title);
        Assert.Equal(Severity.Warning, en.Severity);
        Assert.Equal(12022, en.EventId);
        Assert.Equal(["A1", "A2"], en.Assumptions.ToArray());
        Assert.Equal("Snapshot", en.Category);
        Assert.Equal("TestEXTLS1001", en.Name);

        var ja = Assert.Single(Run(engine, new AnalysisOptions(Build.AsOf, 30, Culture: "ja")).Findings);
        Assert.Equal("日本語: Problem on EX01 with value", ja.Message);
        Assert.Equal("EXTLS1001 の題名", ja.Title);
        Assert.Equal(en.Fingerprint, ja.Fingerprint);
    }

    [Fact]
    public void The_result_hands_on_the_matrix_the_rules_read_and_a_copy_of_another_replay_builds_its_own()
    {
        MailFlowMatrix? read = null;
        var engine = Engine(new DelegateEvaluator(RuleA, c =>
        {
            read = c.Index.MailFlow;
            return [];
        }));

        var result = Run(engine);

        Assert.NotNull(read);
        Assert.Same(read, result.MailFlow);
        Assert.Same(read, (result with { BuiltInSample = true }).MailFlow);
        var other = result with { Selections = [] };
        Assert.NotSame(read, other.MailFlow);
        Assert.All(other.MailFlow.Sides(), s => Assert.Null(s.Result));
    }

    [Fact]
    public void The_matrix_EXTLS5001_judged_by_is_the_one_the_result_carries_so_reading_it_builds_nothing()
    {
        var org = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02"), Build.Mailbox("EX03").WithTransportThumbprint(""));
        var result = AnalysisEngine.CreateDefault().Analyze(org, [], new AnalysisOptions(Build.AsOf, 30));
        Assert.Contains(result.Findings, f => f.RuleId == RuleIds.EXTLS5001);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matrix = result.MailFlow;
        var reading = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        MailFlowMatrix.Build(result.Snapshot, result.Selections);
        var building = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(reading * 10 < building, $"reading the result's matrix allocated {reading} bytes; building one {building}");
        Assert.Equal(2, matrix.Count().Failing);
    }

    [Fact]
    public void Remediation_variant_chosen_by_the_evaluator_replaces_the_default()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01") with { RemediationVariant = RemediationVariant.NoServer }]));
        Assert.Equal("Other-Fix 'EX01'", Assert.Single(Run(engine).Findings).Remediation);
    }

    [Fact]
    public void A_rule_that_throws_becomes_one_EXTLS9005_finding_and_the_others_still_run()
    {
        var engine = Engine(
            new DelegateEvaluator(RuleA, _ => throw new InvalidOperationException("boom")),
            new DelegateEvaluator(RuleB, _ => [Diag(RuleB, "EX01", "EX01")]));

        var result = Run(engine);

        Assert.Equal([RuleB, RuleIds.EXTLS9005], result.Findings.Select(f => f.RuleId));
        var failure = result.Findings.Single(f => f.RuleId == RuleIds.EXTLS9005);
        Assert.Contains("EXTLS1001", failure.Message, StringComparison.Ordinal);
        Assert.Contains("boom", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new FindingTarget(FindingTargetKind.Snapshot, "rules/EXTLS1001"), failure.Target);
        Assert.Equal(Severity.Error, failure.Severity);
    }

    [Fact]
    public void A_rule_that_throws_while_enumerating_is_reported_without_its_partial_results()
    {
        static IEnumerable<Diagnostic> Partial()
        {
            yield return Diag(RuleA, "EX01", "EX01");
            throw new InvalidOperationException("half way");
        }

        var result = Run(Engine(new DelegateEvaluator(RuleA, _ => Partial())));
        var only = Assert.Single(result.Findings);
        Assert.Equal(RuleIds.EXTLS9005, only.RuleId);
        Assert.Contains("half way", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_the_evaluator_did_not_supply_is_a_rule_failure_naming_it()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ =>
        [
            Diag(RuleA, "EX01", "EX01"),
            new Diagnostic { RuleId = RuleA, Server = "EX02", Target = new FindingTarget(FindingTargetKind.Server, "EX02") },
        ]));

        var result = Run(engine);

        Assert.Equal(["EX01", null], result.Findings.Select(f => f.Server));
        var failure = result.Findings.Single(f => f.RuleId == RuleIds.EXTLS9005);
        Assert.Contains("{detail}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_diagnostic_is_a_rule_failure_not_a_crash()
    {
        var engine = Engine(
            new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01") with { Target = null! }]),
            new DelegateEvaluator(RuleB, _ => [Diag(RuleB, "EX01", "EX01")]));

        var result = Run(engine);

        Assert.Equal([RuleB, RuleIds.EXTLS9005], result.Findings.Select(f => f.RuleId));
        Assert.Contains("malformed diagnostic", result.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_remediation_variant_is_a_rule_failure()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01") with { RemediationVariant = RemediationVariant.NoCandidate }]));
        var only = Assert.Single(Run(engine).Findings);
        Assert.Equal(RuleIds.EXTLS9005, only.RuleId);
        Assert.Contains("noCandidate", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Severity_override_changes_the_level_and_none_switches_the_rule_off()
    {
        var a = new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01")]);
        var b = new DelegateEvaluator(RuleB, _ => [Diag(RuleB, "EX01", "EX01")]);
        var overrides = new Dictionary<string, Severity> { [RuleA] = Severity.None, [RuleB] = Severity.Error };

        var result = Run(Engine(a, b), new AnalysisOptions(Build.AsOf, 30, overrides));

        var only = Assert.Single(result.Findings);
        Assert.Equal(RuleB, only.RuleId);
        Assert.Equal(Severity.Error, only.Severity);
        Assert.Equal(0, a.Calls);
        Assert.Equal(new FindingSummary(1, 0, 0, 0), result.Summary);
    }

    [Fact]
    public void A_diagnostic_severity_replaces_the_default_and_configuration_replaces_both()
    {
        var rule = new DelegateEvaluator(RuleA, _ =>
        [
            Diag(RuleA, "EX01", "EX01\\Raised") with { Severity = Severity.Error },
            Diag(RuleA, "EX01", "EX01\\Default"),
        ]);

        var byDiagnostic = Run(Engine(rule)).Findings;
        Assert.Equal([("EX01\\Default", Severity.Warning), ("EX01\\Raised", Severity.Error)], byDiagnostic.Select(f => (f.Target.Id, f.Severity)));

        var configured = Run(Engine(rule), new AnalysisOptions(Build.AsOf, 30, new Dictionary<string, Severity> { [RuleA] = Severity.Note })).Findings;
        Assert.All(configured, f => Assert.Equal(Severity.Note, f.Severity));
    }

    [Fact]
    public void A_diagnostic_severity_of_none_is_a_rule_failure()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01") with { Severity = Severity.None }]));
        var only = Assert.Single(Run(engine).Findings);
        Assert.Equal(RuleIds.EXTLS9005, only.RuleId);
        Assert.Contains("severity None", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_is_sha256_of_rule_kind_and_target_and_ignores_wording_and_location()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("EXTLS1001|server|EX01")))[..16];
        var one = Assert.Single(Run(Engine(new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01", "x")]))).Findings);
        var other = Assert.Single(Run(Engine(new DelegateEvaluator(RuleA, _ =>
            [Diag(RuleA, "EX01", "EX01", "y") with { Location = new SourceLocation("a.json", 42, "$[3]") }]))).Findings);

        Assert.Equal(expected, one.Fingerprint);
        Assert.Equal(one.Fingerprint, other.Fingerprint);
        Assert.NotEqual(one.Message, other.Message);
        Assert.NotEqual(one.Fingerprint, AnalysisEngine.Fingerprint(RuleA, new FindingTarget(FindingTargetKind.Server, "EX02")));
        Assert.NotEqual(one.Fingerprint, AnalysisEngine.Fingerprint(RuleB, new FindingTarget(FindingTargetKind.Server, "EX01")));
    }

    [Fact]
    public void Findings_are_sorted_by_server_ignoring_case_with_none_last_then_rule_then_target()
    {
        var engine = Engine(
            new DelegateEvaluator(RuleB, _ => [Diag(RuleB, "ex02", "b"), Diag(RuleB, null, "z"), Diag(RuleB, "EX01", "a")]),
            new DelegateEvaluator(RuleA, _ => [Diag(RuleA, null, "y"), Diag(RuleA, "EX01", "c"), Diag(RuleA, "EX01", "b"), Diag(RuleA, "EX03", "a")]));

        var order = Run(engine).Findings.Select(f => $"{f.Server ?? "-"} {f.RuleId} {f.Target.Id}");

        Assert.Equal(
        [
            "EX01 EXTLS1001 b", "EX01 EXTLS1001 c", "EX01 EXTLS1002 a", "ex02 EXTLS1002 b", "EX03 EXTLS1001 a",
            "- EXTLS1001 y", "- EXTLS1002 z",
        ], order);
    }

    [Fact]
    public void Impacts_are_sorted_and_deduplicated()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ =>
        [
            Diag(RuleA, "EX01", "EX01") with
            {
                Impacts = [new(Scenario.OutboundAnonymousTls, "EX01", null), new(Scenario.InboundAnonymousTls, "EX01", "EX01\\b"), new(Scenario.InboundAnonymousTls, "EX01", "EX01\\a"), new(Scenario.OutboundAnonymousTls, "EX01", null)],
            },
        ]));
        Assert.Equal(
            [new(Scenario.InboundAnonymousTls, "EX01", "EX01\\a"), new(Scenario.InboundAnonymousTls, "EX01", "EX01\\b"), new Impact(Scenario.OutboundAnonymousTls, "EX01", null)],
            Assert.Single(Run(engine).Findings).Impacts.ToArray());
    }

    [Fact]
    public void Selections_come_back_sorted_by_scenario_server_and_connector()
    {
        var ex02 = Build.Mailbox("EX02");
        var ex01 = Build.Mailbox("ex01").WithConnectors(Build.Receive("ex01", "b"), Build.Receive("ex01", "a"));
        var result = AnalysisEngine.CreateDefault().Analyze(Build.Org(ex02, ex01), [], new AnalysisOptions(Build.AsOf, 30));

        Assert.Equal(
            ["InboundAnonymousTls ex01\\a", "InboundAnonymousTls ex01\\b", "InboundAnonymousTls EX02\\Client Frontend EX02"],
            result.Selections.Take(3).Select(s => $"{s.Scenario} {s.Connector ?? s.Server}"));
        Assert.Equal(result.Selections.Order(SelectionOrder.Instance), result.Selections);
    }

    [Fact]
    public void Matching_unexpired_suppression_marks_the_finding_and_the_summary_counts_it_apart()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ =>
            [Diag(RuleA, "EX01", "EX01\\Default EX01"), Diag(RuleA, "EX02", "EX02\\Relay"), Diag(RuleA, "EX03", "EX03\\Default EX03")]));
        var options = new AnalysisOptions(Build.AsOf, 30)
        {
            Suppressions = [new SuppressionRule(RuleA, "ex0?\\default*", "Decommissioned in June", Build.AsOf.AddDays(1))],
        };

        var result = Run(engine, options);

        Assert.Equal(["EX01\\Default EX01", "EX03\\Default EX03"], result.Findings.Where(f => f.Suppression is not null).Select(f => f.Target.Id));
        Assert.Equal(new SuppressionInfo("external", "Decommissioned in June", Build.AsOf.AddDays(1)), result.Findings[0].Suppression);
        Assert.Equal(new FindingSummary(0, 1, 0, 2), result.Summary);
        Assert.Empty(result.ExpiredSuppressions);
    }

    [Fact]
    public void Expired_suppression_stops_suppressing_by_the_as_of_time_not_the_clock_and_is_reported()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01")]));
        var suppression = new SuppressionRule(RuleA, "EX01", "Until the renewal", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

        // Far in the past the suppression still holds, whatever today's date is.
        var before = Run(engine, new AnalysisOptions(new DateTimeOffset(2019, 12, 31, 0, 0, 0, TimeSpan.Zero), 30) { Suppressions = [suppression] });
        Assert.NotNull(Assert.Single(before.Findings).Suppression);
        Assert.Empty(before.ExpiredSuppressions);

        var after = Run(engine, new AnalysisOptions(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), 30) { Suppressions = [suppression] });
        Assert.Null(Assert.Single(after.Findings).Suppression);
        Assert.Equal([new ExpiredSuppression(suppression, 1)], after.ExpiredSuppressions.ToArray());
        Assert.Equal(new FindingSummary(0, 1, 0, 0), after.Summary);
    }

    [Fact]
    public void Audit_mode_reports_suppressed_findings_as_if_they_were_not()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01")]));
        var options = new AnalysisOptions(Build.AsOf, 30) { Suppressions = [new SuppressionRule(RuleA, "*", "all", null)], NoSuppressions = true };

        var result = Run(engine, options);

        Assert.Null(Assert.Single(result.Findings).Suppression);
        Assert.Equal(new FindingSummary(0, 1, 0, 0), result.Summary);
    }

    [Fact]
    public void Suppression_for_another_rule_does_not_apply()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX01", "EX01")]));
        var options = new AnalysisOptions(Build.AsOf, 30) { Suppressions = [new SuppressionRule(RuleB, "*", "other rule", null)] };
        Assert.Null(Assert.Single(Run(engine, options).Findings).Suppression);
    }

    [Fact]
    public void Same_input_gives_identical_findings()
    {
        var engine = Engine(new DelegateEvaluator(RuleA, _ => [Diag(RuleA, "EX02", "b"), Diag(RuleA, "EX01", "a")]));
        static string Describe(AnalysisResult r) => string.Join("\n", r.Findings.Select(f =>
            $"{f.RuleId}|{f.Server}|{f.Target}|{f.Message}|{f.Remediation}|{f.Fingerprint}|{string.Join(",", f.Impacts)}|{string.Join(",", f.Assumptions)}"));

        Assert.Equal(Describe(Run(engine)), Describe(Run(engine)));
    }

    [Fact]
    public void Default_engine_has_one_evaluator_per_descriptor_and_a_healthy_server_gives_no_finding()
    {
        var engine = AnalysisEngine.CreateDefault();
        Assert.Equal(RuleCatalog.Default.Rules, engine.Rules);

        // Internal connectors only: the default Frontend connector takes anonymous senders, which a self-signed
        // certificate does not serve (EXTLS2009), so it is no part of a finding-free organisation.
        var snapshot = Build.Org(
            Build.Mailbox("EX01").WithConnectors(Build.Receive("EX01", "Default EX01")),
            Build.Mailbox("EX02").WithConnectors(Build.Receive("EX02", "Default EX02")));

        var result = engine.Analyze(snapshot, [], new AnalysisOptions(Build.AsOf, 30));

        Assert.Empty(result.Findings);
        Assert.Equal(new FindingSummary(0, 0, 0, 0), result.Summary);
    }

    [Fact]
    public void Default_engine_reports_one_root_cause_per_server_with_its_impacts()
    {
        var broken = Build.Mailbox("EX02").WithStore().WithConnectors(Build.Receive("EX02", "Default EX02"), Build.Receive("EX02", "Relay EX02"));
        var snapshot = Build.Org(Build.Mailbox("EX01").WithConnectors(Build.Receive("EX01", "Default EX01")), broken);
        var result = AnalysisEngine.CreateDefault().Analyze(snapshot, [], new AnalysisOptions(Build.AsOf, 30));

        // One EXTLS1004 for EX02, whatever else its empty store breaks (STARTTLS, the pairs with EX01).
        var finding = Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS1004);
        Assert.EndsWith($"Root cause: EXTLS1004 (fingerprint {finding.Fingerprint}).", Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS5001).Message, StringComparison.Ordinal);
        Assert.Equal(3, finding.Impacts.Length);
        Assert.Equal(12013, finding.EventId);
        Assert.Contains(Build.ThumbprintFor("EX02"), finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("# If certificate", finding.Remediation, StringComparison.Ordinal);
        Assert.Contains("New-ExchangeCertificate -Server 'EX02' -WhatIf", finding.Remediation, StringComparison.Ordinal);
        Assert.Equal(result.Findings.Count(f => f.Severity == Severity.Error), result.Summary.Error);
    }
}
