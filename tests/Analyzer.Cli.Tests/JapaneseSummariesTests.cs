using System.Text.RegularExpressions;
using Extls.Reporting;
using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary>
/// With --culture ja, the summaries of validate, generate and batch and the table of analyze --timings are Japanese, through
/// the real libraries; without it they are the English they have always been.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class JapaneseSummariesTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "extls-ja-" + Guid.NewGuid().ToString("N"));

    public JapaneseSummariesTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.RunIn(root, args);

    private string Copy(string scenario, string name)
    {
        var source = Path.Combine(Repository.Root, "snapshots", scenario, "dump");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, name, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return name;
    }

    [Fact]
    public void Validate_speaks_japanese_on_a_clean_and_on_a_broken_dump()
    {
        var clean = Copy("sample", "clean");
        var (code, output, error) = Run("validate", clean, "--culture", "ja");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("clean: 問題はありません。\n", output);
        Assert.Equal("", error);

        var broken = Copy("sample", "broken");
        File.WriteAllText(Path.Combine(root, broken, "servers", "EX02", "ReceiveConnector.json"), "[\n  {,\n]\n");
        (code, output, error) = Run("validate", broken, "missing", "--culture", "ja");
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Equal("", output);
        Assert.EndsWith("問題は 2 件です。\n", error, StringComparison.Ordinal);
        Assert.Contains("missing: $: ファイルまたはフォルダーがありません。", error, StringComparison.Ordinal);
        // What the JSON library said about the file is quoted as it said it, inside the Japanese sentence.
        var quoted = Regex.Match(error, @"正しくありません \((.*)\)。").Groups[1].Value;
        Assert.NotEmpty(quoted);
        JapaneseText.AssertAllJapanese(error, "missing", "broken/servers/EX02/ReceiveConnector.json", "JSON", quoted);

        // A dump's servers/ folder is named with the folder to pass instead.
        (code, _, error) = Run("validate", Path.Combine(clean, "servers"), "--culture", "ja");
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains($"これはダンプ内の servers{Path.DirectorySeparatorChar} フォルダーです。代わりにダンプのフォルダーを指定してください: clean\n", error, StringComparison.Ordinal);

        // English stays as it was.
        (_, output, _) = Run("validate", clean);
        Assert.Equal("clean: no problems.\n", output);
        (_, _, error) = Run("validate", broken);
        Assert.EndsWith("\n1 problem.\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_speaks_japanese()
    {
        var (code, output, error) = Run("generate", "--servers", "6", "--out", "org", "--seed", "3", "--culture", "ja");
        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^6 台のサーバー \(メールボックス サーバー 5 台、エッジ トランスポート サーバー 1 台\) を PowerShell 7 の形式で書き出しました: ファイル \d+ 個、[\d.]+ MB。$", lines[0]);
        Assert.StartsWith("壊したサーバー: 1 台 (", lines[1], StringComparison.Ordinal);
        Assert.Equal("分析するには: extls analyze org", lines[2]);
        var kinds = Enum.GetValues<Extls.Generation.Organizations.BreakKind>().Select(k => Extls.Generation.Organizations.BreakKinds.Name(k));
        JapaneseText.AssertAllJapanese(output, [.. kinds, "extls analyze org", "PowerShell 7", "MB"]);

        (code, output, _) = Run("generate", "--servers", "6", "--out", "org2", "--seed", "3");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("Wrote 6 servers (5 Mailbox, 1 Edge) in PowerShell 7 style: ", output, StringComparison.Ordinal);
        Assert.Contains("\nBroken: 1 servers; ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_help_in_japanese_lists_every_kind_of_break_it_names()
    {
        var (code, output, _) = Run("generate", "--help", "--culture", "ja");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("次のいずれかの方法で壊した", output, StringComparison.Ordinal);
        foreach (var kind in Extls.Generation.Organizations.BreakKinds.All)
        {
            Assert.Matches($"\n +{Regex.Escape(Extls.Generation.Organizations.BreakKinds.Name(kind))}: [^\n]*[\u3040-\u30FF][^\n]*EXTLS\\d{{4}}", output);
        }
    }

    [Fact]
    public void Timings_speak_japanese_in_aligned_columns()
    {
        var dump = Copy(Path.Combine("scenarios", "008-p1-not-in-store"), "dump");
        var (code, _, error) = Run("analyze", dump, "--format", "console", "--output", "-", "--format", "json", "--output", "r.json", "--timings", "--culture", "ja");
        Assert.Equal(ExitCodes.Findings, code);
        var table = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] phases =
        [
            "起動 (ランタイム、コマンド ライン)", "ダンプの読み込み", "サーバー自身のログの読み込み", "2 台のサーバーの再現とルールの評価",
            "json レポートの r.json への書き出し", "console レポートの画面への書き出し", "合計",
        ];
        Assert.Equal(phases.Length + 2, table.Length);
        Assert.Matches("^extls: 所要時間 +経過時間 +CPU 時間$", table[0]);
        for (var i = 0; i < phases.Length; i++)
        {
            Assert.StartsWith("  " + phases[i] + " ", table[i + 1], StringComparison.Ordinal);
            Assert.Matches(@" +[\d,]+ ms +[\d,]+ ms$", table[i + 1]);
        }

        // Every figure and its column name end in the same terminal column, Japanese taking two a character.
        var ends = table[1..^1].Select(CommandWording.Width).Append(CommandWording.Width(table[0])).Distinct().ToList();
        Assert.Single(ends);
        Assert.Matches(@"^  最大メモリ [\d,]+ MB、確保したメモリ [\d,]+ MB、ガベージ コレクション \d+/\d+/\d+ 回 \(第 0/1/2 世代\)$", table[^1]);
        JapaneseText.AssertAllJapanese(error, "extls", "json", "console", "r.json", "CPU", "MB", "ms");
    }

    [Fact]
    public void Batch_speaks_japanese_for_what_it_cannot_analyse()
    {
        Directory.CreateDirectory(Path.Combine(root, "nothing"));
        var (code, output, error) = Run("batch", "nothing", "gone", "--culture", "ja");
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains("nothing: 中にダンプのフォルダーも zip 形式のダンプもありません。", error, StringComparison.Ordinal);
        Assert.Contains("gone: ファイルまたはフォルダーがありません。", error, StringComparison.Ordinal);
        JapaneseText.AssertAllJapanese(error, "nothing", "gone", "zip");
        Assert.Contains("終了コード", output, StringComparison.Ordinal);
        Assert.Contains("2 件のダンプ。最も悪い終了コードは 3 です。", output, StringComparison.Ordinal);
    }
}
