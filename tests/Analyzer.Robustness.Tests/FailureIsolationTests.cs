using Extls.Cli;
using Extls.Import;
using Extls.Rules;

namespace Extls.Robustness.Tests;

/// <summary>A failure of one part never loses the rest: a rule that throws, a server that cannot be read, a report that cannot be written.</summary>
public sealed class FailureIsolationTests
{
    private sealed class Throwing(string ruleId) : IRuleEvaluator
    {
        public string RuleId => ruleId;

        public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) => throw new InvalidOperationException("injected failure of " + ruleId);
    }

    /// <summary>The real catalogue and every real evaluator, but <paramref name="failing"/> replaced by one that throws.</summary>
    private static AnalysisEngine EngineWithout(string failing) =>
        new(RuleCatalog.Default, AnalysisEngine.DiscoverEvaluators(RuleCatalog.Default).Select(e => e.RuleId == failing ? new Throwing(failing) : e));

    private static (AnalysisResult Normal, AnalysisResult Failed) Both(string fixture, string failing)
    {
        var load = DumpLoader.Load([Path.Combine(Dumps.Snapshots, fixture)]);
        Assert.True(load.Problems.IsEmpty);
        var options = new AnalysisOptions(Dumps.AsOf, AnalysisOptions.DefaultWarningDays);
        return (AnalysisEngine.CreateDefault().Analyze(load.Snapshot!, load.Problems, options), EngineWithout(failing).Analyze(load.Snapshot!, load.Problems, options));
    }

    [Theory]
    [InlineData("scenarios/038-hygiene-sha1-internal/dump", RuleIds.EXTLS4004)]
    [InlineData("scenarios/002-p1-exchangeserver-auth-missing/dump", RuleIds.EXTLS2012)]
    [InlineData("sample/dump", RuleIds.EXTLS3001)]
    public void A_rule_that_throws_is_one_EXTLS9005_and_every_other_rule_reports_as_before(string fixture, string failing)
    {
        var (normal, failed) = Both(fixture, failing);
        var failure = Assert.Single(failed.Findings, f => f.RuleId == RuleIds.EXTLS9005);
        Assert.Equal("rules/" + failing, failure.Target.Id);
        Assert.Contains("injected failure of " + failing, failure.Message, StringComparison.Ordinal);

        // Everything else exactly as the normal run reports it, the failed rule's findings aside.
        var expected = normal.Findings.Where(f => f.RuleId != failing).Select(Dumps.FindingLine);
        var actual = failed.Findings.Where(f => f.RuleId != RuleIds.EXTLS9005).Select(Dumps.FindingLine);
        Assert.Equal(expected, actual);
        Assert.Equal(normal.Selections.Select(Dumps.SelectionLine), failed.Selections.Select(Dumps.SelectionLine));
    }

    [Fact]
    public void A_root_cause_rule_that_throws_leaves_no_finding_naming_it()
    {
        // EXTLS5001 names EXTLS1004 as its root cause in 008; with 1004 failed it must not name a finding that is not there.
        var (normal, failed) = Both("scenarios/008-p1-not-in-store/dump", RuleIds.EXTLS1004);
        Assert.Contains(normal.Findings, f => f.RuleId == RuleIds.EXTLS5001 && f.Target.Id.StartsWith("EXTLS1004/", StringComparison.Ordinal));
        Assert.Single(failed.Findings, f => f.RuleId == RuleIds.EXTLS9005);
        Assert.Empty(Dumps.DanglingRootCauses(failed));
        Assert.Contains(failed.Findings, f => f.RuleId == RuleIds.EXTLS5001);
    }

    [Fact]
    public void A_server_whose_every_file_is_unreadable_is_reported_and_the_others_are_analysed_as_before()
    {
        var files = Dumps.Files(Path.Combine(Dumps.Snapshots, "sample/dump"));
        var baseline = Dumps.Analyze(DumpLoader.LoadFromFiles("dump", files));
        var victim = baseline.Snapshot.Servers[0].Name;
        var broken = new SortedDictionary<string, byte[]>(files, StringComparer.Ordinal);
        foreach (var path in files.Keys.Where(k => k.StartsWith($"servers/{victim}/", StringComparison.Ordinal)))
        {
            broken[path] = [0x00, 0xFF, 0x13, 0x37, 0x7B];
        }

        var load = DumpLoader.LoadFromFiles("dump", broken);
        var result = Dumps.Analyze(load);
        Assert.Equal(files.Keys.Count(k => k.StartsWith($"servers/{victim}/", StringComparison.Ordinal) && !k.Contains("/ProtocolLog/", StringComparison.Ordinal) && !k.EndsWith("Events.json", StringComparison.Ordinal)),
            load.Problems.Count(p => p.File.Contains($"/servers/{victim}/", StringComparison.Ordinal)));
        Assert.All(load.Problems, p => Assert.Contains($"/servers/{victim}/", p.File, StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.RuleId == RuleIds.EXTLS9001 && f.Server == victim);

        foreach (var server in baseline.Snapshot.Servers.Select(s => s.Name).Where(s => s != victim))
        {
            Assert.Equal(
                baseline.Selections.Where(s => s.Server == server).Select(Dumps.SelectionLine),
                result.Selections.Where(s => s.Server == server).Select(Dumps.SelectionLine));
        }
    }

    [Fact]
    public void A_report_whose_writing_fails_leaves_the_previous_file_whole_and_no_partial_one()
    {
        var dir = Directory.CreateTempSubdirectory("extls-output-").FullName;
        try
        {
            var path = Path.Combine(dir, "report.json");
            OutputFile.Write(path, "{\"previous\": true}\n");
            var e = Assert.Throws<UsageException>(() => OutputFile.Write(path, w =>
            {
                w.Write(new string('x', 200_000));
                throw new IOException("disk full");
            }, "report.json"));
            Assert.Contains("'report.json' could not be written, and is left as it was: disk full", e.Message, StringComparison.Ordinal);
            Assert.Equal("{\"previous\": true}\n", File.ReadAllText(path));
            Assert.Equal(["report.json"], Directory.GetFiles(dir).Select(Path.GetFileName));

            // And a first write that fails leaves nothing at all.
            var fresh = Path.Combine(dir, "new.sarif");
            Assert.Throws<UsageException>(() => OutputFile.Write(fresh, w => throw new IOException("no space"), "new.sarif"));
            Assert.False(File.Exists(fresh));
            Assert.Equal(["report.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
