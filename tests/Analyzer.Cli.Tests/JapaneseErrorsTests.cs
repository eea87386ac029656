using System.Text.RegularExpressions;

namespace Extls.Cli.Tests;

/// <summary>With --culture ja, what the command line itself writes (usage errors, input errors, hints) is Japanese.</summary>
public sealed class JapaneseErrorsTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    private static bool Japanese(string text) => Regex.IsMatch(text, "[\\p{IsHiragana}\\p{IsKatakana}]");

    [Theory]
    [InlineData("--format", "xml", "形式 'xml' は不明です")]
    [InlineData("--fail-on", "sometimes", "--fail-on 'sometimes' は不明です")]
    [InlineData("--as-of", "yesterday", "--as-of 'yesterday' は ISO 8601")]
    [InlineData("--warning-days", "-1", "--warning-days には 0 以上")]
    [InlineData("--bogus", "x", "オプション '--bogus' は不明です")]
    public void A_usage_error_is_Japanese_and_still_exit_2(string option, string value, string expected)
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), option, value, "--culture", "ja"));
        Assert.Contains(expected, cli.Error, StringComparison.Ordinal);

        // The same mistake in English says it in English.
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), option, value));
        Assert.False(Japanese(cli.Error), cli.Error);
    }

    [Fact]
    public void The_culture_is_read_wherever_it_stands_and_in_either_spelling()
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", "--culture=ja", cli.Dump(), "--format", "xml"));
        Assert.Contains("形式 'xml' は不明です", cli.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, cli.Run("rules", "show", "EXTLS0000", "--culture", "ja"));
        Assert.Contains("ルール ID 'EXTLS0000' は不明です", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parse_error_ends_with_a_Japanese_hint()
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", "--warning-days", "thirty", "--culture", "ja"));
        Assert.Contains("'extls --help --culture ja' または 'extls <command> --help --culture ja' で確認できます", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parsers_own_errors_are_Japanese_too()
    {
        // An argument no command takes: System.CommandLine words it from its own resources.
        Assert.Equal(ExitCodes.Usage, cli.Run("rules", "list", "extra", "--culture", "ja"));
        var first = cli.Error.Split('\n')[0];
        Assert.True(Japanese(first), cli.Error);
        Assert.DoesNotContain("Unrecognized", cli.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, cli.Run("rules", "list", "extra"));
        Assert.Contains("Unrecognized", cli.Error, StringComparison.Ordinal);
        // The Japanese parse left the thread's UI culture as it was.
        Assert.NotEqual("ja", System.Globalization.CultureInfo.CurrentUICulture.Name);
    }

    [Fact]
    public void Every_parse_error_reads_as_a_Japanese_sentence_with_no_English_left()
    {
        // A required option left out, a command's required argument left out: System.CommandLine's own Japanese keeps
        // the first in English and words the second machine-like; extls says both.
        Assert.Equal(ExitCodes.Usage, cli.Run("explain", cli.Dump(), "--culture", "ja"));
        Assert.StartsWith("オプション --server は必須です。\n", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("is required", cli.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, cli.Run("rules", "show", "--culture", "ja"));
        Assert.StartsWith("コマンド show に必要な引数がありません。\n", cli.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", "--warning-days", "thirty", "--culture", "ja"));
        Assert.StartsWith("オプション --warning-days の値 'thirty' を解釈できません (整数が必要です)。\n", cli.Error, StringComparison.Ordinal);

        // In English, System.CommandLine's own words.
        Assert.Equal(ExitCodes.Usage, cli.Run("explain", cli.Dump()));
        Assert.StartsWith("Option '--server' is required.", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parse_error_no_pattern_knows_keeps_its_original_words_marked_as_such()
    {
        Assert.Equal("コマンド ラインを解析できません (詳細: 「Something new went wrong.」)。", JapaneseHelp.ParseError("Something new went wrong."));
    }

    [Fact]
    public void A_path_that_does_not_exist_is_an_input_error_in_Japanese()
    {
        Assert.Equal(ExitCodes.InputUnreadable, cli.Run("analyze", "no-such-dump", "--culture", "ja"));
        Assert.Contains("no-such-dump: $: ファイルまたはフォルダーがありません。", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_hint_is_Japanese()
    {
        var root = Directory.CreateTempSubdirectory("extls-hint-");
        try
        {
            var dump = Directory.CreateDirectory(Path.Combine(root.FullName, "dump"));
            Directory.CreateDirectory(Path.Combine(dump.FullName, "servers"));
            File.WriteAllText(Path.Combine(dump.FullName, "manifest.json"), "{}");
            var hint = PathHints.For(Path.Combine(dump.FullName, "servers"), "dump/servers");
            var problem = new Extls.Model.ImportProblem("dump/servers", 0, "$", Extls.Model.ProblemKind.PathNotFound) { Hint = hint };
            Assert.EndsWith($"これはダンプ内の servers{Path.DirectorySeparatorChar} フォルダーです。代わりにダンプのフォルダーを指定してください: dump",
                Extls.Reporting.ProblemWording.Message(problem, "ja"), StringComparison.Ordinal);
            Assert.Contains("It is the servers", Extls.Reporting.ProblemWording.Message(problem, "en"), StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}

/// <summary>--culture ja describes every command, option and argument in Japanese.</summary>
public sealed class JapaneseHelpTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Every_symbol_of_the_command_tree_has_Japanese_help()
    {
        var root = CliApp.BuildRoot(cli.Host());
        var symbols = JapaneseHelp.Symbols(root).ToList();
        var missing = symbols.Where(s => !JapaneseHelp.Keys.Contains(s.Key)).Select(s => $"[\"{s.Key}\"] = \"\", // {s.Symbol.Description}").ToList();
        Assert.True(missing.Count == 0, "Japanese help missing for:\n" + string.Join("\n", missing));

        // And nothing is translated that the tree no longer has.
        var stale = JapaneseHelp.Keys.Except(symbols.Select(s => s.Key), StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "Japanese help for symbols the tree does not have: " + string.Join(", ", stale));
    }

    [Fact]
    public void The_words_System_CommandLine_writes_into_the_help_are_Japanese_too()
    {
        Assert.Equal(0, cli.Run("explain", "--help", "--culture", "ja"));
        foreach (var word in new[] { "説明:", "使用法:", "引数:", "オプション:", "(必須)", "[既定: console]", "ヘルプと使用法を表示します。" })
        {
            Assert.Contains(word, cli.Out, StringComparison.Ordinal);
        }

        foreach (var word in new[] { "Description:", "Usage:", "Options:", "(REQUIRED)", "[default:", "Show help and usage information" })
        {
            Assert.DoesNotContain(word, cli.Out, StringComparison.Ordinal);
        }

        // "(必須)" takes the terminal columns of "(REQUIRED)" (a full-width character takes two): the descriptions stay in one column.
        var lines = cli.Out.Split('\n');
        static int Columns(string line, string upTo) => line[..line.IndexOf(upTo, StringComparison.Ordinal)].Sum(c => c is >= '\u3000' and <= '\u9fff' or >= '\uff00' and <= '\uffef' ? 2 : 1);
        Assert.Equal(Columns(lines.Single(l => l.Contains("--connector", StringComparison.Ordinal)), "この受信コネクタ"),
            Columns(lines.Single(l => l.Contains("--server", StringComparison.Ordinal)), "説明する"));

        Assert.Equal(0, cli.Run("explain", "--help"));
        Assert.Contains("Usage:", cli.Out, StringComparison.Ordinal);
        Assert.Contains("(REQUIRED)", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Extls_with_only_a_culture_shows_the_help_in_that_language()
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("--culture", "ja"));
        Assert.Contains("コマンド:", cli.Out, StringComparison.Ordinal);
        Assert.Contains("Exchange 組織のダンプを分析します", cli.Out, StringComparison.Ordinal);
        Assert.Equal("", cli.Error);
    }

    [Fact]
    public void Help_in_Japanese_describes_the_command_and_its_options_in_Japanese()
    {
        Assert.Equal(0, cli.Run("analyze", "--help", "--culture", "ja"));
        Assert.Contains("--format", cli.Out, StringComparison.Ordinal);
        Assert.Matches("[\\p{IsHiragana}\\p{IsKatakana}]", cli.Out);
        Assert.DoesNotContain("Output format: console (default)", cli.Out, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("analyze", "--help"));
        Assert.Contains("Output format: console (default)", cli.Out, StringComparison.Ordinal);
    }
}
