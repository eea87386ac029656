using Extls.Model;

namespace Extls.Selection;

/// <summary>
/// Collects the trace, events, assumptions and unknowns of one replay while its steps run, so each
/// process reads as its list of steps and the result is assembled (sorted, distinct) in one place.
/// </summary>
internal sealed class ReplayRun
{
    private readonly List<TraceStep> trace = [];
    private readonly List<SkippedStep> skipped = [];
    private readonly SortedSet<Assumption> assumptions = [];
    private readonly SortedSet<ReplayProperty> unknowns = new(ReplayProperties.ById);
    private readonly SortedSet<int> events = [];

    public ReplayRun(Scenario scenario, string server, string? connector, SourceLocation? location)
    {
        Scenario = scenario;
        Server = server;
        Connector = connector;
        Location = location;
    }

    public Scenario Scenario { get; }

    public string Server { get; }

    public string? Connector { get; set; }

    public SourceLocation? Location { get; set; }

    /// <summary>The id of <paramref name="kind"/> in this run's process.</summary>
    public StepId Id(StepKind kind) => new(Scenario, kind);

    public void Step(StepKind kind, StepReason reason, params TraceRead[] reads) =>
        trace.Add(new TraceStep(Id(kind), [.. reads], reason));

    /// <summary>A step that may predict an Application log event: the event goes on the step and on the result.</summary>
    public void Step(StepKind kind, StepReason reason, int? eventId, params TraceRead[] reads)
    {
        if (eventId is { } id)
        {
            events.Add(id);
        }

        trace.Add(new TraceStep(Id(kind), [.. reads], reason) { Event = eventId });
    }

    /// <summary>A step of the process that this replay passes over, and why.</summary>
    public void Skip(StepKind kind, SkipReason reason) => skipped.Add(new SkippedStep(Id(kind), reason));

    public void Assume(Assumption assumption) => assumptions.Add(assumption);

    public void Unknown(ReplayProperty property) => unknowns.Add(property);

    public void Unknowns(IEnumerable<ReplayProperty> properties) => unknowns.UnionWith(properties);

    public SelectionResult End(SelectionOutcome outcome, StepKind endedAt, bool advertised = false, string? certificate = null) => new()
    {
        Scenario = Scenario,
        Server = Server,
        Connector = Connector,
        Advertised = advertised,
        Certificate = certificate,
        Events = [.. events],
        EndedAtStep = Id(endedAt).Number,
        Outcome = outcome,
        Assumptions = [.. assumptions],
        Trace = [.. trace],
        Skipped = [.. skipped],
        Unknowns = [.. unknowns],
        Location = Location,
    };

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

    public static TraceRead EnumOf<T>(TraceField field, T? value)
        where T : struct, System.Enum => new(field, new EnumValue(value));

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
