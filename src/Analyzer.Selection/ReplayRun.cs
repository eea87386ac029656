using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;

namespace Extls.Selection;

/// <summary>
/// Collects the trace, events, assumptions and unknowns of one replay while its steps run, so each
/// process reads as its list of steps and the result is assembled (sorted, distinct) in one place.
/// </summary>
internal sealed class ReplayRun
{
    private readonly List<TraceStep> trace = [];
    private readonly SortedSet<string> assumptions = new(StringComparer.Ordinal);
    private readonly SortedSet<string> unknowns = new(StringComparer.Ordinal);
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

    public void Step(int step, string title, string outcome, params TraceValue[] reads) =>
        trace.Add(new TraceStep(step, title, [.. reads], outcome));

    public void Assume(string id) => assumptions.Add(id);

    public void Unknown(string property) => unknowns.Add(property);

    public void Unknowns(IEnumerable<string> properties) => unknowns.UnionWith(properties);

    public void Event(int id) => events.Add(id);

    public SelectionResult End(SelectionOutcome outcome, int endedAtStep, bool advertised = false, string? certificate = null) => new()
    {
        Scenario = Scenario,
        Server = Server,
        Connector = Connector,
        Advertised = advertised,
        Certificate = certificate,
        Events = [.. events],
        EndedAtStep = endedAtStep,
        Outcome = outcome,
        Assumptions = [.. assumptions],
        Trace = [.. trace],
        Unknowns = [.. unknowns],
        Location = Location,
    };

    /// <summary>Stops where data the step needs is missing: nothing is advertised and nothing is claimed.</summary>
    public SelectionResult Undetermined(int step, string title, string missing, string why, params TraceValue[] reads)
    {
        Unknown(missing);
        Step(step, title, why, reads);
        return End(SelectionOutcome.Undetermined, step);
    }
}

/// <summary>Invariant text for trace values and sentences.</summary>
internal static class TraceText
{
    public const string UnknownValue = "(unknown)";
    public const string EmptyValue = "(empty)";

    public static TraceValue Read(string name, string? value) => new(name, Str(value));

    public static TraceValue Read(string name, bool? value) => new(name, Flag(value));

    public static TraceValue Read(string name, DateTimeOffset value) => new(name, Date(value));

    public static TraceValue Read<T>(string name, T? value)
        where T : struct, Enum => new(name, value is null ? UnknownValue : value.Value.ToString());

    public static TraceValue Read(string name, int value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    public static TraceValue Read(string name, IEnumerable<string>? values) =>
        new(name, values is null ? UnknownValue : List(values));

    public static string Str(string? value) => value is null ? UnknownValue : value.Length == 0 ? EmptyValue : value;

    public static string Flag(bool? value) => value switch { null => UnknownValue, true => "True", false => "False" };

    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string List(IEnumerable<string> values)
    {
        var list = values.Where(v => v is not null).ToList();
        return list.Count == 0 ? EmptyValue : string.Join(", ", list);
    }

    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 certificate", "3 certificates": trace sentences are read by administrators.</summary>
    public static string Count(int n, string noun) =>
        Inv($"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}
