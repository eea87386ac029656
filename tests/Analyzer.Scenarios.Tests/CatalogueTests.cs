using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Extls.Scenarios.Tests;

/// <summary>The scenarios cover the catalogue, and each expected.json is well-formed, before any code runs.</summary>
public sealed partial class CatalogueTests
{
    private static readonly string[] TargetKinds = ["server", "receiveConnector", "sendConnector", "certificate", "mailFlow", "snapshot"];
    private static readonly string[] ScenarioIds = ["inbound-anonymous-tls", "outbound-anonymous-tls", "inbound-starttls", "outbound-starttls"];

    [GeneratedRegex(@"\|\s*(EXTLS\d{4})\s*\|")]
    private static partial Regex CatalogueRow();

    // Read once: every case of the well-formedness theory checks against the same catalogue.
    private static readonly Lazy<string> RulesMd = new(FindRulesMd);
    private static readonly Lazy<IReadOnlyList<string>> Ids = new(ReadCatalogueIds);

    /// <summary>rules.md: the shared spec next to the repository, or docs/spec inside it once copied.</summary>
    private static string FindRulesMd()
    {
        string[] candidates =
        [
            Path.Combine(ScenarioCatalog.RepoRoot, "docs", "spec", "rules.md"),
            Path.Combine(ScenarioCatalog.RepoRoot, "..", "shared", "spec", "rules.md"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("rules.md not found at " + string.Join(" or ", candidates));
    }

    /// <summary>Rule ids of rules.md.</summary>
    internal static IReadOnlyList<string> CatalogueIds() => Ids.Value;

    private static IReadOnlyList<string> ReadCatalogueIds() =>
        CatalogueRow().Matches(File.ReadAllText(RulesMd.Value)).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Rows of rules.md's tables: id → (default severity, event or null).</summary>
    internal static IReadOnlyDictionary<string, (string Severity, int? Event)> CatalogueRows()
    {
        var file = RulesMd.Value;
        var rows = new Dictionary<string, (string, int?)>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(file).Where(l => l.StartsWith("| EXTLS", StringComparison.Ordinal)))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();

            // "| ID | Name | Condition | Default | Event | Fix |" for 1xxx-3xxx, "| ID | Name | Condition | Default |" after.
            int? ev = cells.Length >= 8 && int.TryParse(cells[5], out var e) ? e : null;
            rows[cells[1]] = (cells[4].Split(' ')[0], ev);
        }

        return rows;
    }

    [Fact]
    public void Expected_findings_agree_with_the_catalogue_on_event_and_severity()
    {
        var rows = CatalogueRows();
        var problems = new List<string>();
        foreach (var c in ScenarioCatalog.All())
        {
            foreach (var f in c.Expected["findings"]!)
            {
                var (severity, ev) = rows[(string)f["ruleId"]!];
                if ((int?)f["eventId"] != ev)
                {
                    problems.Add($"{c.Id}: {f["ruleId"]} eventId {f["eventId"]}, catalogue says {ev}");
                }

                if ((string?)f["severity"] != severity)
                {
                    problems.Add($"{c.Id}: {f["ruleId"]} severity {f["severity"]}, catalogue says {severity}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void Catalogue_is_read()
    {
        var ids = CatalogueIds();
        Assert.Contains("EXTLS1001", ids);
        Assert.Contains("EXTLS9005", ids);
        Assert.True(ids.Count >= 40, $"only {ids.Count} rule ids read from rules.md");
        var rows = CatalogueRows();
        Assert.Equal(("error", (int?)12013), rows["EXTLS1004"]);
        Assert.Equal(("warning", (int?)null), rows["EXTLS2003"]);
        Assert.Equal(("note", (int?)null), rows["EXTLS4004"]);
    }

    [Fact]
    public void Every_rule_but_RuleFailed_fires_in_some_scenario_and_is_a_deliberate_near_miss_in_another()
    {
        var cases = ScenarioCatalog.All();
        var fired = cases.SelectMany(c => c.Expected["findings"]!.Select(f => (string)f["ruleId"]!)).ToHashSet(StringComparer.Ordinal);
        var passed = cases.SelectMany(c => c.Expected["passes"]!.Values<string>()).ToHashSet(StringComparer.Ordinal);
        var wanted = CatalogueIds().Where(id => id != "EXTLS9005").ToList();
        var neverFired = wanted.Where(id => !fired.Contains(id)).ToList();
        var neverPassed = wanted.Where(id => !passed.Contains(id)).ToList();
        Assert.True(neverFired.Count == 0 && neverPassed.Count == 0,
            $"never in findings: {string.Join(", ", neverFired)}\nnever in passes: {string.Join(", ", neverPassed)}");
    }

    public static TheoryData<string> Cases => ScenarioCatalog.Ids();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expected_file_is_well_formed(string id)
    {
        var sc = ScenarioCatalog.Get(id);
        var e = sc.Expected;
        var catalogue = CatalogueIds().ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var key in new[] { "description", "branch", "inputs", "asOf", "warningDays", "scenarios", "selections", "findings", "passes", "exitCode", "notes" })
        {
            if (e[key] is null)
            {
                problems.Add("missing " + key);
            }
        }

        foreach (var input in sc.InputPaths.Where(p => !Directory.Exists(p)))
        {
            problems.Add("input folder missing: " + input);
        }

        var listed = sc.Scenarios;
        problems.AddRange(listed.Where(s => !ScenarioIds.Contains(s)).Select(s => "unknown scenario " + s));
        foreach (var s in e["selections"]!)
        {
            if (!listed.Contains((string)s["scenario"]!))
            {
                problems.Add("selection of an unlisted scenario: " + s.ToString(Newtonsoft.Json.Formatting.None));
            }
        }

        var selectionKeys = e["selections"]!.Select(s => $"{s["scenario"]}|{s["server"]}|{s["connector"]}").ToList();
        problems.AddRange(selectionKeys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => "duplicate selection " + g.Key));

        foreach (var f in e["findings"]!)
        {
            var rule = (string)f["ruleId"]!;
            var kind = (string)f["target"]!["kind"]!;
            if (!catalogue.Contains(rule))
            {
                problems.Add("rule not in the catalogue: " + rule);
            }

            if (!TargetKinds.Contains(kind))
            {
                problems.Add("unknown target kind: " + kind);
            }
        }

        var passes = e["passes"]!.Values<string>().ToHashSet(StringComparer.Ordinal);
        problems.AddRange(e["findings"]!.Select(f => (string)f["ruleId"]!).Where(passes.Contains).Distinct().Select(r => r + " is both a finding and a pass"));
        problems.AddRange(passes.Where(p => !catalogue.Contains(p!)).Select(p => "pass not in the catalogue: " + p));
        Assert.True(problems.Count == 0, id + ":\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Diff_names_missing_and_unexpected_lines()
    {
        var diff = ScenarioTests.Diff("findings", ["A", "B", "B"], ["B", "C"]);
        Assert.Contains("- missing:    A", diff);
        Assert.Contains("- missing:    B", diff);
        Assert.Contains("+ unexpected: C", diff);
        Assert.Equal("", ScenarioTests.Diff("findings", ["a", "B"], ["b", "A"]));
    }

    [Fact]
    public void Expected_lines_read_every_asserted_field()
    {
        var sel = JToken.Parse("""{"server":"EX01","connector":"EX01\\Default EX01","scenario":"inbound-anonymous-tls","advertised":false,"certificate":null,"events":[12013],"endedAtStep":4}""");
        Assert.Equal("inbound-anonymous-tls | EX01 | EX01\\Default EX01 | advertised=False | certificate=(none) | events=[12013] | step=4", ScenarioTests.ExpectedSelectionLine(sel));
        var finding = JToken.Parse("""{"ruleId":"EXTLS1004","server":"EX02","target":{"kind":"server","id":"EX02"},"eventId":12013}""");
        Assert.Equal("EXTLS1004 | server=EX02 | server:EX02 | event=12013", ScenarioTests.ExpectedFindingLine(finding));
    }
}
