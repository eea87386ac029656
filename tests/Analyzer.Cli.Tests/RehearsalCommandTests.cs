using Extls.TestKit;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Cli.Tests;

/// <summary>
/// extls whatif, renew and timeline end to end through the real libraries, over the committed rehearsal fixtures
/// (snapshots/plans) and scenario dumps: exit codes, every output format, the JSON against its schema, plan problems.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RehearsalCommandTests : IDisposable
{
    private const string AsOf = "2026-06-01";
    private const string Password = "Fixture-Only-Not-A-Secret-1";
    private const string Plans = "snapshots/plans";

    private readonly string temp = Path.Combine(Path.GetTempPath(), "extls-rehearsal-" + Guid.NewGuid().ToString("N"));

    public RehearsalCommandTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.Run(args);

    private static JObject Parse(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static async Task Valid(string schemaFile, string json)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Repository.Root, "schemas", schemaFile));
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    private static string[] Rules(JToken findings) => [.. findings.Select(f => $"{f["ruleId"]} {f["target"]!["id"]}").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_plan_that_removes_the_internal_transport_certificate_brings_EXTLS1004_and_exits_1()
    {
        var (code, output, error) = Run("whatif", $"{Plans}/103-remove-internal-transport-certificate/dump", "--change", $"{Plans}/103-remove-internal-transport-certificate/plan.ps1",
            "--as-of", AsOf, "-f", "json");

        Assert.True(code == ExitCodes.Findings, error);
        await Valid("whatif.schema.json", output);
        var json = Parse(output);
        Assert.Equal(["EXTLS1004 EX02", "EXTLS5001 EXTLS1004/EX02"], Rules(json["new"]!));
        Assert.Empty((JArray)json["fixed"]!);
        Assert.True((bool)json["summary"]!["introducesError"]!);
        Assert.Single((JArray)json["outcomes"]!);
        Assert.Contains(json["selectionChanges"]!, c => (string)c["server"]! == "EX02" && (string)c["scenario"]! == "outbound-anonymous-tls");
        Assert.Contains(json["outcomes"]![0]!["changes"]!, c => (string)c["kind"]! == "certificateRemoved" && (int)c["line"]! == 3);
    }

    [Fact]
    public async Task A_plan_that_leaves_the_overwrite_prompt_open_has_both_outcomes()
    {
        var (code, output, error) = Run("whatif", $"{Plans}/101-enable-exchangecertificate/dump", "--change", $"{Plans}/101-enable-exchangecertificate/plan.ps1",
            "--as-of", AsOf, "-f", "json");

        Assert.True(code == ExitCodes.Ok, error);
        await Valid("whatif.schema.json", output);
        var json = Parse(output);
        Assert.Equal(1, (int)json["plan"]!["openPrompts"]!);
        Assert.Equal(["A10: answered yes", "A10: answered no"], json["outcomes"]!.Select(o => (string)o["name"]!));
        Assert.All(json["outcomes"]!, o => Assert.Equal(["A10"], o["assumptions"]!.Values<string>()));
        Assert.Contains(json["outcomes"]![0]!["changes"]!, c => (string)c["kind"]! == "internalCertificatePublished" && (string)c["answeredBy"]! == "open");
        Assert.Contains(json["outcomes"]![1]!["changes"]!, c => (string)c["kind"]! == "internalCertificateKept" && (string)c["answer"]! == "no");
        Assert.Equal(Rules(json["outcomes"]![0]!["fixed"]!), Rules(json["fixed"]!));
    }

    [Fact]
    public void Console_and_markdown_say_what_each_command_does_and_name_both_outcomes()
    {
        var dump = $"{Plans}/101-enable-exchangecertificate/dump";
        var plan = $"{Plans}/101-enable-exchangecertificate/plan.ps1";
        var console = Run("whatif", dump, "--change", plan, "--as-of", AsOf);
        var markdown = Run("whatif", dump, "--change", plan, "--as-of", AsOf, "-f", "markdown");
        var japanese = Run("whatif", dump, "--change", plan, "--as-of", AsOf, "--culture", "ja");

        Assert.Contains("Outcome 1/2, A10: the overwrite prompt answered yes", console.Out);
        Assert.Contains("Outcome 2/2, A10: the overwrite prompt answered no", console.Out);
        Assert.Contains("becomes the internal transport certificate", console.Out);
        Assert.Contains("The plan introduces no new error.", console.Out);
        Assert.StartsWith("## extls whatif: no new error", markdown.Out);
        Assert.Contains("| EXTLS2006", markdown.Out.Replace("[EXTLS2006]", "EXTLS2006", StringComparison.Ordinal));
        Assert.Contains("結果 1/2 (A10)", japanese.Out);
    }

    [Fact]
    public void Change_commands_run_after_the_plan_files_and_the_same_input_gives_the_same_bytes()
    {
        var dump = "snapshots/scenarios/008-p1-not-in-store/dump";
        string[] args = ["whatif", dump, "--as-of", AsOf, "-f", "json", "--change-command", "Get-ExchangeCertificate -Server EX02 | Format-List Thumbprint",
            "--change-command", "Remove-ExchangeCertificate -Server EX01 -Thumbprint 2E250E257D366D990B1E194DA0CC608C89718B2A"];
        var first = Run(args);
        var second = Run(args);

        Assert.Equal(ExitCodes.Findings, first.Code);
        Assert.Equal(first.Out, second.Out);
        var json = Parse(first.Out);
        Assert.Equal(["--change-command 1", "--change-command 2"], json["plan"]!["sources"]!.Values<string>());
        Assert.Contains("EXTLS1004 EX01", Rules(json["new"]!));
    }

    [Theory]
    [InlineData("Restart-Computer -ComputerName EX01", "--change-command 1:1:1: Restart-Computer is not a command whatif can rehearse")]
    [InlineData("Set-ReceiveConnector 'EX01\\Default EX01' -AuthMechanizm Tls", "--change-command 1:1:42: -AuthMechanizm is not a parameter of Set-ReceiveConnector.")]
    [InlineData("if ($true) { Remove-ExchangeCertificate -Server EX01 -Thumbprint AB }", "--change-command 1:1:1: A plan is a list of commands and variable assignments; an if statement cannot be rehearsed")]
    [InlineData("Enable-ExchangeCertificate -Server EX01 -Thumbprint $t -Services SMTP", "--change-command 1:1:53: $t is not assigned earlier in the plan")]
    [InlineData("Set-SendConnector -Identity 'Outbound to Internet' -RequireTLS", "--change-command 1:1:52: -RequireTLS needs a value.")]
    [InlineData("Enable-ExchangeCertificate -Server EX09 -Thumbprint AB -Services SMTP", "There is no server 'EX09' in the snapshot")]
    [InlineData("Get-ExchangeCertificate -Server EX01 | Where-Object { $_.NotAfter -lt (Get-Date) } | Remove-ExchangeCertificate", "Only Where-Object in its simplified form")]
    [InlineData("Enable-ExchangeCertificate -Server EX01 -Thumbprint AB -Services SMTP -", "--change-command 1:1:")]
    public void A_plan_that_cannot_be_rehearsed_exits_2_naming_the_line_and_column(string command, string message)
    {
        var (code, output, error) = Run("whatif", "snapshots/scenarios/001-healthy-baseline/dump", "--as-of", AsOf, "--change-command", command);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Contains(message, error);
        Assert.Contains("nothing was rehearsed", error);
    }

    [Fact]
    public void Every_problem_of_a_plan_file_is_listed_with_its_line()
    {
        var plan = Path.Combine(temp, "plan.ps1");
        File.WriteAllText(plan, "# two mistakes\nSet-ReceiveConnector 'EX01\\Nope' -Fqdn x.contoso.com\n$x = 1\nFoo-Bar\n");
        var (code, _, error) = Run("whatif", "snapshots/scenarios/001-healthy-baseline/dump", "--as-of", AsOf, "--change", plan);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"{plan}:2:1: There is no receive connector 'EX01\\Nope'", error);
        Assert.Contains($"{plan}:4:1: Foo-Bar is not a command", error);
        Assert.Contains("The plan has 2 problems", error);
    }

    [Fact]
    public void Whatif_without_a_plan_or_with_a_missing_one_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, Run("whatif", "snapshots/scenarios/001-healthy-baseline/dump").Code);
        Assert.Equal(ExitCodes.Usage, Run("whatif", "snapshots/scenarios/001-healthy-baseline/dump", "--change", "missing.ps1").Code);
        Assert.Equal(ExitCodes.InputUnreadable, Run("whatif", "no-such-dump", "--change-command", "Get-TransportService").Code);
    }

    [Fact]
    public async Task Renew_writes_a_plan_whatif_accepts_and_its_rehearsal_brings_nothing_new()
    {
        var dir = $"{Plans}/201-renew-ca-certificate-three-servers-hybrid";
        var plan = Path.Combine(temp, "renew.ps1");
        var (code, output, error) = Run("renew", $"{dir}/dump", "--new", $"{dir}/mail-2026.pfx", "--password", Password, "--as-of", AsOf, "--plan", plan, "-f", "json");

        Assert.True(code == ExitCodes.Ok, error);
        await Valid("whatif.schema.json", output);
        Assert.Contains($"Wrote the renewal plan to {plan}", error);
        Assert.DoesNotContain("Note:", error);
        var json = Parse(output);
        Assert.All(json["outcomes"]!, o => Assert.Empty((JArray)o["new"]!));
        Assert.Equal(6, ((JArray)json["fixed"]!).Count);

        var text = File.ReadAllText(plan);
        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("Import-ExchangeCertificate -Server EX0", StringComparison.Ordinal)));
        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("Set-ReceiveConnector -Identity 'EX0", StringComparison.Ordinal)));
        Assert.Contains("Set-SendConnector -Identity 'Outbound to Office 365' -TlsCertificateName '<I>CN=Contoso Issuing CA 2026", text);
        Assert.Contains("\nSet-HybridConfiguration -TlsCertificateName '<I>CN=Contoso Issuing CA 2026", text);
        Assert.All(text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('$') && !l.StartsWith("Start-", StringComparison.Ordinal)),
            l => Assert.EndsWith(" -WhatIf", l));

        // The plan it wrote, rehearsed again by whatif, gives the same answer.
        var again = Run("whatif", $"{dir}/dump", "--change", plan, "--password", Password, "--as-of", AsOf, "-f", "json");
        Assert.True(again.Code == ExitCodes.Ok, again.Error);
        Assert.Equal(Rules(json["fixed"]!), Rules(Parse(again.Out)["fixed"]!));
    }

    [Fact]
    public void Renew_in_Japanese_writes_Japanese_comments_the_same_commands_and_a_byte_order_mark()
    {
        var dir = $"{Plans}/201-renew-ca-certificate-three-servers-hybrid";
        string[] Plan(string culture, string file)
        {
            var (code, output, error) = Run("renew", $"{dir}/dump", "--new", $"{dir}/mail-2026.pfx", "--password", Password, "--as-of", AsOf, "--plan", file,
                "-f", "json", "--culture", culture);
            Assert.True(code == ExitCodes.Ok, error);
            return [output, File.ReadAllText(file)];
        }

        var en = Plan("en", Path.Combine(temp, "renew-en.ps1"));
        var ja = Plan("ja", Path.Combine(temp, "renew-ja.ps1"));

        // Windows PowerShell 5.1 reads a script without a byte-order mark in the ANSI code page.
        foreach (var file in new[] { "renew-en.ps1", "renew-ja.ps1" })
        {
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(Path.Combine(temp, file))[..3]);
        }

        string[] Commands(string text) => [.. text.Split('\n').Where(l => !l.StartsWith('#'))];
        Assert.Equal(Commands(en[1]), Commands(ja[1]));
        Assert.Contains("# ---- 送信コネクタ ----\n", ja[1], StringComparison.Ordinal);
        Assert.Contains("内部トランスポート証明書", ja[1], StringComparison.Ordinal);
        Assert.DoesNotContain("# Renewal of", ja[1], StringComparison.Ordinal);

        // Rehearsed in either culture, and rehearsed again from the file by whatif, the plan gives the same answer.
        Assert.Equal(Rules(Parse(en[0])["fixed"]!), Rules(Parse(ja[0])["fixed"]!));
        var again = Run("whatif", $"{dir}/dump", "--change", Path.Combine(temp, "renew-ja.ps1"), "--password", Password, "--as-of", AsOf, "-f", "json");
        Assert.True(again.Code == ExitCodes.Ok, again.Error);
        Assert.Equal(Rules(Parse(en[0])["fixed"]!), Rules(Parse(again.Out)["fixed"]!));
        Assert.All(Parse(again.Out)["outcomes"]!, o => Assert.Empty((JArray)o["new"]!));
    }

    [Fact]
    public void Renew_on_a_subscribed_Edge_subscribes_it_again()
    {
        var dir = $"{Plans}/202-renew-edge-self-signed";
        var plan = Path.Combine(temp, "edge.ps1");
        var (code, output, error) = Run("renew", $"{dir}/dump", $"{dir}/edge-dump", "--new", $"{dir}/edge01-2026.pfx", "--password", Password, "--as-of", AsOf, "--plan", plan);

        Assert.True(code == ExitCodes.Ok, error + output);
        var text = File.ReadAllText(plan);
        Assert.Contains("-Services IMAP,POP,IIS,SMTP -Force -WhatIf", text);
        Assert.Contains("New-EdgeSubscription -FileName 'C:\\Temp\\EDGE01-EdgeSubscription.xml' -Force -WhatIf", text);
        Assert.Contains("-Site 'contoso.com/Configuration/Sites/Default-First-Site-Name' -WhatIf", text);
        Assert.Contains("The plan introduces no new error.", output);
    }

    [Fact]
    public void Renew_refuses_what_it_cannot_work_out()
    {
        var dir = $"{Plans}/201-renew-ca-certificate-three-servers-hybrid";
        var wrongPassword = Run("renew", $"{dir}/dump", "--new", $"{dir}/mail-2026.pfx", "--password", "wrong", "--as-of", AsOf, "--plan", Path.Combine(temp, "x.ps1"));
        Assert.Equal(ExitCodes.InputUnreadable, wrongPassword.Code);
        Assert.Contains("mail-2026.pfx: is not a PKCS #12 file that this password opens", wrongPassword.Error);

        var notThere = Run("renew", $"{dir}/dump", "--new", $"{dir}/mail-2026.pfx", "--password", Password, "--replaces", "00", "--as-of", AsOf, "--plan", Path.Combine(temp, "y.ps1"));
        Assert.Equal(ExitCodes.Usage, notThere.Code);
        Assert.Contains("No server's store holds the certificate", notThere.Error);
    }

    [Fact]
    public async Task The_timeline_shows_the_expiry_date_first_and_as_firstBreak()
    {
        var (code, output, error) = Run("timeline", "snapshots/scenarios/010-p1-expires-soon/dump", "--as-of", AsOf, "-f", "json");

        Assert.True(code == ExitCodes.Findings, error);
        await Valid("timeline.schema.json", output);
        var json = Parse(output);
        var first = json["dates"]![0]!;
        Assert.Equal("2026-06-20T00:00:00Z", (string)first["date"]!);
        Assert.Equal("2026-06-20T00:00:00Z", (string)json["firstBreak"]!);
        Assert.Equal("expires", (string)first["causes"]![0]!["kind"]!);
        Assert.Equal(["EXTLS1005 EX02"], Rules(first["appears"]!));
        Assert.Equal(["EXTLS1006 EX02"], Rules(first["disappears"]!));
        Assert.Equal("2027-06-01T00:00:00Z", (string)json["until"]!);
    }

    [Fact]
    public void A_timeline_with_nothing_breaking_before_the_horizon_exits_0()
    {
        var (code, output, error) = Run("timeline", "snapshots/scenarios/001-healthy-baseline/dump", "--as-of", AsOf, "--until", "2026-06-15");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("Nothing breaks before the horizon.", output);
        Assert.Equal(ExitCodes.Usage, Run("timeline", "snapshots/scenarios/001-healthy-baseline/dump", "--as-of", AsOf, "--until", "2026-05-01").Code);
        Assert.Equal(ExitCodes.Usage, Run("timeline", "snapshots/scenarios/001-healthy-baseline/dump", "--until", "soon").Code);
    }

    [Fact]
    public async Task Analyze_verifies_remediations_when_asked_and_says_null_otherwise()
    {
        var dump = "snapshots/scenarios/009-p1-expired/dump";
        var verified = Run("analyze", dump, "--as-of", AsOf, "-f", "json", "--verify-remediation");
        var plain = Run("analyze", dump, "--as-of", AsOf, "-f", "json");

        await Valid("findings.schema.json", verified.Out);
        var finding = Parse(verified.Out)["findings"]!.Single(f => (string)f["ruleId"]! == "EXTLS1005");
        Assert.True((bool)finding["remediationVerified"]!);
        Assert.Equal(JTokenType.Null, Parse(plain.Out)["findings"]!.Single(f => (string)f["ruleId"]! == "EXTLS1005")["remediationVerified"]!.Type);
        Assert.Equal(plain.Code, verified.Code);
    }

    [Fact]
    public async Task Remediations_are_verified_against_the_changed_snapshot_not_the_logs_of_the_old_one()
    {
        // 063's protocol log shows STARTTLS failing on EX01, as predicted (EXTLS6002); enabling SMTP fixes the prediction,
        // and the old log, which only tells what happened before, does not count against it.
        var (code, output, error) = Run("analyze", "snapshots/scenarios/063-evidence-unknowncredentials/dump", "--as-of", AsOf, "-f", "json", "--verify-remediation");

        Assert.True(code == ExitCodes.Findings, error);
        await Valid("findings.schema.json", output);
        var findings = Parse(output)["findings"]!;
        Assert.Equal(JTokenType.Null, findings.Single(f => (string)f["ruleId"]! == "EXTLS6002")["remediationVerified"]!.Type);
        Assert.All(findings.Where(f => (string)f["ruleId"]! is "EXTLS2006" or "EXTLS3002"), f => Assert.True((bool)f["remediationVerified"]!));
    }
}
