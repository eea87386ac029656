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
        Assert.Contains("'extls --help' または 'extls <command> --help' で確認できます", cli.Error, StringComparison.Ordinal);
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
            var hint = PathHints.For(Path.Combine(dump.FullName, "servers"), "dump/servers", "ja");
            Assert.Equal($"これはダンプの中の servers{Path.DirectorySeparatorChar} フォルダーです。代わりにダンプのフォルダーを指定してください: dump", hint);
            Assert.StartsWith("It is the servers", PathHints.For(Path.Combine(dump.FullName, "servers"), "dump/servers"), StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
