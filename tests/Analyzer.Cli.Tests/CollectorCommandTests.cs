using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary><c>extls collector</c>: the script that ships inside the tool, written out for an administrator.</summary>
public sealed class CollectorCommandTests : IDisposable
{
    private readonly CliRun cli = new();

    private static string RepositoryScript => Path.Combine(Repository.Root, "src", "Collector", ToolFiles.CollectorFileName);

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Help_says_what_the_script_does_and_every_option()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("collector", "--help"));
        Assert.Contains("Usage:", cli.Out, StringComparison.Ordinal);
        Assert.Contains("--output", cli.Out, StringComparison.Ordinal);
        Assert.Contains("--force", cli.Out, StringComparison.Ordinal);
        Assert.Contains("Exchange Management Shell", cli.Out, StringComparison.Ordinal);
        Assert.Contains("never exports a private key", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_script_byte_for_byte_into_a_new_folder()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("collector", "--output", "out/collector"));
        var written = Path.Combine(cli.Folder, "out", "collector", ToolFiles.CollectorFileName);
        Assert.Equal(File.ReadAllBytes(RepositoryScript), File.ReadAllBytes(written));
        Assert.Contains(written, cli.Out, StringComparison.Ordinal);
        Assert.Contains("-OutputPath", cli.Out, StringComparison.Ordinal);
        Assert.Equal("", cli.Error);

        // Nothing but the script: no temporary file left beside it.
        Assert.Equal([written], Directory.GetFiles(Path.GetDirectoryName(written)!));
    }

    /// <summary>
    /// Windows PowerShell 5.1 reads a script without a byte-order mark in the ANSI code page. The renewal plan carries
    /// customer names, so renew writes it with a mark; the collector carries none and stays plain ASCII, which every code
    /// page reads alike, so it is written byte for byte without one. A non-ASCII character added to it would need a mark.
    /// </summary>
    [Fact]
    public void The_script_is_plain_ASCII_so_Windows_PowerShell_reads_it_alike_in_every_code_page()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("collector", "--output", "out"));
        var bytes = File.ReadAllBytes(Path.Combine(cli.Folder, "out", ToolFiles.CollectorFileName));
        Assert.NotEmpty(bytes);
        var first = Array.FindIndex(bytes, b => b > 0x7F);
        Assert.True(first < 0, $"byte 0x{(first < 0 ? 0 : bytes[first]):X2} at offset {first} is not ASCII");
    }

    [Fact]
    public void Refuses_to_overwrite_an_existing_script_without_force()
    {
        var folder = Path.Combine(cli.Folder, "dump-tools");
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, ToolFiles.CollectorFileName);
        File.WriteAllText(target, "# an administrator's edited copy\n");

        Assert.Equal(ExitCodes.Usage, cli.Run("collector", "-o", "dump-tools"));
        Assert.Contains("already exists", cli.Error, StringComparison.Ordinal);
        Assert.Contains("--force", cli.Error, StringComparison.Ordinal);
        Assert.Equal("# an administrator's edited copy\n", File.ReadAllText(target));

        Assert.Equal(ExitCodes.Ok, cli.Run("collector", "-o", "dump-tools", "--force"));
        Assert.Equal(File.ReadAllBytes(RepositoryScript), File.ReadAllBytes(target));
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_exit_2_with_the_reason()
    {
        // Under a file: no folder can be made there, whoever runs the test (root ignores permission bits).
        File.WriteAllText(Path.Combine(cli.Folder, "a-file"), "x");
        Assert.Equal(ExitCodes.Usage, cli.Run("collector", "--output", "a-file/sub"));
        Assert.Contains($"Cannot write {ToolFiles.CollectorFileName} into 'a-file/sub'", cli.Error, StringComparison.Ordinal);
        Assert.Equal("", cli.Out);
    }

    [Fact]
    public void A_file_given_as_the_folder_is_exit_2()
    {
        File.WriteAllText(Path.Combine(cli.Folder, "not-a-folder"), "x");
        Assert.Equal(ExitCodes.Usage, cli.Run("collector", "--output", "not-a-folder"));
        Assert.Contains("is a file, not a folder", cli.Error, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(Path.Combine(cli.Folder, "not-a-folder")));
    }

    [Fact]
    public void Output_is_required() => Assert.Equal(ExitCodes.Usage, cli.Run("collector"));

    [Fact]
    public void The_script_also_lies_beside_the_tool_as_in_the_package()
    {
        var beside = Path.Combine(ToolFiles.BaseDirectory, "collector", ToolFiles.CollectorFileName);
        Assert.True(File.Exists(beside), beside + " is missing from the build output");
        Assert.Equal(File.ReadAllBytes(RepositoryScript), File.ReadAllBytes(beside));
    }
}

/// <summary><c>extls rules show</c> names a page that exists beside the tool.</summary>
public sealed class RulesShowPageTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Rules_show_names_the_page_beside_the_tool_and_it_is_the_repository_page()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("rules", "show", "EXTLS1004"));
        var line = cli.Out.Split('\n').Single(l => l.TrimStart().StartsWith("Documentation:", StringComparison.Ordinal));
        var path = line.Trim()["Documentation:".Length..].Trim();
        Assert.Equal(Path.Combine(ToolFiles.BaseDirectory, "rules", "EXTLS1004.md"), path);
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, "rules", "EXTLS1004.md")), File.ReadAllText(path));
    }

    [Fact]
    public void Every_rule_page_and_the_documentation_lie_beside_the_tool()
    {
        var rules = Path.Combine(Repository.Root, "rules");
        var pages = Directory.GetFiles(rules, "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(pages);
        Assert.Equal(pages, Directory.GetFiles(Path.Combine(ToolFiles.BaseDirectory, "rules"), "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var docs = Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(docs);
        Assert.Equal(docs, Directory.GetFiles(Path.Combine(ToolFiles.BaseDirectory, "docs"), "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
