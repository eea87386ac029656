using System.Collections.Immutable;
using System.Globalization;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS5001: anonymous TLS fails between transport servers. One finding per root-cause finding (named by
/// rule and fingerprint, always one reported in the same run), or per broken server where no reported
/// finding explains it, carrying the pairs it breaks compactly: how many, in which direction, with whom.
/// The pair-by-pair picture is <c>extls matrix</c>'s.
/// </summary>
/// <remarks>
/// Runs after every other rule (<see cref="IFindingsDependentEvaluator"/>) and reads their findings
/// through <see cref="MailFlowCauses"/>. A pair breaks when either half fails, so a failing half breaks
/// the pair with every peer of that half; the finding lists the failing halves as impacts and their
/// peers, never one finding or one impact per pair. A root cause that is switched off is not reported,
/// so the halves it would explain fall back to the per-server finding; a suppressed one is still
/// reported (marked suppressed) and is named.
/// </remarks>
internal sealed class ServerPairWithoutAnonymousTls : IFindingsDependentEvaluator
{
    /// <summary>Peers listed by name; beyond, the list says how many more.</summary>
    internal const int ListedPeers = 10;

    /// <summary>The outcome shown for a half without an accepting receive connector (no replay exists for it).</summary>
    internal const string NoReceiveConnector = "NoReceiveConnector";

    /// <summary>The remediation when no reported finding explains the failure.</summary>
    internal const string UnknownCauseVariant = "unknownCause";

    /// <summary>Target kind of a finding about the mail flow a root cause breaks.</summary>
    internal const string MailFlowKind = "mailFlow";

    public string RuleId => RuleIds.EXTLS5001;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var matrix = context.Index.MailFlow;
        var causes = MailFlowCauses.From(context.Findings);
        var groups = new SortedDictionary<string, Group>(StringComparer.Ordinal);
        foreach (var side in matrix.Sides().Where(s => s.Verdict == AnonymousTlsVerdict.Fails))
        {
            // A half no pair goes through (Edge to Mailbox in an organisation without Edges) breaks no mail flow.
            var peers = matrix.Peers(side).ToList();
            if (peers.Count == 0)
            {
                continue;
            }

            var rootCauses = causes.Of(side);
            if (rootCauses.Count == 0)
            {
                // No reported finding explains it: one finding for the broken server.
                GroupFor(groups, "server\n" + side.Server, null, side.Server).Sides.Add((side, peers));
                continue;
            }

            foreach (var rootCause in rootCauses)
            {
                GroupFor(groups, "cause\n" + rootCause.RuleId + "\n" + rootCause.Fingerprint, rootCause, side.Server).Sides.Add((side, peers));
            }
        }

        return groups.Values.Select(ToDiagnostic);
    }

    private static Group GroupFor(SortedDictionary<string, Group> groups, string key, Finding? rootCause, string server)
    {
        if (!groups.TryGetValue(key, out var group))
        {
            group = new Group(rootCause, server);
            groups[key] = group;
        }

        return group;
    }

    private Diagnostic ToDiagnostic(Group group)
    {
        var servers = group.Sides.Select(s => s.Side.Server).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var pairs = new HashSet<(string Sender, string Receiver)>(PairComparer.Instance);
        var receivers = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var senders = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        int outbound = 0, inbound = 0;
        foreach (var (side, peers) in group.Sides)
        {
            var isOutbound = side.Scenario == Scenario.OutboundAnonymousTls;
            foreach (var peer in peers)
            {
                if (pairs.Add(isOutbound ? (side.Server, peer) : (peer, side.Server)))
                {
                    if (isOutbound)
                    {
                        outbound++;
                        receivers.Add(peer);
                    }
                    else
                    {
                        inbound++;
                        senders.Add(peer);
                    }
                }
            }
        }

        var outcomes = group.Sides.Select(s => s.Side)
            .Select(s => s.NoAcceptingConnector ? NoReceiveConnector : s.Result?.Outcome.ToString() ?? nameof(SelectionOutcome.Undetermined))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var root = group.RootCause;
        var impacts = group.Sides.Select(s => s.Side)
            .Select(s => new Impact(s.Scenario.ToId(), s.Server, s.Scenario == Scenario.InboundAnonymousTls ? s.ReceiveConnector : null))
            .ToImmutableArray();
        var serverNames = string.Join(", ", servers);
        return new Diagnostic
        {
            RuleId = RuleId,
            Server = servers.Count == 1 ? servers[0] : root?.Server,
            Target = root is null
                ? new FindingTarget("server", group.Server)
                : new FindingTarget(MailFlowKind, $"{root.RuleId}/{root.Target.Id}"),
            Arguments = EvaluatorSupport.Args(
                ("servers", serverNames),
                ("pairCount", EvaluatorSupport.Number(pairs.Count)),
                ("outboundCount", EvaluatorSupport.Number(outbound)),
                ("outboundPeers", Peers(receivers)),
                ("inboundCount", EvaluatorSupport.Number(inbound)),
                ("inboundPeers", Peers(senders)),
                ("outcomes", string.Join(", ", outcomes)),
                ("rootCause", root is null ? "none" : $"{root.RuleId} ({root.Fingerprint})"),
                ("rootCauseRule", root?.RuleId ?? "none")),
            Impacts = impacts,
            Assumptions = EvaluatorSupport.Assumptions(group.Sides.Select(s => s.Side.Result).OfType<SelectionResult>()),
            Location = root?.Location ?? group.Sides.Select(s => s.Side.Result?.Location).FirstOrDefault(l => l is not null),
            RemediationVariant = root is null ? UnknownCauseVariant : null,
        };
    }

    /// <summary>Every peer where there are few; the first <see cref="ListedPeers"/> and how many more where there are many; "—" for none.</summary>
    internal static string Peers(IReadOnlyCollection<string> peers)
    {
        if (peers.Count == 0)
        {
            return "—";
        }

        if (peers.Count <= ListedPeers)
        {
            return string.Join(", ", peers);
        }

        var more = (peers.Count - ListedPeers).ToString(CultureInfo.InvariantCulture);
        return string.Join(", ", peers.Take(ListedPeers)) + $", … (+{more})";
    }

    /// <summary>The failing halves one root cause (or, when none is known, one server) accounts for.</summary>
    private sealed class Group(Finding? rootCause, string server)
    {
        public Finding? RootCause { get; } = rootCause;

        public string Server { get; } = server;

        public List<(AnonymousTlsSide Side, List<string> Peers)> Sides { get; } = [];
    }

    private sealed class PairComparer : IEqualityComparer<(string, string)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((string, string) x, (string, string) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1) && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }
}
