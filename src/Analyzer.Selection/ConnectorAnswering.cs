using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Extls.Model;
using static Extls.Selection.Reads;

namespace Extls.Selection;

/// <summary>The steps of "which receive connector answers a session" (selection.md), numbered as documented.</summary>
public enum AnsweringStep
{
    /// <summary>The connectors of the service that owns the session's port, with a binding on that port.</summary>
    Listener = 1,

    /// <summary>Of those, the bindings on an address the sender reaches: the receiver's own address or the any-address.</summary>
    Binding = 2,

    /// <summary>The sender's address the session comes from (A11), or none known (A9).</summary>
    SenderAddress = 3,

    /// <summary>The connector whose RemoteIPRanges hold that address most specifically, or the default connector (A9).</summary>
    RemoteRange = 4,
}

/// <summary>What a step of the answering process decided. The replay says which; Reporting words it.</summary>
public enum AnsweringReason
{
    // Step 1.
    ConnectorsNotCollected,

    /// <summary>No connector of the owning service is bound to the port: the session is refused.</summary>
    NoListener,
    Listeners,

    // Step 2.
    /// <summary>The connectors on the port are bound only to addresses the sender does not reach: refused.</summary>
    NoBindingReached,
    BindingsReached,

    /// <summary>The receiver's addresses are unknown, so bindings to a specific address are kept (it is one of its own).</summary>
    BindingsReachedReceiverAddressesUnknown,

    // Step 3.
    /// <summary>A9: the dump has no addresses for the sender.</summary>
    SenderAddressesUnknown,

    /// <summary>A9: the sender has only loopback or link-local addresses, or none of a family the receiver is reached on.</summary>
    NoUsableSenderAddress,

    /// <summary>The session's address; A11 when the sender has several.</summary>
    SessionAddress,

    // Step 4.
    MostSpecificRange,

    /// <summary>No candidate's RemoteIPRanges hold the sender's address: the session is refused.</summary>
    NoRangeHoldsSender,

    /// <summary>A9: a candidate's RemoteIPRanges are unknown, so which is most specific cannot be told.</summary>
    RangesUnknown,

    /// <summary>A9: the default connector for the port answers.</summary>
    DefaultConnector,
}

/// <summary>How the answering process ended.</summary>
public enum AnsweringOutcome
{
    /// <summary>The connector whose remote range holds the sender's address most specifically answers.</summary>
    Answered,

    /// <summary>A9: the default connector is taken to answer, because the addresses or ranges are unknown.</summary>
    DefaultAssumed,

    /// <summary>No connector accepts the session: it is refused, and anonymous TLS certainly fails.</summary>
    Refused,

    /// <summary>The receiver's connectors were not collected.</summary>
    Undetermined,
}

/// <summary>Why a step of the answering process set a receive connector aside. The replay says which; Reporting words it.</summary>
public enum ConnectorRefusal
{
    // Step 1.
    /// <summary>Enabled is false: the connector accepts nothing.</summary>
    Disabled,

    /// <summary>The connector belongs to the other transport service (TransportRole) than the one that owns the port.</summary>
    OtherService,

    /// <summary>No binding of the connector is on the session's port.</summary>
    NotOnPort,

    /// <summary>The connector's bindings were not collected, and it is not the port's default connector by name.</summary>
    BindingsUnknown,

    // Step 2.
    /// <summary>The connector is bound to the port only on addresses other than the receiver's own.</summary>
    BindingNotReached,

    // Step 4.
    /// <summary>The connector is bound only to the other address family than the session's address.</summary>
    OtherAddressFamily,

    /// <summary>No entry of the connector's RemoteIPRanges holds the session's address.</summary>
    RangeDoesNotHoldSender,

    /// <summary>An entry holds the session's address, but another connector's holds it more specifically.</summary>
    LessSpecificRange,
}

/// <summary>A receive connector a step set aside, and why.</summary>
public sealed record RefusedConnector(string Connector, ConnectorRefusal Reason);

/// <summary>One step of the answering process: the values it read, the connectors it set aside and what it decided.</summary>
public sealed record AnsweringTraceStep(AnsweringStep Step, ImmutableArray<TraceRead> Reads, AnsweringReason Reason)
{
    public int Number => (int)Step;

    /// <summary>The connectors this step set aside, sorted by identity; empty when it set none aside.</summary>
    public ImmutableArray<RefusedConnector> Refused { get; init; } = ImmutableArray<RefusedConnector>.Empty;

    public TraceValue? Value(TraceField field) => (Reads.IsDefault ? [] : Reads).FirstOrDefault(r => r.Field == field)?.Value;
}

/// <summary>
/// Which receive connector of <see cref="Receiver"/> accepts a session of <see cref="Kind"/>. It depends on
/// the sender only through the sender's addresses, so one answer stands for every sender that lands the
/// same way; <see cref="ReceiveConnectorIndex.Explain"/> gives the trace for one sender.
/// </summary>
public sealed record ConnectorAnswer
{
    public required string Receiver { get; init; }

    public required SessionKind Kind { get; init; }

    public int Port => Kind.Port();

    /// <summary>The accepting connector's identity; null when the session is refused or undetermined.</summary>
    public string? Connector { get; init; }

    public required AnsweringOutcome Outcome { get; init; }

    /// <summary>The reason of the step the process ended at.</summary>
    public required AnsweringReason Reason { get; init; }

    public int EndedAtStep { get; init; }

    /// <summary>The remote range that matched, when a range decided.</summary>
    public IPRange? MatchedRange { get; init; }

    /// <summary>The accepting connector is the one setup creates for the session (<see cref="SessionKinds.DefaultConnectorName"/>), or stands for it.</summary>
    public bool IsDefaultConnector { get; init; }

    public ImmutableArray<Assumption> Assumptions { get; init; } = ImmutableArray<Assumption>.Empty;

    public ImmutableArray<ReplayProperty> Unknowns { get; init; } = ImmutableArray<ReplayProperty>.Empty;

    /// <summary>The accepting connector in the dump.</summary>
    public SourceLocation? Location { get; init; }
}

/// <summary>
/// The addresses a server's sessions come from: the addresses its FQDN resolved to, without loopback and
/// link-local ones (another server never sees those), IPv4 first. Worked out once per server.
/// </summary>
public sealed record SenderAddresses
{
    private readonly UInt128[] numbers;

    private SenderAddresses(string server, bool known, ImmutableArray<IPAddress> usable, ImmutableArray<IPAddress> all)
    {
        Server = server;
        Known = known;
        Usable = usable;
        All = all;
        // A loop: LINQ's Select to UInt128 is compiled at run time on every start.
        numbers = new UInt128[usable.Length];
        for (int i = 0; i < numbers.Length; i++)
        {
            numbers[i] = IPAddresses.ToNumber(usable[i]);
        }
    }

    public string Server { get; }

    /// <summary>A sender the dump holds no addresses for: the default connector answers it (A9).</summary>
    public static SenderAddresses Unknown { get; } = new(string.Empty, false, [], []);

    /// <summary>The dump holds the server's addresses (HostAddress was collected).</summary>
    public bool Known { get; }

    /// <summary>The addresses a session can come from, IPv4 first then by value.</summary>
    public ImmutableArray<IPAddress> Usable { get; }

    /// <summary>Every address the dump holds for the server, as the trace lists them.</summary>
    public ImmutableArray<IPAddress> All { get; }

    public static SenderAddresses Of(ServerSnapshot server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.HostAddresses.IsKnown)
        {
            return new SenderAddresses(server.Name, false, [], []);
        }

        var all = (server.HostAddresses.Items.IsDefault ? [] : server.HostAddresses.Items)
            .Where(a => a?.Address is not null).Select(a => a.Address).Distinct().Order(IPAddresses.Order).ToImmutableArray();
        return new SenderAddresses(server.Name, true, [.. all.Where(a => !IPAddresses.IsLocalOnly(a)).Select(IPAddresses.WithoutScope)], all);
    }

    /// <summary>A11: the index of the first usable address of a family the receiver is reached on, IPv4 before IPv6; -1 when none.</summary>
    internal int SessionAddress(bool receiverIPv4, bool receiverIPv6)
    {
        for (int i = 0; i < Usable.Length; i++)
        {
            if (Usable[i].AddressFamily == AddressFamily.InterNetwork ? receiverIPv4 : receiverIPv6)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The usable address at <paramref name="index"/> as a number, for range checks that allocate nothing.</summary>
    internal UInt128 Number(int index) => numbers[index];
}

/// <summary>
/// One receiving server's connectors, indexed by the kind of session once, so that answering a session is a
/// look at that server's own few candidates, and the answer object is shared by every sender that lands the
/// same way (a million pairs at a thousand servers yield a few answers per server).
/// </summary>
/// <remarks>
/// Pure. The process (selection.md, "Which receive connector answers a session"): (1) the connectors of the
/// service that owns the port — Transport (HubTransport) for 2525, Front End Transport for 25 and 717 on a
/// Mailbox server, every connector on an Edge — that are not disabled and have a binding on the port; (2) of
/// those, the bindings on the any-address or on one of the receiver's own addresses; (3) the sender's address
/// the session comes from (A11), or, when its addresses are unknown, the default connector (A9); (4) among the
/// candidates bound to that address's family, the one whose RemoteIPRanges hold it most specifically — fewest
/// addresses in the range, so a single address beats any range — ties going to a binding on the receiver's own
/// address (A11), then to the first identity. A connector whose TransportRole is unknown stays a candidate.
/// </remarks>
public sealed class ReceiveConnectorIndex
{
    private readonly ServerSnapshot receiver;
    private readonly TransportServerRole role;
    // Indexed by the kind's value: a dictionary keyed by this assembly's enum would be compiled at run time.
    private readonly Listeners?[] byKind;
    private readonly ValueKeyedMap<AnswerKey, ConnectorAnswer> answers = new();
    private readonly AnswerShape?[] shapes;
    private readonly bool receiverIPv4;
    private readonly bool receiverIPv6;
    private readonly HashSet<IPAddress>? receiverAddresses;

    private ReceiveConnectorIndex(ServerSnapshot receiver)
    {
        this.receiver = receiver;
        byKind = new Listeners?[SessionKinds.Count];
        shapes = new AnswerShape?[SessionKinds.Count];
        role = TransportRoles.Of(receiver);
        if (receiver.HostAddresses.IsKnown)
        {
            receiverAddresses = [.. (receiver.HostAddresses.Items.IsDefault ? [] : receiver.HostAddresses.Items).Where(a => a?.Address is not null).Select(a => IPAddresses.WithoutScope(a.Address))];
            receiverIPv4 = receiverAddresses.Any(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddresses.IsLocalOnly(a));
            receiverIPv6 = receiverAddresses.Any(a => a.AddressFamily == AddressFamily.InterNetworkV6 && !IPAddresses.IsLocalOnly(a));
        }
        else
        {
            receiverIPv4 = receiverIPv6 = true;
        }
    }

    /// <summary>An index of the same receiver sharing this one's listeners and shapes, with answers of its own.</summary>
    private ReceiveConnectorIndex(ReceiveConnectorIndex other)
    {
        receiver = other.receiver;
        role = other.role;
        byKind = other.byKind;
        shapes = other.shapes;
        receiverIPv4 = other.receiverIPv4;
        receiverIPv6 = other.receiverIPv6;
        receiverAddresses = other.receiverAddresses;
    }

    public static ReceiveConnectorIndex For(ServerSnapshot receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return new ReceiveConnectorIndex(receiver);
    }

    /// <summary>
    /// The same receiver's index with the listeners (steps 1 and 2, the costly part) and shapes this one has built or will
    /// build, but its own answers. An answer is made from the first decision of its key that asks (that decision's A11 and
    /// step), so two users that ask in different orders (EXTLS2013 and the mail-flow matrix, perhaps on two cores) each keep
    /// their own and answer as they would alone.
    /// </summary>
    internal ReceiveConnectorIndex WithOwnAnswers() => new(this);

    public string Receiver => receiver.Name;

    /// <summary>The connector that accepts a session of <paramref name="kind"/> from <paramref name="sender"/>; the same object for every sender that lands the same way.</summary>
    // Answering runs once per pair of servers (a million at a thousand servers). Not marked AggressiveOptimization:
    // that keeps a method out of the ReadyToRun image, so every start would compile it (and the matrix's hot loops) with
    // the full JIT, tens of milliseconds on a three-server dump; ReadyToRun code is already optimised, and the tiers
    // recompile what stays hot.
    public ConnectorAnswer Answer(SessionKind kind, SenderAddresses sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return AnswerOf(kind, Decide(kind, sender));
    }

    /// <summary>What tells the answers of this receiver apart: decisions of the same key make the same answer object.</summary>
    internal static AnswerKey KeyOf(SessionKind kind, Decision decision) =>
        new(kind, decision.Candidate, decision.Range, decision.Reason, decision.Outcome, decision.Unknowns);

    /// <summary>
    /// What answering reads of this receiver for <paramref name="kind"/>, as a value. Receivers of equal shapes decide
    /// alike for every sender (the same <see cref="Decision"/>), so a matrix decides once per shape and sender, not per pair.
    /// </summary>
    internal AnswerShape ShapeOf(SessionKind kind)
    {
        lock (shapes)
        {
            return shapes[(int)kind] ??= new AnswerShape(ListenersFor(kind), receiverIPv4, receiverIPv6);
        }
    }

    /// <summary>How the process ends for <paramref name="sender"/>, before it is made an answer of this receiver.</summary>
    internal Decision Decide(SessionKind kind, SenderAddresses sender) => Decide(ListenersFor(kind), sender, null);

    /// <summary>The answer a decision makes on this receiver: the same object for every decision of the same key.</summary>
    internal ConnectorAnswer AnswerOf(SessionKind kind, Decision decision)
    {
        var key = KeyOf(kind, decision);
        var listeners = ListenersFor(kind);
        lock (answers)
        {
            if (!answers.TryGetValue(key, out var answer))
            {
                answer = Materialize(kind, listeners, decision);
                answers.Add(key, answer);
            }

            return answer;
        }
    }

    /// <summary>
    /// The identities of the connectors that can answer a session of <paramref name="kind"/> (those bound to its port in
    /// its role): every answer names one of them, or none.
    /// </summary>
    public IEnumerable<string> Candidates(SessionKind kind) => ListenersFor(kind).Candidates.Select(c => c.Connector.Identity);

    /// <summary>The answer and its step-by-step trace for one sender, for explaining a single session.</summary>
    public (ConnectorAnswer Answer, ImmutableArray<AnsweringTraceStep> Trace) Explain(SessionKind kind, SenderAddresses sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var listeners = ListenersFor(kind);
        var trace = new List<AnsweringTraceStep>();
        var decision = Decide(listeners, sender, trace);
        return (Materialize(kind, listeners, decision), [.. trace]);
    }

    private ConnectorAnswer Materialize(SessionKind kind, Listeners listeners, Decision d)
    {
        var candidate = d.Candidate >= 0 ? listeners.Candidates[d.Candidate] : null;
        // A9 before A11, in the assumptions' order; an array, as a SortedSet of this assembly's enum is compiled at run time.
        Assumption[] assumptions = (d.Outcome == AnsweringOutcome.DefaultAssumed, d.UsedA11) switch
        {
            (true, true) => [Assumption.A9, Assumption.A11],
            (true, false) => [Assumption.A9],
            (false, true) => [Assumption.A11],
            _ => [],
        };

        return new ConnectorAnswer
        {
            Receiver = receiver.Name,
            Kind = kind,
            Connector = candidate?.Connector.Identity,
            Outcome = d.Outcome,
            Reason = d.Reason,
            EndedAtStep = (int)d.Step,
            MatchedRange = candidate is not null && d.Range >= 0 ? candidate.Ranges!.Value[d.Range] : null,
            IsDefaultConnector = candidate is not null && d.Candidate == listeners.Default,
            Assumptions = ImmutableCollectionsMarshal.AsImmutableArray(assumptions),
            Unknowns = ReplayProperties.FromBits(d.Unknowns),
            Location = candidate?.Connector.Location,
        };
    }

    // The index may be shared by rules on several cores (SessionAnswers): its caches fill under a lock.
    private Listeners ListenersFor(SessionKind kind)
    {
        lock (byKind)
        {
            return byKind[(int)kind] ??= BuildListeners(kind);
        }
    }

    /// <summary>Steps 1 and 2, which depend on the receiver only: done once per kind.</summary>
    private Listeners BuildListeners(SessionKind kind)
    {
        if (!receiver.ReceiveConnectors.IsKnown)
        {
            return new Listeners(kind.Port(), [], [], -1, receiver.ReceiveConnectors.State, 0) { ListenerRefusals = [], BindingRefusals = [] };
        }

        var port = kind.Port();
        var owner = kind.OwningRole(role);
        // The unknowns as bits: a HashSet of this assembly's enum would be compiled at run time on every start.
        var unknowns = new UnknownSet(0);
        var onPort = new List<ReceiveConnector>();
        var notListening = new List<RefusedConnector>();
        foreach (var c in (receiver.ReceiveConnectors.Items.IsDefault ? [] : receiver.ReceiveConnectors.Items)
                     .Where(c => c is not null)
                     .OrderBy(c => c.Identity, NameOrder.Instance))
        {
            if (c.Enabled == false)
            {
                notListening.Add(new(c.Identity, ConnectorRefusal.Disabled));
                continue;
            }

            if (owner is { } r && c.TransportRole is { } own && own != r)
            {
                notListening.Add(new(c.Identity, ConnectorRefusal.OtherService));
                continue;
            }

            if (role == TransportServerRole.Edge && c.TransportRole == ConnectorTransportRole.FrontendTransport)
            {
                notListening.Add(new(c.Identity, ConnectorRefusal.OtherService));
                continue;
            }

            if (c.Bindings is not { } bindings)
            {
                // Without its bindings a connector cannot be placed on a port; the default one is still known by name.
                if (NameOrder.Same(c.Name, kind.DefaultConnectorName(receiver.Name)))
                {
                    unknowns.Add(ReplayProperty.Bindings);
                    onPort.Add(c);
                }
                else
                {
                    notListening.Add(new(c.Identity, ConnectorRefusal.BindingsUnknown));
                }

                continue;
            }

            if (bindings.Any(b => b is not null && b.Port == port))
            {
                if (c.TransportRole is null && owner is not null)
                {
                    unknowns.Add(ReplayProperty.TransportRole);
                }

                onPort.Add(c);
            }
            else
            {
                notListening.Add(new(c.Identity, ConnectorRefusal.NotOnPort));
            }
        }

        var notReached = new List<RefusedConnector>();

        var candidates = new List<Candidate>();
        foreach (var c in onPort)
        {
            // Bindings unknown: the default connector by name, taken to listen on every address of both families.
            var reached = c.Bindings is { } b
                ? b.Where(x => x is not null && x.Port == port && (x.IsAnyAddress || receiverAddresses is null || receiverAddresses.Contains(IPAddresses.WithoutScope(x.Address)))).ToImmutableArray()
                : [new IPBinding(IPAddress.Any, port), new IPBinding(IPAddress.IPv6Any, port)];
            if (reached.Length == 0)
            {
                notReached.Add(new(c.Identity, ConnectorRefusal.BindingNotReached));
                continue;
            }

            if (receiverAddresses is null && reached.Any(x => !x.IsAnyAddress))
            {
                unknowns.Add(ReplayProperty.HostAddress);
            }

            candidates.Add(new Candidate(c, reached, c.RemoteIPRanges));
        }

        return new Listeners(port, [.. onPort], [.. candidates], DefaultOf(kind, candidates), SectionState.Collected, unknowns.Value)
        {
            ListenerRefusals = [.. notListening],
            BindingRefusals = [.. notReached],
        };
    }

    /// <summary>The connector setup creates for the kind by name; else one whose ranges hold every address; else (Mailbox→Edge) one with ExchangeServer authentication; else the first.</summary>
    private int DefaultOf(SessionKind kind, List<Candidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return -1;
        }

        var name = kind.DefaultConnectorName(receiver.Name);
        var byName = candidates.FindIndex(c => NameOrder.Same(c.Connector.Name, name));
        if (byName >= 0)
        {
            return byName;
        }

        var everything = candidates.FindIndex(c => c.Ranges is { } ranges && ranges.Any(r => r.LowerBound.Equals(IPAddress.Any) && r.UpperBound.Equals(IPAddress.Broadcast)));
        if (everything >= 0)
        {
            return everything;
        }

        var exchange = candidates.FindIndex(c => c.Connector.AuthMechanism is { } a && a.HasFlag(ReceiveAuthMechanism.ExchangeServer));
        return kind == SessionKind.MailboxToEdge && exchange >= 0 ? exchange : 0;
    }

    private Decision Decide(Listeners l, SenderAddresses sender, List<AnsweringTraceStep>? trace)
    {
        var unknowns = new UnknownSet(l.UnknownBits);

        // Step 1: the service that owns the port, and its connectors bound to it.
        if (l.State != SectionState.Collected)
        {
            trace?.Add(new(AnsweringStep.Listener, [Section(TraceField.ReceiveConnectors, l.State)], AnsweringReason.ConnectorsNotCollected));
            return new Decision(AnsweringStep.Listener, AnsweringReason.ConnectorsNotCollected, AnsweringOutcome.Undetermined, -1, -1, false, unknowns.Value);
        }

        var port = l.Port;
        if (l.OnPort.IsEmpty)
        {
            trace?.Add(new(AnsweringStep.Listener, ListenerReads(l, port), AnsweringReason.NoListener) { Refused = l.ListenerRefusals });
            return new Decision(AnsweringStep.Listener, AnsweringReason.NoListener, AnsweringOutcome.Refused, -1, -1, false, unknowns.Value);
        }

        trace?.Add(new(AnsweringStep.Listener, ListenerReads(l, port), AnsweringReason.Listeners) { Refused = l.ListenerRefusals });

        // Step 2: the bindings the sender reaches.
        if (l.Candidates.IsEmpty)
        {
            trace?.Add(new(AnsweringStep.Binding, BindingReads(l), AnsweringReason.NoBindingReached) { Refused = l.BindingRefusals });
            return new Decision(AnsweringStep.Binding, AnsweringReason.NoBindingReached, AnsweringOutcome.Refused, -1, -1, false, unknowns.Value);
        }

        trace?.Add(new(AnsweringStep.Binding, BindingReads(l), receiverAddresses is null && unknowns.Has(ReplayProperty.HostAddress)
            ? AnsweringReason.BindingsReachedReceiverAddressesUnknown
            : AnsweringReason.BindingsReached) { Refused = l.BindingRefusals });

        // Step 3: the sender's address.
        var at = sender.Known ? sender.SessionAddress(receiverIPv4, receiverIPv6) : -1;
        if (at < 0)
        {
            var reason = sender.Known ? AnsweringReason.NoUsableSenderAddress : AnsweringReason.SenderAddressesUnknown;
            if (!sender.Known)
            {
                unknowns.Add(ReplayProperty.HostAddress);
            }

            trace?.Add(new(AnsweringStep.SenderAddress, [Text(TraceField.Server, sender.Server), Addresses(TraceField.SenderAddresses, sender.Known ? sender.All : null)], reason));
            return Default(l, unknowns, false, trace);
        }

        var address = sender.Usable[at];
        var number = sender.Number(at);
        var family = address.AddressFamily;
        bool a11 = sender.Usable.Length > 1;
        trace?.Add(new(AnsweringStep.SenderAddress,
            [Text(TraceField.Server, sender.Server), Addresses(TraceField.SenderAddresses, sender.All), new TraceRead(TraceField.SessionAddress, new AddressValue(address))],
            AnsweringReason.SessionAddress));

        // Step 4: the most specific remote range.
        int best = -1, bestRange = -1;
        UInt128 bestSpan = UInt128.MaxValue;
        bool bestSpecific = false, anyUnknown = false, tie = false;
        var rangeReads = trace is null ? null : new List<TraceRead>();
        for (int i = 0; i < l.Candidates.Length; i++)
        {
            var c = l.Candidates[i];
            if (!c.Accepts(family))
            {
                continue;
            }

            rangeReads?.Add(new TraceRead(TraceField.RemoteIPRanges, c.Ranges is { } rs ? new ListValue([.. rs.Select(r => (TraceValue)new RangeValue(r))]) : new ListValue(null), c.Connector.Identity));
            if (c.Ranges is not { } ranges)
            {
                anyUnknown = true;
                continue;
            }

            bool specific = c.Specific(family);
            for (int j = 0; j < ranges.Length; j++)
            {
                var range = ranges[j];
                if (!range.Contains(number, family))
                {
                    continue;
                }

                var span = range.Span;
                if (best < 0 || span < bestSpan || (span == bestSpan && specific && !bestSpecific))
                {
                    tie = best >= 0 && span == bestSpan;
                    best = i;
                    bestRange = j;
                    bestSpan = span;
                    bestSpecific = specific;
                }
                else if (span == bestSpan && specific == bestSpecific && best != i)
                {
                    tie = true;
                }
            }
        }

        if (anyUnknown)
        {
            unknowns.Add(ReplayProperty.RemoteIPRanges);
            trace?.Add(new(AnsweringStep.RemoteRange, [new TraceRead(TraceField.SessionAddress, new AddressValue(address)), .. rangeReads!], AnsweringReason.RangesUnknown));
            return Default(l, unknowns, a11, trace, stepTaken: true);
        }

        if (best < 0)
        {
            trace?.Add(new(AnsweringStep.RemoteRange, [new TraceRead(TraceField.SessionAddress, new AddressValue(address)), .. rangeReads!], AnsweringReason.NoRangeHoldsSender)
            {
                Refused = RangeRefusals(l, number, family, -1),
            });
            return new Decision(AnsweringStep.RemoteRange, AnsweringReason.NoRangeHoldsSender, AnsweringOutcome.Refused, -1, -1, a11, unknowns.Value);
        }

        a11 |= tie;
        var winner = l.Candidates[best];
        trace?.Add(new(AnsweringStep.RemoteRange,
            [new TraceRead(TraceField.SessionAddress, new AddressValue(address)), .. rangeReads!,
             Text(TraceField.Connector, winner.Connector.Identity), new TraceRead(TraceField.MatchedRange, new RangeValue(winner.Ranges!.Value[bestRange]))],
            AnsweringReason.MostSpecificRange) { Refused = RangeRefusals(l, number, family, best) });
        return new Decision(AnsweringStep.RemoteRange, AnsweringReason.MostSpecificRange, AnsweringOutcome.Answered, best, bestRange, a11, unknowns.Value);
    }

    /// <summary>Step 4's connectors set aside, for the trace only: of the other family, no range holding the address, or a less specific one.</summary>
    private static ImmutableArray<RefusedConnector> RangeRefusals(Listeners l, UInt128 number, AddressFamily family, int winner)
    {
        var refused = ImmutableArray.CreateBuilder<RefusedConnector>();
        for (int i = 0; i < l.Candidates.Length; i++)
        {
            var c = l.Candidates[i];
            if (i == winner)
            {
                continue;
            }

            if (!c.Accepts(family))
            {
                refused.Add(new(c.Connector.Identity, ConnectorRefusal.OtherAddressFamily));
            }
            else if (c.Ranges is { } ranges)
            {
                refused.Add(new(c.Connector.Identity, ranges.Any(r => r.Contains(number, family)) ? ConnectorRefusal.LessSpecificRange : ConnectorRefusal.RangeDoesNotHoldSender));
            }
        }

        return refused.ToImmutable();
    }

    /// <summary>A9: the default connector answers.</summary>
    private static Decision Default(Listeners l, UnknownSet unknowns, bool a11, List<AnsweringTraceStep>? trace, bool stepTaken = false)
    {
        if (trace is not null)
        {
            var read = Text(TraceField.Connector, l.Candidates[l.Default].Connector.Identity);
            if (stepTaken)
            {
                // The range step already said why; its decision is the default connector.
                var last = trace[^1];
                trace[^1] = last with { Reads = last.Reads.Add(read) };
            }
            else
            {
                trace.Add(new(AnsweringStep.RemoteRange, [read], AnsweringReason.DefaultConnector));
            }
        }

        return new Decision(AnsweringStep.RemoteRange, stepTaken ? AnsweringReason.RangesUnknown : AnsweringReason.DefaultConnector, AnsweringOutcome.DefaultAssumed, l.Default, -1, a11, unknowns.Value);
    }

    private ImmutableArray<TraceRead> ListenerReads(Listeners l, int port) =>
    [
        Number(TraceField.Port, port),
        EnumOf(TraceField.Role, role == TransportServerRole.Unknown ? null : role),
        Texts(TraceField.ReceiveConnectors, l.OnPort.Select(c => c.Identity)),
    ];

    private ImmutableArray<TraceRead> BindingReads(Listeners l) =>
    [
        Addresses(TraceField.ReceiverAddresses, receiverAddresses is null ? null : [.. receiverAddresses.Order(IPAddresses.Order)]),
        .. l.OnPort.Select(c => new TraceRead(TraceField.Bindings,
            c.Bindings is { } b ? new ListValue([.. b.Where(x => x is not null).Select(x => (TraceValue)new BindingValue(x))]) : new ListValue(null), c.Identity)),
    ];

    private static TraceRead Addresses(TraceField field, ImmutableArray<IPAddress>? addresses) =>
        new(field, new ListValue(addresses is { } a ? [.. a.Select(x => (TraceValue)new AddressValue(x))] : null));

    /// <summary>
    /// A connector bound to the port on an address the sender reaches, with its remote ranges; what answering
    /// asks of its bindings is worked out once, so that answering a session allocates nothing.
    /// </summary>
    internal sealed class Candidate(ReceiveConnector connector, ImmutableArray<IPBinding> bindings, ImmutableArray<IPRange>? ranges)
    {
        private readonly bool ipv4 = bindings.Any(b => b.Family == AddressFamily.InterNetwork);
        private readonly bool ipv6 = bindings.Any(b => b.Family == AddressFamily.InterNetworkV6);
        private readonly bool specificIPv4 = bindings.Any(b => !b.IsAnyAddress && b.Family == AddressFamily.InterNetwork);
        private readonly bool specificIPv6 = bindings.Any(b => !b.IsAnyAddress && b.Family == AddressFamily.InterNetworkV6);

        public ReceiveConnector Connector { get; } = connector;

        public ImmutableArray<IPBinding> Bindings { get; } = bindings;

        public ImmutableArray<IPRange>? Ranges { get; } = ranges;

        public bool Accepts(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? ipv6 : ipv4;

        /// <summary>Bound to one of the receiver's own addresses of that family, not only the any-address.</summary>
        public bool Specific(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? specificIPv6 : specificIPv4;
    }

    internal sealed record Listeners(int Port, ImmutableArray<ReceiveConnector> OnPort, ImmutableArray<Candidate> Candidates, int Default, SectionState State, int UnknownBits)
    {
        /// <summary>Step 1's connectors set aside: disabled, of the other service, not on the port (for the trace only).</summary>
        public required ImmutableArray<RefusedConnector> ListenerRefusals { get; init; }

        /// <summary>Step 2's: on the port, but only on addresses the sender does not reach.</summary>
        public required ImmutableArray<RefusedConnector> BindingRefusals { get; init; }
    }

    /// <summary>
    /// Everything deciding reads of a receiver and kind, and nothing else: the section's state, whether any
    /// connector listens, the unknowns, the default candidate, the receiver's address families and per candidate its
    /// families, whether it is bound to a specific address and its remote ranges. Equal shapes give equal decisions.
    /// </summary>
    internal sealed class AnswerShape : IEquatable<AnswerShape>
    {
        private readonly SectionState state;
        private readonly bool listening;
        private readonly int unknownBits;
        private readonly int defaultCandidate;
        private readonly bool receiverIPv4;
        private readonly bool receiverIPv6;
        private readonly CandidateShape[] candidates;
        private readonly int hash;

        public AnswerShape(Listeners l, bool receiverIPv4, bool receiverIPv6)
        {
            state = l.State;
            listening = !l.OnPort.IsEmpty;
            unknownBits = l.UnknownBits;
            defaultCandidate = l.Default;
            this.receiverIPv4 = receiverIPv4;
            this.receiverIPv6 = receiverIPv6;
            candidates = new CandidateShape[l.Candidates.Length];
            for (var i = 0; i < candidates.Length; i++)
            {
                var c = l.Candidates[i];
                candidates[i] = new CandidateShape(c.Accepts(AddressFamily.InterNetwork), c.Accepts(AddressFamily.InterNetworkV6),
                    c.Specific(AddressFamily.InterNetwork), c.Specific(AddressFamily.InterNetworkV6), c.Ranges);
            }

            // Ints only: HashCode.Add over an enum or a bool is a generic instantiation compiled at run time.
            var h = new HashCode();
            h.Add((int)state);
            h.Add(listening ? 1 : 0);
            h.Add(unknownBits);
            h.Add(defaultCandidate);
            h.Add(receiverIPv4 ? 1 : 0);
            h.Add(receiverIPv6 ? 1 : 0);
            foreach (var c in candidates)
            {
                h.Add((c.IPv4 ? 1 : 0) | (c.IPv6 ? 2 : 0) | (c.SpecificIPv4 ? 4 : 0) | (c.SpecificIPv6 ? 8 : 0));
                h.Add(c.Ranges is { } ranges ? ranges.Length : -1);
                foreach (var r in c.Ranges ?? [])
                {
                    h.Add(r);
                }
            }

            hash = h.ToHashCode();
        }

        public bool Equals(AnswerShape? other)
        {
            if (other is null || other.hash != hash || other.state != state || other.listening != listening || other.unknownBits != unknownBits
                || other.defaultCandidate != defaultCandidate || other.receiverIPv4 != receiverIPv4 || other.receiverIPv6 != receiverIPv6
                || other.candidates.Length != candidates.Length)
            {
                return false;
            }

            for (var i = 0; i < candidates.Length; i++)
            {
                var (a, b) = (candidates[i], other.candidates[i]);
                if (a.IPv4 != b.IPv4 || a.IPv6 != b.IPv6 || a.SpecificIPv4 != b.SpecificIPv4 || a.SpecificIPv6 != b.SpecificIPv6
                    || a.Ranges.HasValue != b.Ranges.HasValue
                    || (a.Ranges is { } x && b.Ranges is { } y && !x.SequenceEqual(y)))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as AnswerShape);

        public override int GetHashCode() => hash;

        // A class, not a value tuple: LINQ and arrays over a tuple of bools are compiled at run time on every start.
        private sealed record CandidateShape(bool IPv4, bool IPv6, bool SpecificIPv4, bool SpecificIPv6, ImmutableArray<IPRange>? Ranges);
    }

    /// <summary>How the process ended for one sender, in indices of the receiver's candidates and ranges.</summary>
    // Equality and hash by hand, on the enums' values: the generated ones go through EqualityComparer of each enum, which
    // is compiled at run time on every start.
    internal readonly record struct Decision(AnsweringStep Step, AnsweringReason Reason, AnsweringOutcome Outcome, int Candidate, int Range, bool UsedA11, int Unknowns)
    {
        public bool Equals(Decision other) =>
            Step == other.Step && Reason == other.Reason && Outcome == other.Outcome && Candidate == other.Candidate && Range == other.Range
            && UsedA11 == other.UsedA11 && Unknowns == other.Unknowns;

        public override int GetHashCode() =>
            HashCode.Combine((int)Step, (int)Reason, (int)Outcome, Candidate, Range, UsedA11 ? 1 : 0, Unknowns);
    }

    internal readonly record struct AnswerKey(SessionKind Kind, int Candidate, int Range, AnsweringReason Reason, AnsweringOutcome Outcome, int Unknowns)
    {
        public bool Equals(AnswerKey other) =>
            Kind == other.Kind && Candidate == other.Candidate && Range == other.Range && Reason == other.Reason && Outcome == other.Outcome
            && Unknowns == other.Unknowns;

        public override int GetHashCode() => HashCode.Combine((int)Kind, Candidate, Range, (int)Reason, (int)Outcome, Unknowns);
    }

    /// <summary>The unknown properties as bits, so that deciding allocates nothing and the answer key stays a value.</summary>
    private struct UnknownSet(int initial)
    {
        public int Value { get; private set; } = initial;

        public readonly bool Has(ReplayProperty p) => (Value & (1 << (int)p)) != 0;

        public void Add(ReplayProperty p) => Value |= 1 << (int)p;
    }
}

/// <summary>The senders of one kind of session to one receiver that land on the same answer.</summary>
public sealed record AnswerGroup(ConnectorAnswer Answer, ImmutableArray<string> Senders);

/// <summary>
/// The senders of one kind of session to one receiver that land on the same answer, with the step-by-step trace of
/// the first of them (every sender of the group is answered by the same steps; only its own address differs).
/// </summary>
public sealed record ExplainedAnswer(ConnectorAnswer Answer, ImmutableArray<string> Senders, ImmutableArray<AnsweringTraceStep> Trace);

/// <summary>
/// Every session between the organisation's transport servers, answered: which receive connector accepts
/// each. Each receiver's connectors are indexed once and each sender's addresses worked out once; a pair is
/// then a look at the receiver's own few candidates, and answers are shared by the senders that land alike.
/// </summary>
public sealed class SessionAnswers
{
    private readonly Dictionary<ServerSnapshot, ReceiveConnectorIndex> indexes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ServerSnapshot, SenderAddresses> senders = new(ReferenceEqualityComparer.Instance);

    private SessionAnswers(SessionTopology topology) => Topology = topology;

    public SessionTopology Topology { get; }

    public static SessionAnswers Of(OrganizationSnapshot snapshot) => new(SessionTopology.Of(snapshot));

    // One analysis shares its answers between EXTLS2013 and the mail-flow matrix, which may be built on another core
    // at the same time: the caches fill under a lock, each entry made once (a lookup costs an uncontended lock).
    public ReceiveConnectorIndex IndexOf(ServerSnapshot receiver)
    {
        lock (indexes)
        {
            if (!indexes.TryGetValue(receiver, out var index))
            {
                index = ReceiveConnectorIndex.For(receiver);
                indexes.Add(receiver, index);
            }

            return index;
        }
    }

    public SenderAddresses AddressesOf(ServerSnapshot sender)
    {
        lock (senders)
        {
            if (!senders.TryGetValue(sender, out var addresses))
            {
                addresses = SenderAddresses.Of(sender);
                senders.Add(sender, addresses);
            }

            return addresses;
        }
    }

    public ConnectorAnswer Answer(ServerSnapshot sender, ServerSnapshot receiver, SessionKind kind) =>
        IndexOf(receiver).Answer(kind, AddressesOf(sender));

    /// <summary>
    /// For one receiver, every kind of session into it that some server opens, the distinct answers with their senders
    /// and the trace of the first sender of each: sorted by kind, then connector, then matched range. Linear in the
    /// servers, for explaining one server.
    /// </summary>
    public IEnumerable<ExplainedAnswer> Explain(ServerSnapshot receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var index = IndexOf(receiver);
        foreach (var kind in SessionKinds.ArrayInto(TransportRoles.Of(receiver)))
        {
            var groups = new Dictionary<ConnectorAnswer, List<ServerSnapshot>>(ReferenceEqualityComparer.Instance);
            foreach (var sender in Topology.Senders(receiver, kind))
            {
                var answer = index.Answer(kind, AddressesOf(sender));
                if (!groups.TryGetValue(answer, out var list))
                {
                    list = [];
                    groups.Add(answer, list);
                }

                list.Add(sender);
            }

            foreach (var (answer, senders) in groups
                         .OrderBy(g => g.Key.Connector ?? string.Empty, NameOrder.Instance).ThenBy(g => g.Key.MatchedRange?.ToString() ?? string.Empty, StringComparer.Ordinal)
                         .ThenBy(g => g.Key.Outcome))
            {
                var sorted = senders.OrderBy(x => x.Name, NameOrder.Instance).ToList();
                yield return new ExplainedAnswer(answer, [.. sorted.Select(x => x.Name)], index.Explain(kind, AddressesOf(sorted[0])).Trace);
            }
        }
    }

    /// <summary>
    /// For every receiver and kind of session into it, the distinct answers and the senders on each, sorted by
    /// receiver, kind and connector. Only the groups <paramref name="keep"/> accepts list their senders, so asking
    /// for the unusual answers costs a look per pair and memory only for what is kept. <paramref name="mayKeep"/>
    /// (receiver, connector identity), when given, must accept the connector of every answer <paramref name="keep"/>
    /// accepts: a receiver and kind none of whose connectors it accepts is not asked at all, which spares the look per
    /// pair wherever nothing can be kept.
    /// </summary>
    public IEnumerable<AnswerGroup> Groups(Func<ConnectorAnswer, bool> keep, Func<ServerSnapshot, string, bool>? mayKeep = null)
    {
        ArgumentNullException.ThrowIfNull(keep);
        foreach (var receiver in Topology.Receivers)
        {
            var index = IndexOf(receiver);
            List<AnswerGroup>? transport = null;
            foreach (var kind in SessionKinds.ArrayInto(TransportRoles.Of(receiver)))
            {
                if (mayKeep is not null && !index.Candidates(kind).Any(identity => mayKeep(receiver, identity)))
                {
                    // The Front End Transport sessions below stand on these answers: none of them is kept either.
                    if (kind == SessionKind.MailboxToMailbox)
                    {
                        transport ??= [];
                    }

                    continue;
                }

                // Front End Transport and Transport sessions to 2525 come from the same senders to the same service on
                // the same port: they land alike, so the Mailbox→Mailbox answers stand for them.
                if (kind == SessionKind.FrontendToMailbox && transport is not null)
                {
                    foreach (var g in transport)
                    {
                        yield return g with { Answer = g.Answer with { Kind = kind } };
                    }

                    continue;
                }

                var groups = new Dictionary<ConnectorAnswer, List<string>?>(ReferenceEqualityComparer.Instance);
                foreach (var sender in Topology.Senders(receiver, kind))
                {
                    var answer = index.Answer(kind, AddressesOf(sender));
                    if (!groups.TryGetValue(answer, out var list))
                    {
                        list = keep(answer) ? [] : null;
                        groups.Add(answer, list);
                    }

                    list?.Add(sender.Name);
                }

                foreach (var (answer, list) in groups.Where(g => g.Value is not null)
                             .OrderBy(g => g.Key.Connector ?? string.Empty, NameOrder.Instance).ThenBy(g => g.Key.MatchedRange?.ToString() ?? string.Empty, StringComparer.Ordinal)
                             .ThenBy(g => g.Key.Outcome))
                {
                    var group = new AnswerGroup(answer, [.. list!.Order(NameOrder.Instance)]);
                    if (kind == SessionKind.MailboxToMailbox)
                    {
                        (transport ??= []).Add(group);
                    }

                    yield return group;
                }

                if (kind == SessionKind.MailboxToMailbox)
                {
                    transport ??= [];
                }
            }
        }
    }
}
