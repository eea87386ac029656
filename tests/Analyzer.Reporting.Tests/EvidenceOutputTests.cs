using Extls.Evidence;
using Extls.Import;
using Extls.Rules;
using Extls.TestKit;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Reporting.Tests;

/// <summary>
/// The verdicts in every writer: a scenario dump with the servers' logs (a contradicted STARTTLS choice, and TLS
/// failures), analysed by the real engine, its evidence read by the real reader.
/// </summary>
public sealed class EvidenceOutputTests
{
    private static AnalysisResult Analyze(string scenario, string culture = "en")
    {
        var dump = Path.Combine(Repository.Root, "snapshots", "scenarios", scenario, "dump");
        var load = DumpLoader.Load([dump]);
        var evidence = EvidenceReader.Read([new EvidenceSource(dump, "dump", EvidenceSourceKind.Dump)],
            [.. load.Snapshot!.Servers.Select(s => new KnownServer(s.Name, s.Fqdn))]);
        // Named as a user would type it: the absolute path differs from machine to machine.
        return AnalysisEngine.CreateDefault().Analyze(load.Snapshot! with { Sources = ["dump"] }, load.Problems,
            new AnalysisOptions(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), 30, Culture: culture) { Evidence = evidence });
    }

    [Fact]
    public void Console_shows_the_evidence_section() =>
        Golden.Verify(new ConsoleReportWriter(RenderSettings.Plain).Render(Analyze("061-evidence-contradicted-starttls")), "console");

    [Fact]
    public void Console_in_Japanese() =>
        Golden.Verify(new ConsoleReportWriter(RenderSettings.Plain with { Culture = "ja" }).Render(Analyze("063-evidence-unknowncredentials", "ja")), "japanese");

    [Fact]
    public async Task Json_carries_the_verdicts_and_validates_against_the_schema()
    {
        var json = new JsonReportWriter().Render(Analyze("063-evidence-unknowncredentials"));
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Repository.Root, "schemas", "findings.schema.json"));
        Assert.Empty(schema.Validate(json));
        Golden.Verify(json, "json", "json");

        var selection = JObject.Parse(json)["selections"]!.Single(s => (string?)s["connector"] == "EX01\\Default Frontend EX01" && (string)s["scenario"]! == "inbound-starttls");
        Assert.Equal("confirmed", (string)selection["evidence"]!["verdict"]!);
        Assert.Equal("UnknownCredentials", (string)selection["evidence"]!["failures"]![0]!["error"]!);
        Assert.Equal(6, (int)selection["evidence"]!["failures"]![0]!["count"]!);
    }

    [Fact]
    public void Sarif_results_carry_the_verdicts_of_their_impacts_and_the_run_its_tally()
    {
        var sarif = JObject.Parse(new SarifReportWriter().Render(Analyze("061-evidence-contradicted-starttls")));
        var run = sarif["runs"]![0]!;
        Assert.Equal(1, (int)run["properties"]!["evidence"]!["contradicted"]!);
        var result = run["results"]!.Single(r => (string)r["ruleId"]! == "EXTLS6001");
        var verdict = Assert.Single(result["properties"]!["evidence"]!);
        Assert.Equal(("contradicted", "other-certificate-presented"), ((string)verdict["verdict"]!, (string)verdict["reason"]!));
    }

    [Fact]
    public async Task Explain_shows_a_verdict_under_each_direction_and_carries_it_in_its_JSON()
    {
        var result = Analyze("063-evidence-unknowncredentials");
        var selections = result.Selections.Where(s => s.Server == "EX01" && s.Connector == "EX01\\Default Frontend EX01").ToList();
        var report = new ExplainReport
        {
            AsOf = result.AsOf,
            Server = "EX01",
            Selections = [.. selections.Select(s => new ExplainedSelection(s, []) { Evidence = result.Evidence.For(s) })],
        };
        var json = new ExplainJsonWriter("en").Render(report);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Repository.Root, "schemas", "explain.schema.json"));
        Assert.Empty(schema.Validate(json));
        var starttls = JObject.Parse(json)["selections"]!.Single(x => (string)x["scenario"]! == "inbound-starttls");
        Assert.Equal(("confirmed", "UnknownCredentials"), ((string)starttls["evidence"]!["verdict"]!, (string)starttls["evidence"]!["failures"]![0]!["error"]!));

        var text = new ExplainWriter(RenderSettings.Plain).Render(report);
        Assert.Contains("Evidence (3 STARTTLS in): confirmed: every session presented the predicted certificate", text, StringComparison.Ordinal);
        Assert.Contains("UnknownCredentials × 6", text, StringComparison.Ordinal);
    }
}
