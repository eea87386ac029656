using Extls.Import;
using Extls.Planning;
using Extls.Rules;
using Extls.TestKit;
using NJsonSchema;

namespace Extls.Reporting.Tests;

/// <summary>The what-if and timeline writers over real rehearsals of the committed plan fixtures.</summary>
public sealed class WhatIfWriterTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<AnalysisEngine> Engine = new(AnalysisEngine.CreateDefault);

    private static WhatIfResult Rehearse(string slug, string culture = "en")
    {
        var dir = Path.Combine(Repository.Root, "snapshots", "plans", slug);
        var inputs = new List<string> { Path.Combine(dir, "dump") };
        if (Directory.Exists(Path.Combine(dir, "edge-dump")))
        {
            inputs.Add(Path.Combine(dir, "edge-dump"));
        }

        // Named as the command line names what it was given, so the report does not depend on where the repository is.
        var snapshot = DumpLoader.Load(inputs).Snapshot! with { Sources = [.. inputs.Select(i => Path.GetFileName(i))] };
        var options = new AnalysisOptions(AsOf, 30, null, culture);
        var before = Engine.Value.Analyze(snapshot, [], options);
        return WhatIf.Run(Engine.Value, before, [Plan.Load("plan.ps1", Path.Combine(dir, "plan.ps1"))], options, new PlanContext(AsOf, dir));
    }

    private static string Render(WhatIfResult r, ReportFormat format, string culture = "en") =>
        WhatIfWriters.Create(format, RenderSettings.Plain with { Culture = culture }).Render(r);

    [Fact]
    public void Whatif_console_golden() => Golden.Verify(Render(Rehearse("101-enable-exchangecertificate"), ReportFormat.Console), "console");

    [Fact]
    public void Whatif_console_japanese_golden() => Golden.Verify(Render(Rehearse("105-set-receiveconnector", "ja"), ReportFormat.Console, "ja"), "console-ja");

    [Fact]
    public void Plan_names_are_listed_with_the_languages_separator()
    {
        var r = Rehearse("101-enable-exchangecertificate") with { Plans = ["a.ps1", "b.ps1"] };
        foreach (var format in new[] { ReportFormat.Console, ReportFormat.Markdown })
        {
            Assert.Contains("Plan: a.ps1, b.ps1", Render(r, format), StringComparison.Ordinal);
            Assert.Contains("計画: a.ps1、b.ps1", Render(r, format, "ja"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Whatif_markdown_golden() => Golden.Verify(Render(Rehearse("103-remove-internal-transport-certificate"), ReportFormat.Markdown), "markdown", "md");

    [Theory]
    [InlineData("101-enable-exchangecertificate")]
    [InlineData("102-import-exchangecertificate")]
    [InlineData("103-remove-internal-transport-certificate")]
    [InlineData("104-new-exchangecertificate")]
    [InlineData("105-set-receiveconnector")]
    [InlineData("106-set-sendconnector")]
    [InlineData("107-recreate-edgesubscription")]
    [InlineData("108-remove-edgesubscription")]
    public async Task Whatif_json_validates_and_the_top_level_is_the_first_outcome(string slug)
    {
        var result = Rehearse(slug);
        var text = Render(result, ReportFormat.Json);
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("whatif.schema.json"));
        var errors = schema.Validate(text);
        Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));

        var json = SchemaErrors.Parse(text);
        Assert.Equal(result.Outcomes.Length, json["outcomes"]!.Count());
        Assert.Equal(json["outcomes"]![0]!["new"]!.ToString(), json["new"]!.ToString());
        Assert.Equal(json["outcomes"]![0]!["fixed"]!.ToString(), json["fixed"]!.ToString());
        Assert.Equal(result.Shown.Changes.Length, json["outcomes"]![0]!["changes"]!.Count());
        Assert.Equal(text, Render(Rehearse(slug), ReportFormat.Json));
    }

    [Fact]
    public async Task Timeline_json_validates_and_the_console_names_the_first_break()
    {
        var dump = Path.Combine(Repository.Root, "snapshots", "scenarios", "010-p1-expires-soon", "dump");
        var options = new AnalysisOptions(AsOf, 30);
        var start = Engine.Value.Analyze(DumpLoader.Load([dump]).Snapshot! with { Sources = ["dump"] }, [], options);
        var timeline = Timeline.Compute(Engine.Value, start, options, Timeline.DefaultUntil(AsOf));

        var json = TimelineWriters.Create(ReportFormat.Json, RenderSettings.Plain).Render(timeline);
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("timeline.schema.json"));
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));
        Golden.Verify(TimelineWriters.Create(ReportFormat.Console, RenderSettings.Plain).Render(timeline), "timeline");
        Assert.Contains("## extls", TimelineWriters.Create(ReportFormat.Markdown, RenderSettings.Plain).Render(timeline));
        Assert.Contains("最初に問題が起きる日: 2026-06-20T00:00:00Z", TimelineWriters.Create(ReportFormat.Console, RenderSettings.Plain with { Culture = "ja" }).Render(timeline));
    }

    private static TimelineResult Timeline010(string culture = "en")
    {
        var dump = Path.Combine(Repository.Root, "snapshots", "scenarios", "010-p1-expires-soon", "dump");
        var options = new AnalysisOptions(AsOf, 30, null, culture);
        var start = Engine.Value.Analyze(DumpLoader.Load([dump]).Snapshot! with { Sources = ["dump"] }, [], options);
        return Timeline.Compute(Engine.Value, start, options, Timeline.DefaultUntil(AsOf));
    }

    [Fact]
    public void Timeline_html_golden_with_the_first_break_highlighted()
    {
        var timeline = Timeline010();
        var html = TimelineWriters.Create(ReportFormat.Html, RenderSettings.Plain).Render(timeline);
        Golden.Verify(html, "timeline-html", "html");
        Assert.Equal(html, TimelineWriters.Create(ReportFormat.Html, RenderSettings.Plain).Render(Timeline010()));
        Assert.Contains($"content=\"{HtmlReportWriter.ContentSecurityPolicy}\"", html, StringComparison.Ordinal);
        Assert.Equal(timeline.Dates.Length, System.Text.RegularExpressions.Regex.Count(html, "<li class=\"tl-date"));
        // Exactly one date is the first break, and it is the date the certificate expires.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<li class=\"tl-date break\""));
        Assert.Matches("<li class=\"tl-date break\" id=\"d1\">\n<h3><time datetime=\"2026-06-20T00:00:00Z\">", html);
    }

    [Fact]
    public void Timeline_html_japanese_golden()
    {
        var html = TimelineWriters.Create(ReportFormat.Html, RenderSettings.Plain with { Culture = "ja" }).Render(Timeline010("ja"));
        Golden.Verify(html, "timeline-html-ja", "html");
        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains("最初に問題が起きる日:", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"sev\">エラー</span>", html, StringComparison.Ordinal);
        Assert.Contains("サーバー EX02", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">error<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_console_and_markdown_speak_japanese_severities_and_target_kinds()
    {
        var timeline = Timeline010("ja");
        foreach (var format in new[] { ReportFormat.Console, ReportFormat.Markdown })
        {
            var text = TimelineWriters.Create(format, RenderSettings.Plain with { Culture = "ja" }).Render(timeline);
            Assert.Contains("+ エラー EXTLS1005 サーバー EX02", text, StringComparison.Ordinal);
            Assert.Contains("- 警告 EXTLS1006 サーバー EX02", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Analyze_html_carries_the_timeline_section_when_given_one()
    {
        var timeline = Timeline010();
        var with = new HtmlReportWriter(RenderSettings.Plain) { Timeline = timeline }.Render(timeline.AsOf);
        var without = new HtmlReportWriter(RenderSettings.Plain).Render(timeline.AsOf);
        Assert.DoesNotContain("id=\"timeline\"", without, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#timeline\">Timeline</a></li>", with, StringComparison.Ordinal);
        Assert.Contains("<p class=\"firstbreak\">First break: 2026-06-20T00:00:00Z</p>", with, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(with, "<tr class=\"break\"><td class=\"mono\">2026-06-20T00:00:00Z</td>"));
        // A finding that disappears links to where the report shows it now.
        var going = timeline.Dates[0].Disappears[0];
        Assert.Contains($"id=\"f-{going.Fingerprint}\"", with, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#f-{going.Fingerprint}\">", with, StringComparison.Ordinal);
        Assert.Equal(with, new HtmlReportWriter(RenderSettings.Plain) { Timeline = Timeline010() }.Render(Timeline010().AsOf));
    }
}
