using System.Collections.Immutable;
using Extls.Rules.Engine;

namespace Extls.Rules.Comparison;

/// <summary>A run compared with its baseline: the states its findings carry, and what the baseline had that the run has not.</summary>
public sealed record BaselineComparison
{
    /// <summary>The baseline as the user named it (a path as typed), for the reports to say what they were compared with.</summary>
    public required string Source { get; init; }

    /// <summary>The baseline's findings this run does not have, each marked <see cref="BaselineState.Absent"/>, in finding order.</summary>
    public required ImmutableArray<Finding> Absent { get; init; }

    /// <summary>How many of the run's findings are <see cref="BaselineState.New"/>.</summary>
    public required int New { get; init; }

    /// <summary>How many of the run's findings are <see cref="BaselineState.Unchanged"/>.</summary>
    public required int Unchanged { get; init; }
}

/// <summary>
/// Compares findings by fingerprint and nothing else: the fingerprint is the rule and the target
/// (<see cref="AnalysisEngine.Fingerprint"/>), so a finding whose line, wording, culture or severity changed is
/// still the same finding, and a rule that changes what its targets are changes its fingerprints, never this logic.
/// </summary>
public static class Baselines
{
    /// <summary>
    /// Marks every finding of <paramref name="current"/> new or unchanged against <paramref name="baseline"/> and
    /// records the baseline's findings the run no longer has as absent.
    /// </summary>
    /// <param name="source">How the user named the baseline, carried into the reports.</param>
    public static AnalysisResult Apply(AnalysisResult current, IEnumerable<Finding> baseline, string source)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(source);
        var match = Match(current.Findings.IsDefault ? [] : current.Findings, baseline);
        return current with
        {
            Findings = match.Current,
            Baseline = new BaselineComparison
            {
                Source = source,
                Absent = match.Absent,
                New = match.Current.Count(f => f.BaselineState == BaselineState.New),
                Unchanged = match.Current.Count(f => f.BaselineState == BaselineState.Unchanged),
            },
        };
    }

    /// <summary>
    /// Pairs findings by fingerprint as a multiset: two findings with one fingerprint in the run and one in the
    /// baseline are one unchanged and one new, so a duplicated finding is never hidden by its twin.
    /// </summary>
    internal static (ImmutableArray<Finding> Current, ImmutableArray<Finding> Absent) Match(IEnumerable<Finding> current, IEnumerable<Finding> baseline)
    {
        var remaining = new Dictionary<string, Queue<Finding>>(StringComparer.Ordinal);
        foreach (var f in baseline.Order(FindingOrder.Instance))
        {
            if (!remaining.TryGetValue(f.Fingerprint, out var queue))
            {
                remaining[f.Fingerprint] = queue = new Queue<Finding>();
            }

            queue.Enqueue(f);
        }

        var marked = ImmutableArray.CreateBuilder<Finding>();
        foreach (var f in current)
        {
            var unchanged = remaining.TryGetValue(f.Fingerprint, out var queue) && queue.TryDequeue(out _);
            marked.Add(f with { BaselineState = unchanged ? BaselineState.Unchanged : BaselineState.New });
        }

        var absent = remaining.Values.SelectMany(q => q)
            .Select(f => f with { BaselineState = BaselineState.Absent })
            .Order(FindingOrder.Instance)
            .ToImmutableArray();
        return (marked.ToImmutable(), absent);
    }
}
