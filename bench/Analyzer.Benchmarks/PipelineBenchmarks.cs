using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Extls.Generation.Organizations;
using Extls.Import;
using Extls.Model;
using Extls.Reporting;
using Extls.Rules;
using Extls.Selection;

namespace Extls.Benchmarks;

/// <summary>
/// Every stage of <c>extls analyze</c> on the same generated organisations, against the floor of merely
/// reading and tokenising every JSON file of the dump (the baseline, so BenchmarkDotNet's ratio column is
/// each stage's multiple of the floor).
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    /// <summary>10, 100 and 1,000 servers; EXTLS_BENCH_SERVERS (e.g. "10,100") runs fewer for a quick look.</summary>
    [ParamsSource(nameof(ServerCounts))]
    public int Servers { get; set; }

    public static IEnumerable<int> ServerCounts() =>
        Environment.GetEnvironmentVariable("EXTLS_BENCH_SERVERS") is { Length: > 0 } list
            ? list.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            : [10, 100, 1000];

    private Stage stage = null!;

    [GlobalSetup]
    public void Setup() => stage = Stage.For(Servers);

    /// <summary>Reads every JSON file and runs System.Text.Json's tokeniser over it: what no analysis can go below.</summary>
    [Benchmark(Baseline = true, Description = "floor: read + tokenise JSON")]
    public long Floor()
    {
        long tokens = 0;
        foreach (var file in stage.JsonFiles)
        {
            var bytes = File.ReadAllBytes(file);
            ReadOnlySpan<byte> utf8 = bytes;
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                // Windows PowerShell's UTF-16: the importer decodes it too, so the floor pays for it as well.
                utf8 = Encoding.UTF8.GetBytes(Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2));
            }
            else if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                utf8 = utf8[3..];
            }

            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    /// <summary>The same with the tokeniser the importer itself uses (Json.NET over decoded text): the floor for a Json.NET importer.</summary>
    [Benchmark(Description = "floor: Json.NET tokeniser")]
    public long FloorJsonNet()
    {
        long tokens = 0;
        foreach (var file in stage.JsonFiles)
        {
            using var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var reader = new Newtonsoft.Json.JsonTextReader(text) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    [Benchmark(Description = "import")]
    public int Import() => DumpLoader.Load([stage.Dump]).Snapshot!.Servers.Length;

    [Benchmark(Description = "replay")]
    public int Replay() => Selection.Replay.All(stage.Snapshot, stage.ReplayOptions).Length;

    /// <summary>
    /// The engine: the replay and every rule over it. The engine replays itself (its rules see nothing but the real
    /// replay), so the rules alone are this minus the replay benchmark.
    /// </summary>
    [Benchmark(Description = "replay + rules")]
    public int ReplayAndRules() => Stage.Engine.Analyze(stage.Snapshot, stage.Problems, Stage.Options(stage.Snapshot)).Findings.Length;

    [Benchmark(Description = "write console")]
    public int WriteConsole() => new ConsoleReportWriter(RenderSettings.Plain).Render(stage.Result).Length;

    [Benchmark(Description = "write json")]
    public int WriteJson() => new JsonReportWriter().Render(stage.Result).Length;

    [Benchmark(Description = "write sarif")]
    public int WriteSarif() => new SarifReportWriter().Render(stage.Result).Length;

    /// <summary>What <c>extls analyze DUMP --format json --output FILE</c> does: load, replay, rules, write the file.</summary>
    [Benchmark(Description = "end to end (json)")]
    public long EndToEnd()
    {
        var loaded = DumpLoader.Load([stage.Dump]);
        var snapshot = loaded.Snapshot!;
        var result = Stage.Engine.Analyze(snapshot, loaded.Problems, Stage.Options(snapshot));
        var text = new JsonReportWriter().Render(result);
        File.WriteAllText(stage.Output, text);
        return text.Length;
    }
}

/// <summary>
/// One organisation's dump and the results each stage starts from, made once per process: the benchmarks run
/// in process, so the 1,000-server analysis the three writers start from is made once, not three times.
/// </summary>
internal sealed class Stage
{
    private static readonly ConcurrentDictionary<int, Lazy<Stage>> Stages = new();

    private readonly Lazy<AnalysisResult> result;

    private Stage(int servers)
    {
        Dump = GeneratedDumps.Get(servers);
        JsonFiles = [.. Directory.EnumerateFiles(Dump, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        var loaded = DumpLoader.Load([Dump]);
        Snapshot = loaded.Snapshot ?? throw new InvalidOperationException($"{Dump} did not load: {string.Join("; ", loaded.Problems)}");
        Problems = loaded.Problems;
        ReplayOptions = new ReplayOptions(Options(Snapshot).AsOf, Options(Snapshot).WarningDays);
        result = new(() => Engine.Analyze(Snapshot, Problems, Options(Snapshot)));
        Output = Path.Combine(Path.GetTempPath(), $"extls-bench-{servers}.json");
    }

    public static AnalysisEngine Engine { get; } = AnalysisEngine.CreateDefault();

    public string Dump { get; }

    public ImmutableArray<string> JsonFiles { get; }

    public OrganizationSnapshot Snapshot { get; }

    public ImmutableArray<ImportProblem> Problems { get; }

    public ReplayOptions ReplayOptions { get; }

    public AnalysisResult Result => result.Value;

    public string Output { get; }

    public static Stage For(int servers) => Stages.GetOrAdd(servers, s => new Lazy<Stage>(() => new Stage(s))).Value;

    /// <summary>As analyze: the as-of is when the dump was collected, the default warning window.</summary>
    public static AnalysisOptions Options(OrganizationSnapshot snapshot) =>
        new(snapshot.CollectedAt ?? OrganizationGenerator.CollectedAt, AnalysisOptions.DefaultWarningDays);
}

/// <summary>The benchmark organisations: written once by the generator into the temporary folder and reused while their options stay the same.</summary>
internal static class GeneratedDumps
{
    public const int Seed = 1;
    public const double BrokenShare = 0.2;
    public const DumpStyle Style = DumpStyle.Ps7;

    public static string Get(int servers)
    {
        // The generator's build is part of the name: a changed generator writes a new dump instead of reusing a stale one.
        var build = typeof(OrganizationGenerator).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];
        var folder = Path.Combine(Path.GetTempPath(), "extls-bench", $"{servers}-servers-{Style.ToString().ToLowerInvariant()}-seed{Seed}-{build}");
        var done = Path.Combine(Path.GetTempPath(), "extls-bench", $"{Path.GetFileName(folder)}.done");
        if (!File.Exists(done) || !Directory.Exists(folder))
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            OrganizationGenerator.Write(new GenerationOptions { Servers = servers, Seed = Seed, BrokenShare = BrokenShare, Style = Style }, folder);
            File.WriteAllText(done, "");
        }

        return folder;
    }
}
