using System.Text;
using System.Text.RegularExpressions;
using Extls.Cli;
using Extls.TestKit;

namespace Extls.Redaction.Tests;

/// <summary>extls redact as a user runs it: outputs, exit codes, and where the mapping file may go.</summary>
public sealed partial class CommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Dumps.ScratchFolder, "cli-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public CommandTests() => Directory.CreateDirectory(dir);

    public void Dispose()
    {
        stdout.Dispose();
        stderr.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    private static string Sample => Path.Combine(Dumps.Root, "snapshots", "sample", "dump");

    private int Run(params string[] args)
    {
        var host = new CliHost(stdout, stderr, true, 120, _ => null, dir, new LibraryServices(dir));
        return CliApp.Run(args, host);
    }

    [Fact]
    public void Redacts_to_a_folder_and_to_a_zip_and_reveals_a_report()
    {
        Assert.Equal(0, Run("redact", Sample, "-o", "red", "--key", "k"));
        Assert.True(File.Exists(Path.Combine(dir, "red", "manifest.json")));
        Assert.True(File.Exists(Path.Combine(dir, "red.mapping.json")));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(dir, "red"), "*", SearchOption.AllDirectories), f => f.Contains("mapping", StringComparison.Ordinal));
        Assert.Contains("Keep it private", stdout.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, Run("redact", Sample, "-o", "red.zip", "--key", "k", "--mapping", "zip-map.json"));
        var first = File.ReadAllBytes(Path.Combine(dir, "red.zip"));
        Assert.Equal(0, Run("redact", Sample, "-o", "red.zip", "--key", "k", "--mapping", "zip-map.json", "--force"));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(dir, "red.zip")));

        // The zip analyses like the folder.
        Assert.Equal(1, Run("analyze", "red.zip", "--format", "json", "-o", "report.json"));
        Assert.DoesNotContain("EX01", File.ReadAllText(Path.Combine(dir, "report.json")), StringComparison.Ordinal);
        Assert.Equal(0, Run("redact", "--reveal", "zip-map.json", "report.json", "-o", "revealed.json"));
        Assert.Contains("EX01\\\\Default Frontend EX01", File.ReadAllText(Path.Combine(dir, "revealed.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_the_key_is_made_and_written_only_into_the_mapping_file()
    {
        Assert.Equal(0, Run("redact", Sample, "-o", "a"));
        var map = MappingFile.Read(File.ReadAllText(Path.Combine(dir, "a.mapping.json")), "a.mapping.json");
        Assert.NotNull(map.GeneratedKey);
        var key = map.GeneratedKey!;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dir, "a"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(key, File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(key, stdout.ToString(), StringComparison.Ordinal);

        // The key recreates the same pseudonyms.
        Assert.Equal(0, Run("redact", Sample, "-o", "b", "--key", key));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a", "manifest.json")), File.ReadAllBytes(Path.Combine(dir, "b", "manifest.json")));
    }

    [Fact]
    public void Refuses_a_mapping_file_inside_the_output_and_an_output_inside_the_dump()
    {
        Assert.Equal(ExitCodes.Usage, Run("redact", Sample, "-o", "red", "--mapping", Path.Combine("red", "map.json")));
        Assert.Contains("inside the redacted dump", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "red")));

        var copy = Path.Combine(dir, "copy");
        CopyFolder(Sample, copy);
        Assert.Equal(ExitCodes.Usage, Run("redact", copy, "-o", Path.Combine(copy, "out")));
        Assert.Equal(ExitCodes.Usage, Run("redact", copy, "-o", "elsewhere", "--mapping", Path.Combine(copy, "map.json")));
    }

    [Fact]
    public void An_existing_output_or_mapping_is_kept_without_force()
    {
        Directory.CreateDirectory(Path.Combine(dir, "full"));
        File.WriteAllText(Path.Combine(dir, "full", "x.txt"), "keep");
        Assert.Equal(ExitCodes.Usage, Run("redact", Sample, "-o", "full"));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(dir, "full", "x.txt")));

        File.WriteAllText(Path.Combine(dir, "m.json"), "old");
        Assert.Equal(ExitCodes.Usage, Run("redact", Sample, "-o", "new", "--mapping", "m.json"));
        Assert.Equal("old", File.ReadAllText(Path.Combine(dir, "m.json")));
    }

    [Fact]
    public void Broken_input_is_exit_3_with_file_line_and_path_and_nothing_written()
    {
        var broken = Path.Combine(dir, "broken");
        CopyFolder(Sample, broken);
        File.WriteAllText(Path.Combine(broken, "servers", "EX02", "ReceiveConnector.json"), "[\n  {\"Identity\": \"EX02\\\\Default EX02\",\n   \"Name\": }\n]");
        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", broken, "-o", "out"));
        var err = stderr.ToString();
        Assert.Contains("servers/EX02/ReceiveConnector.json:3:", err, StringComparison.Ordinal);
        Assert.Contains("$[0]", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        Assert.False(File.Exists(Path.Combine(dir, "out.mapping.json")));

        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", Path.Combine(dir, "missing"), "-o", "out2"));
        Directory.CreateDirectory(Path.Combine(dir, "empty"));
        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", Path.Combine(dir, "empty"), "-o", "out3"));
        Assert.Contains("Not an extls dump", stderr.ToString(), StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(dir, "bad.zip"), Encoding.UTF8.GetBytes("not a zip"));
        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", "bad.zip", "-o", "out4"));
        File.WriteAllText(Path.Combine(dir, "badmap.json"), "{\"format\": 1");
        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", "--reveal", "badmap.json", "x.json"));
    }

    [Fact]
    public void An_output_that_cannot_be_written_is_exit_2()
    {
        File.WriteAllText(Path.Combine(dir, "afile"), "x");
        Assert.Equal(ExitCodes.Usage, Run("redact", Sample, "-o", Path.Combine("afile", "sub", "out"), "--mapping", "ok.json"));
        Assert.Contains("Cannot write", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_explains_the_command()
    {
        Assert.Equal(0, Run("redact", "--help"));
        var help = stdout.ToString();
        Assert.Contains("--reveal", help, StringComparison.Ordinal);
        Assert.Contains("--key", help, StringComparison.Ordinal);
        Assert.Contains("mapping file", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_speaks_japanese_when_asked()
    {
        var withNotes = Path.Combine(dir, "with-notes");
        CopyFolder(Sample, withNotes);
        File.WriteAllText(Path.Combine(withNotes, "notes.txt"), "not part of a dump");
        Assert.Equal(0, Run("redact", withNotes, "-o", "red", "--culture", "ja"));
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var target = Path.Combine(dir, "red");
        var map = Path.Combine(dir, "red.mapping.json");
        Assert.Matches(@"^\d+ 個のファイルを匿名化して " + Regex.Escape(target) + @" に書き出しました \(証明書 \d+ 個を発行し直し、仮名は \d+ 個\)。$", lines[0]);
        Assert.StartsWith($"対応表ファイル: {map}。", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("キーはこの実行のために作成し", lines[2], StringComparison.Ordinal);
        Assert.Equal("除外 (ダンプの一部ではないため匿名化していません): notes.txt", lines[3]);
        JapaneseText.AssertAllJapanese(stdout.ToString(), target, map, "extls redact --reveal red.mapping.json REPORT", "notes.txt", "key", "--key");
        Assert.Equal("", stderr.ToString());

        // The same in English, as it has always read.
        stdout.GetStringBuilder().Clear();
        Assert.Equal(0, Run("redact", withNotes, "-o", "red-en", "--key", "k"));
        Assert.StartsWith("Redacted ", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("\nPseudonyms come from your --key", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("\nLeft out (not part of a dump, so not redacted): notes.txt\n", stdout.ToString(), StringComparison.Ordinal);

        // The language changes what the command says, never what it writes.
        stdout.GetStringBuilder().Clear();
        Assert.Equal(0, Run("redact", withNotes, "-o", "zip-ja.zip", "--key", "k", "--culture", "ja"));
        Assert.Contains("仮名は指定した --key から計算しました。", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Run("redact", withNotes, "-o", "zip-en.zip", "--key", "k"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "zip-en.zip")), File.ReadAllBytes(Path.Combine(dir, "zip-ja.zip")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "zip-en.mapping.json")), File.ReadAllBytes(Path.Combine(dir, "zip-ja.mapping.json")));
    }

    [Fact]
    public void A_failing_redaction_and_reveal_speak_japanese_when_asked()
    {
        var broken = Path.Combine(dir, "broken");
        CopyFolder(Sample, broken);
        File.WriteAllText(Path.Combine(broken, "servers", "EX02", "ReceiveConnector.json"), "[\n  {\"Identity\": \"EX02\\\\Default EX02\",\n   \"Name\": }\n]");
        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", broken, "-o", "out", "--culture", "ja"));
        var err = stderr.ToString();
        Assert.Contains("servers/EX02/ReceiveConnector.json:3: $[0].Name: JSON として読み取れません (malformedJson): JSON の形式が正しくありません", err, StringComparison.Ordinal);
        Assert.EndsWith("\n何も書き出していません。\n", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        // What the JSON library said about the file is quoted as it said it, inside the Japanese sentence.
        var quoted = Regex.Match(err, @"正しくありません \((.*)\)。").Groups[1].Value;
        Assert.NotEmpty(quoted);
        JapaneseText.AssertAllJapanese(err, broken + "/servers/EX02/ReceiveConnector.json", "$[0].Name", "malformedJson", "JSON", quoted);

        stderr.GetStringBuilder().Clear();
        Directory.CreateDirectory(Path.Combine(dir, "empty"));
        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", Path.Combine(dir, "empty"), "-o", "out2", "--culture", "ja"));
        Assert.Equal($"{Path.Combine(dir, "empty")}: $: extls のダンプではありません: manifest.json、org/、servers/ のいずれもありません。\n何も書き出していません。\n", stderr.ToString());

        stderr.GetStringBuilder().Clear();
        File.WriteAllText(Path.Combine(dir, "other.json"), "{\"format\": \"other\"}");
        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", "--reveal", "other.json", "x.json", "--culture", "ja"));
        Assert.Equal("other.json:1: $.format: extls redact の対応表ファイルではありません (形式 \"extls-redaction-map/1\" である必要があります)。\n", stderr.ToString());

        stderr.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", "--reveal", "none.json", "x.json", "--culture", "ja"));
        Assert.StartsWith("none.json: $: 対応表ファイルを読み取れません (", stderr.ToString(), StringComparison.Ordinal);

        // The same failure in English reads as it always has.
        stderr.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.InputUnreadable, Run("redact", broken, "-o", "out"));
        Assert.Contains("servers/EX02/ReceiveConnector.json:3: $[0].Name: Not JSON (malformedJson): ", stderr.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\nNothing was written.\n", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_culture_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, Run("redact", Sample, "-o", "red", "--culture", "fr"));
        Assert.Contains("Unknown culture 'fr'", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "red")));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
