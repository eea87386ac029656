using System.IO.Compression;
using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary>
/// <c>extls batch</c> over copies of committed scenario dumps, through the real libraries: each dump is
/// its own organisation and comes to what <c>extls analyze</c> gives it, whatever the order of completion.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class BatchCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "extls-batch-" + Guid.NewGuid().ToString("N"));

    public BatchCommandTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private (int Code, string Out, string Error) Run(string[] args, bool errorInteractive = false)
    {
        // Redirected standard error is what a started extls has too (InProcessCli, which may run a published one); a live
        // progress display needs a terminal, which only a host built here can pretend to be.
        if (!errorInteractive)
        {
            return InProcessCli.RunIn(root, args);
        }

        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var host = new CliHost(output, error, true, 120, _ => null, root, new LibraryServices(root))
        {
            ErrorInteractive = errorInteractive,
            ProgressDelay = TimeSpan.Zero,
        };
        var code = CliApp.Run(args, host);
        return (code, output.ToString(), error.ToString());
    }

    private (int Code, string Out, string Error) Run(params string[] args) => Run(args, false);

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string Scenario(string name) => Path.Combine(Repository.Root, "snapshots", "scenarios", name);

    /// <summary>
    /// customers/ with a healthy dump, a dump whose internal certificate is not in the store, a zipped
    /// dump, an organisation joined with its Edge's dump, and a copy of the sample whose EX02 receive
    /// connectors file has a JSON syntax error on line 3.
    /// </summary>
    private void Customers()
    {
        Copy(Path.Combine(Scenario("001-healthy-baseline"), "dump"), Path.Combine(root, "customers", "healthy"));
        Copy(Path.Combine(Scenario("008-p1-not-in-store"), "dump"), Path.Combine(root, "customers", "notinstore"));
        Copy(Path.Combine(Scenario("019-p2-edge-certificate-replaced"), "dump"), Path.Combine(root, "customers", "withedge", "dump"));
        Copy(Path.Combine(Scenario("019-p2-edge-certificate-replaced"), "edge-dump"), Path.Combine(root, "customers", "withedge", "edge-dump"));
        ZipFile.CreateFromDirectory(Path.Combine(Scenario("006-p1-ad-empty"), "dump"), Path.Combine(root, "customers", "zipped.zip"));
        Copy(Path.Combine(Repository.Root, "snapshots", "sample", "dump"), Path.Combine(root, "customers", "corrupt"));
        File.WriteAllText(Path.Combine(root, "customers", "corrupt", "servers", "EX02", "ReceiveConnector.json"),
            "[\n  {\n    \"Identity\": \"EX02\\\\Default EX02\",,\n    \"Name\": \"Default EX02\"\n  }\n]\n");
    }

    private static readonly string[] Dumps =
    [
        Path.Combine("customers", "corrupt"),
        Path.Combine("customers", "healthy"),
        Path.Combine("customers", "notinstore"),
        Path.Combine("customers", "withedge"),
        Path.Combine("customers", "zipped.zip"),
    ];

    /// <summary>The analyze command's own answer for one dump: the oracle each batch row must match.</summary>
    private (int Code, string Json) Analyze(params string[] paths)
    {
        var (code, json, _) = Run([.. new[] { "analyze" }, .. paths, "--format", "json"]);
        return (code, json);
    }

    private static string[] Rows(string table) =>
        [.. table.Split('\n').Where(l => l.StartsWith("  customers", StringComparison.Ordinal)).Select(l => l.Trim())];

    [Fact]
    public void Each_dump_is_its_own_organisation_and_gets_the_exit_code_and_report_analyze_gives_it()
    {
        Customers();
        var (code, output, error) = Run("batch", "customers", "--output-dir", "reports", "--format", "json", "--format", "console");

        var expected = new Dictionary<string, (int Code, string Json)>
        {
            ["corrupt"] = Analyze(Dumps[0]),
            ["healthy"] = Analyze(Dumps[1]),
            ["notinstore"] = Analyze(Dumps[2]),
            ["withedge"] = Analyze(Path.Combine(Dumps[3], "dump"), Path.Combine(Dumps[3], "edge-dump")),
            ["zipped"] = Analyze(Dumps[4]),
        };
        Assert.Equal([ExitCodes.InputUnreadable, ExitCodes.Ok, ExitCodes.Findings, ExitCodes.Findings, ExitCodes.Findings],
            expected.Values.Select(e => e.Code));

        // One row per dump, sorted by path, and its exit code is analyze's.
        var rows = Rows(output);
        Assert.Equal(Dumps.Length, rows.Length);
        for (var i = 0; i < Dumps.Length; i++)
        {
            Assert.StartsWith(Dumps[i] + " ", rows[i], StringComparison.Ordinal);
            Assert.EndsWith(" " + expected.Values.ElementAt(i).Code, rows[i], StringComparison.Ordinal);
        }

        // The joined organisation has the Edge server too: three servers, not two.
        Assert.Matches(@"withedge\s+Contoso\s+3\s", rows[3]);
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains("5 dumps; worst exit code 3.", output, StringComparison.Ordinal);

        // Each dump's JSON is byte for byte what analyze writes for it; the corrupt one still got its report.
        foreach (var (name, (_, json)) in expected)
        {
            Assert.Equal(json, File.ReadAllText(Path.Combine(root, "reports", name + ".json")));
            Assert.True(File.Exists(Path.Combine(root, "reports", name + ".txt")), name);
        }

        // The corrupt dump's problem names its file and line, and is the only problem.
        var corruptFile = Path.Combine("customers", "corrupt", "servers", "EX02", "ReceiveConnector.json");
        Assert.Contains(corruptFile + ":3:", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(corruptFile, StringComparison.Ordinal));
        Assert.DoesNotContain("healthy", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_and_the_reports_do_not_depend_on_the_order_dumps_finish_in()
    {
        Customers();
        var serial = Run("batch", "customers", "--parallel", "1", "--output-dir", "serial", "--format", "sarif");
        var parallel = Run("batch", "customers", "--parallel", "4", "--output-dir", "parallel", "--format", "sarif");
        Assert.Equal(serial.Code, parallel.Code);
        Assert.Equal(serial.Out, parallel.Out);
        Assert.Equal(serial.Error, parallel.Error);
        var names = Directory.GetFiles(Path.Combine(root, "serial")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["corrupt.sarif", "healthy.sarif", "notinstore.sarif", "withedge.sarif", "zipped.sarif"], names);
        foreach (var name in names)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(root, "serial", name)), File.ReadAllText(Path.Combine(root, "parallel", name)));
        }
    }

    [Fact]
    public void A_dump_that_cannot_be_read_at_all_is_exit_3_with_no_report_and_the_others_complete()
    {
        Copy(Path.Combine(Scenario("001-healthy-baseline"), "dump"), Path.Combine(root, "in", "good"));
        Directory.CreateDirectory(Path.Combine(root, "in"));
        File.WriteAllBytes(Path.Combine(root, "in", "truncated.zip"), [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]);
        var (code, output, error) = Run("batch", "in", "--output-dir", "out", "--format", "json");

        Assert.Equal(ExitCodes.InputUnreadable, code);
        var rows = output.Split('\n').Where(l => l.StartsWith("  in", StringComparison.Ordinal)).ToArray();
        Assert.Matches(@"^  in.good\s+Contoso\s+2\s+0\s+0\s+0$", rows[0]);
        Assert.Matches(@"^  in.truncated\.zip\s+—\s+—\s+—\s+—\s+3$", rows[1]);
        Assert.Contains("truncated.zip", error, StringComparison.Ordinal);
        Assert.Contains("not a readable zip", error, StringComparison.Ordinal);
        Assert.Equal(["good.json"], Directory.GetFiles(Path.Combine(root, "out")).Select(f => Path.GetFileName(f)).ToArray());
    }

    [Fact]
    public void Dumps_of_the_same_name_get_numbered_reports_in_table_order()
    {
        Copy(Path.Combine(Scenario("001-healthy-baseline"), "dump"), Path.Combine(root, "a", "contoso"));
        Copy(Path.Combine(Scenario("008-p1-not-in-store"), "dump"), Path.Combine(root, "b", "Contoso"));
        var (code, _, error) = Run("batch", "a", "b", "--output-dir", "out", "--format", "json");

        Assert.True(code == ExitCodes.Findings, error);
        Assert.Equal(Analyze(Path.Combine("a", "contoso")).Json, File.ReadAllText(Path.Combine(root, "out", "contoso.json")));
        Assert.Equal(Analyze(Path.Combine("b", "Contoso")).Json, File.ReadAllText(Path.Combine(root, "out", "Contoso-2.json")));
    }

    [Fact]
    public void A_folder_that_is_itself_a_dump_is_one_organisation_and_the_output_folder_inside_is_not_a_dump()
    {
        Copy(Path.Combine(Scenario("008-p1-not-in-store"), "dump"), Path.Combine(root, "in", "one"));
        var first = Run("batch", "in", "--output-dir", Path.Combine("in", "reports"), "--format", "json");
        var second = Run("batch", "in", "--output-dir", Path.Combine("in", "reports"), "--format", "json");
        Assert.Equal(first.Out, second.Out);
        Assert.Single(first.Out.Split('\n'), l => l.StartsWith("  in", StringComparison.Ordinal));

        var (code, output, _) = Run("batch", Path.Combine("in", "one"));
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains(Path.Combine("in", "one") + " ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_folder_is_reported_not_skipped()
    {
        Directory.CreateDirectory(Path.Combine(root, "nothing"));
        var (code, output, error) = Run("batch", "nothing");
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains("nothing", output, StringComparison.Ordinal);
        Assert.Contains("nothing: No dump folder or zipped dump inside.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--parallel", "0")]
    [InlineData("--format", "json")]
    [InlineData("--format", "xml")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        Directory.CreateDirectory(Path.Combine(root, "in"));
        var (code, output, error) = Run("batch", "in", option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Help_documents_the_exit_code()
    {
        var (code, output, _) = Run("batch", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("worst (highest)", output, StringComparison.Ordinal);
        Assert.Contains("--parallel", output, StringComparison.Ordinal);
        Assert.Contains("--output-dir", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_goes_to_an_interactive_stderr_only_and_never_changes_stdout_or_the_reports()
    {
        Customers();
        var plain = Run(["batch", "customers", "--output-dir", "plain", "--format", "json"], errorInteractive: false);
        var live = Run(["batch", "customers", "--output-dir", "live", "--format", "json"], errorInteractive: true);

        Assert.Equal(plain.Code, live.Code);
        Assert.Equal(plain.Out, live.Out);
        Assert.DoesNotContain("Analysing dumps", plain.Error, StringComparison.Ordinal);
        Assert.Contains("Analysing dumps", live.Error, StringComparison.Ordinal);
        Assert.Contains("5 of 5 done", live.Error, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(root, "plain")))
        {
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(root, "live", Path.GetFileName(file))));
        }
    }
}
