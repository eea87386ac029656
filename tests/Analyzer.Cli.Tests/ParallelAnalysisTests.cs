using Extls.Import;
using Extls.Reporting;
using Extls.Rules;
using Extls.Selection;

namespace Extls.Cli.Tests;

/// <summary>
/// The replay and the rules run on every core from <see cref="ParallelWork.From"/> servers on: a generated organisation
/// with every kind of break, analysed with parallelism forced on and forced off, writes the same bytes in the JSON
/// report and in the mail-flow matrix (every pair), and replays the same selections in the same order.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ParallelAnalysisTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "extls-parallel-" + Guid.NewGuid().ToString("N"));

    public ParallelAnalysisTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Analysing_on_every_core_gives_the_bytes_of_one_core()
    {
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            var host = new CliHost(output, error, true, 120, _ => null, root, new LibraryServices(root));
            Assert.True(CliApp.Run(["generate", "--servers", "90", "--out", "org", "--seed", "3", "--broken-share", "0.3", "--edges", "2"], host) == ExitCodes.Ok, error.ToString());
        }

        var loaded = DumpLoader.Load([Path.Combine(root, "org")]);
        Assert.NotNull(loaded.Snapshot);
        Assert.True(loaded.Snapshot.Servers.Length >= 90);
        var engine = AnalysisEngine.CreateDefault();
        var asOf = loaded.Snapshot.CollectedAt ?? new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var options = new AnalysisOptions(asOf, AnalysisOptions.DefaultWarningDays);

        var one = engine.Analyze(loaded.Snapshot, loaded.Problems, options with { Parallelism = Parallelism.Never });
        var every = engine.Analyze(loaded.Snapshot, loaded.Problems, options with { Parallelism = Parallelism.Always });

        // The organisation is broken in every way the generator knows, so the rules that run beside each other all report.
        Assert.Contains(one.Findings, f => f.RuleId == RuleIds.EXTLS5001);
        Assert.True(one.Findings.Select(f => f.RuleId).Distinct().Count() >= 5, string.Join(", ", one.Findings.Select(f => f.RuleId).Distinct()));

        Assert.Equal(one.Selections.Length, every.Selections.Length);
        for (var i = 0; i < one.Selections.Length; i++)
        {
            Assert.Equal(Describe(one.Selections[i]), Describe(every.Selections[i]));
        }

        var json = new JsonReportWriter();
        Assert.Equal(json.Render(one), json.Render(every));
        Assert.Equal(Matrix(one, asOf), Matrix(every, asOf));
    }

    [Fact]
    public void Small_organisations_stay_on_one_core_unless_told()
    {
        Assert.False(ParallelWork.Applies(Parallelism.Auto, ParallelWork.From - 1));
        Assert.Equal(Environment.ProcessorCount > 1, ParallelWork.Applies(Parallelism.Auto, ParallelWork.From));
        Assert.True(ParallelWork.Applies(Parallelism.Always, 3));
        Assert.False(ParallelWork.Applies(Parallelism.Never, 10_000));
    }

    private static string Matrix(AnalysisResult result, DateTimeOffset asOf)
    {
        using var writer = new StringWriter();
        MatrixWriter.WriteJson(new MailFlowReport(result.MailFlow, result.Findings, asOf, allPairs: true), writer);
        return writer.ToString();
    }

    private static string Describe(SelectionResult r) =>
        string.Join("|", r.Scenario, r.Server, r.Connector, r.Outcome, r.Certificate, r.EndedAtStep, string.Join(",", r.Events),
            string.Join(";", r.Trace.Select(s => $"{s.Number}:{s.Reason}:{s.Event}:{string.Join(",", s.Reads.Select(x => $"{x.Field}={x.Value}"))}")),
            string.Join(";", r.Skipped.Select(s => $"{s.Step.Number}:{s.Reason}")),
            string.Join(",", r.Assumptions), string.Join(",", r.Unknowns), string.Join(",", r.Candidates.Select(c => c.Thumbprint + c.Rank)));
}
