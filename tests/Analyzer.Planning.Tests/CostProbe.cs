using System.Diagnostics;

namespace Extls.Planning.Tests;

public sealed class CostProbe
{
    [Fact]
    public void Cost()
    {
        if (!Directory.Exists("/tmp/gen1000")) return;
        var sw = Stopwatch.StartNew();
        var snapshot = Dumps.Load("/tmp/gen1000");
        var load = sw.Elapsed; sw.Restart();
        var options = new Extls.Rules.AnalysisOptions(snapshot.CollectedAt!.Value, 30);
        var result = Dumps.Engine.Analyze(snapshot, [], options);
        var analyze = sw.Elapsed; sw.Restart();
        var verdicts = RemediationVerifier.Verify(Dumps.Engine, result, options, new PlanContext(options.AsOf, "/tmp"));
        var verify = sw.Elapsed;
        var concrete = verdicts.Values.Count(v => v.Check != RemediationCheck.Manual);
        File.WriteAllText("/tmp/cost.txt", $"load {load.TotalSeconds:F2}s analyze {analyze.TotalSeconds:F2}s verify {verify.TotalSeconds:F2}s findings {result.Findings.Length} concrete {concrete} groups {result.Findings.GroupBy(f=>f.Remediation).Count()} failed {verdicts.Values.Count(v=>v.Check==RemediationCheck.Failed)} {string.Join(";", verdicts.Values.Where(v=>v.Check==RemediationCheck.Failed).Select(v=>v.Why).Distinct().Take(5))}\n");
    }
}
