using Extls.Model;
using System.Collections.Immutable;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS5001: anonymous TLS fails between an ordered pair of transport servers. The finding names
/// the failing side and the rule whose finding is the root cause, so the matrix and the catalogue agree.
/// </summary>
/// <remarks>
/// Filed under the sender whichever side fails: the queue that stops with 451 5.7.3 builds on the
/// sender, so that is where an administrator looks first; failingServer still names the broken side.
/// </remarks>
internal sealed class ServerPairWithoutAnonymousTls : IRuleEvaluator
{
    /// <summary>The outcome a missing receive connector is reported as (no replay outcome exists for it).</summary>
    internal const string NoReceiveConnector = "NoReceiveConnector";

    public string RuleId => RuleIds.EXTLS5001;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        FromPairs(MailFlowMatrix.Compute(context.Snapshot, context.Selections));

    internal IEnumerable<Diagnostic> FromPairs(IEnumerable<ServerPairResult> pairs) =>
        pairs.Where(p => p.AnonymousTlsWorks == false)
            .OrderBy(p => p.Sender, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Receiver, StringComparer.OrdinalIgnoreCase)
            .Select(ToDiagnostic);

    /// <summary>The rule whose condition a failed outcome is; null when the outcome has no rule of its own.</summary>
    internal static string? RootCauseRule(SelectionOutcome outcome) => outcome switch
    {
        SelectionOutcome.ExchangeServerAuthMissing => RuleIds.EXTLS2001,
        SelectionOutcome.AnonymousTlsSuppressed => RuleIds.EXTLS2002,
        SelectionOutcome.AdValueUnreadable => RuleIds.EXTLS1001,
        SelectionOutcome.AdValueEmpty => RuleIds.EXTLS1002,
        SelectionOutcome.AdValueCorrupt => RuleIds.EXTLS1003,
        SelectionOutcome.CertificateNotInStore => RuleIds.EXTLS1004,
        SelectionOutcome.TransportThumbprintEmpty => RuleIds.EXTLS1008,
        SelectionOutcome.EdgeSyncConnectorNotUsable => RuleIds.EXTLS3006,
        _ => null,
    };

    private Diagnostic ToDiagnostic(ServerPairResult pair)
    {
        var senderFails = pair.SenderResult is { } s && !s.Advertised;
        var receiverFails = pair.ReceiveConnector is null || (pair.ReceiverResult is { } r && !r.Advertised);

        // The sender is examined first: when it does not even try anonymous TLS, the receiver's side is moot.
        string failingSide;
        string failingServer;
        string outcome;
        string rootCause;
        if (senderFails)
        {
            failingSide = receiverFails ? "both" : "sender";
            failingServer = pair.Sender;
            outcome = pair.SenderResult!.Outcome.ToString();
            rootCause = RootCauseRule(pair.SenderResult.Outcome) ?? "none";
        }
        else
        {
            failingSide = "receiver";
            failingServer = pair.Receiver;
            outcome = pair.ReceiveConnector is null ? NoReceiveConnector : pair.ReceiverResult?.Outcome.ToString() ?? nameof(SelectionOutcome.Undetermined);
            rootCause = pair.ReceiveConnector is null || pair.ReceiverResult is null ? "none" : RootCauseRule(pair.ReceiverResult.Outcome) ?? "none";
        }

        var impacts = ImmutableArray.CreateBuilder<Impact>();
        impacts.Add(new Impact(Scenario.OutboundAnonymousTls, pair.Sender, null));
        impacts.Add(new Impact(Scenario.InboundAnonymousTls, pair.Receiver, pair.ReceiveConnector));

        return new Diagnostic
        {
            RuleId = RuleId,
            Server = pair.Sender,
            Target = new FindingTarget(FindingTargetKind.ServerPair, $"{pair.Sender}->{pair.Receiver}"),
            Arguments = Args.Of(
                ("sender", pair.Sender),
                ("receiver", pair.Receiver),
                ("path", pair.Path),
                ("receiveConnector", pair.ReceiveConnector ?? "none"),
                ("failingSide", failingSide),
                ("failingServer", failingServer),
                ("outcome", outcome),
                ("rootCause", rootCause)),
            Impacts = impacts.ToImmutable(),
            Assumptions = DiagnosticBuilders.Assumptions(new[] { pair.SenderResult, pair.ReceiverResult }.OfType<SelectionResult>()),
            Location = senderFails ? pair.SenderResult!.Location : pair.ReceiverResult?.Location,
        };
    }
}
