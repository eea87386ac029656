using System.Globalization;
using Extls.TestKit;
using Newtonsoft.Json.Linq;

namespace Extls.Scenarios.Tests;

/// <summary>One expected.json and the input folders it is checked against.</summary>
/// <param name="Id">"scenarios/008-p1-not-in-store", "formats/csv", "sample".</param>
internal sealed record ScenarioCase(string Id, string Directory, JObject Expected, IReadOnlyList<string> InputPaths)
{
    public DateTimeOffset AsOf => DateTimeOffset.Parse((string)Expected["asOf"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public int WarningDays => (int)Expected["warningDays"]!;

    public IReadOnlyList<string> Scenarios => Expected["scenarios"]!.Values<string>().Select(s => s!).ToList();
}

internal static class ScenarioCatalog
{
    private static readonly Lazy<IReadOnlyList<ScenarioCase>> Cases = new(Discover);
    private static readonly Lazy<IReadOnlyList<ScenarioCase>> HandwrittenCases = new(DiscoverHandwritten);

    public static string RepoRoot => Repository.Root;

    public static string Snapshots => Path.Combine(RepoRoot, "snapshots");

    private static JObject Read(string path) => JObject.Parse(File.ReadAllText(path));

    /// <summary>Every case: each scenario, each format folder against the shared formats expectation, and the sample.</summary>
    public static IReadOnlyList<ScenarioCase> All() => Cases.Value;

    private static IReadOnlyList<ScenarioCase> Discover()
    {
        var cases = new List<ScenarioCase>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(Snapshots, "scenarios")).Order(StringComparer.Ordinal))
        {
            var expected = Read(Path.Combine(dir, "expected.json"));
            var inputs = expected["inputs"]!.Values<string>().Select(i => Path.Combine(dir, i!)).ToList();
            cases.Add(new ScenarioCase("scenarios/" + Path.GetFileName(dir), dir, expected, inputs));
        }

        var formats = Path.Combine(Snapshots, "formats");
        var formatsExpected = Read(Path.Combine(formats, "expected.json"));
        foreach (var input in formatsExpected["inputs"]!.Values<string>())
        {
            // Each format folder is a whole organisation on its own, analysed separately.
            cases.Add(new ScenarioCase("formats/" + input, formats, formatsExpected, [Path.Combine(formats, input!)]));
        }

        var sample = Path.Combine(Snapshots, "sample");
        cases.Add(new ScenarioCase("sample", sample, Read(Path.Combine(sample, "expected.json")), [Path.Combine(sample, "dump")]));
        return cases;
    }

    /// <summary>
    /// Dumps written by hand in the shape Windows PowerShell 5.1 gives, not by the fixture generator: only the oracle
    /// runs them; the generator's own checks (styles, test root, fixture certificates) do not apply to them.
    /// </summary>
    public static IReadOnlyList<ScenarioCase> Handwritten() => HandwrittenCases.Value;

    private static IReadOnlyList<ScenarioCase> DiscoverHandwritten()
    {
        var cases = new List<ScenarioCase>();
        var root = Path.Combine(Snapshots, "handwritten");
        if (!Directory.Exists(root))
        {
            return cases;
        }

        foreach (var file in Directory.GetFiles(root, "expected.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var dir = Path.GetDirectoryName(file)!;
            var expected = Read(file);
            var inputs = expected["inputs"]!.Values<string>().Select(i => Path.GetFullPath(Path.Combine(dir, i!))).ToList();
            cases.Add(new ScenarioCase("handwritten/" + Path.GetFileName(dir), dir, expected, inputs));
        }

        return cases;
    }

    public static ScenarioCase Get(string id) => All().Concat(Handwritten()).Single(c => c.Id == id);

    /// <summary>The generator's cases and the hand-written ones: everything with an expected.json to check.</summary>
    public static TheoryData<string> OracleIds()
    {
        var data = Ids();
        foreach (var c in Handwritten())
        {
            data.Add(c.Id);
        }

        return data;
    }

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var c in All())
        {
            data.Add(c.Id);
        }

        return data;
    }
}
