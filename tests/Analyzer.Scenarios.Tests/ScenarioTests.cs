using System.Collections.Immutable;
using System.Globalization;
using Extls.Import;
using Extls.Rules;
using Extls.Rules.Configuration;
using Extls.Selection;
using Newtonsoft.Json.Linq;

namespace Extls.Scenarios.Tests;

/// <summary>
/// The oracle: each scenario's dump, analysed end to end, must give exactly the selections and findings
/// its expected.json (worked out from the spec, not from the code) predicts.
/// </summary>
public sealed class ScenarioTests
{
    public static TheoryData<string> Cases => ScenarioCatalog.OracleIds();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scenario_gives_exactly_the_expected_selections_and_findings(string id)
    {
        var sc = ScenarioCatalog.Get(id);
        var load = DumpLoader.Load(sc.InputPaths);
        Assert.True(load.Snapshot is not null, $"{id}: nothing could be read: {string.Join("; ", load.Problems)}");
        Assert.True(load.Problems.IsDefaultOrEmpty, $"{id}: unexpected import problems:\n  " + string.Join("\n  ", load.Problems));

        // The dump's own logs, and the raw log folders beside it, as analyze --evidence reads them.
        var evidence = Evidence.EvidenceReader.Read(
            [.. sc.InputPaths.Select(p => new Evidence.EvidenceSource(p, Path.GetFileName(p), Evidence.EvidenceSourceKind.Dump)),
             .. (sc.Expected["evidenceInputs"]?.Values<string>() ?? []).Select(i => new Evidence.EvidenceSource(Path.Combine(sc.Directory, i!), i!, Evidence.EvidenceSourceKind.Logs))],
            [.. load.Snapshot!.Servers.Select(s => new Evidence.KnownServer(s.Name, s.Fqdn))]);
        Assert.True(evidence.Problems.IsDefaultOrEmpty, $"{id}: unexpected evidence problems:\n  " + string.Join("\n  ", evidence.Problems));
        var result = AnalysisEngine.CreateDefault().Analyze(load.Snapshot!, load.Problems, new AnalysisOptions(sc.AsOf, sc.WarningDays) { Evidence = evidence });

        var listed = sc.Scenarios.ToHashSet(StringComparer.Ordinal);
        var actualSelections = result.Selections.Where(s => listed.Contains(s.Scenario.ToId())).Select(SelectionLine);
        var expectedSelections = sc.Expected["selections"]!.Select(ExpectedSelectionLine);
        var actualFindings = result.Findings.Select(f => FindingLine(f.RuleId, f.Server, f.Target.Kind.ToId(), f.Target.Id, f.EventId));
        var expectedFindings = sc.Expected["findings"]!.Select(ExpectedFindingLine);

        var diff = Diff("selections", expectedSelections, actualSelections) + Diff("findings", expectedFindings, actualFindings);

        // Every selection's evidence verdict, when the scenario has logs; none at all when it has none.
        var actualVerdicts = result.Selections.Where(s => listed.Contains(s.Scenario.ToId()))
            .Select(s => (s, result.Evidence.For(s))).Where(p => p.Item2 is not null).Select(p => VerdictLine(p.s, p.Item2!));
        diff += Diff("evidence", (sc.Expected["evidence"] ?? new JArray()).Select(ExpectedVerdictLine), actualVerdicts);
        // The default --fail-on error, judged as the CLI judges it.
        var exitCode = FindingsPolicy.ReachesFailLevel(result.Findings, FailOn.Error) ? 1 : 0;
        if (exitCode != (int)sc.Expected["exitCode"]!)
        {
            diff += $"exit code: expected {(int)sc.Expected["exitCode"]!}, got {exitCode}\n";
        }

        Assert.True(diff.Length == 0, $"{id} ({sc.Expected["branch"]}):\n{diff}\nnotes: {sc.Expected["notes"]}");
    }

    internal static string VerdictLine(SelectionResult s, Evidence.SelectionEvidence e) =>
        $"{s.Scenario.ToId()} | {s.Server.ToUpperInvariant()} | {s.Connector ?? "(none)"} | {Evidence.EvidenceReasons.ToId(e.Verdict)} | {Evidence.EvidenceReasons.ToId(e.Reason)} | observed=[{string.Join(",", e.ObservedCertificates.Select(c => c.Thumbprint).Order(StringComparer.Ordinal))}]";

    internal static string ExpectedVerdictLine(JToken v) =>
        $"{(string)v["scenario"]!} | {((string)v["server"]!).ToUpperInvariant()} | {(string?)v["connector"] ?? "(none)"} | {(string)v["verdict"]!} | {(string)v["reason"]!} | observed=[{string.Join(",", v["observedCertificates"]!.Values<string>().Select(t => t!.ToUpperInvariant()).Order(StringComparer.Ordinal))}]";

    internal static string SelectionLine(SelectionResult s) =>
        Line(s.Scenario.ToId(), s.Server, s.Connector, s.Advertised, s.Certificate, s.Events.IsDefault ? [] : s.Events, s.EndedAtStep);

    internal static string ExpectedSelectionLine(JToken s) =>
        Line((string)s["scenario"]!, (string)s["server"]!, (string?)s["connector"], (bool)s["advertised"]!, (string?)s["certificate"],
            s["events"]!.Values<int>().ToImmutableArray(), (int)s["endedAtStep"]!);

    private static string Line(string scenario, string server, string? connector, bool advertised, string? certificate, ImmutableArray<int> events, int step) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{scenario} | {server.ToUpperInvariant()} | {connector ?? "(none)"} | advertised={advertised} | certificate={certificate?.ToUpperInvariant() ?? "(none)"} | events=[{string.Join(",", events.Order())}] | step={step}");

    internal static string FindingLine(string ruleId, string? server, string kind, string id, int? eventId) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{ruleId} | server={server?.ToUpperInvariant() ?? "(none)"} | {kind}:{id} | event={(eventId is null ? "(none)" : eventId.Value.ToString(CultureInfo.InvariantCulture))}");

    internal static string ExpectedFindingLine(JToken f) =>
        FindingLine((string)f["ruleId"]!, (string?)f["server"], (string)f["target"]!["kind"]!, (string)f["target"]!["id"]!, (int?)f["eventId"]);

    /// <summary>Multiset difference, as "missing" (expected, not produced) and "unexpected" (produced, not expected) lines.</summary>
    internal static string Diff(string what, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var missing = expected.ToList();
        var unexpected = new List<string>();
        foreach (var a in actual)
        {
            var i = missing.FindIndex(m => string.Equals(m, a, StringComparison.OrdinalIgnoreCase));
            if (i >= 0)
            {
                missing.RemoveAt(i);
            }
            else
            {
                unexpected.Add(a);
            }
        }

        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return "";
        }

        return $"{what}:\n" + string.Concat(missing.Order(StringComparer.Ordinal).Select(m => "  - missing:    " + m + "\n"))
            + string.Concat(unexpected.Order(StringComparer.Ordinal).Select(u => "  + unexpected: " + u + "\n"));
    }
}
