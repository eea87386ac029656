namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS9003: the snapshot was collected more whole days before the as-of time than the staleness limit.
/// Whole days, because the message states the age in days: a snapshot 30 days and some hours old under a 30-day
/// limit would otherwise read "30 days before … (more than 30)".
/// </summary>
internal sealed class SnapshotStale : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS9003;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        if (context.Snapshot.CollectedAt is not { } collectedAt)
        {
            yield break;
        }

        var days = (long)Math.Floor((context.AsOf - collectedAt).TotalDays);
        if (days <= context.StaleDays)
        {
            yield break;
        }

        yield return new Diagnostic
        {
            RuleId = RuleId,
            Target = new FindingTarget(FindingTargetKind.Snapshot, "manifest.json"),
            Arguments = Args.Of(
                ("collectedAt", MessageArgument.Day(collectedAt)),
                ("asOf", MessageArgument.Day(context.AsOf)),
                ("days", MessageArgument.Number(days)),
                ("limit", MessageArgument.Number(context.StaleDays))),
        };
    }
}
