using Extls.TestKit;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Cli.Tests;

/// <summary>
/// <c>extls analyze --format sarif</c> over every committed dump with an expected.json (each scenario, each
/// format folder, the hand-written dumps, the sample) and over the built-in sample: the SARIF is valid against
/// the official schema kept in the repository and carries exactly the findings the dump is known to give.
/// With EXTLS_SARIF_OUT set, each file is also written there for the SARIF Multitool that .ci/run runs.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SarifOutputTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFileAsync(Sarif.SchemaPath).GetAwaiter().GetResult());

    /// <summary>Case name → (folder of expected.json, the expected.json, the inputs it names relative to the repository).</summary>
    private static readonly Lazy<SortedDictionary<string, (string Folder, JObject Expected, string[] Inputs)>> Cases = new(Discover);

    private static SortedDictionary<string, (string Folder, JObject Expected, string[] Inputs)> Discover()
    {
        var snapshots = Path.Combine(Repository.Root, "snapshots");
        var cases = new SortedDictionary<string, (string, JObject, string[])>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(snapshots, "expected.json", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(file)!;
            var expected = Parse(File.ReadAllText(file));
            var inputs = expected["inputs"]!.Values<string>().Select(i => Relative(Path.Combine(folder, i!))).ToArray();
            var name = Relative(folder)["snapshots/".Length..];
            if (name == "formats")
            {
                // Each format folder is a whole organisation on its own, with the one shared expectation.
                foreach (var input in inputs)
                {
                    cases.Add(name + "/" + Path.GetFileName(input), (folder, expected, [input]));
                }
            }
            else
            {
                cases.Add(name, (folder, expected, inputs));
            }
        }

        return cases;
    }

    // Dates stay the text expected.json holds, not DateTime values that print in the test's culture.
    private static JObject Parse(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, Path.GetFullPath(path)).Replace('\\', '/');

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_scenario_and_the_sample_are_cases()
    {
        var scenarios = Directory.GetDirectories(Path.Combine(Repository.Root, "snapshots", "scenarios"));
        Assert.NotEmpty(scenarios);
        foreach (var dir in scenarios)
        {
            Assert.Contains("scenarios/" + Path.GetFileName(dir), Cases.Value.Keys);
        }

        Assert.Contains("sample", Cases.Value.Keys);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Sarif_of_each_committed_dump_is_valid_and_carries_its_findings(string name)
    {
        var (_, expected, inputs) = Cases.Value[name];
        string[] args =
        [
            "analyze", .. inputs, "--format", "sarif",
            "--as-of", (string)expected["asOf"]!, "--warning-days", ((int)expected["warningDays"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        var (code, sarif, error) = Run(args);
        Assert.True(code == (int)expected["exitCode"]!, $"{name}: exit code {code}, expected {expected["exitCode"]}\n{error}");
        Sarif.Save(name, sarif);
        AssertValid(name, sarif);

        var results = (JArray)Parse(sarif)["runs"]![0]!["results"]!;
        var actual = results.Select(r => (string)r["ruleId"]!).Order(StringComparer.Ordinal);
        var wanted = expected["findings"]!.Select(f => (string)f["ruleId"]!).Order(StringComparer.Ordinal);
        Assert.Equal(wanted, actual);
    }

    [Fact]
    public void Sarif_of_the_built_in_sample_is_valid()
    {
        var (code, sarif, error) = Run(["analyze", "--format", "sarif"]);
        Assert.True(code == ExitCodes.Findings, error);
        Sarif.Save("builtin-sample", sarif);
        AssertValid("built-in sample", sarif);
        Assert.NotEmpty((JArray)Parse(sarif)["runs"]![0]!["results"]!);
    }

    private static void AssertValid(string name, string sarif)
    {
        var errors = Schema.Value.Validate(sarif);
        Assert.True(errors.Count == 0, name + ":\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind} (line {e.LineNumber})")));
    }

    private static (int Code, string Out, string Error) Run(string[] args) => InProcessCli.Run(args);
}
