using System.Diagnostics;
using System.Globalization;
using Extls.Import;
using Extls.Rules;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;
using Extls.TestKit;

namespace Extls.Robustness.Tests;

/// <summary>
/// Committed fixtures mutated (cut short, wrong types, nulls, empty documents, bad base64, bytes that are no DER,
/// duplicated keys, stray and contradicting byte order marks, garbage, huge strings, NaN, no manifest, a section
/// missing, one server's file filed under another), each read and analysed as the CLI does. For every mutation:
/// nothing throws; every problem names its file, line and JSON path; every server whose files were not touched is
/// analysed exactly as before; the touched server's other sections are read as before; no finding names a root
/// cause that is not reported. The mutations are drawn by FsCheck from a fixed seed, so a run is repeatable;
/// EXTLS_MUTATIONS sets how many (EXTLS_MUTATION_SEED the seed) for a longer run.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    private const int DefaultCount = 600;
    private const int DefaultSeed = 20260601;

    private static readonly string[] FixtureFolders =
    [
        "scenarios/001-healthy-baseline/dump",
        "scenarios/002-p1-exchangeserver-auth-missing/dump",
        "scenarios/003-p1-suppress-xanonymoustls/dump",
        "scenarios/008-p1-not-in-store/dump",
        "scenarios/015-snapshot-remote-export/dump",
        "scenarios/027-p3-renewal-keeps-newer-notbefore/dump",
        "formats/csv",
        "formats/clixml",
        "sample/dump",
    ];

    private static readonly Dictionary<string, string> SnapshotKeys = new(StringComparer.Ordinal)
    {
        ["TransportService"] = "transportService",
        ["ReceiveConnector"] = "receiveConnectors",
        ["ExchangeCertificate"] = "certificates",
        ["InternalTransportCertificate"] = "internalCertificate",
    };

    private sealed record Baseline(string Name, SortedDictionary<string, byte[]> Files, AnalysisResult Result, JObject Snapshot);

    private static readonly Lazy<Baseline[]> Baselines = new(() => [.. FixtureFolders.Select(f =>
    {
        var files = Dumps.Files(Path.Combine(Dumps.Snapshots, f));
        var load = DumpLoader.LoadFromFiles("dump", files);
        Assert.True(load.Problems.IsEmpty, $"{f}: {string.Join("; ", load.Problems)}");
        return new Baseline(f, files, Dumps.Analyze(load), JObject.Parse(SnapshotFile.Write(load.Snapshot!)));
    })]);

    private static Gen<Mutation> Mutations =>
        from fixture in Gen.Choose(0, FixtureFolders.Length - 1)
        from kind in Gen.Elements(Enum.GetValues<MutationKind>())
        from file in Gen.Choose(0, 10_000)
        from pick in Gen.Choose(0, int.MaxValue - 1)
        select new Mutation(fixture, kind, file, pick);

    [Fact]
    public void No_mutation_of_a_valid_dump_loses_an_untouched_server_or_reports_a_problem_without_its_place()
    {
        var count = Setting("EXTLS_MUTATIONS", DefaultCount);
        var seed = Setting("EXTLS_MUTATION_SEED", DefaultSeed);
        var mutations = Mutations.Sample(count, new Rnd((ulong)seed), 50);
        var watch = Stopwatch.StartNew();
        var failures = new List<string>();
        var problems = 0;
        foreach (var mutation in mutations)
        {
            try
            {
                problems += Check(mutation);
            }
#pragma warning disable CA1031 // every failure is collected, with its mutation, and reported together
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"{mutation}: {e.GetType().Name}: {e.Message}");
            }
        }

        var kinds = mutations.GroupBy(m => m.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{mutations.Length} mutations tried (seed {seed}) in {watch.Elapsed.TotalSeconds:F1} s, {problems} problems reported; {string.Join(", ", kinds)}");
        output.WriteLine(summary);
        Report(summary);
        Assert.True(failures.Count == 0, $"{failures.Count} of {mutations.Length} mutations broke a promise:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>Checks one mutation; the number of problems it reported.</summary>
    private static int Check(Mutation mutation)
    {
        var baseline = Baselines.Value[mutation.Fixture];
        var mutated = Mutator.Apply(baseline.Files, mutation);
        var where = $"{baseline.Name} {mutated.Description}";

        var load = DumpLoader.LoadFromFiles("dump", mutated.Files);
        foreach (var p in load.Problems)
        {
            Assert.True(p.File.Length > 0 && p.JsonPath.StartsWith('$') && p.Line >= 0 && p.Message().Length > 0, $"{where}: a problem without its place: {p}");
        }

        if (load.Snapshot is null)
        {
            Assert.False(load.Problems.IsEmpty, $"{where}: nothing read and no problem reported");
            return load.Problems.Length;
        }

        var result = Dumps.Analyze(load);
        var dangling = Dumps.DanglingRootCauses(result).ToList();
        Assert.True(dangling.Count == 0, $"{where}: a finding names a root cause that is not reported: {string.Join("; ", dangling.Select(Dumps.FindingLine))}");

        // A file of one server: every other server is analysed exactly as before, and the server's other sections are read as before.
        if (mutated.Server is { } touched)
        {
            var snapshot = JObject.Parse(SnapshotFile.Write(load.Snapshot));
            foreach (var server in baseline.Result.Snapshot.Servers.Select(s => s.Name).Where(s => !string.Equals(s, touched, StringComparison.OrdinalIgnoreCase)))
            {
                Assert.True(Lines(baseline.Result, server).SequenceEqual(Lines(result, server)),
                    $"{where}: {server}, untouched, is analysed differently:\nbefore:\n  {string.Join("\n  ", Lines(baseline.Result, server))}\nafter:\n  {string.Join("\n  ", Lines(result, server))}");
            }

            // The touched section itself is never silently read as "nothing there": a section that held objects and
            // now holds none, without a problem saying why, is the failure this test exists for.
            if (mutated.Section is { } changed && SnapshotKeys.TryGetValue(changed, out var changedKey) && changedKey != "internalCertificate")
            {
                var before = ServerNode(baseline.Snapshot, touched)?[changedKey];
                var after = ServerNode(snapshot, touched)?[changedKey];
                var emptied = before?["items"]?.HasValues == true && (string?)after?["state"] == "Collected" && after?["items"]?.HasValues != true;
                Assert.False(emptied && load.Problems.IsEmpty, $"{where}: {touched}'s {changed} was read as holding nothing, and no problem says so");
            }

            foreach (var (section, key) in SnapshotKeys.Where(s => s.Key != mutated.Section))
            {
                var before = ServerNode(baseline.Snapshot, touched)?[key];
                var after = ServerNode(snapshot, touched)?[key];
                Assert.True(JToken.DeepEquals(before, after), $"{where}: {touched}'s {section}, untouched, is read differently");
            }
        }

        return load.Problems.Length;
    }

    private static IEnumerable<string> Lines(AnalysisResult result, string server) =>
        result.Selections.Where(s => string.Equals(s.Server, server, StringComparison.OrdinalIgnoreCase)).Select(Dumps.SelectionLine)
            .Concat(result.Findings.Where(f => string.Equals(f.Server, server, StringComparison.OrdinalIgnoreCase)).Select(Dumps.FindingLine))
            .Order(StringComparer.Ordinal);

    private static JToken? ServerNode(JObject snapshot, string name) =>
        snapshot["servers"]!.FirstOrDefault(s => string.Equals((string?)s["name"], name, StringComparison.OrdinalIgnoreCase));

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    /// <summary>The count goes where a run's reader sees it: test.sh prints the file after the tests.</summary>
    private static void Report(string summary)
    {
        var file = Path.Combine(Path.GetTempPath(), "extls-mutations.txt");
        File.WriteAllText(file, summary + "\n");
        Console.Error.WriteLine(summary);
    }
}
