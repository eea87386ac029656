using Extls.Model;
using Extls.TestKit;
using Xunit.Abstractions;

namespace Extls.Selection.Tests;

/// <summary>
/// The matrix's memory grows with the servers and with the senders answered otherwise than most, never with the
/// pairs: each receiver keeps, per path, the half most senders land on and a sorted list of the others.
/// Measured in bytes allocated, not in time, so that a loaded machine cannot make it pass or fail.
/// </summary>
public sealed class MailFlowMatrixScaleTests(ITestOutputHelper output)
{
    private static string Address(int i) => $"10.0.{i / 250}.{(i % 250) + 1}";

    /// <summary>Mailbox servers numbered from 1 on 10.0.0.1 onwards and one subscribed Edge per hundred: every pair works.</summary>
    internal static OrganizationSnapshot Working(int servers) => Organisation(servers, relays: false);

    /// <summary>
    /// As <see cref="Working"/>, with a relay on 2525 holding 10.0.0.0/24 on every hundredth Mailbox server: each relay
    /// captures the sessions of the first 249 servers, so the senders answered otherwise grow with the servers, as in a
    /// real organisation.
    /// </summary>
    internal static OrganizationSnapshot WithRelays(int servers) => Organisation(servers, relays: true);

    private static OrganizationSnapshot Organisation(int servers, bool relays)
    {
        var edges = Math.Max(1, servers / 100);
        var org = new OrgBuilder();
        for (var i = 1; i <= servers - edges; i++)
        {
            var s = Build.Mailbox($"EX{i:0000}").WithAddresses(Address(i));
            org.Server(relays && i % 100 == 50
                ? s.WithConnector(Build.Receive(s.Name, "Relay 2525", auth: ReceiveAuthMechanism.Tls, permissions: PermissionGroups.AnonymousUsers,
                    binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]))
                : s);
        }

        for (var e = 1; e <= edges; e++)
        {
            org.SubscribedEdge(((ServerSnapshot)ServerBuilder.Edge($"EDGE{e:00}")).WithAddresses($"172.16.0.{e}"));
        }

        return org.Done();
    }

    private (long Bytes, MailFlowMatrix Matrix) Measure(OrganizationSnapshot org)
    {
        var selections = Replay.All(org, new ReplayOptions(Build.AsOf, 30));

        // Building is single-threaded: what this thread allocated is what the matrix cost.
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var matrix = MailFlowMatrix.Build(org, selections);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{org.Servers.Length} servers: {bytes:N0} bytes allocated, {matrix.KeptExceptions:N0} senders kept apart");
        return (bytes, matrix);
    }

    [Fact]
    public void Building_the_matrix_of_an_organisation_where_everything_works_allocates_in_proportion_to_the_servers()
    {
        Measure(Working(50)); // the first build compiles what the measured ones use
        var runs = new[] { 200, 400, 800 }.Select(n => Measure(Working(n))).ToArray();

        // Each doubling of the servers quadruples the pairs. Kept sparsely, the matrix costs twice as much, give or take
        // the dictionaries' growth; one byte per sender per receiver and path, as it once kept, already makes 800
        // servers cost 2.2 times 400 (about 7.7 kB a server, plus 2 bytes a pair).
        for (var i = 1; i < runs.Length; i++)
        {
            var ratio = (double)runs[i].Bytes / runs[i - 1].Bytes;
            Assert.True(ratio <= 2.1, $"{runs[i - 1].Bytes:N0} bytes, then {runs[i].Bytes:N0} for twice the servers: {ratio:0.000} times");
        }

        // Everything works, so no sender lands apart and every pair is counted as working.
        var largest = runs[^1].Matrix;
        Assert.Equal(0, largest.KeptExceptions);
        var counts = largest.Count();
        Assert.Equal(counts.Pairs, counts.Working);
        Assert.Equal(792 * 791 + 2 * 8 * 792, counts.Pairs);
    }

    [Fact]
    public void Senders_a_relay_captures_are_the_only_ones_kept_apart_and_answer_as_the_relays_say()
    {
        var (_, matrix) = Measure(WithRelays(1000));

        // 990 Mailbox servers, 10 relays holding the first 249: 2 relays are among them and capture 248 others, 8 capture 249.
        var counts = matrix.Count();
        Assert.Equal(2 * 248 + 8 * 249, counts.Failing);
        Assert.Equal(2 * 248 + 8 * 249, matrix.KeptExceptions);
        var captured = matrix.Pairs(AnonymousTlsVerdict.Fails).ToList();
        Assert.All(captured, p => Assert.Equal($"{p.Receiver}\\Relay 2525", p.ReceiveConnector));
        Assert.All(captured, p => Assert.True(int.Parse(p.Sender[2..], System.Globalization.CultureInfo.InvariantCulture) <= 249, p.Sender));

        // A sender outside the relay's range lands on the common half, the default connector.
        var outside = matrix.Pairs().First(p => p.Sender == "EX0300" && p.Receiver == "EX0050");
        Assert.Equal("EX0050\\Default EX0050", outside.ReceiveConnector);
        Assert.Equal(AnonymousTlsVerdict.Works, outside.Verdict);
    }

    [Fact]
    public void Every_pair_lands_on_the_connector_that_answering_its_own_session_picks()
    {
        // Relays on every tenth server from the 5th, so receivers of one shape differ in whether they are among their relay's captured senders.
        var org = new OrgBuilder();
        for (var i = 1; i <= 120; i++)
        {
            var s = Build.Mailbox($"EX{i:0000}").WithAddresses(Address(i));
            org.Server(i % 10 == 5
                ? s.WithConnector(Build.Receive(s.Name, "Relay 2525", auth: ReceiveAuthMechanism.Tls, permissions: PermissionGroups.AnonymousUsers,
                    binding: "0.0.0.0:2525", remoteIPRanges: [i % 20 == 5 ? "10.0.0.0/26" : "10.0.0.32/27"]))
                : s);
        }

        org.SubscribedEdge(((ServerSnapshot)ServerBuilder.Edge("EDGE01")).WithAddresses("172.16.0.1"));
        var snapshot = org.Done();
        var matrix = MailFlowMatrix.Build(snapshot, Replay.All(snapshot, new ReplayOptions(Build.AsOf, 30)));
        var answers = SessionAnswers.Of(snapshot);

        var pairs = 0;
        foreach (var pair in matrix.Pairs())
        {
            var kind = pair.Path switch
            {
                MailFlowMatrix.MailboxToEdge => SessionKind.MailboxToEdge,
                MailFlowMatrix.EdgeToMailbox => SessionKind.EdgeToMailbox,
                _ => SessionKind.MailboxToMailbox,
            };
            var direct = answers.Answer(snapshot.FindServer(pair.Sender)!, snapshot.FindServer(pair.Receiver)!, kind);
            var kept = pair.ReceiverSide.Answer!;
            Assert.True(direct.Connector == kept.Connector && direct.Outcome == kept.Outcome && direct.Reason == kept.Reason && Equals(direct.MatchedRange, kept.MatchedRange),
                $"{pair.Sender} -> {pair.Receiver}: {kept.Connector} ({kept.Reason}), answering alone says {direct.Connector} ({direct.Reason})");
            pairs++;
        }

        Assert.Equal((120 * 119) + (2 * 120), pairs);
        Assert.True(matrix.KeptExceptions > 0);
    }

    [Fact]
    public void The_matrix_answers_as_it_would_alone_when_the_shared_answers_were_asked_in_another_order()
    {
        // EX01 has one address and EX03 two (A11): both land on EX02's relay, one answer key, made from the first decision that asks.
        var ex02 = Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(Build.Receive("EX02", "Relay 2525", auth: ReceiveAuthMechanism.Tls,
            permissions: PermissionGroups.AnonymousUsers, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]));
        var snapshot = new OrgBuilder()
            .Server(Build.Mailbox("EX01").WithAddresses("10.0.0.1"))
            .Server(ex02)
            .Server(Build.Mailbox("EX03").WithAddresses("10.0.0.3", "10.0.0.33"))
            .Done();
        var selections = Replay.All(snapshot, new ReplayOptions(Build.AsOf, 30));
        var alone = MailFlowMatrix.Build(snapshot, selections);

        // Another user of the shared answers (EXTLS2013) asks for EX03's session first.
        var shared = SessionAnswers.Of(snapshot);
        var first = shared.Answer(snapshot.FindServer("EX03")!, snapshot.FindServer("EX02")!, SessionKind.MailboxToMailbox);
        Assert.Contains(Assumption.A11, first.Assumptions);
        var sharing = MailFlowMatrix.Build(snapshot, selections, shared);

        static string Answers(MailFlowMatrix m) => string.Join("\n", m.Pairs().Select(p =>
            $"{p.Sender}->{p.Receiver} {p.ReceiveConnector} {string.Join(",", p.ReceiverSide.Answer!.Assumptions)} {p.ReceiverSide.Answer.EndedAtStep}"));
        Assert.Equal(Answers(alone), Answers(sharing));
        Assert.DoesNotContain(Assumption.A11, alone.Pairs().Single(p => p.Sender == "EX01" && p.Receiver == "EX02").ReceiverSide.Answer!.Assumptions);
    }
}
