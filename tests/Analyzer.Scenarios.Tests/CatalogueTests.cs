using System.Globalization;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace Extls.Scenarios.Tests;

/// <summary>The scenarios cover the catalogue, and each expected.json is well-formed, before any code runs.</summary>
public sealed class CatalogueTests
{
    private static readonly string[] TargetKinds = ["server", "receiveConnector", "sendConnector", "certificate", "mailFlow", "snapshot", "hybridConfiguration"];
    private static readonly string[] ScenarioIds = ["inbound-anonymous-tls", "outbound-anonymous-tls", "inbound-starttls", "outbound-starttls"];

    // Read once: every case of the well-formedness theory checks against the same catalogue.
    private static readonly Lazy<IReadOnlyDictionary<string, (string Severity, int? Event)>> Rows = new(ReadDescriptors);

    private static string RulesFolder => Path.Combine(ScenarioCatalog.RepoRoot, "rules");

    /// <summary>Rule ids of the catalogue: the descriptors rules/EXTLS*.yaml, the single source of truth.</summary>
    internal static IReadOnlyList<string> CatalogueIds() => [.. Rows.Value.Keys];

    /// <summary>Each descriptor: id → (default severity, event or null), read with YamlDotNet rather than the engine's loader.</summary>
    internal static IReadOnlyDictionary<string, (string Severity, int? Event)> CatalogueRows() => Rows.Value;

    private static IReadOnlyDictionary<string, (string Severity, int? Event)> ReadDescriptors()
    {
        if (!Directory.Exists(RulesFolder))
        {
            throw new InvalidOperationException("The rule descriptors folder is missing: " + RulesFolder);
        }

        var rows = new SortedDictionary<string, (string, int?)>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(RulesFolder, "EXTLS*.yaml").Order(StringComparer.Ordinal))
        {
            var yaml = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(file)))
            {
                yaml.Load(reader);
            }

            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            var metadata = (YamlMappingNode)root["metadata"];
            var spec = (YamlMappingNode)root["spec"];
            var id = ((YamlScalarNode)metadata["id"]).Value!;
            var severity = ((YamlScalarNode)spec["severity"]).Value!;
            int? ev = spec.Children.TryGetValue(new YamlScalarNode("event"), out var e) && e is YamlScalarNode { Value: { Length: > 0 } text } && text != "null"
                ? int.Parse(text, CultureInfo.InvariantCulture)
                : null;
            rows.Add(id, (severity, ev));
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
        // Every descriptor file was read, and they are exactly the engine's ids.
        Assert.Equal(Directory.GetFiles(RulesFolder, "*.yaml").Length, ids.Count);
        Assert.Equal(Extls.Rules.RuleIds.All, ids);
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
