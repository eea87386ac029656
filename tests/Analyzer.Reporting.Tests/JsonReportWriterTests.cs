using Extls.TestKit;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Extls.Reporting.Tests;

public sealed class JsonReportWriterTests
{
    private static string Render(Rules.AnalysisResult result) => ReportWriters.Create(ReportFormat.Json, RenderSettings.Plain).Render(result);

    [Fact]
    public void Json_matches_the_contract() => Golden.Verify(Render(Samples.Result()), "full", "json");

    [Fact]
    public void Empty_analysis_json() => Golden.Verify(Render(Samples.Empty()), "empty", "json");

    [Fact]
    public async Task Output_validates_against_the_findings_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("findings.schema.json"));
        foreach (var result in new[] { Samples.Result(), Samples.Result("ja"), Samples.Empty(), Samples.Hostile(), Samples.WithBaseline(), Samples.Result() with { BuiltInSample = true } })
        {
            var errors = schema.Validate(Render(result));
            Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));
        }
    }

    [Fact]
    public async Task Schema_rejects_a_finding_without_fingerprint()
    {
        // Guards the schema itself: a validation that accepts anything would make the test above worthless.
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("findings.schema.json"));
        var json = SchemaErrors.Parse(Render(Samples.Result()));
        ((JObject)json["findings"]![0]!).Remove("fingerprint");
        Assert.NotEmpty(schema.Validate(json.ToString()));
    }

    [Fact]
    public void Json_with_a_baseline() => Golden.Verify(Render(Samples.WithBaseline()), "baseline", "json");

    [Fact]
    public void With_a_baseline_each_finding_has_its_state_and_the_absent_ones_are_listed_apart()
    {
        var json = SchemaErrors.Parse(Render(Samples.WithBaseline()));
        var states = json["findings"]!.Select(f => (string)f["baselineState"]!).ToList();
        Assert.Equal(1, states.Count(s => s == "new"));
        Assert.Equal(states.Count - 1, states.Count(s => s == "unchanged"));
        Assert.Equal("baselines/previous.json", (string)json["baseline"]!["source"]!);
        Assert.Equal(1, (int)json["baseline"]!["summary"]!["absent"]!);
        Assert.Equal("absent", (string)json["baseline"]!["absent"]![0]!["baselineState"]!);

        // Without a baseline neither the states nor the block are there.
        var plain = SchemaErrors.Parse(Render(Samples.Result()));
        Assert.Null(plain["baseline"]);
        Assert.All(plain["findings"]!, f => Assert.Null(f["baselineState"]));
    }

    [Fact]
    public void The_built_in_sample_says_so_in_the_snapshot()
    {
        Assert.True((bool)SchemaErrors.Parse(Render(Samples.Result() with { BuiltInSample = true }))["snapshot"]!["builtInSample"]!);
        Assert.False((bool)SchemaErrors.Parse(Render(Samples.Result()))["snapshot"]!["builtInSample"]!);
    }

    [Fact]
    public void Customer_text_with_control_characters_and_half_surrogates_is_valid_json_in_utf8()
    {
        var text = Render(Samples.Hostile());
        var bytes = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(text);
        var back = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        var json = SchemaErrors.Parse(back);
        Assert.Contains(json["findings"]!, f => ((string)f["target"]!["id"]!).Contains("calc", StringComparison.Ordinal));
        Assert.Equal(Samples.HostileOrganization, (string)json["snapshot"]!["organization"]!);
    }

    [Fact]
    public void EventId_appears_only_when_predicted()
    {
        var findings = ((JArray)SchemaErrors.Parse(Render(Samples.Result()))["findings"]!).Cast<JObject>().ToList();
        Assert.Equal(12013, (int)findings.First(f => (string)f["ruleId"]! == "EXTLS1004")["eventId"]!);

        // A SHA-1 signature is logged by no event.
        Assert.False(findings.First(f => (string)f["ruleId"]! == "EXTLS4004").ContainsKey("eventId"));
    }

    [Fact]
    public void Output_uses_lf_two_space_indent_and_utc_dates()
    {
        var text = Render(Samples.Result());
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"tool\": {\n    \"name\": \"extls\"", text, StringComparison.Ordinal);
        Assert.Contains("\"asOf\": \"2026-06-03T00:00:00Z\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_with_an_offset_are_written_in_utc()
    {
        var result = Samples.Result() with { AsOf = new DateTimeOffset(2026, 6, 1, 9, 30, 0, TimeSpan.FromHours(9)) };
        Assert.Equal("2026-06-01T00:30:00Z", (string)SchemaErrors.Parse(Render(result))["asOf"]!);
    }

    [Fact]
    public void Version_is_stable_major_minor_patch()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", ToolInfo.Version);
        Assert.Equal("1.2.0", ToolInfo.FormatVersion(new Version(1, 2)));
        Assert.Equal("1.2.3", ToolInfo.FormatVersion(new Version(1, 2, 3, 4)));
    }
}
