using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

// Evaluate is tested through the real replay and MailFlowMatrix.Compute; the attribution of each kind of
// failure is tested by feeding FromPairs pairs the matrix could return.
public sealed class EXTLS5001Tests
{
    [Fact]
    public void Through_the_matrix_only_the_pairs_into_a_connector_without_ExchangeServer_auth_break()
    {
        var broken = Build.Mailbox("EX02");
        broken = broken.WithConnectors([.. broken.ReceiveConnectors.Items.Select(c => c.Name == "Default EX02"
            ? c with { AuthMechanism = c.AuthMechanism & ~ReceiveAuthMechanism.ExchangeServer }
            : c)]);
        var org = Build.Org(Build.Mailbox("EX01"), broken);
        var found = RuleTestKit.Diagnostics(new ServerPairWithoutAnonymousTls(), org);

        var d = Assert.Single(found);
        Assert.Equal(new FindingTarget(FindingTargetKind.ServerPair, "EX01->EX02"), d.Target);
        Assert.Equal(("receiver", "EX02", "ExchangeServerAuthMissing", "EXTLS2001"), Key(d));
        Assert.Equal("EX02\\Default EX02", RuleTestKit.Render(d, "receiveConnector"));
        Assert.Equal(MailFlowMatrix.MailboxToMailbox, RuleTestKit.Render(d, "path"));

        // The root cause it names is a finding of its own on the same connector.
        var rootCause = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS2001, org));
        Assert.Equal(new FindingTarget(FindingTargetKind.ReceiveConnector, "EX02\\Default EX02"), rootCause.Target);
    }

    private static SelectionResult Outbound(string server, SelectionOutcome outcome) =>
        Selection(Scenario.OutboundAnonymousTls, server, null, outcome);

    private static SelectionResult Inbound(string server, SelectionOutcome outcome) =>
        Selection(Scenario.InboundAnonymousTls, server, $"{server}\\Default {server}", outcome);

    // The pairs FromPairs is fed stand for what MailFlowMatrix could return; only their outcomes matter.
    private static SelectionResult Selection(Scenario scenario, string server, string? connector, SelectionOutcome outcome) => new()
    {
        Scenario = scenario,
        Server = server,
        Connector = connector,
        Advertised = Lookups.IsSelected(outcome),
        Certificate = Lookups.IsSelected(outcome) ? Build.ThumbprintFor(server) : null,
        EndedAtStep = 5,
        Outcome = outcome,
        Location = Build.Loc($"servers/{server}/ReceiveConnector.json", "$[0]"),
    };

    private static ServerPairResult Pair(string sender, string receiver, bool? works, SelectionResult? senderResult, SelectionResult? receiverResult, string? connector = "default") => new()
    {
        Sender = sender,
        Receiver = receiver,
        Path = "Mailbox->Mailbox",
        ReceiveConnector = connector == "default" ? $"{receiver}\\Default {receiver}" : connector,
        AnonymousTlsWorks = works,
        SenderResult = senderResult,
        ReceiverResult = receiverResult,
    };

    [Fact]
    public void One_finding_per_failing_pair_naming_side_and_root_cause()
    {
        var pairs = new[]
        {
            Pair("EX02", "EX01", false, Outbound("EX02", SelectionOutcome.Selected), Inbound("EX01", SelectionOutcome.ExchangeServerAuthMissing)),
            Pair("EX01", "EX02", false, Outbound("EX01", SelectionOutcome.CertificateNotInStore), Inbound("EX02", SelectionOutcome.Selected)),
            Pair("EX01", "EX03", false, Outbound("EX01", SelectionOutcome.Selected), null, connector: null),
            Pair("EX02", "EX03", true, Outbound("EX02", SelectionOutcome.Selected), Inbound("EX03", SelectionOutcome.Selected)),
            Pair("EX03", "EX02", null, Outbound("EX03", SelectionOutcome.Undetermined), Inbound("EX02", SelectionOutcome.Selected)),
        };

        var found = new ServerPairWithoutAnonymousTls().FromPairs(pairs).ToList();
        new PairsEvaluator(pairs).Evaluate(RuleTestKit.Context(Build.Org())).ToList();

        Assert.Equal(["EX01->EX02", "EX01->EX03", "EX02->EX01"], found.Select(d => d.Target.Id));
        Assert.All(found, d => Assert.Equal(FindingTargetKind.ServerPair, d.Target.Kind));

        Assert.Equal(("sender", "EX01", "CertificateNotInStore", "EXTLS1004"), Key(found[0]));
        Assert.Equal(("receiver", "EX03", "NoReceiveConnector", "none"), Key(found[1]));
        Assert.Equal(("receiver", "EX01", "ExchangeServerAuthMissing", "EXTLS2001"), Key(found[2]));

        // Filed under the sender whichever side fails (the 451 5.7.3 queue is on the sender).
        Assert.Equal(["EX01", "EX01", "EX02"], found.Select(d => d.Server));
        Assert.Equal(
            [new Impact(Scenario.OutboundAnonymousTls, "EX02", null), new Impact(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default EX01")],
            found[2].Impacts.ToArray());
    }

    [Fact]
    public void Both_sides_failing_is_attributed_to_the_sender()
    {
        var pair = Pair("EX01", "EX02", false, Outbound("EX01", SelectionOutcome.TransportThumbprintEmpty), Inbound("EX02", SelectionOutcome.AdValueEmpty));

        var d = Assert.Single(new ServerPairWithoutAnonymousTls().FromPairs([pair]));

        Assert.Equal(("both", "EX01", "TransportThumbprintEmpty", "EXTLS1008"), Key(d));
    }

    [Fact]
    public void Silent_when_every_pair_works_or_is_undetermined()
    {
        var pairs = new[]
        {
            Pair("EX01", "EX02", true, Outbound("EX01", SelectionOutcome.Selected), Inbound("EX02", SelectionOutcome.SelectedExpired)),
            Pair("EX02", "EX01", null, Outbound("EX02", SelectionOutcome.Undetermined), Inbound("EX01", SelectionOutcome.Selected)),
        };

        Assert.Empty(new ServerPairWithoutAnonymousTls().FromPairs(pairs));
    }

    [Theory]
    [InlineData(SelectionOutcome.ExchangeServerAuthMissing, "EXTLS2001")]
    [InlineData(SelectionOutcome.AnonymousTlsSuppressed, "EXTLS2002")]
    [InlineData(SelectionOutcome.AdValueUnreadable, "EXTLS1001")]
    [InlineData(SelectionOutcome.AdValueEmpty, "EXTLS1002")]
    [InlineData(SelectionOutcome.AdValueCorrupt, "EXTLS1003")]
    [InlineData(SelectionOutcome.CertificateNotInStore, "EXTLS1004")]
    [InlineData(SelectionOutcome.TransportThumbprintEmpty, "EXTLS1008")]
    [InlineData(SelectionOutcome.EdgeSyncConnectorNotUsable, "EXTLS3006")]
    [InlineData(SelectionOutcome.Undetermined, null)]
    public void Root_cause_rule_per_outcome(SelectionOutcome outcome, string? rule) =>
        Assert.Equal(rule, ServerPairWithoutAnonymousTls.RootCauseRule(outcome));

    private static (string, string, string, string) Key(Diagnostic d) =>
        (RuleTestKit.Render(d, "failingSide"), RuleTestKit.Render(d, "failingServer"), RuleTestKit.Render(d, "outcome"), RuleTestKit.Render(d, "rootCause"));

    /// <summary>Runs FromPairs through the test kit so the descriptor's placeholders are checked too.</summary>
    private sealed class PairsEvaluator(IEnumerable<ServerPairResult> pairs) : IRuleEvaluator
    {
        public string RuleId => "EXTLS5001";

        public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) => new ServerPairWithoutAnonymousTls().FromPairs(pairs);
    }
}
