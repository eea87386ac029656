using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Comparison;

/// <summary>What differs in one replay between two runs.</summary>
public enum SelectionChangeKind
{
    /// <summary>The replay exists only in the later run (a new server or connector).</summary>
    Added,

    /// <summary>The replay exists only in the earlier run (a server or connector that is gone).</summary>
    Removed,

    /// <summary>The connector starts or stops advertising (inbound) or using (outbound) TLS.</summary>
    Advertised,

    /// <summary>A different certificate is chosen, or one is chosen where none was, or none where one was.</summary>
    Certificate,

    /// <summary>The replay ends for another reason (<see cref="SelectionOutcome"/>).</summary>
    Outcome,

    /// <summary>The server logs other events for it.</summary>
    Events,
}

/// <summary>One replay (server, connector, scenario) whose result differs between two runs.</summary>
/// <param name="Before">The earlier run's replay; null when <see cref="SelectionChangeKind.Added"/>.</param>
/// <param name="After">The later run's replay; null when <see cref="SelectionChangeKind.Removed"/>.</param>
/// <param name="Changes">What differs, in the order of <see cref="SelectionChangeKind"/>.</param>
public sealed record SelectionChange(
    Scenario Scenario,
    string Server,
    string? Connector,
    SelectionResult? Before,
    SelectionResult? After,
    ImmutableArray<SelectionChangeKind> Changes);

/// <summary>
/// Two runs compared: findings new, fixed and unchanged (by fingerprint, as a baseline compares them) and
/// the replays whose result changed. A what-if is such a diff: the run before a planned change and after it.
/// </summary>
public sealed record ResultDiff
{
    public required AnalysisResult Before { get; init; }

    public required AnalysisResult After { get; init; }

    /// <summary>In the later run only, marked <see cref="BaselineState.New"/>, in finding order.</summary>
    public required ImmutableArray<Finding> New { get; init; }

    /// <summary>In the earlier run only, marked <see cref="BaselineState.Absent"/>, in finding order.</summary>
    public required ImmutableArray<Finding> Fixed { get; init; }

    /// <summary>In both; the later run's finding, marked <see cref="BaselineState.Unchanged"/>, in finding order.</summary>
    public required ImmutableArray<Finding> Unchanged { get; init; }

    /// <summary>Sorted by scenario, server, connector (<see cref="SelectionOrder"/>).</summary>
    public required ImmutableArray<SelectionChange> SelectionChanges { get; init; }
}

/// <summary>Compares two analyses; the one place a diff is worked out.</summary>
public static class ResultComparer
{
    public static ResultDiff Compare(AnalysisResult before, AnalysisResult after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var (current, absent) = Baselines.Match(after.Findings.IsDefault ? [] : after.Findings, before.Findings.IsDefault ? [] : before.Findings);
        return new ResultDiff
        {
            Before = before,
            After = after,
            New = [.. current.Where(f => f.BaselineState == BaselineState.New)],
            Fixed = absent,
            Unchanged = [.. current.Where(f => f.BaselineState == BaselineState.Unchanged)],
            SelectionChanges = CompareSelections(before.Selections.IsDefault ? [] : before.Selections, after.Selections.IsDefault ? [] : after.Selections),
        };
    }

    /// <summary>Replays are the same replay when scenario, server and connector agree, names ignoring case as Exchange does.</summary>
    internal static ImmutableArray<SelectionChange> CompareSelections(ImmutableArray<SelectionResult> before, ImmutableArray<SelectionResult> after)
    {
        var earlier = new Dictionary<(Scenario, string, string), SelectionResult>(KeyComparer.Instance);
        foreach (var s in before)
        {
            // A repeated key keeps the first replay, as the sorted list shows it first.
            earlier.TryAdd(Key(s), s);
        }

        var changes = new List<SelectionChange>();
        var seen = new HashSet<(Scenario, string, string)>(KeyComparer.Instance);
        foreach (var a in after)
        {
            if (!seen.Add(Key(a)))
            {
                continue;
            }

            if (!earlier.TryGetValue(Key(a), out var b))
            {
                changes.Add(new SelectionChange(a.Scenario, a.Server, a.Connector, null, a, [SelectionChangeKind.Added]));
                continue;
            }

            var kinds = Differences(b, a);
            if (!kinds.IsEmpty)
            {
                changes.Add(new SelectionChange(a.Scenario, a.Server, a.Connector, b, a, kinds));
            }
        }

        foreach (var b in earlier.Values.Where(b => !seen.Contains(Key(b))))
        {
            changes.Add(new SelectionChange(b.Scenario, b.Server, b.Connector, b, null, [SelectionChangeKind.Removed]));
        }

        return [.. changes.OrderBy(c => (c.After ?? c.Before)!, SelectionOrder.Instance)];
    }

    private static ImmutableArray<SelectionChangeKind> Differences(SelectionResult before, SelectionResult after)
    {
        var kinds = ImmutableArray.CreateBuilder<SelectionChangeKind>();
        if (before.Advertised != after.Advertised)
        {
            kinds.Add(SelectionChangeKind.Advertised);
        }

        if (!string.Equals(before.Certificate, after.Certificate, StringComparison.OrdinalIgnoreCase))
        {
            kinds.Add(SelectionChangeKind.Certificate);
        }

        if (before.Outcome != after.Outcome)
        {
            kinds.Add(SelectionChangeKind.Outcome);
        }

        if (!Events(before).SequenceEqual(Events(after)))
        {
            kinds.Add(SelectionChangeKind.Events);
        }

        return kinds.ToImmutable();
    }

    private static IEnumerable<int> Events(SelectionResult s) => (s.Events.IsDefault ? [] : s.Events).Distinct().Order();

    private static (Scenario, string, string) Key(SelectionResult s) => (s.Scenario, s.Server, s.Connector ?? "");

    private sealed class KeyComparer : IEqualityComparer<(Scenario, string, string)>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals((Scenario, string, string) x, (Scenario, string, string) y) =>
            x.Item1 == y.Item1 && NameOrder.Same(x.Item2, y.Item2) && NameOrder.Same(x.Item3, y.Item3);

        public int GetHashCode((Scenario, string, string) obj) =>
            HashCode.Combine(obj.Item1, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item3));
    }
}
