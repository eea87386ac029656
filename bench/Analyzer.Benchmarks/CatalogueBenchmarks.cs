using System.Reflection;
using BenchmarkDotNet.Attributes;
using Extls.Rules;

namespace Extls.Benchmarks;

/// <summary>
/// What every start of extls pays before it analyses anything: the embedded rules/*.yaml read through YamlDotNet,
/// validated against the rule schema and bound. The product reads them once per process (RuleCatalog.Default);
/// this reads them again on every invocation, the schema already read, as at start-up after its first descriptor.
/// </summary>
[MemoryDiagnoser]
public class CatalogueBenchmarks
{
    // The loader is internal to Analyzer.Rules; the benchmark calls it as the catalogue does rather than widen its surface.
    private static readonly Func<IReadOnlyList<RuleDescriptor>> LoadEmbedded =
        (typeof(RuleCatalog).Assembly.GetType("Extls.Rules.Descriptors.RuleDescriptorLoader", throwOnError: true)!
            .GetMethod("LoadEmbedded", BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException("RuleDescriptorLoader", "LoadEmbedded"))
        .CreateDelegate<Func<IReadOnlyList<RuleDescriptor>>>();

    [GlobalSetup]
    public void Setup() => _ = LoadEmbedded();

    [Benchmark(Description = "rule catalogue: parse + validate + bind")]
    public int Catalogue() => LoadEmbedded().Count;
}
