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

    [Fact]
    public void Every_rule_is_in_the_driver_even_when_it_did_not_fire()
    {
        var sarif = SchemaErrors.Parse(Render(Samples.Empty()));
        var ids = sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.Select(r => (string)r["id"]!).ToList();
        Assert.Equal(Samples.Rules.Select(r => r.Id).Order(StringComparer.Ordinal), ids);
        var rule = sarif["runs"]![0]!["tool"]!["driver"]!["rules"]![0]!;
        Assert.Equal("rules/EXTLS1004.md", (string)rule["properties"]!["helpPath"]!);
        Assert.Null(rule["helpUri"]);
        Assert.Equal("error", (string)rule["defaultConfiguration"]!["level"]!);
    }

    [Fact]
    public void Results_carry_location_fingerprint_suppression_and_event()
    {
        var results = (JArray)SchemaErrors.Parse(Render(Samples.Result()))["runs"]![0]!["results"]!;
        var byRule = results.Cast<JObject>().ToDictionary(r => (string)r["ruleId"]!);

        var notInStore = byRule["EXTLS1004"];
        Assert.Equal("servers/EX02/InternalTransportCertificate.json", (string)notInStore["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!);
        Assert.Equal(3, (int)notInStore["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!);
        Assert.Equal("ffee000000001004", (string)notInStore["partialFingerprints"]![SarifReportWriter.FingerprintKey]!);
        Assert.Equal(12013, (int)notInStore["properties"]!["eventId"]!);

        Assert.Equal("EX01/Default EX01", (string)byRule["EXTLS2001"]["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!);

        var suppressed = byRule["EXTLS4004"];
        Assert.Equal("external", (string)suppressed["suppressions"]![0]!["kind"]!);
        Assert.Equal("Default certificate kept until the 2026 renewal.", (string)suppressed["suppressions"]![0]!["justification"]!);
        // Line 0 means "no line": no region rather than an invalid startLine.
        Assert.Null(suppressed["locations"]![0]!["physicalLocation"]!["region"]);

        // A finding with no location still has its logical location.
        Assert.Null(byRule["EXTLS9003"]["locations"]![0]!["physicalLocation"]);
        Assert.Equal("Contoso", (string)byRule["EXTLS9003"]["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!);
    }

    [Fact]
    public async Task With_a_documentation_base_helpUri_is_the_absolute_page_address()
    {
        var text = new SarifReportWriter("en", new Uri("https://docs.example.org/extls/")).Render(Samples.Result());
        var rule = SchemaErrors.Parse(text)["runs"]![0]!["tool"]!["driver"]!["rules"]![0]!;
        Assert.Equal("https://docs.example.org/extls/rules/EXTLS1004.md", (string)rule["helpUri"]!);
        Sarif.Save("reporting-help-uri", text);
        var schema = await JsonSchema.FromFileAsync(Sarif.SchemaPath);
        Assert.Empty(schema.Validate(text));
    }

    [Fact]
    public void Help_markdown_is_the_rule_page_when_given()
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal) { ["EXTLS1004"] = "# EXTLS1004\n\nThe page." };
        var text = ReportWriters.Create(ReportFormat.Sarif, RenderSettings.Plain, pages).Render(Samples.Result());
        var rules = SchemaErrors.Parse(text)["runs"]![0]!["tool"]!["driver"]!["rules"]!;
        Assert.Equal("# EXTLS1004\n\nThe page.", (string)rules[0]!["help"]!["markdown"]!);
        Assert.Equal(Samples.Rules[1].Help.En, (string)rules[1]!["help"]!["markdown"]!);
    }

    [Fact]
    public void File_names_with_spaces_become_escaped_uri_references() =>
        Assert.Equal("servers/EX%2001/Receive%20Connector.json", SarifReportWriter.Uri("servers\\EX 01/Receive Connector.json"));
}
