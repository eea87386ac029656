using System.Collections.Concurrent;
using System.Globalization;
using Extls.Import;
using Extls.Model;
using Extls.Rules;
using Newtonsoft.Json.Linq;

namespace Extls.Redaction.Tests;

/// <summary>One committed case: its input dumps (an organisation and perhaps Edge dumps) and the options its expectation names.</summary>
public sealed record DumpCase(string Id, IReadOnlyList<string> Inputs, DateTimeOffset AsOf, int WarningDays)
{
    public override string ToString() => Id;
}

/// <summary>A case redacted with one key: each input's redacted files and the mapping of all of them.</summary>
internal sealed record RedactedCase(DumpCase Case, IReadOnlyList<string> Folders, IReadOnlyList<RedactionResult> Results, MappingFile Mapping);

/// <summary>Every dump committed under snapshots/ (scenarios, formats, handwritten, sample), and their redactions, made once per run.</summary>
internal static class Dumps
{
    public const string Key = "tests/redaction";

    private static readonly Lazy<IReadOnlyList<DumpCase>> Cases = new(Discover);
    private static readonly ConcurrentDictionary<(string, string), Lazy<RedactedCase>> Redacted = new();
    private static readonly Lazy<string> Scratch = new(() =>
    {
        // The test host may end before ProcessExit runs: folders of runs whose process is gone are cleared first.
        foreach (var old in Directory.GetDirectories(Path.GetTempPath(), "extls-redaction-tests-*"))
        {
            if (int.TryParse(Path.GetFileName(old)["extls-redaction-tests-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !Running(pid))
            {
                try
                {
                    Directory.Delete(old, recursive: true);
                }
                catch (IOException)
                {
                    // Another run is clearing it.
                }
            }
        }

        var dir = Path.Combine(Path.GetTempPath(), "extls-redaction-tests-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file cleaning.
            }
        };
        return dir;
    });

    private static bool Running(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static string Root { get; } = FindRoot();

    public static string ScratchFolder => Scratch.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Analyzer.sln not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<DumpCase> All => Cases.Value;

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Id);
        }

        return data;
    }

    public static DumpCase Get(string id) => All.Single(c => c.Id == id);

    private static IReadOnlyList<DumpCase> Discover()
    {
        var snapshots = Path.Combine(Root, "snapshots");
        var cases = new List<DumpCase>();
        foreach (var expected in Directory.GetFiles(snapshots, "expected.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var dir = Path.GetDirectoryName(expected)!;
            var o = JObject.Parse(File.ReadAllText(expected));
            var asOf = DateTimeOffset.Parse((string)o["asOf"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var warning = (int?)o["warningDays"] ?? AnalysisOptions.DefaultWarningDays;
            var inputs = o["inputs"]!.Values<string>().Select(i => Path.GetFullPath(Path.Combine(dir, i!))).ToList();
            var id = Path.GetRelativePath(snapshots, dir).Replace('\\', '/');
            if (Path.GetFileName(dir) == "formats")
            {
                // Each format folder is an organisation of its own.
                cases.AddRange(inputs.Select(i => new DumpCase("formats/" + Path.GetFileName(i), [i], asOf, warning)));
            }
            else
            {
                cases.Add(new DumpCase(id, inputs, asOf, warning));
            }
        }

        if (cases.Count < 40)
        {
            throw new InvalidOperationException($"Only {cases.Count} committed dumps found under {snapshots}: the test data is missing.");
        }

        return cases;
    }

    public static RedactedCase Redact(string id, string key = Key) =>
        Redacted.GetOrAdd((id, key), k => new Lazy<RedactedCase>(() => Make(Get(k.Item1), k.Item2))).Value;

    private static RedactedCase Make(DumpCase c, string key)
    {
        var secret = RedactionKey.FromText(key);
        var folders = new List<string>();
        var results = new List<RedactionResult>();
        var entries = new List<MappingEntry>();
        int n = 0;
        foreach (var input in c.Inputs)
        {
            var result = Redactor.Redact(DumpArchive.Read(input, []), secret);
            var folder = Path.Combine(ScratchFolder, c.Id.Replace('/', '_') + "-" + Math.Abs(key.GetHashCode(StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture), (n++).ToString(CultureInfo.InvariantCulture));
            DumpArchive.Write(folder, result.Files);
            folders.Add(folder);
            results.Add(result);
            entries.AddRange(result.Mapping);
        }

        return new RedactedCase(c, folders, results, new MappingFile([.. entries.Distinct()], null));
    }

    public static AnalysisResult Analyze(IReadOnlyList<string> inputs, DumpCase c)
    {
        var loaded = DumpLoader.Load(inputs);
        Assert.NotNull(loaded.Snapshot);
        return AnalysisEngine.CreateDefault().Analyze(loaded.Snapshot!, loaded.Problems, new AnalysisOptions(c.AsOf, c.WarningDays));
    }

    public static OrganizationSnapshot Load(IReadOnlyList<string> inputs) => DumpLoader.Load(inputs).Snapshot!;
}
