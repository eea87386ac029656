using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed class ConsoleReportWriterTests
{
    private static string Render(Rules.AnalysisResult result, RenderSettings settings) =>
        ReportWriters.Create(ReportFormat.Console, settings).Render(result);

    [Fact]
    public void The_built_in_sample_notice_ends_its_heading_as_each_language_does()
    {
        var ja = Render(Samples.Result("ja") with { BuiltInSample = true }, RenderSettings.Plain with { Culture = "ja" });
        Assert.Contains("組み込みのサンプル組織。ダンプが指定されなかったため", ja, StringComparison.Ordinal);
        Assert.DoesNotContain("組み込みのサンプル組織.", ja, StringComparison.Ordinal);
        var en = Render(Samples.Result() with { BuiltInSample = true }, RenderSettings.Plain);
        Assert.Contains("Built-in sample organisation. No dump was given", en, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_groups_by_server_with_every_field() =>
        Golden.Verify(Render(Samples.Result(), RenderSettings.Plain), "plain");

    [Fact]
    public void Japanese_culture_uses_japanese_labels_and_messages() =>
        Golden.Verify(Render(Samples.Result("ja"), RenderSettings.Plain with { Culture = "ja" }), "japanese");

    [Fact]
    public void Empty_analysis_says_so_and_shows_unknown_collection_time() =>
        Golden.Verify(Render(Samples.Empty(), RenderSettings.Plain), "empty");

    [Fact]
    public void Colour_output_carries_ansi_codes_and_plain_output_none()
    {
        var coloured = Render(Samples.Result(), RenderSettings.Plain with { Color = true });
        var plain = Render(Samples.Result(), RenderSettings.Plain);
        Assert.Contains("\u001b[", coloured, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_line_counts_each_severity_and_suppressed()
    {
        // Errors: EXTLS2004, EXTLS1004 and the one EXTLS5001 naming it; warnings: EXTLS4001 (its suppression expired)
        // and EXTLS9001; note: EXTLS9003; suppressed: EXTLS4004.
        var text = Render(Samples.Result(), RenderSettings.Plain);
        Assert.EndsWith("3 errors, 2 warnings, 1 note, 1 suppressed\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_text_with_markup_brackets_is_printed_literally()
    {
        // "[CHG0042117]" in the suppression's justification would be Spectre markup if not escaped.
        var text = Render(Samples.Result(), RenderSettings.Plain);
        Assert.Contains(Samples.Justification, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_suppressions_are_listed_under_the_findings_before_the_summary()
    {
        var text = Render(Samples.Result(), RenderSettings.Plain);
        var section = text.IndexOf("Expired suppressions", StringComparison.Ordinal);
        Assert.True(section > text.IndexOf("EXTLS9003", StringComparison.Ordinal), text);
        Assert.True(section < text.IndexOf("3 errors,", StringComparison.Ordinal), text);
        Assert.Contains("  EXTLS4001 on 'EX03/*': expired 2026-05-24, 1 finding reported again\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Expired suppressions", Render(Samples.Empty(), RenderSettings.Plain), StringComparison.Ordinal);
    }

    [Fact]
    public void Same_input_gives_same_text() =>
        Assert.Equal(Render(Samples.Result(), RenderSettings.Plain), Render(Samples.Result(), RenderSettings.Plain));

    [Fact]
    public void Remediation_lines_are_never_wrapped_at_the_console_width()
    {
        // A PowerShell line broken in two is a different command: remediation must survive copy and paste.
        var text = Render(Samples.Result(), RenderSettings.Plain with { Width = 60 });
        var lines = Samples.Result().Findings.SelectMany(f => f.Remediation.Split('\n')).ToList();
        Assert.Contains(lines, l => l.Length > 100);
        Assert.All(lines, l => Assert.Contains("      " + l + "\n", text, StringComparison.Ordinal));
    }
}
