using Extls.Model;

namespace Extls.Selection.Tests;

public class MailFlowMatrixTests
{
    private static (ServerPairResult[] Pairs, OrganizationSnapshot Org) Compute(OrganizationSnapshot org) =>
        ([.. MailFlowMatrix.Compute(org, Replay.All(org, T.Options))], org);

    private static ServerPairResult Pair(ServerPairResult[] pairs, string sender, string receiver) =>
        pairs.Single(p => p.Sender == sender && p.Receiver == receiver);

    [Fact]
    public void Healthy_mailboxes_pair_both_ways_on_the_Default_connector()
    {
        var (pairs, _) = Compute(new OrgBuilder().Server(ServerBuilder.Mailbox("EX01")).Server(ServerBuilder.Mailbox("EX02")).Done());

        T.Seq(["EX01->EX02", "EX02->EX01"], pairs.Select(p => p.Sender + "->" + p.Receiver));
        var p = pairs[0];
        Assert.Equal(MailFlowMatrix.MailboxToMailbox, p.Path);
        Assert.Equal("EX02\\Default EX02", p.ReceiveConnector);
        Assert.True(p.AnonymousTlsWorks);
        Assert.Equal(Scenario.OutboundAnonymousTls, p.SenderResult!.Scenario);
        Assert.Equal("EX01", p.SenderResult.Server);
        Assert.Equal("EX02\\Default EX02", p.ReceiverResult!.Connector);
    }

    [Fact]
    public void Receiver_without_ExchangeServer_auth_breaks_the_pair_one_way()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Mailbox("EX02").Connector("Default EX02", c => c with { AuthMechanism = ReceiveAuthMechanism.Tls }))
            .Done());

        Assert.False(Pair(pairs, "EX01", "EX02").AnonymousTlsWorks);
        Assert.True(Pair(pairs, "EX02", "EX01").AnonymousTlsWorks);
    }

    [Fact]
    public void Sender_without_internal_certificate_breaks_its_outgoing_pairs()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").TransportThumbprint(""))
            .Server(ServerBuilder.Mailbox("EX02"))
            .Done());

        Assert.False(Pair(pairs, "EX01", "EX02").AnonymousTlsWorks);
        Assert.True(Pair(pairs, "EX02", "EX01").AnonymousTlsWorks);
    }

    [Fact]
    public void Renamed_Default_connector_is_found_by_role_and_port_2525()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Mailbox("EX02").Connector("Default EX02", c => c with { Name = "Hub", Identity = "EX02\\Hub" }))
            .Done());

        Assert.Equal("EX02\\Hub", Pair(pairs, "EX01", "EX02").ReceiveConnector);
        Assert.True(Pair(pairs, "EX01", "EX02").AnonymousTlsWorks);
    }

    [Fact]
    public void Missing_accepting_connector_means_the_pair_fails()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Mailbox("EX02").WithoutConnector("Default EX02"))
            .Done());
        var p = Pair(pairs, "EX01", "EX02");

        Assert.Null(p.ReceiveConnector);
        Assert.False(p.AnonymousTlsWorks);
        Assert.Null(p.ReceiverResult);
    }

    [Fact]
    public void Disabled_accepting_connector_counts_as_missing()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Mailbox("EX02").Connector("Default EX02", c => c with { Enabled = false }))
            .Done());
        var p = Pair(pairs, "EX01", "EX02");

        Assert.Null(p.ReceiveConnector);
        Assert.False(p.AnonymousTlsWorks);
    }

    [Fact]
    public void Undetermined_side_leaves_the_pair_undetermined()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Mailbox("EX02").Ad(AdCertificateState.NotCollected))
            .Done());

        Assert.Null(Pair(pairs, "EX01", "EX02").AnonymousTlsWorks);
        Assert.Null(Pair(pairs, "EX02", "EX01").AnonymousTlsWorks);
    }

    [Fact]
    public void Receiver_connectors_not_collected_leave_the_pair_undetermined()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Mailbox("EX02").ConnectorsMissing())
            .Done());
        var p = Pair(pairs, "EX01", "EX02");

        Assert.Null(p.AnonymousTlsWorks);
        Assert.Null(p.ReceiveConnector);
    }

    [Fact]
    public void Subscribed_Edge_pairs_with_mailboxes_both_ways_on_their_connectors()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Mailbox("EX02"))
            .SubscribedEdge(ServerBuilder.Edge("EDGE01"))
            .Done());

        T.Seq(
            ["EDGE01->EX01", "EDGE01->EX02", "EX01->EDGE01", "EX01->EX02", "EX02->EDGE01", "EX02->EX01"],
            pairs.Select(p => p.Sender + "->" + p.Receiver));
        var inbound = Pair(pairs, "EDGE01", "EX01");
        Assert.Equal(MailFlowMatrix.EdgeToMailbox, inbound.Path);
        Assert.Equal("EX01\\Default Frontend EX01", inbound.ReceiveConnector);
        Assert.True(inbound.AnonymousTlsWorks);
        var outbound = Pair(pairs, "EX01", "EDGE01");
        Assert.Equal(MailFlowMatrix.MailboxToEdge, outbound.Path);
        Assert.Equal("EDGE01\\Default internal receive connector EDGE01", outbound.ReceiveConnector);
        Assert.True(outbound.AnonymousTlsWorks);
    }

    [Fact]
    public void Edge_EdgeSync_connector_without_ExchangeServer_auth_breaks_Edge_to_Mailbox_only()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .SubscribedEdge(ServerBuilder.Edge("EDGE01"), SmartHostAuthMechanism.None)
            .Done());

        Assert.False(Pair(pairs, "EDGE01", "EX01").AnonymousTlsWorks);
        Assert.True(Pair(pairs, "EX01", "EDGE01").AnonymousTlsWorks);
    }

    [Fact]
    public void Edge_not_in_the_subscriptions_is_not_paired_and_Edges_never_pair_together()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Edge("EDGE01"))
            .SubscribedEdge(ServerBuilder.Edge("EDGE02"))
            .Done());

        Assert.DoesNotContain(pairs, p => p.Sender == "EDGE01" || p.Receiver == "EDGE01");
        Assert.DoesNotContain(pairs, p => p.Sender.StartsWith("EDGE", StringComparison.Ordinal) && p.Receiver.StartsWith("EDGE", StringComparison.Ordinal));
        Assert.Equal(2, pairs.Length);
    }

    [Fact]
    public void Edge_present_in_the_snapshot_counts_as_subscribed_when_subscriptions_were_not_collected()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Edge("EDGE01"))
            .Send(OrgBuilder.EdgeSync("EDGE01"))
            .SubscriptionsMissing()
            .Done());

        Assert.Equal(2, pairs.Length);
    }

    [Fact]
    public void Edge_pairs_only_with_mailboxes_of_its_subscribed_site()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").Site("contoso.com/Configuration/Sites/Tokyo"))
            .Server(ServerBuilder.Mailbox("EX02").Site("contoso.com/Configuration/Sites/Osaka"))
            .Server(ServerBuilder.Edge("EDGE01"))
            .Subscription("EDGE01", "Tokyo")
            .Send(OrgBuilder.EdgeSync("EDGE01"))
            .Done());

        Assert.Contains(pairs, p => p.Sender == "EDGE01" && p.Receiver == "EX01");
        Assert.DoesNotContain(pairs, p => p.Sender == "EDGE01" && p.Receiver == "EX02");
        Assert.DoesNotContain(pairs, p => p.Sender == "EX02" && p.Receiver == "EDGE01");
    }

    [Fact]
    public void Sender_result_missing_from_the_selections_leaves_the_pair_undetermined()
    {
        var org = new OrgBuilder().Server(ServerBuilder.Mailbox("EX01")).Server(ServerBuilder.Mailbox("EX02")).Done();
        var onlyInbound = Replay.All(org, T.Options).Where(r => r.Scenario != Scenario.OutboundAnonymousTls).ToArray();
        var pairs = MailFlowMatrix.Compute(org, [.. onlyInbound]);

        Assert.All(pairs, p => Assert.Null(p.AnonymousTlsWorks));
    }

    [Fact]
    public void A_failing_sender_fails_the_pair_even_where_the_receiver_is_unknown()
    {
        var (pairs, _) = Compute(new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").TransportThumbprint(""))
            .Server(ServerBuilder.Mailbox("EX02").ConnectorsMissing())
            .Done());

        var p = Pair(pairs, "EX01", "EX02");
        Assert.Equal(AnonymousTlsVerdict.Fails, p.SenderSide.Verdict);
        Assert.Equal(AnonymousTlsVerdict.Unknown, p.ReceiverSide.Verdict);
        Assert.False(p.AnonymousTlsWorks);
    }

    [Fact]
    public void Each_server_has_one_outbound_half_and_one_inbound_half_per_path_shared_by_every_pair()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Server(ServerBuilder.Mailbox("EX02").Connector("Default EX02", c => c with { AuthMechanism = ReceiveAuthMechanism.Tls }))
            .Server(ServerBuilder.Mailbox("EX03"))
            .SubscribedEdge(ServerBuilder.Edge("EDGE01"))
            .Done();
        var matrix = MailFlowMatrix.Build(org, Replay.All(org, T.Options));

        T.Seq(
            ["EDGE01 outbound-anonymous-tls ", "EDGE01 inbound-anonymous-tls Mailbox->Edge",
             "EX01 outbound-anonymous-tls ", "EX01 inbound-anonymous-tls Mailbox->Mailbox", "EX01 inbound-anonymous-tls Edge->Mailbox",
             "EX02 outbound-anonymous-tls ", "EX02 inbound-anonymous-tls Mailbox->Mailbox", "EX02 inbound-anonymous-tls Edge->Mailbox",
             "EX03 outbound-anonymous-tls ", "EX03 inbound-anonymous-tls Mailbox->Mailbox", "EX03 inbound-anonymous-tls Edge->Mailbox"],
            matrix.Sides().Select(s => $"{s.Server} {s.Scenario.ToId()} {s.Path}"));

        var hub = matrix.SidesOf("ex02").Single(s => s.Path == MailFlowMatrix.MailboxToMailbox);
        Assert.Equal(AnonymousTlsVerdict.Fails, hub.Verdict);
        Assert.Equal("EX02\\Default EX02", hub.ReceiveConnector);
        T.Seq(["EX01", "EX03"], matrix.Peers(hub));
        var outbound = matrix.SidesOf("EX02").Single(s => s.Scenario == Scenario.OutboundAnonymousTls);
        T.Seq(["EDGE01", "EX01", "EX03"], matrix.Peers(outbound));

        // Every pair into EX02 from a Mailbox server reads that one half.
        var into = matrix.Pairs().Where(p => p.Receiver == "EX02" && p.Path == MailFlowMatrix.MailboxToMailbox).ToList();
        Assert.Equal(2, into.Count);
        Assert.All(into, p => Assert.Same(hub, p.ReceiverSide));
        T.Seq(["EX01->EX02", "EX03->EX02"], matrix.Pairs(AnonymousTlsVerdict.Fails).Select(p => p.Sender + "->" + p.Receiver));
        Assert.Equal(new MailFlowCounts(12, 10, 2, 0), matrix.Count());
    }

    [Fact]
    public void A_thousand_servers_are_a_million_pairs_produced_one_at_a_time()
    {
        var servers = Enumerable.Range(1, 1000).Select(i => (ServerSnapshot)ServerBuilder.Mailbox($"EX{i:0000}")).ToList();
        servers[10] = ServerBuilder.Mailbox("EX0011").TransportThumbprint("");
        var builder = new OrgBuilder();
        foreach (var s in servers)
        {
            builder.Server(s);
        }

        var org = builder.Done();
        var selections = Replay.All(org, T.Options);
        var matrix = MailFlowMatrix.Build(org, selections);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var counts = matrix.Count();
        var counting = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var failing = matrix.Pairs(AnonymousTlsVerdict.Fails).Count();
        var filtering = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(new MailFlowCounts(999_000, 998_001, 999, 0), counts);
        Assert.Equal(999, failing);
        // Counting builds no pair; the whole run is a lookup per pair, not a scan. (What building costs as the servers
        // grow is MailFlowMatrixScaleTests'.)
        Assert.True(counting < 1_000_000, $"counting allocated {counting} bytes");
        // The pairs of one verdict build only those: a few hundred bytes for each of the 999, where building every
        // pair to filter them would allocate some hundred megabytes.
        Assert.True(filtering < 999 * 500, $"the 999 failing pairs allocated {filtering:N0} bytes");
    }
}
