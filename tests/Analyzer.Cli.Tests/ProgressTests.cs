using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary>
/// The progress display of <c>extls analyze</c>: drawn on an interactive stderr only, never in stdout or
/// a report, and absent under NO_COLOR, CI and TERM=dumb.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ProgressTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "extls-progress-" + Guid.NewGuid().ToString("N"));

    public ProgressTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (int Code, string Out, string Error) Run(bool errorInteractive, Dictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var host = new CliHost(output, error, true, 120, n => environment?.GetValueOrDefault(n), folder, new LibraryServices(folder))
        {
            ErrorInteractive = errorInteractive,
            // Drawn at once, so even the small sample shows it.
            ProgressDelay = TimeSpan.Zero,
        };
        var code = CliApp.Run(args, host);
        return (code, output.ToString(), error.ToString());
    }

    private string Dump()
    {
        var source = Path.Combine(Repository.Root, "snapshots", "scenarios", "008-p1-not-in-store", "dump");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, "dump", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return "dump";
    }

    [Fact]
    public void Redirected_stdout_and_reports_are_byte_identical_with_and_without_progress()
    {
        var dump = Dump();
        var plain = Run(false, null, "analyze", dump, "--format", "console", "--output", "-", "--format", "json", "--output", "plain.json");
        var live = Run(true, null, "analyze", dump, "--format", "console", "--output", "-", "--format", "json", "--output", "live.json");

        Assert.Equal(ExitCodes.Findings, plain.Code);
        Assert.Equal(plain.Code, live.Code);
        Assert.Equal(plain.Out, live.Out);
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "plain.json")), File.ReadAllBytes(Path.Combine(folder, "live.json")));
        Assert.Equal("", plain.Error);

        // Every phase was on stderr, and nothing of the display leaked into stdout.
        Assert.Contains("Reading the dump", live.Error, StringComparison.Ordinal);
        Assert.Contains("Replaying 2 servers and evaluating the rules", live.Error, StringComparison.Ordinal);
        Assert.Contains("Writing the console report", live.Error, StringComparison.Ordinal);
        Assert.Contains("Writing the json report", live.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", live.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_sample_shows_its_own_reading_phase()
    {
        var live = Run(true, null, "analyze");
        Assert.Equal(Run(false, null, "analyze").Out, live.Out);
        Assert.Contains("Reading the built-in sample", live.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_phases_are_in_the_readers_language()
    {
        var live = Run(true, null, "analyze", Dump(), "--culture", "ja", "--format", "json", "--output", "ja.json");
        Assert.Contains("ダンプを読み込んでいます", live.Error, StringComparison.Ordinal);
        Assert.Contains("2 台のサーバーを再現し、ルールを評価しています", live.Error, StringComparison.Ordinal);
        Assert.Contains("json レポートを書き出しています", live.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Reading the dump", live.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NO_COLOR", "1")]
    [InlineData("CI", "true")]
    [InlineData("TERM", "dumb")]
    public void No_progress_when_the_environment_asks_for_plain_output(string name, string value)
    {
        var dump = Dump();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [name] = value };
        var (code, output, error) = Run(true, environment, "analyze", dump);
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Equal("", error);
        Assert.Equal(Run(false, null, "analyze", dump).Out, output);
    }

    [Fact]
    public void Problems_are_written_after_the_display_is_cleared()
    {
        var dump = Dump();
        File.WriteAllText(Path.Combine(folder, dump, "servers", "EX02", "ReceiveConnector.json"), "[\n  {,\n]\n");
        var (code, _, error) = Run(true, null, "analyze", dump);
        Assert.Equal(ExitCodes.InputUnreadable, code);
        var problem = error.IndexOf(Path.Combine("dump", "servers", "EX02", "ReceiveConnector.json") + ":", StringComparison.Ordinal);
        Assert.True(problem > error.LastIndexOf("Writing the console report", StringComparison.Ordinal), error);
        Assert.DoesNotContain("\u001b", error[problem..], StringComparison.Ordinal);
    }

    private static double Number(string text) =>
        double.Parse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Timings_go_to_stderr_after_everything_else_and_change_no_report()
    {
        var dump = Dump();
        File.WriteAllText(Path.Combine(folder, dump, "servers", "EX02", "ReceiveConnector.json"), "[\n  {,\n]\n");
        var plain = Run(false, null, "analyze", dump, "--format", "console", "--output", "-", "--format", "json", "--output", "plain.json");
        var timed = Run(false, null, "analyze", dump, "--format", "console", "--output", "-", "--format", "json", "--output", "timed.json", "--timings");

        Assert.Equal(ExitCodes.InputUnreadable, plain.Code);
        Assert.Equal(plain.Code, timed.Code);
        Assert.Equal(plain.Out, timed.Out);
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "plain.json")), File.ReadAllBytes(Path.Combine(folder, "timed.json")));
        Assert.DoesNotContain("timings", plain.Error, StringComparison.Ordinal);

        // The input problem is reported as before, and the table follows it, one line per phase in order.
        Assert.StartsWith(plain.Error, timed.Error, StringComparison.Ordinal);
        var table = timed.Error[plain.Error.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^extls: timings +wall +CPU$", table[0]);
        string[] phases =
        [
            "start-up (runtime, command line)", "reading the dump", "reading the servers' own logs", "replaying 2 servers and evaluating the rules",
            "writing the json report to timed.json", "writing the console report to the screen", "total",
        ];
        Assert.Equal(phases.Length + 2, table.Length);
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < phases.Length; i++)
        {
            var line = table[i + 1].Trim();
            Assert.StartsWith(phases[i] + " ", line, StringComparison.Ordinal);
            var figures = System.Text.RegularExpressions.Regex.Match(line[phases[i].Length..], @"^ +([\d,]+) ms +([\d,]+) ms$");
            Assert.True(figures.Success, line);
            wall.Add(Number(figures.Groups[1].Value));
            cpu.Add(Number(figures.Groups[2].Value));
        }

        // Each phase is shown rounded: the totals are their sums within the rounding.
        Assert.InRange(wall[^1], wall[..^1].Sum() - phases.Length, wall[..^1].Sum() + phases.Length);
        Assert.InRange(cpu[^1], cpu[..^1].Sum() - phases.Length, cpu[..^1].Sum() + phases.Length);
        Assert.True(cpu[^1] > 0, table[^2]);
        Assert.Matches(@"^  peak memory [\d,]+ MB, [\d,]+ MB allocated, garbage collections \d+/\d+/\d+ \(generation 0/1/2\)$", table[^1]);
    }
}
