using Newtonsoft.Json.Linq;
using Extls.Model;
using Extls.Selection;

namespace Extls.Cli.Tests;

public sealed class OtherCommandTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void No_command_is_a_usage_error() => Assert.Equal(ExitCodes.Usage, cli.Run());

    [Fact]
    public void Help_exits_0_and_explains_the_options()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", "--help"));
        Assert.Contains("--as-of", cli.Out, StringComparison.Ordinal);
        Assert.Contains("--fail-on", cli.Out, StringComparison.Ordinal);
        Assert.Contains("sample organisation", cli.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("explain", "--help")]
    [InlineData("matrix", "--help")]
    [InlineData("import", "--help")]
    [InlineData("validate", "--help")]
    [InlineData("rules", "list", "--help")]
    [InlineData("rules", "show", "--help")]
    public void Every_command_has_help(params string[] args)
    {
        Assert.Equal(ExitCodes.Ok, cli.Run(args));
        Assert.Contains("Usage:", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_list_shows_every_rule()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("rules", "list"));
        Assert.Contains("EXTLS1004", cli.Out, StringComparison.Ordinal);
        Assert.Contains("EXTLS2008", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_show_accepts_any_case_and_prints_the_rule()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("rules", "show", "extls1004"));
        Assert.Contains("InternalTransportCertificateNotInStore", cli.Out, StringComparison.Ordinal);
        Assert.Contains("Enable-ExchangeCertificate", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_show_in_japanese()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("rules", "show", "EXTLS1004", "--culture", "ja"));
        Assert.Contains("内部トランスポート証明書がサーバーの証明書ストアにありません", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_rule_id_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("rules", "show", "EXTLS0000"));
        Assert.Contains("Unknown rule id 'EXTLS0000'", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_requires_a_server() => Assert.Equal(ExitCodes.Usage, cli.Run("explain", cli.Dump()));

    [Fact]
    public void Explain_unknown_server_is_a_usage_error_listing_the_servers()
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("explain", cli.Dump(), "--server", "EX09"));
        Assert.Contains("EX01, EX02", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_unknown_scenario_is_a_usage_error() =>
        Assert.Equal(ExitCodes.Usage, cli.Run("explain", cli.Dump(), "--server", "EX01", "--scenario", "sideways"));

    [Fact]
    public void Explain_filters_by_server_connector_name_and_scenario()
    {
        // Each trace starts with its process's title and id in brackets.
        static int Traces(string text) => text.Split('\n').Count(l => l.StartsWith("process ", StringComparison.Ordinal) && l.EndsWith(')'));

        Assert.Equal(ExitCodes.Ok, cli.Run("explain", cli.Dump(), "--server", "ex01", "--connector", "Default EX01", "--scenario", "inbound-anonymous-tls", "--as-of", "2026-07-01"));
        Assert.Equal(1, Traces(cli.Out));
        Assert.Contains("Receive connector: EX01\\Default EX01", cli.Out, StringComparison.Ordinal);
        // The answering steps name the other connectors they set aside; no replay of another connector is shown.
        Assert.DoesNotContain("Receive connector: EX01\\Default Frontend EX01", cli.Out, StringComparison.Ordinal);
        Assert.Contains("set aside: EX01\\Default Frontend EX01 — belongs to the other transport service", cli.Out, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), cli.Services.LastAnalysis!.AsOf);
        Assert.Equal(30, cli.Services.LastAnalysis.WarningDays);

        // The whole server: every connector of EX01 in the summary, identical traces folded, nothing of EX02.
        Assert.Equal(ExitCodes.Ok, cli.Run("explain", cli.Dump(), "--server", "EX01"));
        var connectors = cli.Services.Snapshot!.FindServer("EX01")!.ReceiveConnectors.Items.Select(c => c.Identity).ToList();
        Assert.NotEmpty(connectors);
        Assert.All(connectors, c => Assert.Contains($"{c} (Receive connector)", cli.Out, StringComparison.Ordinal));
        Assert.InRange(Traces(cli.Out), 3, 2 * connectors.Count);
        Assert.Contains("Receive connectors (", cli.Out, StringComparison.Ordinal);

        // EX02 appears only as a sender whose sessions EX01's connectors answer: none of its replays or connectors.
        Assert.DoesNotContain("EX02\\", cli.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Server: EX02", cli.Out, StringComparison.Ordinal);
        Assert.Contains("Senders (1): EX02", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_unknown_connector_is_a_usage_error_listing_the_connectors()
    {
        cli.Services.Selections = [FakeServices.Selection(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default EX01")];
        Assert.Equal(ExitCodes.Usage, cli.Run("explain", cli.Dump(), "--server", "EX01", "--connector", "Nope"));
        Assert.Contains("EX01\\Default EX01", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_json_lists_the_failing_pairs_and_all_of_them_with_all()
    {
        cli.Services.Snapshot = Organisations.OneServerCannotExchangeMail;
        Assert.Equal(ExitCodes.Findings, cli.Run("matrix", cli.Dump(), "--format", "json", "-o", "m.json"));
        var failing = JObject.Parse(File.ReadAllText(Path.Combine(cli.Folder, "m.json")));
        Assert.Equal("failing", (string?)failing["shown"]);
        Assert.Equal(["EX01->EX02", "EX02->EX01", "EX02->EX03", "EX03->EX02"], failing["pairs"]!.Select(p => $"{p["sender"]}->{p["receiver"]}"));
        Assert.All(failing["pairs"]!, p => Assert.Equal("EXTLS1004", (string?)p["causes"]![0]!["ruleId"]));
        Assert.Equal("EXTLS1004", (string?)Assert.Single(failing["causes"]!)["ruleId"]);

        Assert.Equal(ExitCodes.Findings, cli.Run("matrix", cli.Dump(), "--format", "json", "--all", "-o", "all.json"));
        var every = JObject.Parse(File.ReadAllText(Path.Combine(cli.Folder, "all.json")));
        Assert.Equal(6, every["pairs"]!.Count());
        Assert.Equal(6, (int)every["summary"]!["pairs"]!);
        Assert.Equal(2, (int)every["summary"]!["working"]!);
    }

    [Fact]
    public void Matrix_csv_has_a_header_and_a_row_per_pair()
    {
        cli.Services.Snapshot = Organisations.OneServerCannotExchangeMail;
        cli.Run("matrix", cli.Dump(), "--format", "csv", "--all", "-o", "m.csv");
        var lines = File.ReadAllText(Path.Combine(cli.Folder, "m.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sender,receiver,path,receiveConnector,anonymousTls,senderOutcome,receiverOutcome,causes,port,answer,matchedRange,assumptions", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("EX01,EX02,Mailbox->Mailbox,EX02\\Default EX02,fails,selected,certificateNotInStore,EXTLS1004 ", lines[1], StringComparison.Ordinal);
        Assert.Equal("EX01,EX03,Mailbox->Mailbox,EX03\\Default EX03,works,selected,selected,,2525,defaultAssumed,,A9", lines[2]);
    }

    [Fact]
    public void Matrix_fails_on_a_failing_pair_unless_told_never_and_passes_a_healthy_organisation()
    {
        cli.Services.Snapshot = Organisations.OneServerCannotExchangeMail;
        Assert.Equal(ExitCodes.Findings, cli.Run("matrix", cli.Dump()));
        Assert.Equal(ExitCodes.Ok, cli.Run("matrix", cli.Dump(), "--fail-on", "never"));
        Assert.Equal(ExitCodes.Usage, cli.Run("matrix", cli.Dump(), "--fail-on", "sometimes"));

        cli.Services.Snapshot = Organisations.Healthy;
        Assert.Equal(ExitCodes.Ok, cli.Run("matrix", cli.Dump(), "--fail-on", "note"));
    }

    [Fact]
    public void Matrix_bad_format_is_a_usage_error() => Assert.Equal(ExitCodes.Usage, cli.Run("matrix", cli.Dump(), "--format", "sarif"));

    [Fact]
    public void Import_writes_the_snapshot_file()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("import", cli.Dump(), "-o", "snap/contoso.json"));
        Assert.Equal("{\"format\": \"extls-snapshot/1\"}\n", File.ReadAllText(Path.Combine(cli.Folder, "snap/contoso.json")));
    }

    [Fact]
    public void Import_requires_an_output() => Assert.Equal(ExitCodes.Usage, cli.Run("import", cli.Dump()));

    [Fact]
    public void Import_with_problems_writes_what_was_read_and_exits_3()
    {
        cli.Services.LoadProblems = [new ImportProblem("servers/EX01/ExchangeCertificate.json", 3, "$[0].RawData", ProblemKind.RawDataUnreadable, new() { Name = "RawData", Detail = "RawData is not valid base64." })];
        Assert.Equal(ExitCodes.InputUnreadable, cli.Run("import", cli.Dump(), "-o", "s.json"));
        Assert.True(File.Exists(Path.Combine(cli.Folder, "s.json")));
        Assert.Contains("servers/EX01/ExchangeCertificate.json:3: $[0].RawData: RawData cannot be read (RawData is not valid base64.); the certificate's own properties are used instead.", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_clean_exits_0()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("validate", cli.Dump()));
        Assert.Contains(": no problems.", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_lists_every_problem_and_exits_3()
    {
        cli.Services.LoadProblems =
        [
            new ImportProblem("a.json", 1, "$", ProblemKind.ContentAfterJson),
            new ImportProblem("b.json", 2, "$[0]", ProblemKind.EntryNotObject, new() { Found = new FoundValue(ValueShape.Null, null) }),
        ];
        Assert.Equal(ExitCodes.InputUnreadable, cli.Run("validate", cli.Dump()));
        Assert.Contains("a.json:1: $: Unexpected content after the end of the JSON value.\nb.json:2: $[0]: Expected an object, found null; the entry is skipped.\n2 problems.\n", cli.Error, StringComparison.Ordinal);
        Assert.Single(cli.Services.Loaded);
    }
}
