using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Support;

/// <summary>Runs the default engine (real descriptors) over hand-made selections, to check the text a rule produces.</summary>
internal static class Findings
{
    private static readonly Lazy<AnalysisEngine> Engine = new(AnalysisEngine.CreateDefault);

    public static IReadOnlyList<Finding> Of(string ruleId, OrganizationSnapshot snapshot, params SelectionResult[] selections) =>
        Of(ruleId, snapshot, new AnalysisOptions(Build.AsOf, 30), selections);

    public static IReadOnlyList<Finding> Of(string ruleId, OrganizationSnapshot snapshot, AnalysisOptions options, params SelectionResult[] selections) =>
        Engine.Value.Analyze(snapshot, selections.ToImmutableArray(), [], options)
            .Findings.Where(f => f.RuleId == ruleId).ToArray();
}
