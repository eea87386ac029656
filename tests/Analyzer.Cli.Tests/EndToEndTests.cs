using Extls.TestKit;
using Newtonsoft.Json.Linq;

namespace Extls.Cli.Tests;

/// <summary>
/// The real libraries behind the CLI, run in-process through its entry point over the committed
/// sample and scenario dumps. Goldens pin what an administrator sees; every golden run is made twice
/// to prove the output is the same bytes each time.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndTests : IDisposable
{
    private const string SampleDump = "snapshots/sample/dump";

    private readonly string temp = Path.Combine(Path.GetTempPath(), "extls-e2e-" + Guid.NewGuid().ToString("N"));

    public EndToEndTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    /// <summary>Runs extls as a redirected process would: no colour, width 120, relative paths from <paramref name="folder"/> (default: the repository root).</summary>
    private static (int Code, string Out, string Error) Run(string[] args, string? folder = null) => InProcessCli.RunIn(folder ?? Repository.Root, args);

    private static (int Code, string Out, string Error) Run(params string[] args) => Run(args, null);

    /// <summary>Runs twice, checks the two runs agree byte for byte, and returns the first.</summary>
    private static (int Code, string Out, string Error) RunTwice(params string[] args)
    {
        var first = Run(args);
        var second = Run(args);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(first.Error, second.Error);
        Assert.Equal(first.Code, second.Code);
        return first;
    }

    /// <summary>A copy of the sample dump whose EX02 receive connectors file has a JSON syntax error on line 3.</summary>
    private string BrokenDump()
    {
        var dump = Path.Combine(temp, "broken");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, SampleDump), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dump, Path.GetRelativePath(Path.Combine(Repository.Root, SampleDump), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(dump, "servers", "EX02", "ReceiveConnector.json"),
            "[\n  {\n    \"Identity\": \"EX02\\\\Default EX02\",,\n    \"Name\": \"Default EX02\"\n  }\n]\n");
        return dump;
    }

    // Dates stay the strings the writer wrote, not DateTime values in the test's culture.
    private static JObject Parse(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static JArray Findings(string json) => (JArray)Parse(json)["findings"]!;

    private static IEnumerable<string> RuleIds(string json) => Findings(json).Select(f => (string)f["ruleId"]!);

    [Fact]
    public void Analyze_sample_console()
    {
        var (code, output, error) = RunTwice("analyze");
        Assert.True(code == ExitCodes.Findings, error);
        Assert.Equal("extls: no dump was given, so the built-in sample organisation is analysed, not yours. Pass the path of a dump to analyse your own.\n", error);
        Golden.Verify(output, "analyze-sample");
    }

    [Fact]
    public void Analyze_sample_json()
    {
        var (code, output, error) = RunTwice("analyze", "--format", "json");
        Assert.True(code == ExitCodes.Findings, error);
        Golden.Verify(output, "analyze-sample", "json");
    }

    [Fact]
    public void Analyze_scenario_008_json()
    {
        var (code, output, error) = RunTwice("analyze", "snapshots/scenarios/008-p1-not-in-store/dump", "--as-of", "2026-06-01", "--format", "json");
        Assert.True(code == ExitCodes.Findings, error);
        Assert.Contains("EXTLS1004", RuleIds(output));
        Golden.Verify(output, "analyze-008", "json");
    }

    [Fact]
    public void Explain_a_connector_without_the_asked_scenario_says_so_rather_than_that_the_connector_is_missing()
    {
        var (code, _, error) = Run("explain", SampleDump, "--server", "EX02", "--connector", "EX02\\Default EX02", "--scenario", "outbound-starttls");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("has no outbound-starttls replay", error, StringComparison.Ordinal);
        Assert.DoesNotContain("No connector", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_sample_ex02_default_connector()
    {
        var (code, output, error) = RunTwice("explain", SampleDump, "--server", "EX02", "--connector", "EX02\\Default EX02");
        Assert.True(code == ExitCodes.Ok, error);
        Golden.Verify(output, "explain-ex02-default");
    }

    /// <summary>The whole of one server: the summary first, with the findings analyze reports for each connector, then the folded traces.</summary>
    [Fact]
    public void Explain_sample_ex01_whole_server()
    {
        var (code, output, error) = RunTwice("explain", SampleDump, "--server", "EX01");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.StartsWith("extls ", output, StringComparison.Ordinal);
        Assert.Contains("Summary: EX01", output.Split("\n\n")[1], StringComparison.Ordinal);
        Golden.Verify(output, "explain-ex01");
    }

    [Fact]
    public void Explain_joins_an_organisation_dump_with_its_Edge_dump_as_analyze_does()
    {
        const string Scenario = "snapshots/scenarios/019-p2-edge-certificate-replaced/";
        var (code, output, error) = Run("explain", Scenario + "dump", Scenario + "edge-dump", "--server", "EDGE01");
        Assert.True(code == ExitCodes.Ok, error);
        // The Edge's own store comes from its dump: its internal transport certificate is advertised and used.
        Assert.Contains("EDGE01\\Default internal receive connector EDGE01", output, StringComparison.Ordinal);
        Assert.Contains("4143609F911C34ED43BE8A22305B79D3AF05D149", output, StringComparison.Ordinal);

        // The organisation's dump alone knows the Edge only as EdgeSync copied it: no store, no certificate.
        var alone = Run("explain", Scenario + "dump", "--server", "EDGE01");
        Assert.DoesNotContain("4143609F911C34ED43BE8A22305B79D3AF05D149", alone.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_names_a_wildcard_refused_for_a_two_label_name()
    {
        var (code, output, error) = Run("explain", "snapshots/scenarios/030-p3-wildcard-one-label/dump", "--server", "EX01", "--connector", "Client Frontend EX01", "--scenario", "inbound-starttls");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("CN=*.contoso.com", output, StringComparison.Ordinal);
        Assert.Contains("not a candidate at step 6: *.contoso.com: a wildcard stands for exactly one label", output.Replace("\n      ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("EXTLS2004", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_json_to_a_file_validates_and_links_the_hybrid_connector_to_EXTLS3005()
    {
        var file = Path.Combine(temp, "explain.json");
        var (code, output, error) = Run("explain", "snapshots/scenarios/034-p4-hybrid-implicit-certificate/dump", "--server", "EX01", "--format", "json", "--output", file);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Empty(output);

        var text = await File.ReadAllTextAsync(file);
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(Repository.Root, "schemas", "explain.schema.json"));
        Assert.Empty(schema.Validate(text));
        var json = Newtonsoft.Json.Linq.JObject.Parse(text);
        var hybrid = json["selections"]!.Single(s => ((string?)s["connector"])?.StartsWith("Outbound to Office 365", StringComparison.Ordinal) == true);
        Assert.Equal("wrongCertificateForExchangeOnline", (string?)hybrid["verdict"]);
        Assert.Contains(hybrid["findings"]!, f => (string?)f["ruleId"] == "EXTLS3005");
    }

    [Fact]
    public void Certificates_of_the_sample()
    {
        var (code, output, error) = RunTwice("certificates", SampleDump);
        Assert.True(code == ExitCodes.Ok, error);
        Golden.Verify(output, "certificates-sample");
        Assert.Contains("internal transport certificate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificates_of_one_server_as_csv_and_json_files()
    {
        var csv = Path.Combine(temp, "certs.csv");
        var (code, _, error) = Run("certificates", SampleDump, "--server", "ex01", "--format", "csv", "-o", csv);
        Assert.True(code == ExitCodes.Ok, error);
        var lines = (await File.ReadAllLinesAsync(csv)).Where(l => l.Length > 0).ToList();
        Assert.StartsWith("Server,Thumbprint,Subject", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Count > 1);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("EX01,", l, StringComparison.Ordinal));

        var json = Path.Combine(temp, "certs.json");
        Assert.Equal(ExitCodes.Ok, Run("certificates", SampleDump, "--format", "json", "-o", json).Code);
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(Repository.Root, "schemas", "certificates.schema.json"));
        Assert.Empty(schema.Validate(await File.ReadAllTextAsync(json)));
    }

    [Fact]
    public void Certificates_of_an_unknown_server_is_a_usage_error_naming_the_servers()
    {
        var (code, _, error) = Run("certificates", SampleDump, "--server", "EX99");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("EX01", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_rejects_an_unknown_format() =>
        Assert.Equal(ExitCodes.Usage, Run("explain", SampleDump, "--server", "EX01", "--format", "sarif").Code);

    [Fact]
    public void Matrix_sample()
    {
        var (code, output, error) = RunTwice("matrix", SampleDump);
        Assert.True(code is ExitCodes.Ok or ExitCodes.Findings, error);
        Golden.Verify(output, "matrix-sample");
    }

    [Fact]
    public void Rules_list()
    {
        var (code, output, error) = RunTwice("rules", "list");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("EXTLS1004", output, StringComparison.Ordinal);
        Golden.Verify(output, "rules-list");
    }

    [Fact]
    public void Import_then_analyze_the_snapshot_gives_the_same_findings_and_selections()
    {
        var snapshot = Path.Combine(temp, "snap.json");
        var (importCode, _, importError) = Run("import", SampleDump, "-o", snapshot);
        Assert.True(importCode == ExitCodes.Ok, importError);

        var fromDump = Parse(Run("analyze", SampleDump, "--format", "json").Out);
        var fromSnapshot = Parse(Run("analyze", snapshot, "--format", "json").Out);
        Assert.NotEmpty((JArray)fromDump["findings"]!);
        Assert.True(JToken.DeepEquals(fromDump["findings"], fromSnapshot["findings"]), fromSnapshot["findings"]!.ToString());
        Assert.True(JToken.DeepEquals(fromDump["selections"], fromSnapshot["selections"]), fromSnapshot["selections"]!.ToString());
        Assert.True(JToken.DeepEquals(fromDump["summary"], fromSnapshot["summary"]));
    }

    [Fact]
    public void Validate_broken_dump_names_file_and_line_and_exits_3()
    {
        BrokenDump();
        var (code, output, error) = Run(["validate", "broken"], temp);
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Matches(@"ReceiveConnector\.json:3: ", error);
        Assert.Contains("EX02", error, StringComparison.Ordinal);
        Assert.DoesNotContain("no problems", output, StringComparison.Ordinal);
        Assert.DoesNotContain(temp, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_dump_analysed_in_japanese_words_its_input_problems_in_japanese_and_exits_3()
    {
        BrokenDump();
        var (code, output, error) = Run(["analyze", "broken", "--culture", "ja", "--format", "json"], temp);
        Assert.Equal(ExitCodes.InputUnreadable, code);

        // File, line and JSON path as in English; the sentence in Japanese, with Json.NET's own reason quoted.
        var line = Assert.Single(error.Split('\n'), l => l.Contains("ReceiveConnector.json", StringComparison.Ordinal));
        Assert.StartsWith("broken/servers/EX02/ReceiveConnector.json:3: $[0]", line, StringComparison.Ordinal);
        Assert.Contains("JSON の形式が正しくありません", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Malformed JSON", line, StringComparison.Ordinal);

        // The JSON keeps the English message and names the kind by its code.
        var problem = (JObject)Assert.Single((JArray)Parse(output)["problems"]!);
        Assert.Equal("malformedJson", (string?)problem["code"]);
        Assert.StartsWith("Malformed JSON: ", (string?)problem["message"], StringComparison.Ordinal);

        // EXTLS9001 for the unreadable file words the problem in the finding's language too.
        var gap = Assert.Single(Findings(output), f => (string?)f["ruleId"] == "EXTLS9001" && (string?)f["target"]?["id"] == "EX02/ReceiveConnector");
        Assert.Contains("JSON の形式が正しくありません", (string?)gap["message"], StringComparison.Ordinal);
        Assert.Contains("3 行目、$[0]", (string?)gap["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(temp, (string?)gap["message"], StringComparison.Ordinal);
        Assert.Equal("servers/EX02/ReceiveConnector.json", (string?)gap["location"]?["file"]);
    }

    [Fact]
    public void Validate_names_files_as_typed_when_given_the_manifest_and_a_missing_path()
    {
        BrokenDump();
        var (code, _, error) = Run(["validate", "nope", "broken/manifest.json"], temp);
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains("nope: $: No such file or folder.\n", error, StringComparison.Ordinal);
        Assert.Contains("broken/servers/EX02/ReceiveConnector.json:3: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(temp, error, StringComparison.Ordinal);
        Assert.EndsWith("2 problems.\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_clean_dump_exits_0()
    {
        var (code, output, error) = Run("validate", SampleDump);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(SampleDump + ": no problems.\n", output);
    }

    [Fact]
    public void Analyze_broken_dump_still_analyses_the_other_servers_and_exits_3()
    {
        BrokenDump();
        var (code, output, error) = Run(["analyze", "broken", "--format", "json"], temp);
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Matches(@"ReceiveConnector\.json:3: ", error);
        var json = Parse(output);
        Assert.NotEmpty((JArray)json["problems"]!);
        var servers = ((JArray)json["selections"]!).Select(s => (string)s["server"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("EX01", servers);
        Assert.Contains("EX03", servers);
        Assert.Contains(Findings(output), f => (string?)f["server"] == "EX01");
    }

    [Fact]
    public void Fail_on_never_exits_0_even_with_errors()
    {
        Assert.Equal(ExitCodes.Findings, Run("analyze").Code);
        Assert.Equal(ExitCodes.Ok, Run("analyze", "--fail-on", "never").Code);
    }

    [Fact]
    public void Fail_on_note_exits_1_on_a_dump_with_only_a_note()
    {
        const string dump = "snapshots/scenarios/038-hygiene-sha1-internal/dump";
        var (code, output, error) = Run("analyze", dump, "--as-of", "2026-06-01", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.All(Findings(output), f => Assert.Equal("note", (string)f["severity"]!));
        Assert.NotEmpty(Findings(output));

        Assert.Equal(ExitCodes.Findings, Run("analyze", dump, "--as-of", "2026-06-01", "--fail-on", "note").Code);
        Assert.Equal(ExitCodes.Ok, Run("analyze", dump, "--as-of", "2026-06-01", "--fail-on", "warning").Code);
    }

    [Fact]
    public void Unknown_format_exits_2()
    {
        var (code, output, error) = Run("analyze", "--format", "pdf");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("pdf", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void As_of_changes_the_results()
    {
        const string thumbprint = "18571227576A92637DB973A70F0714C9F5B726FE";
        static bool ExpiredEx03(JToken f) => (string)f["ruleId"]! == "EXTLS4002" && ((string)f["target"]!["id"]!).Contains(thumbprint, StringComparison.Ordinal);

        var before = Run("analyze", "--format", "json").Out;
        var after = Run("analyze", "--format", "json", "--as-of", "2026-06-25").Out;
        Assert.DoesNotContain(Findings(before), ExpiredEx03);
        Assert.Contains(Findings(after), ExpiredEx03);
        Assert.Equal("2026-06-25T00:00:00Z", (string)Parse(after)["asOf"]!);
    }

    [Fact]
    public void Expired_suppression_from_the_dumps_extls_yaml_is_reported_everywhere()
    {
        var dump = BrokenDump();
        File.WriteAllText(Path.Combine(dump, "servers", "EX02", "ReceiveConnector.json"), File.ReadAllText(Path.Combine(Repository.Root, SampleDump, "servers", "EX02", "ReceiveConnector.json")));
        File.WriteAllText(Path.Combine(dump, "extls.yaml"), """
            suppressions:
              - ruleId: EXTLS4004
                target: "EX01/*"
                justification: SHA-1 certificate replaced in the June change.
                expires: 2026-05-01
              - ruleId: EXTLS4001
                target: "EX03/*"
                justification: Renewal ordered.
                expires: 2026-12-31
            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        var (code, output, error) = Run(["analyze", "broken", "--format", "json"], temp);
        Assert.True(code == ExitCodes.Findings, error);
        Assert.Contains("the suppression of EXTLS4004 for 'EX01/*' expired on 2026-05-01", error, StringComparison.Ordinal);
        var json = Parse(output);
        var expired = Assert.Single((JArray)json["expiredSuppressions"]!);
        Assert.Equal("EXTLS4004", (string)expired["ruleId"]!);
        Assert.Equal(1, (int)json["summary"]!["suppressed"]!);

        var console = Run(["analyze", "broken"], temp).Out;
        Assert.Contains("Expired suppressions", console, StringComparison.Ordinal);
        Assert.Contains("EXTLS4004 on 'EX01/*': expired 2026-05-01", console, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_path_exits_3()
    {
        var (code, _, error) = Run("analyze", Path.Combine(temp, "no-such-dump"));
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains("No such file or folder", error, StringComparison.Ordinal);
    }
}
