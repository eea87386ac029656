namespace Extls.Rules.Evaluators;

/// <summary>EXTLS9003: the snapshot was collected longer ago than the staleness limit before the as-of time.</summary>
internal sealed class SnapshotStale : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS9003;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        if (context.Snapshot.CollectedAt is not { } collectedAt)
        {
            yield break;
        }

        var age = context.AsOf - collectedAt;
        if (age <= TimeSpan.FromDays(context.StaleDays))
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
                ("days", MessageArgument.Number((long)Math.Floor(age.TotalDays))),
                ("limit", MessageArgument.Number(context.StaleDays))),
        };
    }
}
