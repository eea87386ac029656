using System.Collections.Immutable;
using Extls.Rules;
using Extls.Rules.Comparison;
using Extls.Rules.Configuration;
using Extls.Selection;

namespace Extls.Planning;

/// <summary>
/// One way the plan can turn out: how the prompts it leaves open were answered, what each command did, and the
/// comparison of the analysis before the plan with the analysis after it (a <see cref="ResultDiff"/>, the one
/// comparison of two runs extls has).
/// </summary>
public sealed record WhatIfOutcome(PlanApplication Application, ResultDiff Diff)
{
    /// <summary>How the prompts the plan leaves open were answered; null when it leaves none open.</summary>
    public PromptAnswer? OpenAnswer => Application.OpenPrompts > 0 ? Application.Answer : null;

    /// <summary>A10 when the outcome rests on how a prompt was answered (by -Force, -Confirm:$false, or by this outcome's choice).</summary>
    public ImmutableArray<Assumption> Assumptions => Application.RestsOnA10 ? [Assumption.A10] : [];

    public ImmutableArray<PlannedChange> Changes => Application.Changes;
}

/// <summary>
/// A plan rehearsed against a snapshot: the analysis before it and one outcome per answer to the prompts it leaves
/// open (one outcome when it leaves none). <see cref="Shown"/> is the outcome a one-result report shows: every prompt
/// answered yes, the prompt's own default.
/// </summary>
public sealed record WhatIfResult(ImmutableArray<string> Plans, int Statements, AnalysisResult Before, ImmutableArray<WhatIfOutcome> Outcomes)
{
    public WhatIfOutcome Shown => Outcomes[0];

    public int OpenPrompts => Outcomes[0].Application.OpenPrompts;

    /// <summary>Whether some outcome brings a new unsuppressed finding at or above <paramref name="failOn"/>: the exit code's question.</summary>
    public bool IntroducesFinding(FailOn failOn) => Outcomes.Any(o => FindingsPolicy.ReachesFailLevel(o.Diff.New, failOn));
}

/// <summary>Rehearses plans: applies them to the snapshot, replays and analyses again, and compares.</summary>
public static class WhatIf
{
    /// <exception cref="PlanException">Every problem of the plans, each with its line and column.</exception>
    public static WhatIfResult Run(AnalysisEngine engine, AnalysisResult before, IReadOnlyList<Plan> plans, AnalysisOptions options, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(plans);
        if (!PowerShellParser.IsSupported)
        {
            throw PowerShellParser.Missing();
        }

        var outcomes = ImmutableArray.CreateBuilder<WhatIfOutcome>();
        var yes = PlanRunner.Apply(plans, before.Snapshot, context, PromptAnswer.Yes);
        outcomes.Add(Outcome(engine, before, yes, options));
        if (yes.OpenPrompts > 0)
        {
            outcomes.Add(Outcome(engine, before, PlanRunner.Apply(plans, before.Snapshot, context, PromptAnswer.No), options));
        }

        return new WhatIfResult([.. plans.Select(p => p.Name)], plans.Sum(p => p.Count), before, outcomes.ToImmutable());
    }

    private static WhatIfOutcome Outcome(AnalysisEngine engine, AnalysisResult before, PlanApplication application, AnalysisOptions options)
    {
        // The import's problems are the snapshot's, listed once with the analysis before the plan.
        var after = engine.Analyze(application.Snapshot, [], options);
        return new WhatIfOutcome(application, ResultComparer.Compare(before, after));
    }
}
