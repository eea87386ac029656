using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Extls.Model;

namespace Extls.Selection;

/// <summary>
/// Collects the trace, events, assumptions and unknowns of one replay while its steps run, so each
/// process reads as its list of steps and the result is assembled (sorted, distinct) in one place.
/// </summary>
internal sealed class ReplayRun
{
    // Sized for a whole process (up to a dozen steps), so that the list of a run is not regrown step by step.
    private readonly List<TraceStep> trace = new(12);
    private readonly List<SkippedStep> skipped = [];
    // Assumptions and unknowns as bits (each enum has fewer than 64 members), listed in their order at the end: a replay
    // runs for every connector of every server, and sets sorted through a comparer were much of what one allocated.
    private long assumptions;
    private long unknowns;
    // Sorted and distinct as they come (a handful per run): a SortedSet<int> is compiled at run time on every start.
    private List<int>? events;

    /// <param name="sharing">Where the steps of a whole-organisation replay keep one instance of each; null for a replay of its own.</param>
    public ReplayRun(Scenario scenario, string server, string? connector, SourceLocation? location, TraceSharing? sharing)
    {
        Scenario = scenario;
        Server = server;
        Connector = connector;
        Location = location;
        Sharing = sharing;
    }

    public TraceSharing? Sharing { get; }

    public Scenario Scenario { get; }

    public string Server { get; }

    public string? Connector { get; set; }

    public SourceLocation? Location { get; set; }

    /// <summary>The id of <paramref name="kind"/> in this run's process.</summary>
    public StepId Id(StepKind kind) => new(Scenario, kind);

    // The reads are the step's own (a params array or one built for the call, never written after): the step keeps
    // them as they are rather than copying them, which every step of every replay would pay for.
    public void Step(StepKind kind, StepReason reason, params TraceRead[] reads) => trace.Add(Made(kind, reason, null, reads));

    /// <summary>A step that may predict an Application log event: the event goes on the step and on the result.</summary>
    public void Step(StepKind kind, StepReason reason, int? eventId, params TraceRead[] reads)
    {
        if (eventId is { } id)
        {
            AddEvent(events ??= [], id);
        }

        trace.Add(Made(kind, reason, eventId, reads));
    }

    private TraceStep Made(StepKind kind, StepReason reason, int? eventId, TraceRead[] reads)
    {
        if (Sharing is null)
        {
            return new TraceStep(Id(kind), ImmutableCollectionsMarshal.AsImmutableArray(reads), reason) { Event = eventId };
        }

        return Sharing.Step(new TraceStep(Id(kind), ImmutableCollectionsMarshal.AsImmutableArray(Sharing.Reads(reads)), reason) { Event = eventId });
    }

    /// <summary>A step of the process that this replay passes over, and why.</summary>
    public void Skip(StepKind kind, SkipReason reason) =>
        skipped.Add(Sharing is null ? new SkippedStep(Id(kind), reason) : Sharing.Skipped(new SkippedStep(Id(kind), reason)));

    public void Assume(Assumption assumption) => assumptions |= Bit((int)assumption);

    public void Unknown(ReplayProperty property) => unknowns |= Bit((int)property);

    /// <summary>Takes on unknowns kept as bits (1 &lt;&lt; value).</summary>
    public void Unknowns(long bits) => unknowns |= bits;

    /// <summary>Takes on what another run of the same process recorded: its steps in order, and its events, assumptions and unknowns.</summary>
    public void Absorb(ReplayRun other)
    {
        trace.AddRange(other.trace);
        skipped.AddRange(other.skipped);
        if (other.events is { } more)
        {
            events ??= [];
            foreach (var id in more)
            {
                AddEvent(events, id);
            }
        }

        assumptions |= other.assumptions;
        unknowns |= other.unknowns;
    }

    public SelectionResult End(SelectionOutcome outcome, StepKind endedAt, bool advertised = false, string? certificate = null) => new()
    {
        Scenario = Scenario,
        Server = Server,
        Connector = Connector,
        Advertised = advertised,
        Certificate = certificate,
        Events = events is null ? [] : [.. events],
        EndedAtStep = Id(endedAt).Number,
        Outcome = outcome,
        Assumptions = AssumptionsOf(assumptions),
        Trace = [.. trace],
        Skipped = [.. skipped],
        Unknowns = ReplayProperties.FromBits(unknowns),
        Location = Location,
    };

    private static long Bit(int value) =>
        value is >= 0 and < 64 ? 1L << value : throw new ArgumentOutOfRangeException(nameof(value));

    /// <summary>The assumptions whose bits are set, in their order (A1, A2, …).</summary>
    private static ImmutableArray<Assumption> AssumptionsOf(long bits)
    {
        if (bits == 0)
        {
            return [];
        }

        var list = new Assumption[System.Numerics.BitOperations.PopCount((ulong)bits)];
        var n = 0;
        for (var b = bits; b != 0; b &= b - 1)
        {
            list[n++] = (Assumption)System.Numerics.BitOperations.TrailingZeroCount(b);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(list);
    }

    private static void AddEvent(List<int> events, int id)
    {
        var at = 0;
        while (at < events.Count && events[at] < id)
        {
            at++;
        }

        if (at == events.Count || events[at] != id)
        {
            events.Insert(at, id);
        }
    }

    /// <summary>Stops where data the step needs is missing: nothing is advertised and nothing is claimed.</summary>
    public SelectionResult Undetermined(StepKind kind, ReplayProperty missing, StepReason reason, params TraceRead[] reads)
    {
        Unknown(missing);
        Step(kind, reason, reads);
        return End(SelectionOutcome.Undetermined, kind);
    }
}

/// <summary>Short constructors for trace reads, so a step lists what it read in one line.</summary>
internal static class Reads
{
    public static TraceRead Text(TraceField field, string? value) => new(field, new TextValue(value));

    public static TraceRead Flag(TraceField field, bool? value) => new(field, new FlagValue(value));

    public static TraceRead Date(TraceField field, DateTimeOffset value) => new(field, new DateValue(value));

    public static TraceRead Number(TraceField field, int value) => new(field, new NumberValue(value));

    public static TraceRead Thumbprint(TraceField field, string thumbprint) => new(field, new ThumbprintValue(thumbprint));

    // Boxed, not generic over the enum: a generic method over a value type is compiled at run time for each one it meets.
    public static TraceRead EnumOf(TraceField field, Enum? value) => new(field, new EnumValue(value));

    public static TraceRead Section(TraceField field, SectionState state) => new(field, new SectionStateValue(state));

    public static TraceRead Key(MatchKey key) => new(TraceField.Key, key.ToValue());

    public static TraceRead StoreThumbprints(IEnumerable<StoreCertificate> store) =>
        ThumbprintList(TraceField.StoreThumbprints, store.Where(c => c is not null).Select(c => Thumbprints.Normalize(c.Thumbprint)));

    public static TraceRead ThumbprintList(TraceField field, IEnumerable<string> thumbprints) =>
        new(field, new ListValue([.. thumbprints.Select(t => (TraceValue)new ThumbprintValue(t))]));

    public static TraceRead Texts(TraceField field, IEnumerable<string>? values) =>
        new(field, new ListValue(values is null ? null : [.. values.Where(v => v is not null).Select(v => (TraceValue)new TextValue(v))]));

    /// <summary>The three values every expiry check reads.</summary>
    public static TraceRead[] Expiry(DateTimeOffset notAfter, ReplayOptions options) =>
        [Date(TraceField.NotAfter, notAfter), Date(TraceField.AsOf, options.AsOf), Number(TraceField.WarningDays, options.WarningDays)];
}
