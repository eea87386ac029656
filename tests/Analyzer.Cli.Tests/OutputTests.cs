using Extls.Reporting;

namespace Extls.Cli.Tests;

/// <summary>Every way an output can be wrong is the user's to fix: exit 2 naming the path, before any work, and never half a file.</summary>
public sealed class OutputTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    private string Full(string relative) => Path.Combine(cli.Folder, relative);

    [Fact]
    public void A_folder_as_output_is_a_usage_error_naming_it_before_any_analysis()
    {
        Directory.CreateDirectory(Full("reports"));
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "-f", "json", "-o", "reports"));
        Assert.Contains("--output 'reports' is a folder", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", cli.Error, StringComparison.Ordinal);
        Assert.Null(cli.Services.LastAnalysis);
    }

    [Fact]
    public void A_parent_that_cannot_be_created_is_a_usage_error_naming_the_path()
    {
        File.WriteAllText(Full("notes.txt"), "a file, not a folder");
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "-f", "sarif", "-o", "notes.txt/extls.sarif"));
        Assert.Contains("'notes.txt/extls.sarif' does not exist and cannot be created", cli.Error, StringComparison.Ordinal);
        Assert.Null(cli.Services.LastAnalysis);
    }

    [Fact]
    public void A_missing_parent_that_can_be_created_is_created()
    {
        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", cli.Dump(), "-f", "junit", "-o", "out/deeper/junit.xml"));
        Assert.True(File.Exists(Full("out/deeper/junit.xml")));
        Assert.Empty(Directory.GetFiles(Full("out/deeper"), "*.tmp"));
    }

    [Fact]
    public void An_unwritable_place_is_a_usage_error_naming_the_path()
    {
        // Nothing, not even root, can create a file under /proc; elsewhere a read-only file stands in.
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "-f", "csv", "-o", "/proc/extls.csv"));
            Assert.Contains("'/proc/extls.csv'", cli.Error, StringComparison.Ordinal);
        }

        File.WriteAllText(Full("locked.json"), "keep");
        File.SetAttributes(Full("locked.json"), FileAttributes.ReadOnly);
        try
        {
            Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "-f", "json", "-o", "locked.json"));
            Assert.Contains("--output 'locked.json' cannot be written: the file is read-only", cli.Error, StringComparison.Ordinal);
            Assert.Equal("keep", File.ReadAllText(Full("locked.json")));
        }
        finally
        {
            File.SetAttributes(Full("locked.json"), FileAttributes.Normal);
        }
    }

    [Theory]
    [InlineData("r.json", "./r.json")]
    [InlineData("r.json", "sub/../r.json")]
    public void Two_formats_to_one_file_are_refused(string first, string second)
    {
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "-f", "json", "-o", first, "-f", "sarif", "-o", second));
        Assert.Contains($"--format json --output '{first}' and --format sarif --output '{second}' name the same file", cli.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Full("r.json")));
    }

    [Fact]
    public void Paths_differing_in_case_are_one_file_where_the_system_ignores_case()
    {
        var code = cli.Run("analyze", cli.Dump(), "-f", "json", "-o", "report.json", "-f", "sarif", "-o", "REPORT.json");
        var ignoresCase = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();
        Assert.Equal(ignoresCase ? ExitCodes.Usage : ExitCodes.Ok, code);
        Assert.Equal(ignoresCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal, OutputFile.PathComparer);
    }

    [Fact]
    public void Paths_are_resolved_against_the_working_folder_not_the_process_s()
    {
        var absolute = Full("abs.json");
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "-f", "json", "-o", "abs.json", "-f", "sarif", "-o", absolute));
        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", cli.Dump(), "-f", "json", "-o", "abs.json"));
        Assert.True(File.Exists(absolute));
    }

    [Fact]
    public void A_write_that_fails_leaves_the_old_file_as_it_was_and_no_temporary_file()
    {
        var target = Full("report.json");
        File.WriteAllText(target, "the previous report");
        var e = Assert.Throws<UsageException>(() => OutputFile.Write(target, writer =>
        {
            writer.Write("{ \"half\": ");
            throw new IOException("No space left on device");
        }, "report.json"));
        Assert.Equal("'report.json' could not be written, and is left as it was: No space left on device", e.Message);
        Assert.Equal("the previous report", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(cli.Folder));

        // A fault of the writer itself (a bug) is not the user's: it stays an internal error, and leaves nothing either.
        Assert.Throws<InvalidOperationException>(() => OutputFile.Write(target, _ => throw new InvalidOperationException("bug"), "report.json"));
        Assert.Equal("the previous report", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(cli.Folder));
    }

    [Fact]
    public void Other_commands_writing_to_a_folder_are_usage_errors_too()
    {
        Directory.CreateDirectory(Full("snapshot"));
        Assert.Equal(ExitCodes.Usage, cli.Run("import", cli.Dump(), "-o", "snapshot"));
        Assert.Contains("'snapshot' is a folder", cli.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, cli.Run("matrix", cli.Dump(), "-o", "snapshot"));
        Assert.Contains("'snapshot' is a folder", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_format_can_be_written_in_one_run_each_to_its_file()
    {
        cli.Services.Snapshot = Organisations.Both;
        var args = new List<string> { "analyze", cli.Dump() };
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            args.AddRange(["-f", format.Name(), "-o", "all/report" + format.FileExtension()]);
        }

        Assert.Equal(ExitCodes.Findings, cli.Run([.. args]));
        Assert.Equal(Enum.GetValues<ReportFormat>().Length, Directory.GetFiles(Full("all")).Length);
        Assert.All(Directory.GetFiles(Full("all")), f => Assert.Contains("EXTLS1004", File.ReadAllText(f), StringComparison.Ordinal));
    }
}
