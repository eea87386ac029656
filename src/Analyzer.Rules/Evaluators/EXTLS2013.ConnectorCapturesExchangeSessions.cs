using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS2013: a receive connector without ExchangeServer authentication answers sessions from other Exchange
/// servers, because its RemoteIPRanges hold their addresses more specifically than the default connector's
/// (selection.md, "Which receive connector answers a session"): no X-ANONYMOUSTLS, and 451 5.7.3.
/// </summary>
/// <remarks>
/// One finding per capturing connector, whatever the number of senders and kinds of session it captures; the
/// senders are named in the message (the first <see cref="NamedSenders"/>, then how many in all). A connector
/// that also accepts the ExchangeServers permission group is EXTLS2001's root cause already, and is left to it.
/// </remarks>
internal sealed class ConnectorCapturesExchangeSessions : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<SessionKind>("kinds")];

    /// <summary>How many captured senders the message names before it only counts them.</summary>
    internal const int NamedSenders = 10;

    public string RuleId => RuleIds.EXTLS2013;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var snapshot = context.Snapshot;
        var answers = context.Index.Answers;
        var captures = new SortedDictionary<string, Capture>(NameOrder.Instance);
        // Most receivers have no connector that could capture (every one on the port takes ExchangeServer): they are not asked.
        foreach (var group in answers.Groups(a => Captures(snapshot, a) is not null, (receiver, identity) => MayCapture(snapshot, receiver.Name, identity) is not null))
        {
            var connector = Captures(snapshot, group.Answer)!;
            if (!captures.TryGetValue(connector.Identity, out var capture))
            {
                capture = new Capture(group.Answer.Receiver, connector);
                captures.Add(connector.Identity, capture);
            }

            capture.Kinds.Add(group.Answer.Kind);
            capture.Ranges.Add(group.Answer.MatchedRange!.ToString());
            capture.Senders.UnionWith(group.Senders);
            capture.Assumptions.UnionWith(group.Answer.Assumptions.Select(a => a.ToId()));
        }

        foreach (var capture in captures.Values)
        {
            var senders = capture.Senders.ToList();
            var named = senders.Take(NamedSenders).ToList();
            var addresses = senders
                .Select(s => snapshot.FindServer(s))
                .Where(s => s is not null)
                .SelectMany(s => answers.AddressesOf(s!).Usable.Take(1))
                .Distinct()
                .Order(IPAddresses.Order)
                .Select(a => a.ToString());
            var connector = capture.Connector;
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = capture.Receiver,
                Target = new FindingTarget(FindingTargetKind.ReceiveConnector, connector.Identity),
                Arguments = Args.Of(
                    ("connector", connector.Identity),
                    ("kinds", MessageArgument.Values(capture.Kinds)),
                    ("senders", MessageArgument.List(senders.Count > named.Count ? [.. named, "…"] : named)),
                    ("senderCount", MessageArgument.Number(senders.Count)),
                    ("ranges", MessageArgument.SortedList(capture.Ranges)),
                    ("addresses", MessageArgument.List(addresses, ListStyle.PowerShell)),
                    ("currentAuthMechanism", MessageArgument.Exchange(connector.AuthMechanism, ListStyle.PowerShell)),
                    // -AuthMechanism replaces the whole list: the command keeps what the connector has and adds ExchangeServer.
                    ("authMechanismWithExchangeServer", MessageArgument.Exchange<ReceiveAuthMechanism>((connector.AuthMechanism ?? ReceiveAuthMechanism.None) | ReceiveAuthMechanism.ExchangeServer, ListStyle.PowerShell))),
                Impacts = [new Impact(Scenario.InboundAnonymousTls, capture.Receiver, connector.Identity)],
                Assumptions = [.. capture.Assumptions],
                Location = connector.Location,
            };
        }
    }

    /// <summary>
    /// The connector an answer lands on when it is a capture: decided by a remote range, not the default
    /// connector, AuthMechanism known and without ExchangeServer, and not already EXTLS2001's.
    /// </summary>
    private static ReceiveConnector? Captures(OrganizationSnapshot snapshot, ConnectorAnswer answer)
    {
        if (answer.Outcome != AnsweringOutcome.Answered || answer.IsDefaultConnector || answer.Connector is null)
        {
            return null;
        }

        return MayCapture(snapshot, answer.Receiver, answer.Connector);
    }

    /// <summary>The connector, when it could capture at all: AuthMechanism known and without ExchangeServer, and not EXTLS2001's.</summary>
    private static ReceiveConnector? MayCapture(OrganizationSnapshot snapshot, string receiver, string identity)
    {
        var connector = Lookups.FindReceiveConnector(snapshot, receiver, identity);
        return connector is { AuthMechanism: { } auth } && !auth.HasFlag(ReceiveAuthMechanism.ExchangeServer)
               && !(connector.PermissionGroups is { } groups && groups.HasFlag(PermissionGroups.ExchangeServers))
            ? connector
            : null;
    }

    private sealed class Capture(string receiver, ReceiveConnector connector)
    {
        public string Receiver { get; } = receiver;

        public ReceiveConnector Connector { get; } = connector;

        public SortedSet<SessionKind> Kinds { get; } = [];

        public SortedSet<string> Ranges { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Senders { get; } = new(NameOrder.Instance);

        public SortedSet<string> Assumptions { get; } = new(StringComparer.Ordinal);
    }
}
