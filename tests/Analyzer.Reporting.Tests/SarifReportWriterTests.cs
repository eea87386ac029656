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
        foreach (var (name, result) in new[] { ("reporting-full", Samples.Result()), ("reporting-empty", Samples.Empty()) })
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
        Assert.Null(rule["helpUri"]);
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
        Assert.Equal(12013, (int)notInStore["properties"]!["eventId"]!);

        Assert.Equal("EX01/Default Frontend EX01", (string)FirstResult(sarif, "EXTLS2004")["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!);

        var suppressed = FirstResult(sarif, "EXTLS4004");
        Assert.Equal("external", (string)suppressed["suppressions"]![0]!["kind"]!);
        Assert.Equal(Samples.Justification, (string)suppressed["suppressions"]![0]!["justification"]!);

        // EX03's receive connectors were not collected: the finding names the file, but line 0 means "no line", so
        // no region rather than an invalid startLine.
        var missing = FirstResult(sarif, "EXTLS9001");
        Assert.Equal("servers/EX03/ReceiveConnector.json", (string)missing["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!);
        Assert.Null(missing["locations"]![0]!["physicalLocation"]!["region"]);

        // A finding with no location still has its logical location.
        var stale = FirstResult(sarif, "EXTLS9003");
        Assert.Null(stale["locations"]![0]!["physicalLocation"]);
        Assert.Equal("manifest.json", (string)stale["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!);
    }

    [Fact]
    public async Task With_a_documentation_base_helpUri_is_the_absolute_page_address()
    {
        var text = new SarifReportWriter("en", new Uri("https://docs.example.org/extls/")).Render(Samples.Result());
        var rule = DriverRule(SchemaErrors.Parse(text), "EXTLS1004");
        Assert.Equal("https://docs.example.org/extls/rules/EXTLS1004.md", (string)rule["helpUri"]!);
        Sarif.Save("reporting-help-uri", text);
        var schema = await JsonSchema.FromFileAsync(Sarif.SchemaPath);
        Assert.Empty(schema.Validate(text));
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
