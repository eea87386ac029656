using Extls.Model;
using Extls.TestKit;

namespace Extls.Selection.Tests;

public class ReplayAllTests
{
    private static OrganizationSnapshot SmallOrg() => new OrgBuilder()
        .Server(ServerBuilder.Mailbox("ex02"))
        .Server(ServerBuilder.Mailbox("EX01"))
        .SubscribedEdge(ServerBuilder.Edge("EDGE01"))
        .Send(Build.Send("To Internet", "EX01", "ex02"))
        .Done();

    [Fact]
    public void Every_process_runs_and_results_are_sorted_by_scenario_server_connector()
    {
        var results = Replay.All(SmallOrg(), T.Options);

        // 3 + 3 Mailbox connectors and 1 Edge connector, twice (processes 1 and 3); 3 senders; 2 + 1 (EdgeSync on EDGE01) outbound.
        Assert.Equal(7, results.Count(r => r.Scenario == Scenario.InboundAnonymousTls));
        Assert.Equal(7, results.Count(r => r.Scenario == Scenario.InboundStartTls));
        Assert.Equal(3, results.Count(r => r.Scenario == Scenario.OutboundAnonymousTls));
        Assert.Equal(3, results.Count(r => r.Scenario == Scenario.OutboundStartTls));

        var expected = results
            .OrderBy(r => r.Scenario)
            .ThenBy(r => r.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Connector ?? string.Empty, StringComparer.OrdinalIgnoreCase)
            .ToList();
        T.Seq(expected, results);
        T.Seq(["EDGE01", "EX01", "ex02"], results.Where(r => r.Scenario == Scenario.OutboundAnonymousTls).Select(r => r.Server));
        Assert.All(results.Where(r => r.Scenario == Scenario.OutboundAnonymousTls), r => Assert.True(r.Advertised));
    }

    [Fact]
    public void Same_input_gives_equal_results()
    {
        var a = Replay.All(SmallOrg(), T.Options);
        var b = Replay.All(SmallOrg(), T.Options);

        Assert.Equal(a.Length, b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(Describe(a[i]), Describe(b[i]));
        }
    }

    [Fact]
    public void Server_without_receive_connectors_section_still_gets_its_outbound_replay()
    {
        var org = new OrgBuilder().Server(ServerBuilder.Mailbox("EX01").ConnectorsMissing()).Done();
        var results = Replay.All(org, T.Options);

        var only = Assert.Single(results);
        Assert.Equal(Scenario.OutboundAnonymousTls, only.Scenario);
    }

    [Fact]
    public void A_server_made_only_of_unknowns_yields_undetermined_results_not_exceptions()
    {
        var bare = new ServerSnapshot
        {
            Name = "EX09",
            TransportService = Section<TransportService>.Missing(SectionState.Absent, null, null),
            ReceiveConnectors = Section<ReceiveConnector>.Collected(
                [new ReceiveConnector { Identity = "EX09\\Odd", Name = "Odd", Server = "EX09", Location = Build.Loc() }], null),
            Certificates = Section<StoreCertificate>.Missing(SectionState.Unreadable, "bad file", null),
            InternalCertificate = new AdInternalCertificate { State = AdCertificateState.NotCollected },
        };
        var odd = new SendConnector { Identity = "Odd", Name = "Odd", SourceTransportServers = ["EX09", " "], Location = Build.Loc() };
        var org = new OrgBuilder().Server(bare).Send(odd).Done();

        var results = Replay.All(org, T.Options);

        Assert.Equal(4, results.Length);
        Assert.All(results, r => Assert.Equal(SelectionOutcome.Undetermined, r.Outcome));
        Assert.All(results, r => Assert.False(r.Advertised));
        Assert.All(results, r => Assert.NotEmpty(r.Unknowns));
    }

    [Fact]
    public void Default_immutable_arrays_are_treated_as_empty()
    {
        var org = new OrganizationSnapshot
        {
            Servers = default,
            SendConnectors = new Section<SendConnector> { State = SectionState.Collected, Items = default },
            EdgeSubscriptions = new Section<EdgeSubscription> { State = SectionState.Collected, Items = default },
        };

        Assert.Empty(Replay.All(org, T.Options));
        Assert.Empty(MailFlowMatrix.Compute(org, default));
    }

    private static string Describe(SelectionResult r) =>
        string.Join("|", r.Scenario, r.Server, r.Connector, r.Outcome, r.Certificate, string.Join(",", r.Events), T.AllTraceFacts(r),
            string.Join(",", r.Assumptions), string.Join(",", r.Unknowns), string.Join(",", r.Candidates.Select(c => c.Thumbprint + c.Rank)));
}
