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
internal sealed class ServerPairWithoutAnonymousTls : IFindingsDependentEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<AnonymousTlsFailure>("failure")];

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
            var peers = PeersOf(matrix, side);
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

        return groups.Values.Select(g => ToDiagnostic(g, matrix, order));
    }

    /// <summary>
    /// How many peers a half has and the first ones by name, which is all a finding shows of a half alone: a failing
    /// half of a thousand-server organisation has a thousand peers, and a list of each would be kept to the end of the rule.
    /// </summary>
    private static HalfPeers PeersOf(MailFlowMatrix matrix, AnonymousTlsSide side)
    {
        var count = 0;
        var first = new List<string>();
        foreach (var peer in matrix.Peers(side))
        {
            if (count++ < ListedPeers)
            {
                first.Add(peer);
            }
        }

        return new HalfPeers(count, first);
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

    private Diagnostic ToDiagnostic(Group group, MailFlowMatrix matrix, Dictionary<string, int> order)
    {
        var servers = group.Sides.Select(s => s.Side.Server).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var (outbound, receivers) = Direction(group, Scenario.OutboundAnonymousTls, matrix, order);
        var (inbound, senders) = Direction(group, Scenario.InboundAnonymousTls, matrix, order);

        // A pair is counted once even when it fails at both ends within the group (the outbound half of one
        // of its servers and the inbound half of another); halves of one server never share a pair.
        var shared = servers.Count == 1 ? 0 : SharedPairs(group, matrix);
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
                ("outboundPeers", MessageArgument.List(receivers.First)),
                ("outboundMore", More(receivers.Count)),
                ("inboundCount", MessageArgument.Number(inbound)),
                ("inboundPeers", MessageArgument.List(senders.First)),
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
    /// The pairs of one direction and its distinct peers: how many, and the first ones by name. One half's are its own;
    /// several halves' peers (one cause on several servers) are merged by their place in the matrix's order (by name, as
    /// each half gives them), counted and read back in it, one half at a time, rather than listed and sorted.
    /// </summary>
    private static (int Pairs, HalfPeers Peers) Direction(Group group, Scenario scenario, MailFlowMatrix matrix, Dictionary<string, int> order)
    {
        var halves = group.Sides.Where(s => s.Side.Scenario == scenario).ToList();
        var pairs = halves.Sum(s => s.Peers.Count);
        switch (halves.Count)
        {
            case 0:
                return (0, new HalfPeers(0, []));
            case 1:
                return (pairs, halves[0].Peers);
        }

        var names = new string?[order.Count];
        var distinct = 0;
        foreach (var (side, _) in halves)
        {
            foreach (var peer in matrix.Peers(side))
            {
                ref var slot = ref names[order[peer]];
                if (slot is null)
                {
                    slot = peer;
                    distinct++;
                }
            }
        }

        var first = new List<string>();
        for (var i = 0; i < names.Length && first.Count < ListedPeers; i++)
        {
            if (names[i] is { } name)
            {
                first.Add(name);
            }
        }

        return (pairs, new HalfPeers(distinct, first));
    }

    /// <summary>
    /// Pairs that both an outbound half (at the sender) and an inbound half (at the receiver) of the group break: a sender
    /// among an inbound half's peers sends to that receiver, so the pair is shared exactly when the group holds that sender's
    /// outbound half.
    /// </summary>
    private static int SharedPairs(Group group, MailFlowMatrix matrix)
    {
        var outbound = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (side, _) in group.Sides)
        {
            if (side.Scenario == Scenario.OutboundAnonymousTls)
            {
                outbound.Add(side.Server);
            }
        }

        var shared = 0;
        if (outbound.Count == 0)
        {
            return 0;
        }

        foreach (var (side, _) in group.Sides)
        {
            if (side.Scenario == Scenario.InboundAnonymousTls)
            {
                foreach (var peer in matrix.Peers(side))
                {
                    if (outbound.Contains(peer))
                    {
                        shared++;
                    }
                }
            }
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

        public List<(AnonymousTlsSide Side, HalfPeers Peers)> Sides { get; } = [];
    }

    /// <summary>How many peers a half (or a direction of a group) has, and the first <see cref="ListedPeers"/> of them by name.</summary>
    private sealed record HalfPeers(int Count, List<string> First);
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
