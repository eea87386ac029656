using System.Text.RegularExpressions;

namespace Extls.Cli.Tests;

/// <summary>
/// analyze --format html with the servers' own logs: the page has the evidence section the console has (tally, the
/// contradicted selection with what the log shows, the unobserved ones by reason), and each server's flow carries its
/// verdict; without logs, neither appears.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HtmlEvidenceTests
{
    private const string Contradicted = "snapshots/scenarios/061-evidence-contradicted-starttls/dump";

    /// <summary>The certificate the scenario's protocol log shows on EX01's Default Frontend connector, where the replay predicts another.</summary>
    private const string Observed = "A1E9666F1D9B7AF82BB5D4A42F559773D7DBDCE2";

    private static (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.Run(args);

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..(html.IndexOf("</section>", start, StringComparison.Ordinal) + 10)];
    }

    [Fact]
    public void A_contradicted_selection_is_in_the_evidence_section_and_on_its_flow()
    {
        var run = Run("analyze", Contradicted, "--format", "html");
        Assert.True(run.Code is 0 or 1, run.Error);
        var html = run.Out;

        Assert.Contains("<li><a href=\"#evidence\">Evidence from the servers&#39; own logs</a></li>", html, StringComparison.Ordinal);
        var evidence = Section(html, "evidence");
        Assert.Matches("<div class=\"card c-warning\"><span class=\"v\">1</span><span class=\"l\">contradicted</span></div>", evidence);
        var row = Assert.Single(Regex.Matches(evidence, "<tr><td><span class=\"verdict warn\">contradicted</span>.*?</tr>").Select(m => m.Value));
        Assert.Contains("EX01\\Default Frontend EX01", row, StringComparison.Ordinal);
        Assert.Contains($"sessions presented another certificate · {Observed} × 9 sessions", row, StringComparison.Ordinal);
        Assert.Matches("<a href=\"#s[0-9]+\">EX01</a>", row);
        Assert.Contains("<li>no protocol log of this server was read × ", evidence, StringComparison.Ordinal);

        // The flow of that connector on EX01 carries the verdict under its outcome, and no other flow is contradicted.
        var flows = Regex.Matches(html, "<div class=\"flowbox\">.*?</div>\n", RegexOptions.Singleline).Select(m => m.Value).ToList();
        var contradicted = Assert.Single(flows, f => f.Contains("<span class=\"verdict warn\">contradicted</span>", StringComparison.Ordinal));
        Assert.Contains("EX01\\Default Frontend EX01", contradicted, StringComparison.Ordinal);
        Assert.Contains(Observed, contradicted, StringComparison.Ordinal);
        Assert.All(flows, f => Assert.Contains("<p class=\"evidence\">Evidence: ", f, StringComparison.Ordinal));
    }

    [Fact]
    public void In_Japanese_the_verdicts_are_Japanese()
    {
        var html = Run("analyze", Contradicted, "--format", "html", "--culture", "ja").Out;
        var evidence = Section(html, "evidence");
        Assert.Contains("<h2>サーバー自身のログによる証拠</h2>", evidence, StringComparison.Ordinal);
        Assert.Contains("<span class=\"verdict warn\">矛盾</span>", evidence, StringComparison.Ordinal);
        Assert.Contains("別の証明書を提示したセッションがあります", evidence, StringComparison.Ordinal);
        Assert.Contains("<p class=\"evidence\">証拠: ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_logs_there_is_no_evidence_anywhere()
    {
        var html = Run("analyze", "snapshots/scenarios/001-healthy-baseline/dump", "--format", "html").Out;
        Assert.Contains("<section id=\"servers\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"evidence\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"evidence\"", html, StringComparison.Ordinal);
    }
}
