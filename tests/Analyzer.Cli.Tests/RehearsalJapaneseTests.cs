using System.Text.RegularExpressions;

namespace Extls.Cli.Tests;

/// <summary>
/// With --culture ja, whatif, renew and timeline say why they refuse in Japanese: every plan problem at its line and
/// column, the closing line, renewal refusals, certificate file errors and input errors, with no English sentence left.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class RehearsalJapaneseTests : IDisposable
{
    private const string AsOf = "2026-06-01";
    private const string Password = "Fixture-Only-Not-A-Secret-1";
    private const string Healthy = "snapshots/scenarios/001-healthy-baseline/dump";
    private const string Renewal = "snapshots/plans/201-renew-ca-certificate-three-servers-hybrid";

    private readonly string temp = Path.Combine(Path.GetTempPath(), "extls-rehearsal-ja-" + Guid.NewGuid().ToString("N"));

    public RehearsalJapaneseTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.Run(args);

    [GeneratedRegex("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex JapaneseCharacter();

    /// <summary>Three English words in a row ("is not a", "nothing was rehearsed"): what a sentence left in English has and a name does not.</summary>
    [GeneratedRegex("\\b[A-Za-z]+ [a-z]+ [a-z]+\\b")]
    private static partial Regex EnglishRun();

    /// <summary>Every line is Japanese and none carries a run of English words.</summary>
    private static void AllJapanese(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(JapaneseCharacter().IsMatch(l), $"not Japanese: {l}"));
        Assert.All(lines, l => Assert.False(EnglishRun().IsMatch(l), $"English left: {l}"));
    }

    [Theory]
    [InlineData("Restart-Computer -ComputerName EX01", "--change-command 1:1:1: Restart-Computer は whatif でリハーサルできるコマンドではありません。")]
    [InlineData("Set-ReceiveConnector 'EX01\\Default EX01' -AuthMechanizm Tls", "--change-command 1:1:42: -AuthMechanizm は Set-ReceiveConnector のパラメーターではありません。")]
    [InlineData("Enable-ExchangeCertificate -Server EX01 -Thumbprint AB -Services SMTP", "--change-command 1:1:1: EX01 の証明書ストアに証明書 AB はありません。")]
    [InlineData("Enable-ExchangeCertificate -Server EX09 -Thumbprint AB -Services SMTP", "--change-command 1:1:28: スナップショットにサーバー 'EX09' はありません")]
    [InlineData("if ($true) { Remove-ExchangeCertificate -Server EX01 -Thumbprint AB }", "--change-command 1:1:1: 計画はコマンドと変数への代入の並びです。if ステートメントは")]
    [InlineData("Set-SendConnector -Identity 'Outbound to Internet' -RequireTLS", "--change-command 1:1:52: -RequireTLS には値が必要です。")]
    public void Whatif_names_each_problem_of_a_plan_in_Japanese_at_its_line_and_column(string command, string expected)
    {
        var (code, output, error) = Run("whatif", Healthy, "--as-of", AsOf, "--change-command", command, "--culture", "ja");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.EndsWith("計画は記述どおりにはリハーサルできません。何もリハーサルしていません。\n", error, StringComparison.Ordinal);
        AllJapanese(error);

        // The same plan in English says it in English.
        var english = Run("whatif", Healthy, "--as-of", AsOf, "--change-command", command);
        Assert.Equal(ExitCodes.Usage, english.Code);
        Assert.DoesNotMatch(JapaneseCharacter(), english.Error);
        Assert.Contains("nothing was rehearsed", english.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Whatif_lists_every_problem_of_a_plan_file_in_Japanese()
    {
        var plan = Path.Combine(temp, "plan.ps1");
        File.WriteAllText(plan, "# two mistakes\nSet-ReceiveConnector 'EX01\\Nope' -Fqdn x.contoso.com\n$x = 1\nFoo-Bar\n");
        var (code, _, error) = Run("whatif", Healthy, "--as-of", AsOf, "--change", plan, "--culture", "ja");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"{plan}:2:1: スナップショットに受信コネクタ 'EX01\\Nope' はありません。", error, StringComparison.Ordinal);
        Assert.Contains($"{plan}:4:1: Foo-Bar は whatif でリハーサルできるコマンドではありません。", error, StringComparison.Ordinal);
        Assert.Contains("計画に 2 件の問題があります。何もリハーサルしていません。", error, StringComparison.Ordinal);
        AllJapanese(error.Replace(plan, "plan.ps1", StringComparison.Ordinal));
    }

    [Fact]
    public void Renew_refuses_in_Japanese()
    {
        var wrongPassword = Run("renew", $"{Renewal}/dump", "--new", $"{Renewal}/mail-2026.pfx", "--password", "wrong", "--as-of", AsOf,
            "--plan", Path.Combine(temp, "x.ps1"), "--culture", "ja");
        Assert.Equal(ExitCodes.InputUnreadable, wrongPassword.Code);
        Assert.Contains("mail-2026.pfx: このパスワードで開ける PKCS #12 ファイルではありません (", wrongPassword.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a PKCS #12 file", wrongPassword.Error, StringComparison.Ordinal);

        var notThere = Run("renew", $"{Renewal}/dump", "--new", $"{Renewal}/mail-2026.pfx", "--password", Password, "--replaces", "00", "--as-of", AsOf,
            "--plan", Path.Combine(temp, "y.ps1"), "--culture", "ja");
        Assert.Equal(ExitCodes.Usage, notThere.Code);
        Assert.Contains("--replaces で指定した証明書 00 は、どのサーバーの証明書ストアにもありません。", notThere.Error, StringComparison.Ordinal);
        AllJapanese(notThere.Error);

        var unknownServer = Run("renew", $"{Renewal}/dump", "--new", $"{Renewal}/mail-2026.pfx", "--password", Password, "--on", "EX99", "--as-of", AsOf,
            "--plan", Path.Combine(temp, "z.ps1"), "--culture", "ja");
        Assert.Equal(ExitCodes.Usage, unknownServer.Code);
        Assert.Contains("ダンプにサーバー 'EX99' はありません。", unknownServer.Error, StringComparison.Ordinal);
        AllJapanese(unknownServer.Error);

        // In English, the same refusal reads as it always has.
        var english = Run("renew", $"{Renewal}/dump", "--new", $"{Renewal}/mail-2026.pfx", "--password", Password, "--on", "EX99", "--as-of", AsOf,
            "--plan", Path.Combine(temp, "w.ps1"));
        Assert.Contains("There is no server 'EX99' in the dump.", english.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Renew_says_what_it_wrote_in_Japanese()
    {
        var plan = Path.Combine(temp, "renew.ps1");
        var (code, _, error) = Run("renew", $"{Renewal}/dump", "--new", $"{Renewal}/mail-2026.pfx", "--password", Password, "--as-of", AsOf,
            "--plan", plan, "--culture", "ja");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains($"更新計画を {plan} に書き出しました (", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrote the renewal plan", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_refuses_in_Japanese()
    {
        var early = Run("timeline", Healthy, "--as-of", AsOf, "--until", "2026-05-01", "--culture", "ja");
        Assert.Equal(ExitCodes.Usage, early.Code);
        Assert.Contains("--until には基準日 (2026-06-01) より後の日付を指定してください。", early.Error, StringComparison.Ordinal);
        AllJapanese(early.Error);

        var missing = Run("timeline", "no-such-dump", "--culture", "ja");
        Assert.Equal(ExitCodes.InputUnreadable, missing.Code);
        Assert.Contains("no-such-dump: $: ファイルまたはフォルダーがありません。", missing.Error, StringComparison.Ordinal);
        AllJapanese(missing.Error);
    }
}
