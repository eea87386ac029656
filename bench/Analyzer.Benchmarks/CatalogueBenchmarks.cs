using System.Reflection;
using BenchmarkDotNet.Attributes;
using Extls.Rules;

namespace Extls.Benchmarks;

/// <summary>
/// What every start of extls pays for its rules before it analyses anything: the catalogue the build compiled from
/// rules/*.yaml bound into descriptors (templates, wordings, remediation scripts). YAML and the rule schema are no longer
/// read at start; this is what is left. The product does it once per process (RuleCatalog.Default); this does it again
/// on every invocation.
/// </summary>
[MemoryDiagnoser]
public class CatalogueBenchmarks
{
    // The compiled catalogue is internal to Analyzer.Rules; the benchmark calls it as RuleCatalog does rather than widen
    // its surface. A rename fails the benchmark when it starts.
    private static readonly Func<IReadOnlyList<RuleDescriptor>> Load =
        (typeof(RuleCatalog).Assembly.GetType("Extls.Rules.Descriptors.CompiledCatalog", throwOnError: true)!
            .GetMethod("Load", BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException("CompiledCatalog", "Load"))
        .CreateDelegate<Func<IReadOnlyList<RuleDescriptor>>>();

    [GlobalSetup]
    public void Setup() => _ = Load();

    [Benchmark(Description = "rule catalogue: bind the compiled descriptors")]
    public int Catalogue() => Load().Count;
}
