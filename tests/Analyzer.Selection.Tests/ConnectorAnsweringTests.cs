using System.Net;
using Extls.Model;
using Extls.TestKit;

namespace Extls.Selection.Tests;

public sealed class ConnectorAnsweringTests
{
    private static readonly ReceiveAuthMechanism Relay = ReceiveAuthMechanism.Tls;

    /// <summary>EX02 with three Front End connectors on port 25, as in Microsoft's receive connector documentation.</summary>
    private static ServerSnapshot MicrosoftExample() => Build.Mailbox("EX02").WithAddresses("192.168.1.20")
        with
        {
            ReceiveConnectors = Section<ReceiveConnector>.Collected(
            [
                Build.Receive("EX02", "Default Frontend EX02", role: ConnectorTransportRole.FrontendTransport, binding: "0.0.0.0:25", remoteIPRanges: ["0.0.0.0-255.255.255.255"]),
                Build.Receive("EX02", "Subnet", auth: Relay, role: ConnectorTransportRole.FrontendTransport, binding: "0.0.0.0:25", remoteIPRanges: ["192.168.1.0-192.168.1.255"]),
                Build.Receive("EX02", "One host", auth: Relay, role: ConnectorTransportRole.FrontendTransport, binding: "0.0.0.0:25", remoteIPRanges: ["192.168.1.75"]),
            ], Build.Loc()),
        };

    private static SenderAddresses From(params string[] addresses) => SenderAddresses.Of(Build.Mailbox("SENDER").WithAddresses(addresses));

    [Theory]
    [InlineData("192.168.1.75", "EX02\\One host", "192.168.1.75")]
    [InlineData("192.168.1.100", "EX02\\Subnet", "192.168.1.0-192.168.1.255")]
    [InlineData("10.1.1.1", "EX02\\Default Frontend EX02", "0.0.0.0-255.255.255.255")]
    public void The_most_specific_remote_range_answers_as_in_Microsofts_example(string sender, string connector, string range)
    {
        var answer = ReceiveConnectorIndex.For(MicrosoftExample()).Answer(SessionKind.EdgeToMailbox, From(sender));

        Assert.Equal(AnsweringOutcome.Answered, answer.Outcome);
        Assert.Equal(connector, answer.Connector);
        Assert.Equal(range, answer.MatchedRange!.ToString());
        Assert.Equal(connector.EndsWith("EX02", StringComparison.Ordinal), answer.IsDefaultConnector);
        Assert.Equal(4, answer.EndedAtStep);
        Assert.Empty(answer.Assumptions);
    }

    [Fact]
    public void Only_the_service_that_owns_the_port_and_a_binding_on_it_count()
    {
        // A relay on 2525 of the Front End service is not a candidate for Mailbox->Mailbox (the Transport service owns 2525);
        // one of the Transport service on 25 is not one for port 25; one bound to another port is not either.
        var receiver = Build.Mailbox("EX02").WithAddresses("10.0.0.2")
            .WithConnector(Build.Receive("EX02", "FE on 2525", auth: Relay, role: ConnectorTransportRole.FrontendTransport, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]))
            .WithConnector(Build.Receive("EX02", "Hub on 25", auth: Relay, role: ConnectorTransportRole.HubTransport, binding: "0.0.0.0:25", remoteIPRanges: ["10.0.0.0/24"]))
            .WithConnector(Build.Receive("EX02", "Hub on 2526", auth: Relay, binding: "0.0.0.0:2526", remoteIPRanges: ["10.0.0.0/24"]));
        var index = ReceiveConnectorIndex.For(receiver);

        Assert.Equal("EX02\\Default EX02", index.Answer(SessionKind.MailboxToMailbox, From("10.0.0.1")).Connector);
        Assert.Equal("EX02\\Default Frontend EX02", index.Answer(SessionKind.EdgeToMailbox, From("10.0.0.1")).Connector);
    }

    [Fact]
    public void A_relay_on_2525_whose_range_covers_the_senders_captures_their_sessions_and_a_disabled_one_does_not()
    {
        var relay = Build.Receive("EX02", "Relay", auth: Relay, permissions: PermissionGroups.AnonymousUsers, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]);
        var receiver = Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(relay);

        var captured = ReceiveConnectorIndex.For(receiver).Answer(SessionKind.MailboxToMailbox, From("10.0.0.1"));
        var outside = ReceiveConnectorIndex.For(receiver).Answer(SessionKind.MailboxToMailbox, From("10.9.0.1"));
        var disabled = ReceiveConnectorIndex.For(receiver with
        {
            ReceiveConnectors = receiver.ReceiveConnectors with { Items = [.. receiver.ReceiveConnectors.Items.Select(c => c.Name == "Relay" ? c with { Enabled = false } : c)] },
        }).Answer(SessionKind.MailboxToMailbox, From("10.0.0.1"));

        Assert.Equal("EX02\\Relay", captured.Connector);
        Assert.False(captured.IsDefaultConnector);
        Assert.Equal("EX02\\Default EX02", outside.Connector);
        Assert.True(outside.IsDefaultConnector);
        Assert.Equal("EX02\\Default EX02", disabled.Connector);
    }

    [Fact]
    public void Bindings_to_another_address_than_the_one_the_sender_reaches_do_not_count_and_the_own_address_wins_a_tie()
    {
        var receiver = Build.Mailbox("EX02").WithAddresses("10.0.0.2")
            .WithConnector(Build.Receive("EX02", "Second NIC", auth: Relay, binding: "10.0.0.99:2525", remoteIPRanges: ["10.0.0.0/24"]))
            .WithConnector(Build.Receive("EX02", "Any", auth: Relay, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.1"]))
            .WithConnector(Build.Receive("EX02", "Own", auth: Relay, binding: "10.0.0.2:2525", remoteIPRanges: ["10.0.0.1"]));

        var answer = ReceiveConnectorIndex.For(receiver).Answer(SessionKind.MailboxToMailbox, From("10.0.0.1"));

        Assert.Equal("EX02\\Own", answer.Connector);
        Assert.Contains(Assumption.A11, answer.Assumptions);
        Assert.Equal("EX02\\Default EX02", ReceiveConnectorIndex.For(receiver).Answer(SessionKind.MailboxToMailbox, From("10.0.0.7")).Connector);
    }

    [Fact]
    public void A_binding_accepts_its_own_address_family_and_the_session_comes_from_the_first_IPv4_address()
    {
        var receiver = Build.Mailbox("EX02").WithAddresses("10.0.0.2", "2001:db8::2")
            .WithConnector(Build.Receive("EX02", "IPv6 relay", auth: Relay, binding: "[::]:2525", remoteIPRanges: ["2001:db8::/64"]))
            .WithConnector(Build.Receive("EX02", "IPv4 relay", auth: Relay, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]));
        var index = ReceiveConnectorIndex.For(receiver);

        var dual = index.Answer(SessionKind.MailboxToMailbox, From("2001:db8::1", "fe80::1%3", "10.0.0.1"));
        var v6 = index.Answer(SessionKind.MailboxToMailbox, From("2001:db8::1", "fe80::1%3"));

        Assert.Equal("EX02\\IPv4 relay", dual.Connector);
        Assert.Contains(Assumption.A11, dual.Assumptions);
        Assert.Equal("EX02\\IPv6 relay", v6.Connector);
        Assert.DoesNotContain(Assumption.A11, v6.Assumptions);
    }

    [Fact]
    public void Unknown_sender_addresses_follow_A9_and_say_so()
    {
        var receiver = Build.Mailbox("EX02").WithConnector(Build.Receive("EX02", "Relay", auth: Relay, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]));

        var answer = ReceiveConnectorIndex.For(receiver).Answer(SessionKind.MailboxToMailbox, SenderAddresses.Of(Build.Mailbox("EX01")));
        var linkLocal = ReceiveConnectorIndex.For(receiver).Answer(SessionKind.MailboxToMailbox, From("fe80::1%3", "127.0.0.1"));

        Assert.Equal(AnsweringOutcome.DefaultAssumed, answer.Outcome);
        Assert.Equal(AnsweringReason.DefaultConnector, answer.Reason);
        Assert.Equal("EX02\\Default EX02", answer.Connector);
        Assert.True(answer.IsDefaultConnector);
        Assert.Equal([Assumption.A9], answer.Assumptions.ToArray());
        Assert.Equal([ReplayProperty.HostAddress], answer.Unknowns.ToArray());
        Assert.Equal(AnsweringOutcome.DefaultAssumed, linkLocal.Outcome);
        Assert.Empty(linkLocal.Unknowns);
    }

    [Fact]
    public void Unknown_remote_ranges_follow_A9_too()
    {
        var receiver = Build.Mailbox("EX02").WithAddresses("10.0.0.2")
            .WithConnector(Build.Receive("EX02", "Relay", auth: Relay, binding: "0.0.0.0:2525") with { RemoteIPRanges = null });

        var answer = ReceiveConnectorIndex.For(receiver).Answer(SessionKind.MailboxToMailbox, From("10.0.0.1"));

        Assert.Equal(AnsweringOutcome.DefaultAssumed, answer.Outcome);
        Assert.Equal(AnsweringReason.RangesUnknown, answer.Reason);
        Assert.Equal("EX02\\Default EX02", answer.Connector);
        Assert.Contains(ReplayProperty.RemoteIPRanges, answer.Unknowns);
    }

    [Fact]
    public void A_session_nobody_accepts_is_refused_and_unknown_connectors_are_undetermined()
    {
        var narrow = Build.Mailbox("EX02").WithAddresses("10.0.0.2") with
        {
            ReceiveConnectors = Section<ReceiveConnector>.Collected([Build.Receive("EX02", "Default EX02", remoteIPRanges: ["10.0.0.0/24"])], Build.Loc()),
        };
        var nothingOn717 = ReceiveConnectorIndex.For(Build.Mailbox("EX02")).Answer(SessionKind.OutboundProxy, From("10.0.0.1"));
        var refused = ReceiveConnectorIndex.For(narrow).Answer(SessionKind.MailboxToMailbox, From("172.16.0.1"));
        var unknown = ReceiveConnectorIndex.For(Build.Mailbox("EX02") with { ReceiveConnectors = Section<ReceiveConnector>.Missing(SectionState.Failed, "x", null) })
            .Answer(SessionKind.MailboxToMailbox, From("10.0.0.1"));

        Assert.Equal((AnsweringOutcome.Refused, AnsweringReason.NoListener, 1), (nothingOn717.Outcome, nothingOn717.Reason, nothingOn717.EndedAtStep));
        Assert.Equal((AnsweringOutcome.Refused, AnsweringReason.NoRangeHoldsSender, (string?)null), (refused.Outcome, refused.Reason, refused.Connector));
        Assert.Equal(AnsweringOutcome.Undetermined, unknown.Outcome);
    }

    [Fact]
    public void On_an_Edge_every_connector_but_a_Front_End_one_listens_on_25()
    {
        var edge = Build.Mailbox("EDGE01").WithAddresses("172.16.0.10") with
        {
            Role = TransportServerRole.Edge,
            ReceiveConnectors = Section<ReceiveConnector>.Collected(
            [
                Build.Receive("EDGE01", "Default internal receive connector EDGE01", role: ConnectorTransportRole.HubTransport, binding: "0.0.0.0:25"),
                Build.Receive("EDGE01", "Partner", auth: Relay, role: ConnectorTransportRole.Edge, binding: "0.0.0.0:25", remoteIPRanges: ["10.0.0.0/16"]),
            ], Build.Loc()),
        };

        var answer = ReceiveConnectorIndex.For(edge).Answer(SessionKind.MailboxToEdge, From("10.0.0.1"));

        Assert.Equal("EDGE01\\Partner", answer.Connector);
    }

    [Fact]
    public void Senders_that_land_alike_share_one_answer_object()
    {
        var index = ReceiveConnectorIndex.For(MicrosoftExample());

        var a = index.Answer(SessionKind.EdgeToMailbox, From("192.168.1.100"));
        var b = index.Answer(SessionKind.EdgeToMailbox, From("192.168.1.101"));
        var c = index.Answer(SessionKind.EdgeToMailbox, From("192.168.1.75"));

        Assert.Same(a, b);
        Assert.NotSame(a, c);
    }

    [Fact]
    public void The_trace_numbers_its_steps_and_reads_what_decided()
    {
        var (answer, trace) = ReceiveConnectorIndex.For(MicrosoftExample()).Explain(SessionKind.EdgeToMailbox, From("192.168.1.75", "10.0.0.9"));

        Assert.Equal([1, 2, 3, 4], trace.Select(t => t.Number));
        Assert.Equal([AnsweringReason.Listeners, AnsweringReason.BindingsReached, AnsweringReason.SessionAddress, AnsweringReason.MostSpecificRange], trace.Select(t => t.Reason));
        Assert.Equal(new NumberValue(25), trace[0].Value(TraceField.Port));
        Assert.Equal(new AddressValue(IPAddress.Parse("10.0.0.9")), trace[2].Value(TraceField.SessionAddress));
        Assert.Equal(new TextValue("EX02\\Default Frontend EX02"), trace[3].Value(TraceField.Connector));
        Assert.Equal(3, trace[3].Reads.Count(r => r.Field == TraceField.RemoteIPRanges));
        Assert.Equal("EX02\\Default Frontend EX02", answer.Connector);
        Assert.Contains(Assumption.A11, answer.Assumptions);
    }

    [Fact]
    public void The_topology_lists_who_sends_what_to_whom()
    {
        var proxy = Build.Send("Via Front End", "EX01") with { FrontendProxyEnabled = true };
        var org = Build.Org(
                Build.Mailbox("EX01") with { Site = "Site-A" },
                Build.Mailbox("EX02") with { Site = "contoso.com/Configuration/Sites/Site-A" },
                Build.Mailbox("EX03") with { Site = "Site-B" },
                Build.Mailbox("EDGE01") with { Role = TransportServerRole.Edge })
            with
            {
                SendConnectors = Section<SendConnector>.Collected([proxy], Build.Loc()),
                EdgeSubscriptions = Section<EdgeSubscription>.Collected([new EdgeSubscription { Name = "EDGE01", Site = "Site-B", Location = Build.Loc() }], Build.Loc()),
            };
        var topology = SessionTopology.Of(org);
        string Senders(string receiver, SessionKind kind) => string.Join(",", topology.Senders(org.FindServer(receiver)!, kind).Select(s => s.Name));

        Assert.Equal("EX01,EX03", Senders("EX02", SessionKind.MailboxToMailbox));
        Assert.Equal("EX01", Senders("EX02", SessionKind.OutboundProxy));
        Assert.Equal("", Senders("EX03", SessionKind.OutboundProxy));
        Assert.Equal("EDGE01", Senders("EX03", SessionKind.EdgeToMailbox));
        Assert.Equal("", Senders("EX02", SessionKind.EdgeToMailbox));
        Assert.Equal("EX03", Senders("EDGE01", SessionKind.MailboxToEdge));
        Assert.Equal(["EDGE01", "EX01", "EX02", "EX03"], topology.Receivers.Select(r => r.Name));
    }

    [Fact]
    public void Groups_list_the_senders_of_the_kept_answers_only()
    {
        var relay = Build.Receive("EX02", "Relay", auth: Relay, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]);
        var org = Build.Org(Build.Mailbox("EX01").WithAddresses("10.0.0.1"), Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(relay),
            Build.Mailbox("EX03").WithAddresses("10.0.0.3"), Build.Mailbox("EX04").WithAddresses("10.8.0.4"));

        var groups = SessionAnswers.Of(org).Groups(a => a.Outcome == AnsweringOutcome.Answered && !a.IsDefaultConnector).ToList();

        Assert.Equal(["EX02 MailboxToMailbox EX02\\Relay EX01,EX03", "EX02 FrontendToMailbox EX02\\Relay EX01,EX03"],
            groups.Select(g => $"{g.Answer.Receiver} {g.Answer.Kind} {g.Answer.Connector} {string.Join(",", g.Senders)}"));
    }

    [Fact]
    public void Receivers_and_kinds_whose_connectors_cannot_be_kept_are_skipped_with_the_same_groups()
    {
        var relay = Build.Receive("EX02", "Relay", auth: Relay, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]);
        var org = Build.Org(Build.Mailbox("EX01").WithAddresses("10.0.0.1"), Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(relay),
            Build.Mailbox("EX03").WithAddresses("10.0.0.3"), Build.Mailbox("EX04").WithAddresses("10.8.0.4"));
        static bool Keep(ConnectorAnswer a) => a.Outcome == AnsweringOutcome.Answered && a.Connector is { } c && c.EndsWith("\\Relay", StringComparison.Ordinal);
        static string Show(IEnumerable<AnswerGroup> groups) =>
            string.Join("; ", groups.Select(g => $"{g.Answer.Receiver} {g.Answer.Kind} {g.Answer.Connector} {string.Join(",", g.Senders)}"));

        var asked = new List<string>();
        var filtered = SessionAnswers.Of(org).Groups(Keep, (receiver, identity) =>
        {
            asked.Add($"{receiver.Name} {identity}");
            return identity.EndsWith("\\Relay", StringComparison.Ordinal);
        }).ToList();

        Assert.Equal("EX02 MailboxToMailbox EX02\\Relay EX01,EX03; EX02 FrontendToMailbox EX02\\Relay EX01,EX03", Show(filtered));
        Assert.Equal(Show(SessionAnswers.Of(org).Groups(Keep)), Show(filtered));
        // Only connectors that can answer a session were offered: the relay among them, each receiver's own.
        Assert.Contains("EX02 EX02\\Relay", asked);
        Assert.All(asked, a => Assert.StartsWith(a[..a.IndexOf(' ', StringComparison.Ordinal)] + " " + a[..a.IndexOf(' ', StringComparison.Ordinal)] + "\\", a, StringComparison.Ordinal));

        // A filter that accepts nothing leaves nothing, whatever keep would say.
        Assert.Empty(SessionAnswers.Of(org).Groups(_ => true, (_, _) => false));
        Assert.NotEmpty(SessionAnswers.Of(org).Groups(_ => true));
    }

    [Fact]
    public void Every_pair_lands_on_the_answer_its_receivers_own_index_gives_though_receivers_of_one_shape_share_decisions()
    {
        // EX02 and EX03 have the same relay (one shape), EX04 a relay for one address, EX01 only the defaults; EX05's
        // addresses are unknown (A9), EX06 has two (A11), EX07 is outside every relay's range.
        var wide = new[] { "10.0.0.0/24" };
        var org = Build.Org(
            Build.Mailbox("EX01").WithAddresses("10.0.0.1"),
            Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(Build.Receive("EX02", "Relay", auth: Relay, binding: "0.0.0.0:2525", remoteIPRanges: wide)),
            Build.Mailbox("EX03").WithAddresses("10.0.0.3").WithConnector(Build.Receive("EX03", "Relay", auth: Relay, binding: "0.0.0.0:2525", remoteIPRanges: wide)),
            Build.Mailbox("EX04").WithAddresses("10.0.0.4").WithConnector(Build.Receive("EX04", "One host", auth: Relay, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.6"])),
            Build.Mailbox("EX05"),
            Build.Mailbox("EX06").WithAddresses("10.0.0.6", "10.9.0.6"),
            Build.Mailbox("EX07").WithAddresses("10.8.0.7"));
        var servers = org.Servers.ToDictionary(s => s.Name);
        Assert.Equal(
            ReceiveConnectorIndex.For(servers["EX02"]).ShapeOf(SessionKind.MailboxToMailbox),
            ReceiveConnectorIndex.For(servers["EX03"]).ShapeOf(SessionKind.MailboxToMailbox));
        Assert.NotEqual(
            ReceiveConnectorIndex.For(servers["EX02"]).ShapeOf(SessionKind.MailboxToMailbox),
            ReceiveConnectorIndex.For(servers["EX04"]).ShapeOf(SessionKind.MailboxToMailbox));

        var matrix = MailFlowMatrix.Build(org, Replay.All(org, new ReplayOptions(Build.AsOf, 30)));
        static string Show(ConnectorAnswer a) =>
            $"{a.Receiver} {a.Kind} {a.Connector} {a.Outcome} {a.Reason} {a.MatchedRange} {a.IsDefaultConnector} {string.Join(",", a.Assumptions)} {string.Join(",", a.Unknowns)}";

        // Each receiver's own index, asked for its senders in the matrix's order (the first sender of an answer makes it).
        var pairs = matrix.Pairs().ToList();
        Assert.Equal(42, pairs.Count);
        var indexes = servers.Values.ToDictionary(s => s.Name, ReceiveConnectorIndex.For);
        var expected = pairs.OrderBy(p => p.Receiver, StringComparer.Ordinal)
            .ToDictionary(p => (p.Sender, p.Receiver), p => Show(indexes[p.Receiver].Answer(SessionKind.MailboxToMailbox, SenderAddresses.Of(servers[p.Sender]))));
        Assert.All(pairs, p => Assert.Equal(expected[(p.Sender, p.Receiver)], Show(p.ReceiverSide.Answer!)));

        var relays = pairs.Where(p => p.ReceiveConnector is { } c && !c.Contains("Default", StringComparison.Ordinal))
            .Select(p => $"{p.Sender}->{p.ReceiveConnector}").ToList();
        Assert.Equal(
            ["EX01->EX02\\Relay", "EX01->EX03\\Relay", "EX02->EX03\\Relay", "EX03->EX02\\Relay", "EX04->EX02\\Relay", "EX04->EX03\\Relay",
             "EX06->EX02\\Relay", "EX06->EX03\\Relay", "EX06->EX04\\One host"],
            relays);
    }

    /// <summary>Mailbox servers on 10.0.0.1 onwards, every hundredth (from the fiftieth) with a relay on 2525 holding 10.0.0.0/24.</summary>
    private static OrganizationSnapshot WithRelays(int count)
    {
        static string Address(int i) => $"10.0.{i / 250}.{(i % 250) + 1}";
        var servers = Enumerable.Range(1, count).Select(i =>
        {
            var s = Build.Mailbox($"EX{i:0000}").WithAddresses(Address(i));
            return i % 100 == 50
                ? s.WithConnector(Build.Receive(s.Name, "Relay 2525", auth: Relay, permissions: PermissionGroups.AnonymousUsers, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]))
                : s;
        }).ToArray();
        return Build.Org(servers);
    }

    /// <summary>What building the matrix and listing the relays' captures allocate on this thread, which does both alone.</summary>
    private static (MailFlowMatrix Matrix, List<AnswerGroup> Captures, long Building, long Grouping) Measure(OrganizationSnapshot org)
    {
        var selections = Replay.All(org, new ReplayOptions(Build.AsOf, 30));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var matrix = MailFlowMatrix.Build(org, selections);
        var building = GC.GetAllocatedBytesForCurrentThread() - before;
        var answers = SessionAnswers.Of(org);
        before = GC.GetAllocatedBytesForCurrentThread();
        var captures = answers.Groups(a => a.Outcome == AnsweringOutcome.Answered && !a.IsDefaultConnector).ToList();
        var grouping = GC.GetAllocatedBytesForCurrentThread() - before;
        return (matrix, captures, building, grouping);
    }

    [Fact]
    public void A_thousand_servers_with_relays_are_answered_through_their_own_index_and_counted_without_allocating()
    {
        Measure(WithRelays(100)); // the first run compiles what the measured ones use
        var half = Measure(WithRelays(500));
        var (matrix, captures, building, grouping) = Measure(WithRelays(1000));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var counts = matrix.Count();
        var counting = GC.GetAllocatedBytesForCurrentThread() - before;

        // Ten relays hold 10.0.0.0/24, the first 249 servers: 2 of the relays are among them, so 2 x 248 + 8 x 249 captured pairs.
        Assert.Equal(new MailFlowCounts(999_000, 999_000 - 2_488, 2_488, 0), counts);
        Assert.Equal(20, captures.Count);
        Assert.All(captures, g => Assert.Equal(g.Answer.Receiver == "EX0050" || g.Answer.Receiver == "EX0150" ? 248 : 249, g.Senders.Length));
        Assert.True(counting < 1_000_000, $"counting allocated {counting} bytes");

        // Twice the servers are four times the pairs, and twice the relays' captures (five relays at 500 servers, 1,243
        // captured pairs): the matrix and the groups cost what the servers and the captures do, not the pairs.
        var buildingRatio = (double)building / half.Building;
        Assert.True(buildingRatio <= 2.2, $"building: {half.Building:N0} bytes at 500 servers, {building:N0} at 1,000 ({buildingRatio:0.00} times)");
        var groupingRatio = (double)grouping / half.Grouping;
        Assert.True(groupingRatio <= 2.2, $"grouping: {half.Grouping:N0} bytes at 500 servers, {grouping:N0} at 1,000 ({groupingRatio:0.00} times)");
    }
}
