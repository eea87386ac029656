using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Selection;

/// <summary>Whether one half of anonymous TLS, or a whole pair, works.</summary>
public enum AnonymousTlsVerdict
{
    Works,
    Fails,

    /// <summary>A section the answer needs was not collected, or the replay is undetermined.</summary>
    Unknown,
}

/// <summary>
/// One server's half of anonymous TLS with its peers: process 2 when it sends (the same for every peer),
/// process 1 on the connector that answers a given path when it receives — the same for every sender that
/// lands on that connector, so a receiver has one inbound half per path and answering connector. A pair's
/// verdict is its two halves looked up, never a scan.
/// </summary>
public sealed record AnonymousTlsSide
{
    public required string Server { get; init; }

    /// <summary><see cref="Scenario.OutboundAnonymousTls"/> (the server sends) or <see cref="Scenario.InboundAnonymousTls"/> (it receives).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>Inbound: the path the connector accepts (<see cref="MailFlowMatrix.MailboxToMailbox"/>, …); null for outbound.</summary>
    public string? Path { get; init; }

    /// <summary>Inbound: the receive connector that accepts the session, or null when there is none (or the connectors are unknown).</summary>
    public string? ReceiveConnector { get; init; }

    /// <summary>The replay this half rests on; null when there is none.</summary>
    public SelectionResult? Result { get; init; }

    public required AnonymousTlsVerdict Verdict { get; init; }

    /// <summary>Inbound: the receiver's connectors are known and none that is enabled accepts the path, so the half fails without a replay.</summary>
    public bool NoAcceptingConnector { get; init; }

    /// <summary>Inbound: which receive connector answers the session and why ("Which receive connector answers a session").</summary>
    public ConnectorAnswer? Answer { get; init; }
}

/// <summary>
/// One ordered pair of transport servers ("Between two servers" in selection.md): process 2 on the
/// sender and process 1 on the receiver's connector that accepts the session.
/// </summary>
public sealed record ServerPairResult
{
    public required string Sender { get; init; }

    public required string Receiver { get; init; }

    /// <summary>"Mailbox->Mailbox", "Mailbox->Edge" or "Edge->Mailbox".</summary>
    public required string Path { get; init; }

    public required AnonymousTlsSide SenderSide { get; init; }

    public required AnonymousTlsSide ReceiverSide { get; init; }

    /// <summary>The receiver's connector that accepts the session ("EX02\Default EX02"), or null when none exists.</summary>
    public string? ReceiveConnector => ReceiverSide.ReceiveConnector;

    /// <summary>Fails when either half fails; otherwise unknown when either half is unknown.</summary>
    public AnonymousTlsVerdict Verdict => MailFlowMatrix.Combine(SenderSide.Verdict, ReceiverSide.Verdict);

    /// <summary>True when both halves work; false when either fails; null when neither fails but one is unknown.</summary>
    public bool? AnonymousTlsWorks => Verdict switch
    {
        AnonymousTlsVerdict.Works => true,
        AnonymousTlsVerdict.Fails => false,
        _ => null,
    };

    public SelectionResult? SenderResult => SenderSide.Result;

    public SelectionResult? ReceiverResult => ReceiverSide.Result;
}

/// <summary>How many pairs there are, and how many work, fail or are unknown.</summary>
public sealed record MailFlowCounts(int Pairs, int Working, int Failing, int Unknown);

/// <summary>
/// The mail-flow matrix, built from per-server outcomes: each server's outbound half and each of its
/// inbound halves is worked out once (from one dictionary of the selections), and a pair's verdict is
/// the lookup of its two halves. Pairs are produced one at a time in sender, receiver order, so a
/// million of them never sit in memory together.
/// </summary>
/// <remarks>
/// Which pairs exist: every ordered pair of Mailbox servers; and between a Mailbox server and an Edge,
/// both directions when the Edge is subscribed. An Edge counts as subscribed when Get-EdgeSubscription
/// lists it, or, when that section was not collected, when it is simply in the snapshot (an Edge dump
/// joined to the organisation's says the administrator means it). When both the subscription's site
/// and the Mailbox server's site are known and differ, the pair does not exist: an Edge exchanges mail
/// with the Mailbox servers of its subscribed site only. Edge→Edge is never a pair. A server of
/// unknown role counts as Mailbox when it has a TransportService section, as process 2 does.
/// The receiving half is process 1 on the connector that answers the sender's session (<see cref="ReceiveConnectorIndex"/>:
/// the port's service, the bindings, the most specific RemoteIPRanges match for the sender's address; A9 when
/// addresses or ranges are unknown), so a receiver has one inbound half per path and answering connector.
/// A receive connector with Enabled = false accepts nothing, so it is never the accepting connector.
/// A pair fails when either half fails (a sender that does not use anonymous TLS fails whatever the
/// receiver would do), is unknown when neither fails but one is unknown, and works otherwise.
/// </remarks>
public sealed class MailFlowMatrix
{
    public const string MailboxToMailbox = "Mailbox->Mailbox";
    public const string MailboxToEdge = "Mailbox->Edge";
    public const string EdgeToMailbox = "Edge->Mailbox";

    private readonly ImmutableArray<Node> nodes;
    private readonly Dictionary<string, Node> byName;

    private MailFlowMatrix(ImmutableArray<Node> nodes)
    {
        this.nodes = nodes;
        byName = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes)
        {
            byName.TryAdd(node.Name, node);
        }
    }

    /// <summary>Every ordered pair of transport servers, sorted by sender then receiver; materialised, for small organisations and tests.</summary>
    public static ImmutableArray<ServerPairResult> Compute(OrganizationSnapshot snapshot, ImmutableArray<SelectionResult> selections) =>
        [.. Build(snapshot, selections).Pairs()];

    /// <summary>Works out every server's halves once: linear in servers, connectors and selections.</summary>
    public static MailFlowMatrix Build(OrganizationSnapshot snapshot, ImmutableArray<SelectionResult> selections) =>
        Build(snapshot, selections, null);

    /// <summary>
    /// As <see cref="Build(OrganizationSnapshot, ImmutableArray{SelectionResult})"/>, with each receiver's connector listeners
    /// and each sender's addresses from <paramref name="answers"/> (the analysis's, which EXTLS2013 reads too), so they
    /// are worked out once per analysis; the answers stay the matrix's own (<see cref="ReceiveConnectorIndex.WithOwnAnswers"/>),
    /// so they are the ones it would make alone. Null makes everything the matrix's own.
    /// </summary>
    public static MailFlowMatrix Build(OrganizationSnapshot snapshot, ImmutableArray<SelectionResult> selections, SessionAnswers? answers)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var outbound = new Dictionary<string, SelectionResult>(StringComparer.OrdinalIgnoreCase);
        var inbound = new Dictionary<(string Server, string Connector), SelectionResult>(ServerConnectorComparer.Instance);
        foreach (var r in selections.IsDefault ? [] : selections)
        {
            if (r is null)
            {
                continue;
            }

            // The first result of a kind wins, as the scan over the sorted selections did.
            if (r.Scenario == Scenario.OutboundAnonymousTls)
            {
                outbound.TryAdd(r.Server, r);
            }
            else if (r.Scenario == Scenario.InboundAnonymousTls && r.Connector is not null)
            {
                inbound.TryAdd((r.Server, r.Connector), r);
            }
        }

        var subscriptions = new Dictionary<string, EdgeSubscription>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in snapshot.EdgeSubscriptions.Items.IsDefault ? [] : snapshot.EdgeSubscriptions.Items)
        {
            if (s is not null)
            {
                subscriptions.TryAdd(s.Name, s);
            }
        }

        var list = new List<Node>();
        foreach (var server in (snapshot.Servers.IsDefault ? [] : snapshot.Servers).Where(s => s is not null))
        {
            var role = TransportRoles.Of(server);
            string? site;
            if (role == TransportServerRole.Mailbox)
            {
                site = server.Site;
            }
            else if (role == TransportServerRole.Edge && Subscription(snapshot, subscriptions, server) is { Subscribed: true } sub)
            {
                site = sub.Site;
            }
            else
            {
                continue;
            }

            outbound.TryGetValue(server.Name, out var sent);
            var outSide = new AnonymousTlsSide
            {
                Server = server.Name,
                Scenario = Scenario.OutboundAnonymousTls,
                Result = sent,
                Verdict = VerdictOf(sent),
            };
            list.Add(new Node(server.Name, role, SiteLeaf(site), outSide,
                answers?.IndexOf(server).WithOwnAnswers() ?? ReceiveConnectorIndex.For(server), answers?.AddressesOf(server) ?? SenderAddresses.Of(server), inbound));
        }

        var nodes = list.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.Name, StringComparer.Ordinal).ToImmutableArray();
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i].Ordinal = i;
        }

        // Each receiver's halves: one per path and connector that answers some sender (each sender answered once
        // through the receiver's own index); a path no sender takes keeps the half of its default connector. Which
        // half each sender lands on is noted in one scratch array shared by every receiver, and kept sparsely.
        // The halves are made in this order (it is the order of each server's sides) before any is filled.
        var inboundPaths = new[] { MailboxToMailbox, EdgeToMailbox };
        var edgePaths = new[] { MailboxToEdge };
        // One dictionary per kind of session, keyed by the shape (a class): a value-tuple key would be compiled at run time.
        var byShape = new Dictionary<ReceiveConnectorIndex.AnswerShape, List<PathHalves>>?[SessionKinds.Count];
        var shapes = new List<List<PathHalves>>();
        foreach (var receiver in nodes)
        {
            foreach (var path in receiver.Role == TransportServerRole.Mailbox ? inboundPaths : edgePaths)
            {
                var halves = receiver.Halves(path);
                var ofKind = byShape[(int)halves.Kind] ??= [];
                if (!ofKind.TryGetValue(halves.Shape, out var members))
                {
                    members = [];
                    ofKind.Add(halves.Shape, members);
                    shapes.Add(members);
                }

                members.Add(halves);
            }
        }

        // Answering depends on the receiver only through its shape (its connectors' families, bindings and ranges): each
        // sender is decided once per shape, not once per pair, and every receiver of that shape makes the decision its
        // own answer. Receivers of one shape are filled together, so one scratch array of decisions serves them all.
        var mailboxes = nodes.Where(n => n.Role == TransportServerRole.Mailbox).ToArray();
        var edges = nodes.Where(n => n.Role == TransportServerRole.Edge).ToArray();
        var ordinals = new int[nodes.Length];
        var landed = new int[nodes.Length];
        var decisionOf = new int[nodes.Length];
        var decisions = new ValueIds<ReceiveConnectorIndex.Decision>();
        foreach (var members in shapes)
        {
            Array.Fill(decisionOf, -1);
            decisions.Clear();
            if (members[0].Path == MailboxToMailbox)
            {
                FillMailboxToMailbox(members, mailboxes, decisionOf, decisions, ordinals, landed);
                continue;
            }

            foreach (var halves in members)
            {
                var receiver = halves.Receiver;
                var path = halves.Path;
                var recorded = 0;
                halves.BeginRecording(decisions.Count);

                // Only an Edge sends on Edge->Mailbox, and only a Mailbox server on Mailbox->Edge.
                foreach (var sender in path == EdgeToMailbox ? edges : mailboxes)
                {
                    if (!string.Equals(PathOf(sender, receiver), path, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var id = DecisionId(halves, sender, decisionOf, decisions);
                    ordinals[recorded] = sender.Ordinal;
                    landed[recorded++] = halves.Record(id, decisions[id], 1);
                }

                halves.Seal(ordinals.AsSpan(0, recorded), landed.AsSpan(0, recorded));
            }
        }

        return new MailFlowMatrix(nodes);
    }

    /// <summary>The number, within the shape being filled, of how <paramref name="sender"/>'s session ends; decided on first use.</summary>
    private static int DecisionId(PathHalves halves, Node sender, int[] decisionOf, ValueIds<ReceiveConnectorIndex.Decision> decisions)
    {
        var id = decisionOf[sender.Ordinal];
        if (id < 0)
        {
            id = decisions.IdOf(halves.Decide(sender.Addresses));
            decisionOf[sender.Ordinal] = id;
        }

        return id;
    }

    /// <summary>
    /// Mailbox→Mailbox, where every Mailbox server but the receiver sends: the receivers of one shape see the same senders
    /// decided alike, less themselves. So the senders of each decision are listed once for the shape, and each receiver
    /// takes the decisions in the order of their first sender other than itself (the order a sender-by-sender pass
    /// would meet them), counts them without itself, and lists only the senders off its common half: work per receiver
    /// grows with the decisions and the senders kept apart, not with the senders.
    /// </summary>
    private static void FillMailboxToMailbox(List<PathHalves> members, Node[] mailboxes, int[] decisionOf, ValueIds<ReceiveConnectorIndex.Decision> decisions,
        int[] ordinals, int[] landed)
    {
        var sendersOf = new List<List<int>>();
        foreach (var sender in mailboxes)
        {
            var id = DecisionId(members[0], sender, decisionOf, decisions);
            while (sendersOf.Count <= id)
            {
                sendersOf.Add([]);
            }

            sendersOf[id].Add(sender.Ordinal);
        }

        // Arrays and loops, not a list of tuples sorted by a comparison: those would be compiled on every start.
        var order = new int[sendersOf.Count];
        var firstOf = new int[sendersOf.Count];
        var halfOf = new int[sendersOf.Count];
        var cursor = new int[sendersOf.Count];
        foreach (var halves in members)
        {
            var self = halves.Receiver.Ordinal;
            var own = decisionOf[self];

            // The decisions some sender other than the receiver takes, by that first sender (a few per shape: an insertion sort).
            var taken = 0;
            for (var d = 0; d < sendersOf.Count; d++)
            {
                var list = sendersOf[d];
                var first = list[0] != self ? list[0] : list.Count > 1 ? list[1] : -1;
                if (first < 0)
                {
                    continue;
                }

                firstOf[d] = first;
                var j = taken++;
                for (; j > 0 && firstOf[order[j - 1]] > first; j--)
                {
                    order[j] = order[j - 1];
                }

                order[j] = d;
            }

            halves.BeginRecording(decisions.Count);
            for (var i = 0; i < taken; i++)
            {
                var d = order[i];
                halfOf[d] = halves.Record(d, decisions[d], sendersOf[d].Count - (d == own ? 1 : 0));
            }

            // The senders off the common half, merged in matrix order from their decisions' lists (each ascending), as
            // the pass over every sender would record them.
            var common = halves.CommonHalf();
            var apart = 0;
            for (var i = 0; i < taken; i++)
            {
                if (halfOf[order[i]] != common)
                {
                    order[apart++] = order[i];
                    cursor[order[apart - 1]] = 0;
                }
            }

            var recorded = 0;
            while (true)
            {
                var next = -1;
                for (var i = 0; i < apart; i++)
                {
                    var d = order[i];
                    var list = sendersOf[d];
                    if (cursor[d] < list.Count && list[cursor[d]] == self)
                    {
                        cursor[d]++;
                    }

                    if (cursor[d] < list.Count && (next < 0 || list[cursor[d]] < sendersOf[next][cursor[next]]))
                    {
                        next = d;
                    }
                }

                if (next < 0)
                {
                    break;
                }

                ordinals[recorded] = sendersOf[next][cursor[next]++];
                landed[recorded++] = halfOf[next];
            }

            halves.Seal(ordinals.AsSpan(0, recorded), landed.AsSpan(0, recorded));
        }
    }

    /// <summary>Fails when either half fails; otherwise unknown when either is unknown; otherwise works.</summary>
    public static AnonymousTlsVerdict Combine(AnonymousTlsVerdict sender, AnonymousTlsVerdict receiver) =>
        sender == AnonymousTlsVerdict.Fails || receiver == AnonymousTlsVerdict.Fails ? AnonymousTlsVerdict.Fails
        : sender == AnonymousTlsVerdict.Unknown || receiver == AnonymousTlsVerdict.Unknown ? AnonymousTlsVerdict.Unknown
        : AnonymousTlsVerdict.Works;

    /// <summary>How many (receiver, path, sender) the matrix keeps because the sender lands on another half than most: its memory beyond the servers and their halves.</summary>
    internal int KeptExceptions => nodes.Sum(n => n.Paths.Sum(p => p.Exceptions));

    /// <summary>The transport servers of the matrix (Mailbox servers and subscribed Edges), sorted by name.</summary>
    public IEnumerable<string> Servers => nodes.Select(n => n.Name);

    /// <summary>Every half of every server, sorted by server, then outbound before inbound, then path.</summary>
    public IEnumerable<AnonymousTlsSide> Sides()
    {
        foreach (var node in nodes)
        {
            yield return node.Outbound;
            foreach (var side in node.InboundSides())
            {
                yield return side;
            }
        }
    }

    /// <summary>The halves of one server, or none when it is not in the matrix.</summary>
    public IEnumerable<AnonymousTlsSide> SidesOf(string server) =>
        byName.TryGetValue(server, out var node) ? [node.Outbound, .. node.InboundSides()] : [];

    /// <summary>The servers that <paramref name="side"/>'s server exchanges mail with through that half: its receivers (outbound) or the senders on its path (inbound), sorted.</summary>
    public IEnumerable<string> Peers(AnonymousTlsSide side)
    {
        ArgumentNullException.ThrowIfNull(side);
        if (!byName.TryGetValue(side.Server, out var node))
        {
            yield break;
        }

        foreach (var other in nodes)
        {
            var path = side.Scenario == Scenario.OutboundAnonymousTls ? PathOf(node, other) : PathOf(other, node);
            if (path is not null && (side.Scenario == Scenario.OutboundAnonymousTls
                || (string.Equals(path, side.Path, StringComparison.Ordinal) && ReferenceEquals(node.InboundFor(path, other), side))))
            {
                yield return other.Name;
            }
        }
    }

    /// <summary>Every ordered pair, sorted by sender then receiver, produced one at a time.</summary>
    public IEnumerable<ServerPairResult> Pairs()
    {
        foreach (var (sender, receiver, path) in PairNodes())
        {
            yield return new ServerPairResult
            {
                Sender = sender.Name,
                Receiver = receiver.Name,
                Path = path,
                SenderSide = sender.Outbound,
                ReceiverSide = receiver.InboundFor(path, sender),
            };
        }
    }

    /// <summary>The pairs of the given verdict only, in the same order.</summary>
    public IEnumerable<ServerPairResult> Pairs(AnonymousTlsVerdict verdict)
    {
        foreach (var (sender, receiver, path) in PairNodes())
        {
            var receiving = receiver.InboundFor(path, sender);
            if (Combine(sender.Outbound.Verdict, receiving.Verdict) == verdict)
            {
                yield return new ServerPairResult { Sender = sender.Name, Receiver = receiver.Name, Path = path, SenderSide = sender.Outbound, ReceiverSide = receiving };
            }
        }
    }

    /// <summary>Counts every pair by verdict without building them.</summary>
    public MailFlowCounts Count()
    {
        int total = 0, works = 0, fails = 0;
        foreach (var (sender, receiver, path) in PairNodes())
        {
            total++;
            switch (Combine(sender.Outbound.Verdict, receiver.InboundFor(path, sender).Verdict))
            {
                case AnonymousTlsVerdict.Works:
                    works++;
                    break;
                case AnonymousTlsVerdict.Fails:
                    fails++;
                    break;
            }
        }

        return new MailFlowCounts(total, works, fails, total - works - fails);
    }

    private IEnumerable<(Node Sender, Node Receiver, string Path)> PairNodes()
    {
        foreach (var sender in nodes)
        {
            foreach (var receiver in nodes)
            {
                if (PathOf(sender, receiver) is { } path)
                {
                    yield return (sender, receiver, path);
                }
            }
        }
    }

    private static string? PathOf(Node sender, Node receiver)
    {
        if (ReferenceEquals(sender, receiver))
        {
            return null;
        }

        return (sender.Role, receiver.Role) switch
        {
            (TransportServerRole.Mailbox, TransportServerRole.Mailbox) => MailboxToMailbox,
            (TransportServerRole.Mailbox, TransportServerRole.Edge) when SameSite(receiver.SiteLeaf, sender.SiteLeaf) => MailboxToEdge,
            (TransportServerRole.Edge, TransportServerRole.Mailbox) when SameSite(sender.SiteLeaf, receiver.SiteLeaf) => EdgeToMailbox,
            _ => null,
        };
    }

    private static AnonymousTlsVerdict VerdictOf(SelectionResult? result) =>
        result is null || result.Outcome == SelectionOutcome.Undetermined ? AnonymousTlsVerdict.Unknown
        : result.Advertised ? AnonymousTlsVerdict.Works
        : AnonymousTlsVerdict.Fails;

    /// <summary>The inbound half an answer makes: process 1 on the connector that answers, or a refusal, or unknown connectors.</summary>
    private static AnonymousTlsSide Inbound(string receiver, string path, ConnectorAnswer answer, Dictionary<(string Server, string Connector), SelectionResult> inbound)
    {
        var side = new AnonymousTlsSide { Server = receiver, Scenario = Scenario.InboundAnonymousTls, Path = path, Verdict = AnonymousTlsVerdict.Unknown, Answer = answer };
        switch (answer.Outcome)
        {
            case AnsweringOutcome.Undetermined:
                return side;
            case AnsweringOutcome.Refused:
                // Nothing on the receiver accepts the session: anonymous TLS certainly fails.
                return side with { Verdict = AnonymousTlsVerdict.Fails, NoAcceptingConnector = true };
        }

        inbound.TryGetValue((receiver, answer.Connector!), out var result);
        return side with { ReceiveConnector = answer.Connector, Result = result, Verdict = VerdictOf(result) };
    }

    private static SessionKind KindOf(string path) => path switch
    {
        MailboxToEdge => SessionKind.MailboxToEdge,
        EdgeToMailbox => SessionKind.EdgeToMailbox,
        _ => SessionKind.MailboxToMailbox,
    };

    private static (bool Subscribed, string? Site) Subscription(OrganizationSnapshot snapshot, Dictionary<string, EdgeSubscription> subscriptions, ServerSnapshot edge)
    {
        if (!snapshot.EdgeSubscriptions.IsKnown)
        {
            return (true, edge.Site);
        }

        return subscriptions.TryGetValue(edge.Name, out var sub) ? (true, sub.Site) : (false, null);
    }

    // Get-EdgeSubscription writes the site as an AD path ("contoso.com/Configuration/Sites/Default-First-Site-Name")
    // where Get-ExchangeServer may write the same or the leaf alone; the leaf is what both agree on. Null when unknown.
    private static string? SiteLeaf(string? site)
    {
        if (string.IsNullOrWhiteSpace(site))
        {
            return null;
        }

        var trimmed = site.Trim().TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    /// <summary>An unknown site on either side matches every site.</summary>
    private static bool SameSite(string? edgeSite, string? mailboxSite) =>
        edgeSite is null || mailboxSite is null || string.Equals(edgeSite, mailboxSite, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A transport server of the matrix: its outbound half, and per inbound path (a Mailbox server's Mailbox→Mailbox
    /// and Edge→Mailbox, an Edge's Mailbox→Edge) the halves of the connectors that answer its senders.
    /// </summary>
    private sealed class Node(string name, TransportServerRole role, string? siteLeaf, AnonymousTlsSide outbound, ReceiveConnectorIndex index,
        SenderAddresses addresses, Dictionary<(string Server, string Connector), SelectionResult> results)
    {
        private readonly List<PathHalves> paths = [];

        public string Name { get; } = name;

        public TransportServerRole Role { get; } = role;

        public string? SiteLeaf { get; } = siteLeaf;

        public AnonymousTlsSide Outbound { get; } = outbound;

        public SenderAddresses Addresses { get; } = addresses;

        /// <summary>The node's place in the matrix's sorted nodes, which indexes each receiver's senders.</summary>
        public int Ordinal { get; set; }

        public PathHalves Halves(string path)
        {
            // A loop, not a search with a lambda: this runs once per pair and must not allocate.
            foreach (var p in paths)
            {
                if (ReferenceEquals(p.Path, path) || string.Equals(p.Path, path, StringComparison.Ordinal))
                {
                    return p;
                }
            }

            var halves = new PathHalves(this, path, index, results);
            paths.Add(halves);
            return halves;
        }

        public AnonymousTlsSide InboundFor(string path, Node sender) => Halves(path).Of(sender);

        public IEnumerable<AnonymousTlsSide> InboundSides() => paths.SelectMany(p => p.Sides);

        public IReadOnlyList<PathHalves> Paths => paths;
    }

    /// <summary>
    /// The halves of one receiver and path, one per answer, shared by the senders that land alike. Each sender is
    /// answered once, while the matrix is built; what is kept is the half most senders land on and, sorted by the
    /// sender's place in the matrix, the few senders that land on another one: memory grows with the senders
    /// answered otherwise, not with the pairs, and a pair's half is a binary search over those few.
    /// </summary>
    private sealed class PathHalves(Node receiver, string path, ReceiveConnectorIndex index, Dictionary<(string Server, string Connector), SelectionResult> results)
    {
        // By the answer's key, not its identity: a value's hash costs nothing, an object's first identity hash does.
        // Released when sealed, with the other recording state: the matrix lives as long as the analysis's result.
        private ValueKeyedMap<ReceiveConnectorIndex.AnswerKey, int>? byAnswer = new();
        private readonly List<AnonymousTlsSide> sides = [];

        // While recording: how many senders land on each half, and the half of each decision of the receiver's shape (-1 until seen).
        private List<int>? counts = [];
        private int[] byDecision = [];

        private AnonymousTlsSide? common;
        private int[] otherSenders = [];
        private AnonymousTlsSide[] otherSides = [];

        public Node Receiver { get; } = receiver;

        public string Path { get; } = path;

        public SessionKind Kind { get; } = KindOf(path);

        /// <summary>What answering reads of the receiver for this path's kind of session.</summary>
        public ReceiveConnectorIndex.AnswerShape Shape => index.ShapeOf(Kind);

        public IReadOnlyList<AnonymousTlsSide> Sides => sides;

        /// <summary>How many senders land on another half than the common one: what this path keeps beyond its halves.</summary>
        public int Exceptions => otherSenders.Length;

        /// <summary>How a sender's session ends at this receiver; the same for every receiver of the same shape.</summary>
        public ReceiveConnectorIndex.Decision Decide(SenderAddresses sender) => index.Decide(Kind, sender);

        /// <summary>Starts recording, with the decisions of the shape known so far (more may follow).</summary>
        public void BeginRecording(int knownDecisions)
        {
            byDecision = new int[Math.Max(4, knownDecisions)];
            Array.Fill(byDecision, -1);
        }

        /// <summary>The half a decision's answer makes, made on first use; its place in <see cref="Sides"/> until sealed.</summary>
        private int For(ReceiveConnectorIndex.Decision decision)
        {
            var key = ReceiveConnectorIndex.KeyOf(Kind, decision);
            byAnswer ??= new();
            if (!byAnswer.TryGetValue(key, out var at))
            {
                at = sides.Count;
                sides.Add(Inbound(Receiver.Name, Path, index.AnswerOf(Kind, decision), results));
                byAnswer.Add(key, at);
                counts?.Add(0);
            }

            return at;
        }

        /// <summary>Counts <paramref name="senders"/> senders on the half their decision (numbered within the shape) lands on, whose place it returns until sealed.</summary>
        public int Record(int decisionId, ReceiveConnectorIndex.Decision decision, int senders)
        {
            if (decisionId >= byDecision.Length)
            {
                var grown = new int[Math.Max(decisionId + 1, byDecision.Length * 2)];
                Array.Fill(grown, -1);
                byDecision.CopyTo(grown, 0);
                byDecision = grown;
            }

            var at = byDecision[decisionId];
            if (at < 0)
            {
                at = For(decision);
                byDecision[decisionId] = at;
            }

            counts![at] += senders;
            return at;
        }

        /// <summary>The half a recorded sender lands on: one of the few others, or the common one.</summary>
        public AnonymousTlsSide Of(Node sender)
        {
            var at = otherSenders.Length == 0 ? -1 : Array.BinarySearch(otherSenders, sender.Ordinal);
            return at >= 0 ? otherSides[at] : common!;
        }

        /// <summary>The half most senders land on, the first in recording order on a tie; its place until sealed.</summary>
        public int CommonHalf()
        {
            if (sides.Count == 0)
            {
                For(index.Decide(Kind, SenderAddresses.Unknown));
            }

            var best = 0;
            for (var i = 1; i < counts!.Count; i++)
            {
                if (counts[i] > counts[best])
                {
                    best = i;
                }
            }

            return best;
        }

        /// <summary>
        /// Orders the halves by connector and keeps, of <paramref name="senders"/> (ordinals recorded, ascending, each
        /// landed on the half <paramref name="landed"/> says: every sender, or only those off the common half), those not
        /// on the common half; a path no sender takes keeps its default connector's half (A9).
        /// </summary>
        public void Seal(ReadOnlySpan<int> senders, ReadOnlySpan<int> landed)
        {
            var best = CommonHalf();
            common = sides[best];
            var others = 0;
            foreach (var at in landed)
            {
                others += at != best ? 1 : 0;
            }

            otherSenders = others == 0 ? [] : new int[others];
            otherSides = others == 0 ? [] : new AnonymousTlsSide[others];
            for (int i = 0, o = 0; i < landed.Length; i++)
            {
                if (landed[i] != best)
                {
                    otherSenders[o] = senders[i];
                    otherSides[o++] = sides[landed[i]];
                }
            }

            // A few halves per path: a stable insertion sort orders them as OrderBy would, without its allocations.
            for (var i = 1; i < sides.Count; i++)
            {
                var side = sides[i];
                var j = i - 1;
                for (; j >= 0 && CompareHalves(sides[j], side) > 0; j--)
                {
                    sides[j + 1] = sides[j];
                }

                sides[j + 1] = side;
            }

            counts = null;
            byDecision = [];
            byAnswer = null;
        }
    }

    /// <summary>By accepting connector (none last), then by how answering ended.</summary>
    private static int CompareHalves(AnonymousTlsSide x, AnonymousTlsSide y)
    {
        var c = StringComparer.OrdinalIgnoreCase.Compare(x.ReceiveConnector ?? "\uffff", y.ReceiveConnector ?? "\uffff");
        return c != 0 ? c : Nullable.Compare(x.Answer?.Outcome, y.Answer?.Outcome);
    }

    private sealed class ServerConnectorComparer : IEqualityComparer<(string Server, string Connector)>
    {
        public static readonly ServerConnectorComparer Instance = new();

        public bool Equals((string Server, string Connector) x, (string Server, string Connector) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Server, y.Server) && StringComparer.OrdinalIgnoreCase.Equals(x.Connector, y.Connector);

        public int GetHashCode((string Server, string Connector) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Server), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Connector));
    }
}
