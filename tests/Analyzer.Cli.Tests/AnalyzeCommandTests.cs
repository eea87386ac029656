using System.Text;
using Extls.Cli.Commands;
using Extls.Model;
using Extls.Reporting;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Cli.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    private static JObject ParseJson(string text) =>
        JsonConvert.DeserializeObject<JObject>(text, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })!;

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--fail-on", "sometimes")]
    [InlineData("--culture", "fr")]
    [InlineData("--as-of", "yesterday")]
    [InlineData("--as-of", "2026-13-01")]
    [InlineData("--warning-days", "-1")]
    [InlineData("--warning-days", "thirty")]
    [InlineData("--bogus", "x")]
    public void Bad_option_is_a_usage_error(string option, string value)
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), option, value));
        Assert.NotEmpty(cli.Error);
        Assert.Empty(cli.Services.Loaded);
    }

    [Fact]
    public void Unknown_format_message_names_the_format_and_the_choices()
    {
        cli.Run("analyze", cli.Dump(), "--format", "xml");
        Assert.Contains("Unknown format 'xml'. Use console, json, sarif, junit, csv, markdown, html.", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-06-01", "2026-06-01T00:00:00+00:00")]
    [InlineData("2026-06-01T09:30:00Z", "2026-06-01T09:30:00+00:00")]
    [InlineData("2026-06-01T09:30:00+09:00", "2026-06-01T00:30:00+00:00")]
    [InlineData("2026-06-01T09:30", "2026-06-01T09:30:00+00:00")]
    [InlineData("2026-06-01T09:30:00.5-02:00", "2026-06-01T11:30:00.5000000+00:00")]
    public void As_of_is_parsed_as_iso_8601_in_utc(string text, string expected)
    {
        var parsed = CommonOptions.ParseAsOf(text)!.Value;
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Fact]
    public void As_of_reaches_the_analysis_and_the_default_is_the_collection_time()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", cli.Dump(), "--as-of", "2027-01-15", "--warning-days", "45"));
        Assert.Equal(new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.Zero), cli.Services.LastAnalysis!.AsOf);
        Assert.Equal(45, cli.Services.LastAnalysis.WarningDays);

        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", cli.Dump()));
        Assert.Equal(cli.Services.Snapshot!.CollectedAt, cli.Services.LastAnalysis!.AsOf);
        Assert.Equal(30, cli.Services.LastAnalysis.WarningDays);
    }

    [Fact]
    public void Unknown_collection_time_without_as_of_is_a_usage_error_not_the_clock()
    {
        cli.Services.Snapshot = cli.Services.Snapshot! with { CollectedAt = null };
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump()));
        Assert.Contains("--as-of", cli.Error, StringComparison.Ordinal);
        Assert.Null(cli.Services.LastAnalysis);
    }

    [Fact]
    public void Several_formats_without_outputs_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "--format", "json", "--format", "sarif"));
        Assert.Contains("--output", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_format_and_output_counts_is_a_usage_error() =>
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "--format", "json", "--format", "sarif", "-o", "a.json"));

    [Fact]
    public void Two_formats_to_the_screen_is_a_usage_error() =>
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "-f", "json", "-o", "-", "-f", "sarif", "-o", "-"));

    [Fact]
    public void Each_format_goes_to_the_output_at_the_same_position_as_utf8_without_bom_and_lf()
    {
        cli.Services.Snapshot = Organisations.InternalCertificateMissing;
        var code = cli.Run("analyze", cli.Dump(), "--format", "sarif", "--output", "out/r.sarif", "--format", "json", "--output", "out/r.json", "-f", "console", "-o", "-");
        Assert.Equal(ExitCodes.Findings, code);

        var sarifBytes = File.ReadAllBytes(Path.Combine(cli.Folder, "out/r.sarif"));
        var jsonBytes = File.ReadAllBytes(Path.Combine(cli.Folder, "out/r.json"));
        var sarif = ParseJson(Encoding.UTF8.GetString(sarifBytes));
        Assert.Equal("2.1.0", (string)sarif["version"]!);
        var rule = sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.Single(r => (string)r["id"]! == "EXTLS1004");
        Assert.StartsWith("# EXTLS1004: InternalTransportCertificateNotInStore\n", (string)rule["help"]!["markdown"]!, StringComparison.Ordinal);
        Assert.Equal("EXTLS1004", (string)ParseJson(Encoding.UTF8.GetString(jsonBytes))["findings"]![0]!["ruleId"]!);
        foreach (var bytes in new[] { sarifBytes, jsonBytes })
        {
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no BOM");
            Assert.DoesNotContain((byte)'\r', bytes);
        }

        Assert.Contains("EXTLS1004 Internal transport certificate is not in the server's store", cli.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(cli.Folder, "out"), "*.tmp"));
    }

    [Fact]
    public void A_single_format_goes_to_the_screen()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", cli.Dump(), "--format", "json"));
        Assert.Equal("extls", (string)ParseJson(cli.Out)["tool"]!["name"]!);
    }

    [Fact]
    public void Pairing_keeps_order_and_reads_dash_as_the_screen()
    {
        var targets = Outputs.Pair(cli.Host(), [ReportFormat.Json, ReportFormat.Sarif], ["-", "x.sarif"]).ToArray();
        Assert.Equal([new OutputTarget(ReportFormat.Json, null), new OutputTarget(ReportFormat.Sarif, "x.sarif")], targets);
    }

    [Fact]
    public void Formats_keep_their_order_and_default_to_the_console()
    {
        Assert.Equal([ReportFormat.Console], Outputs.Formats(null, AnalyzeCommand.ParseFormat));
        Assert.Equal([ReportFormat.Console], Outputs.Formats([], AnalyzeCommand.ParseFormat));
        Assert.Equal([ReportFormat.Sarif, ReportFormat.Json], Outputs.Formats(["sarif", "json"], AnalyzeCommand.ParseFormat));
    }

    [Theory]
    [InlineData("error", ExitCodes.Ok)]
    [InlineData("warning", ExitCodes.Findings)]
    [InlineData("note", ExitCodes.Findings)]
    [InlineData("never", ExitCodes.Ok)]
    public void Fail_on_sets_the_threshold(string failOn, int expected)
    {
        cli.Services.Snapshot = Organisations.StartTlsExpiresSoon;
        Assert.Equal(expected, cli.Run("analyze", cli.Dump(), "--fail-on", failOn));
    }

    [Fact]
    public void Error_finding_fails_by_default()
    {
        cli.Services.Snapshot = Organisations.InternalCertificateMissing;
        Assert.Equal(ExitCodes.Findings, cli.Run("analyze", cli.Dump()));
    }

    [Fact]
    public void Suppressed_error_does_not_fail_unless_no_suppressions()
    {
        var dump = cli.Dump();
        File.WriteAllText(Path.Combine(cli.Folder, dump, "extls.yaml"),
            "suppressions:\n  - ruleId: EXTLS1004\n    target: \"*\"\n    justification: Known, fixed in the June change.\n");
        cli.Services.Snapshot = Organisations.InternalCertificateMissing;
        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", dump, "--format", "json"));
        Assert.Equal(1, (int)ParseJson(cli.Out)["summary"]!["suppressed"]!);
        Assert.False(cli.Services.LastAnalysis!.NoSuppressions);

        Assert.Equal(ExitCodes.Findings, cli.Run("analyze", dump, "--format", "json", "--no-suppressions"));
        Assert.True(cli.Services.LastAnalysis!.NoSuppressions);
        var json = ParseJson(cli.Out);
        Assert.Equal(0, (int)json["summary"]!["suppressed"]!);
        Assert.Equal(1, (int)json["summary"]!["error"]!);
        Assert.Equal(JTokenType.Null, json["findings"]![0]!["suppression"]!.Type);
    }

    [Fact]
    public void Culture_reaches_the_analysis_and_the_writers()
    {
        cli.Services.Snapshot = Organisations.InternalCertificateMissing;
        cli.Run("analyze", cli.Dump(), "--culture", "ja");
        Assert.Equal("ja", cli.Services.LastAnalysis!.Culture);
        Assert.Contains("エラー 1 件", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_problems_are_listed_on_stderr_the_analysis_is_still_written_and_the_exit_code_is_3()
    {
        cli.Services.Snapshot = Organisations.InternalCertificateMissing;
        cli.Services.LoadProblems =
        [
            new ImportProblem("servers/EX03/ReceiveConnector.json", 7, "$[1].AuthMechanism", ProblemKind.NotAnEnumValue, new() { Found = new FoundValue(ValueShape.Text, "Kerberos"), Name = "AuthMechanism", Names = ["None", "Tls"] }),
            new ImportProblem("org/ExchangeServer.json", 0, "$", ProblemKind.MalformedJson),
        ];
        Assert.Equal(ExitCodes.InputUnreadable, cli.Run("analyze", cli.Dump()));
        Assert.Contains("servers/EX03/ReceiveConnector.json:7: $[1].AuthMechanism: \"Kerberos\" is not a value of AuthMechanism (None, Tls).\n", cli.Error, StringComparison.Ordinal);
        Assert.Contains("org/ExchangeServer.json: $: Malformed JSON\n", cli.Error, StringComparison.Ordinal);
        Assert.Contains("EXTLS1004", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_is_a_problem_and_the_other_paths_are_still_read()
    {
        var dump = cli.Dump();
        Assert.Equal(ExitCodes.InputUnreadable, cli.Run("analyze", dump, "no-such-edge-dump"));
        Assert.Contains("no-such-edge-dump: $: No such file or folder.", cli.Error, StringComparison.Ordinal);
        Assert.Equal([dump], cli.Services.Loaded.Single());
    }

    [Fact]
    public void Nothing_readable_exits_3_without_analysis()
    {
        Assert.Equal(ExitCodes.InputUnreadable, cli.Run("analyze", "missing"));
        Assert.Null(cli.Services.LastAnalysis);
    }

    [Fact]
    public void No_path_analyses_the_built_in_sample_and_says_so_on_stderr()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("analyze"));
        Assert.True(cli.Services.SampleLoaded);
        Assert.Empty(cli.Services.Loaded);
        Assert.Contains("no dump was given, so the built-in sample organisation is analysed", cli.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", cli.Dump()));
        Assert.Equal("", cli.Error);
    }

    [Fact]
    public void Every_format_says_in_its_header_that_the_built_in_sample_was_analysed()
    {
        cli.Services.Snapshot = Organisations.InternalCertificateMissing;
        Assert.Equal(ExitCodes.Findings, cli.Run("analyze",
            "-f", "console", "-o", "r.txt", "-f", "json", "-o", "r.json", "-f", "sarif", "-o", "r.sarif",
            "-f", "junit", "-o", "r.xml", "-f", "csv", "-o", "r.csv", "-f", "markdown", "-o", "r.md"));
        string Read(string name) => File.ReadAllText(Path.Combine(cli.Folder, name));

        Assert.StartsWith("Built-in sample organisation. No dump was given", Read("r.txt").Split('\n')[1], StringComparison.Ordinal);
        Assert.True((bool)ParseJson(Read("r.json"))["snapshot"]!["builtInSample"]!);
        Assert.True((bool)ParseJson(Read("r.sarif"))["runs"]![0]!["properties"]!["builtInSample"]!);
        Assert.Contains("<testsuites name=\"extls: Built-in sample organisation\"", Read("r.xml"), StringComparison.Ordinal);
        Assert.Equal("Built-in sample organisation", Read("r.csv").Split('\n')[1].Split(',')[1]);
        Assert.Contains("> **Built-in sample organisation.**", Read("r.md"), StringComparison.Ordinal);

        // Given a dump, none of them says so.
        Assert.Equal(ExitCodes.Findings, cli.Run("analyze", cli.Dump(), "-f", "json", "-o", "d.json", "-f", "markdown", "-o", "d.md", "-f", "console", "-o", "d.txt"));
        Assert.False((bool)ParseJson(Read("d.json"))["snapshot"]!["builtInSample"]!);
        Assert.DoesNotContain("Built-in sample", Read("d.md") + Read("d.txt"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_path_is_a_usage_error_not_the_working_folder_or_the_sample(string path)
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", path));
        Assert.Contains("An empty PATH was given", cli.Error, StringComparison.Ordinal);
        Assert.False(cli.Services.SampleLoaded);
        Assert.Empty(cli.Services.Loaded);
    }

    [Fact]
    public void No_sample_in_the_build_exits_3_with_a_reason()
    {
        cli.Services.HasSample = false;
        Assert.Equal(ExitCodes.InputUnreadable, cli.Run("analyze"));
        Assert.Contains("sample", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_config_file_is_a_usage_error() =>
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "--config", "nope.yaml"));

    [Fact]
    public void Internal_error_exits_4_without_stack_trace_unless_debug()
    {
        cli.Services.Fault = new InvalidOperationException("boom");
        Assert.Equal(ExitCodes.Internal, cli.Run("analyze", cli.Dump()));
        Assert.Contains("internal error: boom", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cli.Error, StringComparison.Ordinal);

        cli.Env("EXTLS_DEBUG", "1");
        Assert.Equal(ExitCodes.Internal, cli.Run("analyze", cli.Dump()));
        Assert.Contains("   at ", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Colour_only_on_a_terminal_without_no_color()
    {
        cli.Services.Snapshot = Organisations.InternalCertificateMissing;
        cli.Redirected = false;
        cli.Run("analyze", cli.Dump());
        Assert.Contains("\u001b[", cli.Out, StringComparison.Ordinal);

        cli.Env("NO_COLOR", "1");
        cli.Run("analyze", cli.Dump());
        Assert.DoesNotContain("\u001b", cli.Out, StringComparison.Ordinal);

        cli.Redirected = true;
        cli.Env("NO_COLOR", "");
        cli.Run("analyze", cli.Dump());
        Assert.DoesNotContain("\u001b", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_input_gives_the_same_bytes()
    {
        cli.Services.Snapshot = Organisations.Both;
        cli.Run("analyze", cli.Dump(), "-f", "sarif");
        var first = cli.Out;
        cli.Run("analyze", cli.Dump(), "-f", "sarif");
        Assert.Equal(first, cli.Out);
    }
}
