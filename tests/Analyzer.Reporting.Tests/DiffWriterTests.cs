using Extls.Rules.Comparison;
using Extls.TestKit;
using NJsonSchema;

namespace Extls.Reporting.Tests;

public sealed class DiffWriterTests
{
    /// <summary>The healthy organisation before, the sample (broken, hostile names and all) after.</summary>
    private static ResultDiff Diff(bool hostile = false) => ResultComparer.Compare(Samples.Empty(), hostile ? Samples.Hostile() : Samples.Result());

    private static string Render(ResultDiff diff, ReportFormat format) => DiffWriters.Create(format, RenderSettings.Plain).Render(diff);

    [Fact]
    public void Diff_console_golden() => Golden.Verify(Render(Diff(), ReportFormat.Console), "console");

    [Fact]
    public void Diff_markdown_golden() => Golden.Verify(Render(Diff(), ReportFormat.Markdown), "markdown", "md");

    [Fact]
    public async Task Diff_json_validates_against_its_schema_and_carries_findings_in_the_analyze_shape()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("diff.schema.json"));
        foreach (var diff in new[] { Diff(), Diff(hostile: true), ResultComparer.Compare(Samples.Result(), Samples.Empty()) })
        {
            var text = Render(diff, ReportFormat.Json);
            var errors = schema.Validate(text);
            Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));
            var json = SchemaErrors.Parse(text);
            Assert.Equal(diff.New.Length, json["new"]!.Count());
            Assert.Equal(diff.Fixed.Length, json["fixed"]!.Count());
            Assert.Equal(diff.SelectionChanges.Length, (int)json["summary"]!["selectionChanges"]!);
        }

        // The diff's findings are the findings JSON's, byte for byte.
        var diffJson = SchemaErrors.Parse(Render(Diff(), ReportFormat.Json));
        var analyzeJson = SchemaErrors.Parse(ReportWriters.Create(ReportFormat.Json, RenderSettings.Plain).Render(Samples.Result()));
        var first = analyzeJson["findings"]![0]!;
        first["baselineState"] = "new";
        Assert.Equal(first.ToString(), diffJson["new"]!.Single(f => (string)f["fingerprint"]! == (string)first["fingerprint"]!).ToString());
    }

    [Fact]
    public async Task The_diff_schema_rejects_a_change_without_kinds()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("diff.schema.json"));
        var json = SchemaErrors.Parse(Render(Diff(), ReportFormat.Json));
        ((Newtonsoft.Json.Linq.JObject)json["selectionChanges"]![0]!)["changes"] = new Newtonsoft.Json.Linq.JArray();
        Assert.NotEmpty(schema.Validate(json.ToString()));
    }

    [Fact]
    public void Diff_markdown_keeps_tables_whole_with_hostile_names()
    {
        var markdown = Render(Diff(hostile: true), ReportFormat.Markdown);
        Assert.DoesNotContain("\r", markdown, StringComparison.Ordinal);
        foreach (var line in markdown.Split('\n').Where(l => l.StartsWith('|')))
        {
            Assert.EndsWith("|", line, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_console_json_and_markdown_write_a_diff() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DiffWriters.Create(ReportFormat.Junit, RenderSettings.Plain));
}
