using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed class ConsoleReportWriterTests
{
    private static string Render(Rules.AnalysisResult result, RenderSettings settings) =>
        ReportWriters.Create(ReportFormat.Console, settings).Render(result);

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
        var text = Render(Samples.Result(), RenderSettings.Plain);
        Assert.EndsWith("2 errors, 1 warning, 1 note, 1 suppressed\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_text_with_markup_brackets_is_printed_literally()
    {
        // "[sha1RSA]" in the sample message would be Spectre markup if not escaped.
        var text = Render(Samples.Result(), RenderSettings.Plain);
        Assert.Contains("[sha1RSA]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_suppressions_are_listed_under_the_findings_before_the_summary()
    {
        var text = Render(Samples.Result(), RenderSettings.Plain);
        var section = text.IndexOf("Expired suppressions", StringComparison.Ordinal);
        Assert.True(section > text.IndexOf("EXTLS9003", StringComparison.Ordinal), text);
        Assert.True(section < text.IndexOf("2 errors,", StringComparison.Ordinal), text);
        Assert.Contains("  EXTLS2008 on 'EX02\\*': expired " + Fmt.Day(Samples.Result().ExpiredSuppressions[0].Suppression.Expires!.Value) + ", 1 finding reported again\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Expired suppressions", Render(Samples.Empty(), RenderSettings.Plain), StringComparison.Ordinal);
    }

    [Fact]
    public void Same_input_gives_same_text() =>
        Assert.Equal(Render(Samples.Result(), RenderSettings.Plain), Render(Samples.Result(), RenderSettings.Plain));

    [Fact]
    public void Remediation_lines_are_never_wrapped_at_the_console_width()
    {
        // A PowerShell line broken in two is a different command: remediation must survive copy and paste.
        var command = "Set-ReceiveConnector -Identity 'EX02\\Default EX02' -AuthMechanism Tls,Integrated,BasicAuth,BasicAuthRequireTLS,ExchangeServer -WhatIf";
        var finding = Samples.Result().Findings[0] with { Remediation = command };
        var result = Samples.Result() with { Findings = [finding] };
        var text = Render(result, RenderSettings.Plain with { Width = 60 });
        Assert.Contains("      " + command + "\n", text, StringComparison.Ordinal);
    }
}
