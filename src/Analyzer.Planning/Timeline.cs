using System.Collections.Immutable;
using Extls.Model;
using Extls.Rules;

namespace Extls.Planning;

/// <summary>What happens at an instant of the timeline.</summary>
public enum TimelineCauseKind
{
    /// <summary>A certificate's NotBefore: a staged certificate becomes valid and may now be chosen.</summary>
    BecomesValid,

    /// <summary>NotAfter − the warning window: the certificate enters the warning window.</summary>
    EntersWarningWindow,

    /// <summary>NotAfter: the certificate expires (it is expired from just after this instant).</summary>
    Expires,

    /// <summary>The snapshot becomes older than the stale threshold (EXTLS9003).</summary>
    SnapshotStale,

    /// <summary>A suppression in extls.yaml expires and stops suppressing.</summary>
    SuppressionExpires,
}

/// <summary>Why an instant is on the timeline: a certificate (where it is held) or the snapshot or a suppression.</summary>
public sealed record TimelineCause(TimelineCauseKind Kind, string? Server, string? Thumbprint, string? Subject);

/// <summary>One instant at which findings change, with what appears and what disappears.</summary>
/// <param name="Date">The boundary: the NotBefore, NotAfter or start of the warning window that moves the findings.</param>
public sealed record TimelineDate(DateTimeOffset Date, ImmutableArray<TimelineCause> Causes, ImmutableArray<Finding> Appears, ImmutableArray<Finding> Disappears);

/// <summary>
/// The findings of a snapshot through time: the analysis replayed at each instant a certificate's validity, warning
/// window or expiry, the snapshot's staleness or a suppression's expiry changes, between the as-of and the horizon.
/// </summary>
public sealed record TimelineResult(AnalysisResult AsOf, DateTimeOffset Until, ImmutableArray<TimelineDate> Dates)
{
    /// <summary>The first date on which a finding of severity error appears that was not there at the as-of; null when none does before the horizon.</summary>
    public DateTimeOffset? FirstBreak => FirstBreakDate?.Date;

    public TimelineDate? FirstBreakDate
    {
        get
        {
            var atStart = (AsOf.Findings.IsDefault ? [] : AsOf.Findings).Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
            return Dates.FirstOrDefault(d => d.Appears.Any(f => f.Severity == Severity.Error && f.Suppression is null && !atStart.Contains(f.Fingerprint)));
        }
    }
}

public static class Timeline
{
    /// <summary>The default horizon: a year after the as-of.</summary>
    public static DateTimeOffset DefaultUntil(DateTimeOffset asOf) => asOf.AddYears(1);

    /// <summary>
    /// The timeline from <paramref name="start"/>'s as-of to <paramref name="until"/>. The analysis is replayed only at
    /// the candidate instants, never day by day; each replay is a whole analysis of the unchanged snapshot at that instant.
    /// </summary>
    /// <param name="maxInstants">
    /// At most this many replays. An organisation whose certificates all expire on different days has an instant per
    /// certificate, so a caller that only shows the next dates (the analyze HTML report) bounds the work: the timeline
    /// then ends at the last instant replayed, and is complete up to it.
    /// </param>
    public static TimelineResult Compute(AnalysisEngine engine, AnalysisResult start, AnalysisOptions options, DateTimeOffset until, int maxInstants = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        var asOf = start.AsOf;
        var instants = Candidates(start.Snapshot, options)
            .Where(c => c.ReplayAt > asOf && c.Boundary <= until)
            .GroupBy(c => c.ReplayAt)
            .OrderBy(g => g.Key)
            .Select(g => (ReplayAt: g.Key, Boundary: g.Min(c => c.Boundary), Causes: g.Select(c => c.Cause).Distinct().OrderBy(c => c.Kind).ThenBy(c => c.Server, NameOrder.Instance).ThenBy(c => c.Thumbprint, StringComparer.Ordinal).ToImmutableArray()))
            .ToList();

        ArgumentOutOfRangeException.ThrowIfLessThan(maxInstants, 1);
        if (instants.Count > maxInstants)
        {
            instants.RemoveRange(maxInstants, instants.Count - maxInstants);
            until = instants[^1].Boundary;
        }

        // Each instant is an independent analysis of the same snapshot, so they run side by side; only each one's
        // findings are kept, so memory holds the analyses in flight and not one whole analysis per instant. The order
        // of the dates is the order of the instants whatever finishes first.
        var findings = new ImmutableArray<Finding>[instants.Count];
        Parallel.For(0, instants.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
            findings[i] = engine.Analyze(start.Snapshot, [], options with { AsOf = instants[i].ReplayAt }).Findings);

        var dates = ImmutableArray.CreateBuilder<TimelineDate>();
        var previous = start.Findings.IsDefault ? [] : start.Findings;
        for (var i = 0; i < instants.Count; i++)
        {
            var now = findings[i].IsDefault ? [] : findings[i];
            var before = previous.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
            var after = now.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
            var appears = now.Where(f => !before.Contains(f.Fingerprint)).ToImmutableArray();
            var disappears = previous.Where(f => !after.Contains(f.Fingerprint)).ToImmutableArray();
            if (!appears.IsEmpty || !disappears.IsEmpty)
            {
                dates.Add(new TimelineDate(instants[i].Boundary, instants[i].Causes, appears, disappears));
            }

            previous = now;
        }

        return new TimelineResult(start, until, dates.ToImmutable());
    }

    /// <summary>
    /// Every instant at which a finding can change, with the instant to replay at: NotBefore itself (valid from it), the
    /// start of the warning window itself (NotAfter − as-of ≤ the window from it), and just after NotAfter (X.509 validity
    /// includes its NotAfter, <see cref="Selection.Expiry"/>).
    /// </summary>
    private static IEnumerable<(DateTimeOffset Boundary, DateTimeOffset ReplayAt, TimelineCause Cause)> Candidates(OrganizationSnapshot snapshot, AnalysisOptions options)
    {
        var window = TimeSpan.FromDays(Math.Max(0, options.WarningDays));
        foreach (var server in snapshot.Servers)
        {
            var certificates = new List<CertificateInfo>();
            if (server.Certificates.IsKnown)
            {
                certificates.AddRange(server.Certificates.Items.Select(c => c.Certificate));
            }

            if (server.InternalCertificate.Certificate is { } ad)
            {
                certificates.Add(ad);
            }

            if (server.SubscriptionCertificate?.Certificate is { } subscription)
            {
                certificates.Add(subscription);
            }

            foreach (var c in certificates.DistinctBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase))
            {
                var thumbprint = Thumbprints.Normalize(c.Thumbprint);
                yield return (c.NotBefore, c.NotBefore, new TimelineCause(TimelineCauseKind.BecomesValid, server.Name, thumbprint, c.Subject));
                yield return (c.NotAfter - window, c.NotAfter - window, new TimelineCause(TimelineCauseKind.EntersWarningWindow, server.Name, thumbprint, c.Subject));
                yield return (c.NotAfter, c.NotAfter.AddTicks(1), new TimelineCause(TimelineCauseKind.Expires, server.Name, thumbprint, c.Subject));
            }
        }

        if (snapshot.CollectedAt is { } collected)
        {
            // EXTLS9003 counts whole days: it fires from the instant the age reaches one day more than the limit.
            var stale = collected.AddDays(options.StaleDays + 1);
            yield return (stale, stale, new TimelineCause(TimelineCauseKind.SnapshotStale, null, null, null));
        }

        foreach (var s in options.Suppressions.IsDefault ? [] : options.Suppressions)
        {
            if (s.Expires is { } expires)
            {
                yield return (expires, expires, new TimelineCause(TimelineCauseKind.SuppressionExpires, null, null, $"{s.RuleId} {s.Target}"));
            }
        }
    }
}
