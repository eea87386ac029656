using System.Collections.Immutable;
using Extls.Import;
using Extls.Model;
using Extls.Rules;
using Extls.TestKit;

namespace Extls.Planning.Tests;

/// <summary>The committed dumps the rehearsals run over, analysed as the CLI analyses them.</summary>
internal static class Dumps
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<AnalysisEngine> LazyEngine = new(AnalysisEngine.CreateDefault);

    public static AnalysisEngine Engine => LazyEngine.Value;

    public static AnalysisOptions Options => new(AsOf, AnalysisOptions.DefaultWarningDays);

    public static string Scenario(string slug) => Path.Combine(Repository.Root, "snapshots", "scenarios", slug);

    public static OrganizationSnapshot Load(params string[] paths)
    {
        var load = DumpLoader.Load(paths);
        Assert.True(load.Snapshot is not null, string.Join("; ", load.Problems));
        Assert.True(load.Problems.IsDefaultOrEmpty, string.Join("; ", load.Problems));
        return load.Snapshot!;
    }

    public static OrganizationSnapshot LoadScenario(string slug)
    {
        var dir = Scenario(slug);
        var inputs = new List<string> { Path.Combine(dir, "dump") };
        if (Directory.Exists(Path.Combine(dir, "edge-dump")))
        {
            inputs.Add(Path.Combine(dir, "edge-dump"));
        }

        return Load([.. inputs]);
    }

    public static AnalysisResult Analyze(OrganizationSnapshot snapshot) => Engine.Analyze(snapshot, ImmutableArray<ImportProblem>.Empty, Options);

    public static WhatIfResult Rehearse(OrganizationSnapshot snapshot, string plan, string? folder = null) =>
        WhatIf.Run(Engine, Analyze(snapshot), [Plan.Parse("plan.ps1", folder, plan)], Options, new PlanContext(AsOf, folder ?? Path.GetTempPath()));

    /// <summary>"RULE target-kind:id" of each finding, sorted: what a test compares exactly.</summary>
    public static string[] Lines(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => $"{f.RuleId} {f.Target.Kind.ToId()}:{f.Target.Id}").Order(StringComparer.Ordinal)];
}
