namespace Extls.Rules.Evaluators;

/// <summary>Turns the failures the engine collected while running the other rules into findings.</summary>
internal sealed class RuleFailed : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS9005;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        context.RuleFailures
            .OrderBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(f => new Diagnostic
            {
                RuleId = RuleId,
                Target = new FindingTarget(FindingTargetKind.Snapshot, $"rules/{f.RuleId}"),
                Arguments = Args.Of(("rule", f.RuleId), ("error", MessageArgument.Quoted(f.Error))),
            });
}
