using Extls.Model;
using Extls.Rules.Engine;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Support;

/// <summary>
/// Runs a rule the way extls does: the snapshot through the real replay, the rule's real evaluator and
/// its real descriptor in the default engine. Rule tests build snapshots (TestKit <see cref="Build"/> and
/// <see cref="SnapshotChanges"/>), never replay results, so a rule is tested against what the replay says.
/// </summary>
internal static class RuleTestKit
{
    private static readonly Lazy<AnalysisEngine> Engine = new(AnalysisEngine.CreateDefault);

    public static AnalysisOptions Options(int warningDays = 30) => new(Build.AsOf, warningDays);

    /// <summary>The whole analysis, through the default engine.</summary>
    public static AnalysisResult Analyze(OrganizationSnapshot snapshot, AnalysisOptions? options = null) =>
        Engine.Value.Analyze(snapshot, [], options ?? Options());

    /// <summary>The findings of one rule, sorted by target id; fails if any rule could not be formatted (EXTLS9005).</summary>
    public static List<Finding> Findings(string ruleId, OrganizationSnapshot snapshot, AnalysisOptions? options = null)
    {
        var result = Analyze(snapshot, options);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == RuleIds.EXTLS9005);
        return [.. result.Findings.Where(f => f.RuleId == ruleId).OrderBy(f => f.Target.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Asserts that the rule fires on exactly <paramref name="fires"/> (target ids) and on none of
    /// <paramref name="passes"/>, the targets the snapshot holds that must stay silent. Returns the findings by target id.
    /// </summary>
    public static List<Finding> AssertTargets(string ruleId, OrganizationSnapshot snapshot, string[] fires, string[] passes, AnalysisOptions? options = null)
    {
        var found = Findings(ruleId, snapshot, options);
        Assert.Equal(fires.Order(StringComparer.Ordinal), found.Select(f => f.Target.Id));
        Assert.Empty(passes.Intersect(found.Select(f => f.Target.Id), StringComparer.Ordinal));
        return found;
    }

    /// <summary>The replay of the snapshot, as every evaluator reads it.</summary>
    public static AnalysisContext Context(OrganizationSnapshot snapshot, int warningDays = 30) =>
        new(snapshot, Replay.All(snapshot, new ReplayOptions(Build.AsOf, warningDays)), Build.AsOf, warningDays);

    /// <summary>The evaluator's diagnostics over the real replay, sorted by target id, for tests of typed arguments.</summary>
    public static List<Diagnostic> Diagnostics(IRuleEvaluator evaluator, OrganizationSnapshot snapshot, int warningDays = 30) =>
        [.. evaluator.Evaluate(Context(snapshot, warningDays)).OrderBy(d => d.Target.Id, StringComparer.Ordinal)];

    /// <summary>An argument as the engine renders it with the rule's real descriptor.</summary>
    public static string Render(Diagnostic diagnostic, string name, string culture = "en") =>
        ArgumentRenderer.Render(name, diagnostic.Arguments[name], RuleCatalog.Default.Find(diagnostic.RuleId)!, culture);
}
