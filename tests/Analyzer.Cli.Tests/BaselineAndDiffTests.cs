using Extls.TestKit;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Cli.Tests;

/// <summary>
/// Two dumps from before and after a change — the healthy organisation, and the same with EX02's internal
/// transport certificate deleted from its store — analysed against each other's baselines and diffed, through
/// the real libraries, as a pipeline would.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class BaselineAndDiffTests : IDisposable
{
    private const string Healthy = "snapshots/scenarios/001-healthy-baseline/dump";
    private const string Broken = "snapshots/scenarios/008-p1-not-in-store/dump";
    private const string AsOf = "2026-06-01";

    private readonly string temp = Path.Combine(Path.GetTempPath(), "extls-baseline-" + Guid.NewGuid().ToString("N"));

    public BaselineAndDiffTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.Run(args);

    private static JObject Parse(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }

    private string Temp(string name) => Path.Combine(temp, name);

    /// <summary>The JSON (or SARIF) report of a dump, as a pipeline commits it for its baseline.</summary>
    private string Report(string dump, string name, string format = "json")
    {
        var path = Temp(name);
        var (code, _, error) = Run("analyze", dump, "--as-of", AsOf, "-f", format, "-o", path);
        Assert.True(code is ExitCodes.Ok or ExitCodes.Findings, error);
        return path;
    }

    private static IEnumerable<string> States(JObject json) => json["findings"]!.Select(f => (string)f["baselineState"]!);

    [Fact]
    public void The_broken_dump_against_the_healthy_baseline_fails_on_its_new_findings_only()
    {
        var baseline = Report(Healthy, "healthy.json");
        var (code, output, error) = Run("analyze", Broken, "--as-of", AsOf, "--baseline", baseline, "-f", "json");
        Assert.True(code == ExitCodes.Findings, error);
        var json = Parse(output);
        Assert.NotEmpty(json["findings"]!);
        Assert.All(States(json), s => Assert.Equal("new", s));
        Assert.Equal(baseline, (string)json["baseline"]!["source"]!);
        Assert.Contains(json["findings"]!, f => (string)f["ruleId"]! == "EXTLS1004");

        // The same run against its own report has nothing new: it passes, though it still has errors.
        var itself = Report(Broken, "broken.json");
        (code, output, error) = Run("analyze", Broken, "--as-of", AsOf, "--baseline", itself, "-f", "json");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.All(States(Parse(output)), s => Assert.Equal("unchanged", s));
        Assert.True((int)Parse(output)["summary"]!["error"]! > 0);
        Assert.Equal(ExitCodes.Findings, Run("analyze", Broken, "--as-of", AsOf).Code);
    }

    [Fact]
    public void The_healthy_dump_against_the_broken_baseline_passes_and_lists_what_was_fixed()
    {
        var baseline = Report(Broken, "broken.json");
        var previous = Parse(File.ReadAllText(baseline));
        var (code, output, error) = Run("analyze", Healthy, "--as-of", AsOf, "--baseline", baseline, "-f", "json");
        Assert.True(code == ExitCodes.Ok, error);
        var json = Parse(output);
        var absent = json["baseline"]!["absent"]!.Select(f => (string)f["fingerprint"]!).ToList();
        Assert.Contains(previous["findings"]!.Single(f => (string)f["ruleId"]! == "EXTLS1004")["fingerprint"]!.ToString(), absent);
        Assert.All(json["baseline"]!["absent"]!, f => Assert.Equal("absent", (string)f["baselineState"]!));
        Assert.Equal(absent.Count, (int)json["baseline"]!["summary"]!["absent"]!);
    }

    [Fact]
    public async Task Sarif_with_a_baseline_carries_new_unchanged_and_absent_states_and_stays_valid()
    {
        var schema = await JsonSchema.FromFileAsync(Sarif.SchemaPath);
        foreach (var (dump, against, name) in new[] { (Broken, Healthy, "baseline-008-against-001"), (Healthy, Broken, "baseline-001-against-008") })
        {
            var baseline = Report(against, name + ".sarif", "sarif");
            var (code, output, error) = Run("analyze", dump, "--as-of", AsOf, "--baseline", baseline, "-f", "sarif");
            Assert.True(code is ExitCodes.Ok or ExitCodes.Findings, error);
            Sarif.Save(name, output);
            var errors = schema.Validate(output);
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            var run = Parse(output)["runs"]![0]!;
            Assert.All(run["results"]!, r => Assert.Contains((string)r["baselineState"]!, new[] { "new", "unchanged", "absent" }));
            Assert.Equal(code, (int)run["invocations"]![0]!["exitCode"]!);
            Assert.True((bool)run["invocations"]![0]!["executionSuccessful"]!);
        }

        // Absent results can be left out, as code scanning needs.
        var broken = Report(Broken, "broken.sarif", "sarif");
        var omitted = Run("analyze", Healthy, "--as-of", AsOf, "--baseline", broken, "-f", "sarif", "--sarif-absent", "omit").Out;
        Assert.DoesNotContain(Parse(omitted)["runs"]![0]!["results"]!, r => (string)r["baselineState"]! == "absent");
        Assert.Contains(Parse(Run("analyze", Healthy, "--as-of", AsOf, "--baseline", broken, "-f", "sarif").Out)["runs"]![0]!["results"]!, r => (string)r["baselineState"]! == "absent");
    }

    [Fact]
    public void Lines_that_moved_since_the_baseline_change_nothing()
    {
        var baseline = Report(Broken, "broken.json");
        var moved = Temp("moved");
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, Broken), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(moved, Path.GetRelativePath(Path.Combine(Repository.Root, Broken), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!file.EndsWith(".json", StringComparison.Ordinal))
            {
                File.Copy(file, target);
                continue;
            }

            // Blank lines before every JSON file's content, in the file's own encoding (some are UTF-16, as
            // Windows PowerShell writes them): each object's line moves, nothing else does.
            string text;
            System.Text.Encoding encoding;
            using (var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true))
            {
                text = reader.ReadToEnd();
                encoding = reader.CurrentEncoding;
            }

            File.WriteAllText(target, "\n\n\n\n\n" + text, encoding);
        }

        var (code, output, error) = Run("analyze", moved, "--as-of", AsOf, "--baseline", baseline, "-f", "json");
        Assert.True(code == ExitCodes.Ok, error);
        var json = Parse(output);
        Assert.All(States(json), s => Assert.Equal("unchanged", s));
        Assert.Empty(json["baseline"]!["absent"]!);
        var before = Parse(File.ReadAllText(baseline))["findings"]!.Single(f => (string)f["ruleId"]! == "EXTLS1004");
        var after = json["findings"]!.Single(f => (string)f["ruleId"]! == "EXTLS1004");
        Assert.Equal((int)before["location"]!["line"]! + 5, (int)after["location"]!["line"]!);
    }

    [Fact]
    public void A_baseline_that_is_missing_a_folder_or_not_a_report_is_refused()
    {
        Assert.Equal(ExitCodes.Usage, Run("analyze", Broken, "--baseline", Temp("none.json")).Code);
        var (code, _, error) = Run("analyze", Broken, "--baseline", temp);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("is a folder", error, StringComparison.Ordinal);

        File.WriteAllText(Temp("notes.json"), "[1, 2, 3]");
        (code, _, error) = Run("analyze", Broken, "--as-of", AsOf, "--baseline", Temp("notes.json"));
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains(Temp("notes.json") + ": $: not a report of extls", error, StringComparison.Ordinal);

        File.WriteAllText(Temp("cut.json"), "{\"tool\": {\"name\": \"extls\"}, \"findings\": [");
        (code, _, error) = Run("analyze", Broken, "--as-of", AsOf, "--baseline", Temp("cut.json"));
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains("cut.json:1: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_of_the_two_dumps_shows_the_new_findings_and_the_connectors_that_stop_advertising()
    {
        var (code, output, error) = Run("diff", Healthy, Broken, "--as-of", AsOf, "-f", "json");
        Assert.True(code == ExitCodes.Findings, error);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Repository.Root, "schemas", "diff.schema.json"));
        Assert.Empty(schema.Validate(output));
        var json = Parse(output);
        Assert.Contains(json["new"]!, f => (string)f["ruleId"]! == "EXTLS1004" && (string)f["server"]! == "EX02");
        Assert.Empty(json["fixed"]!);
        var stops = json["selectionChanges"]!.Where(c => (string)c["scenario"]! == "inbound-anonymous-tls" && (string)c["server"]! == "EX02").ToList();
        Assert.NotEmpty(stops);
        Assert.All(stops, c =>
        {
            Assert.True((bool)c["before"]!["advertised"]!);
            Assert.False((bool)c["after"]!["advertised"]!);
            Assert.Contains("advertised", c["changes"]!.Values<string>());
        });

        // The other way round nothing is new, so it passes; what the change fixed is listed.
        (code, output, error) = Run("diff", Broken, Healthy, "--as-of", AsOf, "-f", "json");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Empty(Parse(output)["new"]!);
        Assert.Contains(Parse(output)["fixed"]!, f => (string)f["ruleId"]! == "EXTLS1004");

        Assert.Equal(ExitCodes.Ok, Run("diff", Healthy, Broken, "--as-of", AsOf, "--fail-on", "never").Code);
        Assert.Equal(ExitCodes.Ok, Run("diff", Broken, Broken, "--as-of", AsOf).Code);
    }

    [Fact]
    public void Diff_of_earlier_json_reports_is_the_diff_of_their_dumps()
    {
        var before = Report(Healthy, "healthy.json");
        var after = Report(Broken, "broken.json");
        var ofReports = Parse(Run("diff", before, after, "-f", "json").Out);
        var ofDumps = Parse(Run("diff", Healthy, Broken, "--as-of", AsOf, "-f", "json").Out);
        foreach (var part in new[] { "new", "fixed", "unchanged" })
        {
            Assert.Equal(ofDumps[part]!.Select(f => (string)f["fingerprint"]!), ofReports[part]!.Select(f => (string)f["fingerprint"]!));
        }

        Assert.Equal(ofDumps["selectionChanges"]!.ToString(), ofReports["selectionChanges"]!.ToString());

        // A report and a dump mix too.
        Assert.Equal(ExitCodes.Findings, Run("diff", before, Broken, "--as-of", AsOf).Code);
    }

    [Fact]
    public void Diff_writes_console_and_markdown_and_refuses_sarif_inputs_and_other_formats()
    {
        var (code, output, error) = Run("diff", Healthy, Broken, "--as-of", AsOf, "-f", "console", "-o", "-", "-f", "markdown", "-o", Temp("diff.md"));
        Assert.True(code == ExitCodes.Findings, error);
        Assert.Contains("New (", output, StringComparison.Ordinal);
        Assert.Contains("EXTLS1004 server EX02", output, StringComparison.Ordinal);
        Assert.StartsWith("## extls diff: ", File.ReadAllText(Temp("diff.md")), StringComparison.Ordinal);

        var sarif = Report(Healthy, "healthy.sarif", "sarif");
        (code, _, error) = Run("diff", sarif, Broken);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("is SARIF, which records findings but not the certificate selections", error, StringComparison.Ordinal);

        (code, _, error) = Run("diff", Healthy, Broken, "-f", "junit");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Unknown diff format 'junit'. Use console, json, markdown.", error, StringComparison.Ordinal);

        (code, _, error) = Run("diff", Healthy, "no-such-dump");
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains("no-such-dump: $: No such file or folder.", error, StringComparison.Ordinal);
    }
}
