using System.Collections.Immutable;
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
[MessageValues("failure", typeof(AnonymousTlsFailure))]
internal sealed class ServerPairWithoutAnonymousTls : IFindingsDependentEvaluator
{
    /// <summary>Peers listed by name; beyond, the list says how many more.</summary>
    internal const int ListedPeers = 10;

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

        // Every server's place in the matrix's order (by name), so that merging the peers of several halves is linear.
        var order = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var server in matrix.Servers)
        {
            order.TryAdd(server, order.Count);
        }

        return groups.Values.Select(g => ToDiagnostic(g, order));
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

    private Diagnostic ToDiagnostic(Group group, Dictionary<string, int> order)
    {
        var servers = group.Sides.Select(s => s.Side.Server).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var (outbound, receivers) = Direction(group, Scenario.OutboundAnonymousTls, order);
        var (inbound, senders) = Direction(group, Scenario.InboundAnonymousTls, order);

        // A pair is counted once even when it fails at both ends within the group (the outbound half of one
        // of its servers and the inbound half of another); halves of one server never share a pair.
        var shared = servers.Count == 1 ? 0 : SharedPairs(group);
        var pairCount = outbound + inbound - shared;

        var failures = group.Sides.Select(s => Failure(s.Side)).Distinct().Order();
        var root = group.RootCause;
        var impacts = group.Sides.Select(s => s.Side)
            .Select(s => new Impact(s.Scenario, s.Server, s.Scenario == Scenario.InboundAnonymousTls ? s.ReceiveConnector : null))
            .ToImmutableArray();
        return new Diagnostic
        {
            RuleId = RuleId,
            Server = servers.Count == 1 ? servers[0] : root?.Server,
            Target = root is null
                ? new FindingTarget(FindingTargetKind.Server, group.Server)
                : new FindingTarget(FindingTargetKind.MailFlow, $"{root.RuleId}/{root.Target.Id}"),
            Arguments = Args.Of(
                ("servers", MessageArgument.List(servers)),
                ("pairCount", MessageArgument.Number(pairCount)),
                ("outboundCount", MessageArgument.Number(outbound)),
                ("outboundPeers", MessageArgument.List(receivers.Take(ListedPeers))),
                ("outboundMore", More(receivers.Count)),
                ("inboundCount", MessageArgument.Number(inbound)),
                ("inboundPeers", MessageArgument.List(senders.Take(ListedPeers))),
                ("inboundMore", More(senders.Count)),
                ("failures", MessageArgument.Records(failures.Select(f => Args.Of(("failure", MessageArgument.Value(f)))))),
                ("rootCause", root?.RuleId),
                ("rootCauseFingerprint", MessageArgument.Records(root is null ? [] : [Args.Of(("fingerprint", root.Fingerprint))]))),
            Impacts = impacts,
            Assumptions = [.. DiagnosticBuilders.Assumptions(group.Sides.Select(s => s.Side.Result).OfType<SelectionResult>())
                .Concat(group.Sides.Where(s => DependsOnAnsweringConnector(s.Side)).SelectMany(s => s.Side.Answer!.Assumptions).Select(a => a.ToId()))
                .Distinct(StringComparer.Ordinal)],
            Location = root?.Location ?? group.Sides.Select(s => s.Side.Result?.Location).FirstOrDefault(l => l is not null),
            RemediationVariant = root is null ? RemediationVariant.UnknownCause : null,
        };
    }

    /// <summary>
    /// The pairs of one direction and the distinct peers, sorted: the matrix gives each half's peers in name
    /// order already, so only several halves of one direction need merging.
    /// </summary>
    private static (int Pairs, IReadOnlyList<string> Peers) Direction(Group group, Scenario scenario, Dictionary<string, int> order)
    {
        var halves = group.Sides.Where(s => s.Side.Scenario == scenario).ToList();
        var pairs = halves.Sum(s => s.Peers.Count);
        return halves.Count switch
        {
            0 => (0, []),
            1 => (pairs, halves[0].Peers),
            _ => (pairs, Union(halves.Select(h => h.Peers), order)),
        };
    }

    /// <summary>
    /// The distinct peers of several halves in the matrix's order (sorted by name, as each half's list is): marked by
    /// their place in that order and read back in it, rather than sorted again.
    /// </summary>
    private static List<string> Union(IEnumerable<List<string>> lists, Dictionary<string, int> order)
    {
        var names = new string?[order.Count];
        foreach (var list in lists)
        {
            foreach (var peer in list)
            {
                names[order[peer]] ??= peer;
            }
        }

        var union = new List<string>();
        foreach (var name in names)
        {
            if (name is not null)
            {
                union.Add(name);
            }
        }

        return union;
    }

    /// <summary>Pairs that both an outbound half (at the sender) and an inbound half (at the receiver) of the group break.</summary>
    private static int SharedPairs(Group group)
    {
        var outbound = new HashSet<(string, string)>(PairComparer.Instance);
        foreach (var (side, peers) in group.Sides.Where(s => s.Side.Scenario == Scenario.OutboundAnonymousTls))
        {
            foreach (var peer in peers)
            {
                outbound.Add((side.Server, peer));
            }
        }

        var shared = 0;
        foreach (var (side, peers) in group.Sides.Where(s => s.Side.Scenario == Scenario.InboundAnonymousTls))
        {
            shared += peers.Count(peer => outbound.Contains((peer, side.Server)));
        }

        return shared;
    }

    /// <summary>
    /// A failing inbound half whose cause is the connector that answers (no accepting connector, or one without
    /// ExchangeServer authentication or with X-ANONYMOUSTLS suppressed): its verdict rests on which connector
    /// answers, so on the assumptions of that answer (A9, A11). A server-wide cause fails on any connector.
    /// </summary>
    private static bool DependsOnAnsweringConnector(AnonymousTlsSide side) =>
        side.Answer is not null
        && (side.NoAcceptingConnector || side.Result?.Outcome is SelectionOutcome.ExchangeServerAuthMissing or SelectionOutcome.AnonymousTlsSuppressed);

    /// <summary>How many peers the list leaves out, as an optional record: none when every peer is listed.</summary>
    internal static MessageArgument More(int peers) =>
        MessageArgument.Records(peers > ListedPeers ? [Args.Of(("count", MessageArgument.Number(peers - ListedPeers)))] : []);

    /// <summary>Why a failing half fails, as the descriptor words it.</summary>
    internal static AnonymousTlsFailure Failure(AnonymousTlsSide side) =>
        side.NoAcceptingConnector ? AnonymousTlsFailure.NoReceiveConnector : side.Result?.Outcome switch
        {
            SelectionOutcome.ExchangeServerAuthMissing => AnonymousTlsFailure.ExchangeServerAuthMissing,
            SelectionOutcome.AnonymousTlsSuppressed => AnonymousTlsFailure.AnonymousTlsSuppressed,
            SelectionOutcome.TransportThumbprintEmpty => AnonymousTlsFailure.TransportThumbprintEmpty,
            SelectionOutcome.EdgeSyncConnectorNotUsable => AnonymousTlsFailure.EdgeSyncConnectorNotUsable,
            SelectionOutcome.AdValueUnreadable => AnonymousTlsFailure.AdValueUnreadable,
            SelectionOutcome.AdValueEmpty => AnonymousTlsFailure.AdValueEmpty,
            SelectionOutcome.AdValueCorrupt => AnonymousTlsFailure.AdValueCorrupt,
            SelectionOutcome.CertificateNotInStore => AnonymousTlsFailure.CertificateNotInStore,
            var other => throw new ArgumentOutOfRangeException(nameof(side), other, "not an outcome with which process 1 or 2 fails"),
        };

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

/// <summary>Why a half of anonymous TLS fails: the outcomes with which processes 1 and 2 stop, and a receiver with no connector for the path.</summary>
internal enum AnonymousTlsFailure
{
    ExchangeServerAuthMissing,
    AnonymousTlsSuppressed,
    TransportThumbprintEmpty,
    EdgeSyncConnectorNotUsable,
    AdValueUnreadable,
    AdValueEmpty,
    AdValueCorrupt,
    CertificateNotInStore,
    NoReceiveConnector,
}
