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
            Target = new FindingTarget("snapshot", "manifest.json"),
            Arguments = EvaluatorSupport.Args(
                ("collectedAt", EvaluatorSupport.Date(collectedAt)),
                ("asOf", EvaluatorSupport.Date(context.AsOf)),
                ("days", EvaluatorSupport.Number((int)Math.Floor(age.TotalDays))),
                ("limit", EvaluatorSupport.Number(context.StaleDays))),
        };
    }
}
