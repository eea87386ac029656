using Extls.Model;
using Extls.Rules.Comparison;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Comparison;

public sealed class ResultComparerTests
{
    private static readonly OrganizationSnapshot Healthy = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02"));

    private static SelectionResult S(Scenario scenario, string server, string? connector, bool advertised = true, string? certificate = "AA", SelectionOutcome outcome = SelectionOutcome.Selected, params int[] events) => new()
    {
        Scenario = scenario,
        Server = server,
        Connector = connector,
        Advertised = advertised,
        Certificate = certificate,
        EndedAtStep = 5,
        Outcome = outcome,
        Events = [.. events],
    };

    [Fact]
    public void A_certificate_deleted_from_the_store_is_new_findings_and_connectors_that_stop_advertising()
    {
        var before = RuleTestKit.Analyze(Healthy);
        var after = RuleTestKit.Analyze(Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02").WithStore()));
        var diff = ResultComparer.Compare(before, after);

        Assert.Contains(diff.New, f => f.RuleId == RuleIds.EXTLS1004 && f.Target.Id == "EX02");
        Assert.All(diff.New, f => Assert.Equal(BaselineState.New, f.BaselineState));
        // The self-signed certificate EX02's frontend presented went with the store.
        Assert.Equal((RuleIds.EXTLS2009, "EX02"), (Assert.Single(diff.Fixed).RuleId, diff.Fixed[0].Server));
        Assert.NotEmpty(diff.SelectionChanges);
        var inbound = diff.SelectionChanges.Where(c => c.Scenario == Scenario.InboundAnonymousTls && c.Server == "EX02").ToList();
        Assert.NotEmpty(inbound);
        Assert.All(inbound, c =>
        {
            Assert.Contains(SelectionChangeKind.Advertised, c.Changes);
            Assert.Contains(SelectionChangeKind.Certificate, c.Changes);
            Assert.True(c.Before!.Advertised);
            Assert.False(c.After!.Advertised);
            Assert.Contains(12013, c.After.Events);
        });
        Assert.DoesNotContain(diff.SelectionChanges, c => c.Server == "EX01" && c.Scenario == Scenario.InboundStartTls);

        // The other way round, the same findings are fixed.
        var back = ResultComparer.Compare(after, before);
        Assert.Equal(diff.New.Select(f => f.Fingerprint).Order(), back.Fixed.Select(f => f.Fingerprint).Order());
        Assert.Equal(diff.Fixed.Select(f => f.Fingerprint), back.New.Select(f => f.Fingerprint));
    }

    [Fact]
    public void Identical_runs_differ_in_nothing()
    {
        var run = RuleTestKit.Analyze(Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02").WithStore()));
        var diff = ResultComparer.Compare(run, run);
        Assert.Empty(diff.New);
        Assert.Empty(diff.Fixed);
        Assert.Equal(run.Findings.Length, diff.Unchanged.Length);
        Assert.Empty(diff.SelectionChanges);
    }

    [Fact]
    public void Replays_are_matched_by_scenario_server_and_connector_ignoring_case()
    {
        var before = ImmutableArrayOf(
            S(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01"),
            S(Scenario.InboundStartTls, "EX01", "EX01\\Gone"),
            S(Scenario.OutboundAnonymousTls, "EX02", null, events: [12017]));
        var after = ImmutableArrayOf(
            S(Scenario.InboundStartTls, "ex01", "EX01\\default frontend ex01", certificate: "aa"),
            S(Scenario.InboundStartTls, "EX03", "EX03\\Added"),
            S(Scenario.OutboundAnonymousTls, "EX02", null, outcome: SelectionOutcome.SelectedExpired, events: [12015]));
        var changes = ResultComparer.CompareSelections(before, after);

        Assert.Equal(3, changes.Length);
        Assert.Equal([SelectionChangeKind.Removed], changes.Single(c => c.Connector == "EX01\\Gone").Changes.ToArray());
        Assert.Null(changes.Single(c => c.Connector == "EX01\\Gone").After);
        Assert.Equal([SelectionChangeKind.Added], changes.Single(c => c.Server == "EX03").Changes.ToArray());
        Assert.Null(changes.Single(c => c.Server == "EX03").Before);
        Assert.Equal([SelectionChangeKind.Outcome, SelectionChangeKind.Events], changes.Single(c => c.Scenario == Scenario.OutboundAnonymousTls).Changes.ToArray());
    }

    private static System.Collections.Immutable.ImmutableArray<SelectionResult> ImmutableArrayOf(params SelectionResult[] items) => [.. items];
}
