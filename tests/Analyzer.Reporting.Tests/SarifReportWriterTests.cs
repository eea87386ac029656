using Extls.TestKit;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Reporting.Tests;

public sealed class SarifReportWriterTests
{
    private static string Render(Rules.AnalysisResult result) => ReportWriters.Create(ReportFormat.Sarif, RenderSettings.Plain).Render(result);

    [Fact]
    public void Sarif_golden() => Golden.Verify(Render(Samples.Result()), "full", "sarif.json");

    [Fact]
    public void The_schema_is_the_official_file_unmodified() => Assert.Equal(Sarif.SchemaSha256, Sarif.SchemaHash());

    [Fact]
    public async Task Output_is_valid_against_the_official_sarif_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Sarif.SchemaPath);
        foreach (var (name, result) in new[]
        {
            ("reporting-full", Samples.Result()),
            ("reporting-empty", Samples.Empty()),
            ("reporting-hostile", Samples.Hostile()),
            ("reporting-baseline", Samples.WithBaseline() with { Outcome = new Rules.RunOutcome(1, true) }),
            ("reporting-sample", Samples.Result() with { BuiltInSample = true, Outcome = new Rules.RunOutcome(3, false) }),
        })
        {
            var text = Render(result);
            Sarif.Save(name, text);
            var errors = schema.Validate(text);
            Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));
        }
    }

    private static JToken DriverRule(JObject sarif, string id) =>
        sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.Single(r => (string)r["id"]! == id);

    /// <summary>The first result of a rule, in the order the writer emits them.</summary>
    private static JObject FirstResult(JObject sarif, string ruleId) =>
        sarif["runs"]![0]!["results"]!.Cast<JObject>().First(r => (string)r["ruleId"]! == ruleId);

    [Fact]
    public void Every_rule_is_in_the_driver_even_when_it_did_not_fire()
    {
        var sarif = SchemaErrors.Parse(Render(Samples.Empty()));
        var ids = sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.Select(r => (string)r["id"]!).ToList();
        Assert.Equal(Samples.Rules.Select(r => r.Id).Order(StringComparer.Ordinal), ids);
        var rule = DriverRule(sarif, "EXTLS1004");
        Assert.Equal("rules/EXTLS1004.md", (string)rule["properties"]!["helpPath"]!);
        Assert.Equal("https://github.com/extls/extls/blob/main/rules/EXTLS1004.md", (string)rule["helpUri"]!);
        Assert.All(sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!, r => Assert.EndsWith($"/rules/{(string)r["id"]!}.md", (string)r["helpUri"]!, StringComparison.Ordinal));
        Assert.Equal("https://github.com/extls/extls", (string)sarif["runs"]![0]!["tool"]!["driver"]!["informationUri"]!);
        Assert.Equal("error", (string)rule["defaultConfiguration"]!["level"]!);
        Assert.Equal("note", (string)DriverRule(sarif, "EXTLS4004")["defaultConfiguration"]!["level"]!);
    }

    [Fact]
    public void Results_carry_location_fingerprint_suppression_and_event()
    {
        var sarif = SchemaErrors.Parse(Render(Samples.Result()));
        var finding = Samples.Findings().Single(f => f.RuleId == "EXTLS1004");

        var notInStore = FirstResult(sarif, "EXTLS1004");
        Assert.Equal("servers/EX02/InternalTransportCertificate.json", (string)notInStore["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!);
        Assert.Equal(finding.Location!.Line, (int)notInStore["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!);
        Assert.Equal(finding.Fingerprint, (string)notInStore["partialFingerprints"]![SarifReportWriter.FingerprintKey]!);
        Assert.Equal(finding.Fingerprint + ":1", (string)notInStore["partialFingerprints"]![SarifReportWriter.LineHashKey]!);
        Assert.Null(notInStore["baselineState"]);
        Assert.Equal(12013, (int)notInStore["properties"]!["eventId"]!);

        Assert.Equal("EX01/Default Frontend EX01", (string)FirstResult(sarif, "EXTLS2004")["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!);

        var suppressed = FirstResult(sarif, "EXTLS4004");
        Assert.Equal("external", (string)suppressed["suppressions"]![0]!["kind"]!);
        Assert.Equal(Samples.Justification, (string)suppressed["suppressions"]![0]!["justification"]!);

        // EX03's receive connectors were not collected: the finding names the file as a whole (line 0), which SARIF
        // consumers and code scanning need as a region: the file from its first line.
        var missing = FirstResult(sarif, "EXTLS9001");
        Assert.Equal("servers/EX03/ReceiveConnector.json", (string)missing["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!);
        Assert.Equal(1, (int)missing["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!);

        // A finding with no location still has its logical location.
        var stale = FirstResult(sarif, "EXTLS9003");
        Assert.Null(stale["locations"]![0]!["physicalLocation"]);
        Assert.Equal("manifest.json", (string)stale["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!);
    }

    [Fact]
    public async Task With_a_help_uri_base_helpUri_is_the_page_under_it()
    {
        var text = ReportWriters.Create(ReportFormat.Sarif, RenderSettings.Plain with { HelpUriBase = new Uri("https://docs.example.org/extls/") }).Render(Samples.Result());
        var rule = DriverRule(SchemaErrors.Parse(text), "EXTLS1004");
        Assert.Equal("https://docs.example.org/extls/EXTLS1004.md", (string)rule["helpUri"]!);
        Sarif.Save("reporting-help-uri", text);
        var schema = await JsonSchema.FromFileAsync(Sarif.SchemaPath);
        Assert.Empty(schema.Validate(text));
    }

    [Fact]
    public void Fingerprints_do_not_depend_on_lines()
    {
        var result = Samples.Result();
        var moved = result with { Findings = [.. result.Findings.Select(f => f.Location is { } l ? f with { Location = l with { Line = l.Line + 40 } } : f)] };
        static IEnumerable<string> Fingerprints(string sarif) => SchemaErrors.Parse(sarif)["runs"]![0]!["results"]!.Select(r => r["partialFingerprints"]!.ToString());
        Assert.Equal(Fingerprints(Render(result)), Fingerprints(Render(moved)));
    }

    [Fact]
    public void With_a_baseline_every_result_has_its_state_and_the_absent_findings_are_results()
    {
        var result = Samples.WithBaseline();
        var results = SchemaErrors.Parse(Render(result))["runs"]![0]!["results"]!.ToList();
        Assert.Equal(result.Findings.Length + 1, results.Count);
        Assert.Equal(1, results.Count(r => (string)r["baselineState"]! == "new"));
        Assert.Equal(result.Findings.Length - 1, results.Count(r => (string)r["baselineState"]! == "unchanged"));
        var absent = results.Single(r => (string)r["baselineState"]! == "absent");
        Assert.Equal("EX09", (string)absent["properties"]!["target"]!["id"]!);
        Assert.Equal("baselines/previous.json", (string)SchemaErrors.Parse(Render(result))["runs"]![0]!["properties"]!["baseline"]!);

        // For code scanning, which shows every result as an alert, the absent ones can be left out.
        var omitted = new SarifReportWriter(RenderSettings.Plain) { IncludeAbsent = false }.Render(result);
        Assert.DoesNotContain(SchemaErrors.Parse(omitted)["runs"]![0]!["results"]!, r => (string)r["baselineState"]! == "absent");
    }

    [Fact]
    public void The_invocation_records_the_exit_code_and_the_input_problems()
    {
        var run = SchemaErrors.Parse(Render(Samples.Result() with { Outcome = new Rules.RunOutcome(3, ExecutionSuccessful: false) }))["runs"]![0]!;
        var invocation = run["invocations"]![0]!;
        Assert.Equal(3, (int)invocation["exitCode"]!);
        Assert.False((bool)invocation["executionSuccessful"]!);
        var problem = Samples.Result().Problems[0];
        var notification = invocation["toolExecutionNotifications"]![0]!;
        Assert.Equal("error", (string)notification["level"]!);
        Assert.Equal(problem.Message(), (string)notification["message"]!["text"]!);
        Assert.Equal(problem.File, (string)notification["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!);

        Assert.Null(SchemaErrors.Parse(Render(Samples.Result()))["runs"]![0]!["invocations"]);
    }

    [Fact]
    public void The_built_in_sample_says_so_in_the_run_properties()
    {
        Assert.True((bool)SchemaErrors.Parse(Render(Samples.Result() with { BuiltInSample = true }))["runs"]![0]!["properties"]!["builtInSample"]!);
        Assert.False((bool)SchemaErrors.Parse(Render(Samples.Result()))["runs"]![0]!["properties"]!["builtInSample"]!);
    }

    [Fact]
    public void Help_markdown_is_the_rule_page_when_given()
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal) { ["EXTLS1004"] = "# EXTLS1004\n\nThe page." };
        var sarif = SchemaErrors.Parse(ReportWriters.Create(ReportFormat.Sarif, RenderSettings.Plain, pages).Render(Samples.Result()));
        Assert.Equal("# EXTLS1004\n\nThe page.", (string)DriverRule(sarif, "EXTLS1004")["help"]!["markdown"]!);
        var other = Samples.Rules.Single(r => r.Id == "EXTLS2004");
        Assert.Equal(other.Help.En, (string)DriverRule(sarif, "EXTLS2004")["help"]!["markdown"]!);
    }

    [Fact]
    public void File_names_with_spaces_become_escaped_uri_references() =>
        Assert.Equal("servers/EX%2001/Receive%20Connector.json", SarifReportWriter.Uri("servers\\EX 01/Receive Connector.json"));
}
