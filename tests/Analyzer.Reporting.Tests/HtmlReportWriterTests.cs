using System.Diagnostics;
using System.Text.RegularExpressions;
using Extls.Generation.Organizations;
using Extls.Import;
using Extls.Rules;
using Extls.Selection;
using Xunit.Abstractions;

namespace Extls.Reporting.Tests;

/// <summary>The HTML report without a browser: escaping, self-containment, sections, folding, determinism and size.</summary>
public sealed partial class HtmlReportWriterTests(ITestOutputHelper output)
{
    internal static string Render(AnalysisResult result, string culture = "en") => new HtmlReportWriter(new RenderSettings(culture)).Render(result);

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("\"double\" 'single'", "&quot;double&quot; &#39;single&#39;")]
    [InlineData("tab\tline\nreturn\r", "tab\tline\nreturn\r")]
    [InlineData("nul\u0000bell\u0007del\u007Fc1\u0085", "nul\uFFFDbell\uFFFDdel\uFFFDc1\uFFFD")]
    [InlineData("𝔘 🚀", "𝔘 🚀")]
    [InlineData("", "")]
    public void Escape_makes_any_text_inert(string text, string expected) => Assert.Equal(expected, Html.Escape(text));

    /// <summary>Built in code: a test framework's serialisation of its cases would mend a lone surrogate itself.</summary>
    [Fact]
    public void Escape_replaces_a_lone_surrogate()
    {
        var text = "lone " + '\uD800' + " high, lone " + '\uDC00' + " low, pair " + char.ConvertFromUtf32(0x1F680);
        Assert.Equal("lone \uFFFD high, lone \uFFFD low, pair \U0001F680", Html.Escape(text));
    }

    [Fact]
    public void Input_problems_are_listed_in_the_readers_language_with_their_place()
    {
        var problem = new Extls.Model.ImportProblem("servers/EX02/ReceiveConnector.json", 3, "$[0]", Extls.Model.ProblemKind.PathNotFound);
        var result = Samples.HostileResult() with { Problems = [problem] };

        Assert.Contains("servers/EX02/ReceiveConnector.json:3: $[0]: No such file or folder.", Render(result), StringComparison.Ordinal);
        var ja = Render(result, "ja");
        Assert.Contains("servers/EX02/ReceiveConnector.json:3: $[0]: ファイルまたはフォルダーがありません。", ja, StringComparison.Ordinal);
        Assert.DoesNotContain("pathNotFound", ja, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connector_named_like_a_script_is_text_everywhere()
    {
        var html = Render(Samples.HostileResult());

        // The page has no script of its own, so any "<script" would be the name breaking out.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Html.Escape(Samples.ScriptName), html, StringComparison.Ordinal);
        Assert.Contains(Html.Escape(Samples.QuotedName), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.QuotedName, html, StringComparison.Ordinal);

        // The name reaches the finding, its PowerShell and the flow it applies to.
        var finding = Finding(html, "EXTLS2004");
        Assert.Contains(Html.Escape("EX01\\" + Samples.ScriptName), finding, StringComparison.Ordinal);
        Assert.Matches("<p class=\"applies\">[^<]*" + Regex.Escape(Html.Escape(Samples.QuotedName)), html);
    }

    [Fact]
    public void A_name_built_to_break_every_format_is_inert_text()
    {
        // A formula, pipes, HTML, Markdown, CRLF, a control character, an ANSI escape and half a surrogate pair; the organisation too.
        var html = Render(Samples.Hostile());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Org</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Org&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("[\uD800-\uDBFF](?![\uDC00-\uDFFF])", html);
        Assert.Contains(Html.Escape(Samples.HostileName), html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_loads_nothing_from_anywhere()
    {
        var html = Render(Samples.Result());
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlReportWriter.ContentSecurityPolicy}\">", html, StringComparison.Ordinal);
        foreach (var directive in new[] { "default-src 'none'", "script-src 'none'", "connect-src 'none'", "font-src 'none'", "base-uri 'none'", "form-action 'none'" })
        {
            Assert.Contains(directive, HtmlReportWriter.ContentSecurityPolicy, StringComparison.Ordinal);
        }

        // Every link and reference stays inside the page.
        Assert.Empty(Regex.Matches(html, "(?:href|src|xlink:href)\\s*=\\s*\"(?!#)[^\"]*\"").Select(m => m.Value));
        Assert.Empty(Regex.Matches(html, "url\\((?!#)").Select(m => m.Value));
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_anchor_a_link_names_exists()
    {
        var html = Render(Samples.Result());
        var ids = Regex.Matches(html, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var targets = Regex.Matches(html, "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.Contains(t, ids));
    }

    [Fact]
    public void The_sample_has_every_section_and_each_server_its_parts()
    {
        var result = Samples.Result();
        var html = Render(result);
        foreach (var id in new[] { "summary", "mailflow", "servers", "organization", "problems", "expired" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(result.Snapshot.Servers.Length, Regex.Count(html, "<details class=\"server\""));
        Assert.Equal(result.Findings.Length, Regex.Count(html, "<article class=\"finding"));

        // The summary's counts are the analysis's own.
        Assert.Contains($"<div class=\"card c-error\"><span class=\"v\">{result.Summary.Error}</span>", html, StringComparison.Ordinal);

        // The root cause of the failing pairs is named with its pair count, linked to its finding.
        var cause = result.Findings.Single(f => f.RuleId == "EXTLS1004");
        var row = Regex.Match(html, "<table class=\"causes\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.DoesNotContain("<table class=\"rules\">", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"#f-{cause.Fingerprint}\"", row, StringComparison.Ordinal);
        var counts = MailFlowMatrix.Build(result.Snapshot, result.Selections).Count();
        Assert.Contains($"<td class=\"num\">{counts.Failing}</td>", row, StringComparison.Ordinal);

        // Every finding's remediation is there, line for line, as escaped text in a <pre>.
        foreach (var f in result.Findings.Where(f => !string.IsNullOrWhiteSpace(f.Remediation)))
        {
            var block = Regex.Match(Finding(html, f.RuleId, f.Fingerprint), "<pre class=\"ps\"><code>(.*?)</code></pre>", RegexOptions.Singleline).Groups[1].Value;
            Assert.Equal(f.Remediation.TrimEnd('\n'), System.Net.WebUtility.HtmlDecode(Regex.Replace(block, "</?span[^>]*>", "")).TrimEnd('\n'));
        }

        // The inventory lists every certificate of EX01's store.
        var ex01 = Regex.Match(html, "<details class=\"server\" id=\"s1\".*?</details>", RegexOptions.Singleline).Value;
        foreach (var c in result.Snapshot.Servers.Single(s => s.Name == "EX01").Certificates.Items)
        {
            Assert.Contains(c.Thumbprint, ex01, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Identical_flows_are_drawn_once_with_the_connectors_they_stand_for()
    {
        var result = Samples.Result();
        var html = Render(result);
        var ex01 = Regex.Match(html, "<details class=\"server\" id=\"s1\".*?</details>", RegexOptions.Singleline).Value;
        var flows = Regex.Count(ex01, "<div class=\"flowbox\">");
        var selections = result.Selections.Count(s => s.Server == "EX01");
        Assert.True(flows < selections, $"{flows} flows drawn for {selections} replays of EX01");

        // Each replay of EX01 is accounted for once: as its own flow or named in a folded one's list.
        var applies = Regex.Matches(ex01, "<p class=\"applies\">[^(]*\\((\\d+)\\)").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var withoutConnector = result.Selections.Count(s => s.Server == "EX01" && s.Connector is null);
        Assert.Equal(selections, applies + withoutConnector);

        // Each flow uses a drawing the page defines, and a drawing is defined once.
        var symbols = Regex.Matches(html, "<symbol id=\"(d\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(symbols.Count, symbols.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Regex.Matches(html, "<use href=\"#(d\\d+)\"/>").Select(m => m.Groups[1].Value), s => Assert.Contains(s, symbols));
    }

    [Fact]
    public void The_drawing_marks_the_steps_as_the_trace_took_them()
    {
        // EX02's internal certificate is not in its store: process 1 stops at step 4 (Find in store), step 5 is not reached.
        var s = Samples.Result().Selections.First(x => x.Scenario == Scenario.InboundAnonymousTls && x.Server == "EX02" && x.Outcome == SelectionOutcome.CertificateNotInStore);
        var states = HtmlFlowDrawing.States(s);
        Assert.Equal([StepState.Taken, StepState.Taken, StepState.Taken, StepState.Decided, StepState.NotReached], states.Select(x => x.State));
        Assert.Equal(["1", "2", "3", "4", "5"], states.Select(x => x.Step.Label));

        // A key found early passes over the later stages of process 3's key chain: those boxes are the skipped ones, and only those.
        var startTls = Samples.Result().Selections.First(x => x.Scenario == Scenario.InboundStartTls && !x.Skipped.IsDefaultOrEmpty);
        Assert.Equal(
            startTls.Skipped.Select(k => k.Step.Kind).Order(),
            HtmlFlowDrawing.States(startTls).Where(x => x.State == StepState.Skipped).Select(x => x.Step.Kind).Order());

        var body = HtmlFlowDrawing.Body(s, FlowTone.Bad, "en", out var width, out var height);
        Assert.Equal(3, Regex.Count(body, "class=\"e on\""));
        Assert.Single(Regex.Matches(body, "class=\"st dc\""));
        Assert.Contains("Find in store", body, StringComparison.Ordinal);
        Assert.True(width > 0 && height > 0);
    }

    [Fact]
    public void Japanese_speaks_Japanese_in_its_own_words()
    {
        var html = Render(Samples.Result("ja"), "ja");
        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains("Exchange トランスポート TLS レポート", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"sev\">エラー</span>", html, StringComparison.Ordinal);
        Assert.Contains("受信コネクタ", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">error<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Receive connector", html, StringComparison.Ordinal);

        // A flow's finding links are a Japanese list, separated by 、 as the connectors are; English keeps ", ".
        Assert.Matches("</a>、<a href=\"#f-", html);
        Assert.DoesNotMatch("</a>, <a href=\"#f-", html);
        var en = Render(Samples.Result());
        Assert.Matches("</a>, <a href=\"#f-", en);
    }

    [Fact]
    public void The_same_analysis_gives_the_same_bytes()
    {
        var a = Render(Samples.Result());
        var b = Render(Samples.Result());
        Assert.Equal(a, b);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        new HtmlReportWriter(RenderSettings.Plain).Write(Samples.Result(), writer);
        Assert.Equal(a, writer.ToString());
    }

    [Fact]
    public void A_healthy_organisation_says_so()
    {
        var html = Render(Samples.Empty());
        Assert.Contains(HtmlLabels.English.NoFailingPairs, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<article class=\"finding", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// A thousand servers (the generator's default breaks): the page is written in seconds, stays a few megabytes,
    /// folds every server, and never lists pairs one by one.
    /// </summary>
    [Fact]
    public void A_thousand_servers_give_a_page_of_reasonable_size()
    {
        var result = Thousand.Value;
        var clock = Stopwatch.StartNew();
        var html = Render(result);
        clock.Stop();
        var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
        output.WriteLine($"1,000 servers: {bytes:N0} bytes of HTML in {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.True(bytes < 10_000_000, $"{bytes:N0} bytes");
        Assert.Equal(result.Snapshot.Servers.Length, Regex.Count(html, "<details class=\"server\" id=\"s\\d+\">"));
        Assert.DoesNotContain("<details class=\"server\" id=\"s1\" open>", html, StringComparison.Ordinal);

        var counts = MailFlowMatrix.Build(result.Snapshot, result.Selections).Count();
        Assert.True(counts.Failing > 1000, $"{counts.Failing} failing pairs: the generated organisation should break many");
        var examples = Regex.Count(html, "<li>[^<]* → [^<]*</li>");
        var groups = Regex.Count(Regex.Match(html, "<table class=\"causes\">.*?</table>", RegexOptions.Singleline).Value, "<tr><td>");
        Assert.True(examples <= groups * HtmlReportWriter.ListedPairs, $"{examples} pairs listed for {groups} causes");

        // Many root causes: a table by rule in the open, every cause folded under it, the causes that break most first.
        Assert.True(groups > HtmlReportWriter.ListedCauses, $"{groups} causes");
        Assert.Contains("<table class=\"rules\">", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"causes\"><summary>", html, StringComparison.Ordinal);
        var broken = Regex.Matches(Regex.Match(html, "<table class=\"causes\">.*?</table>", RegexOptions.Singleline).Value, "<td class=\"num\">(\\d+)</td>")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(broken.OrderDescending(), broken);
    }

    /// <summary>The generator's thousand-server organisation (its default breaks), analysed once for every test that needs it.</summary>
    internal static readonly Lazy<AnalysisResult> Thousand = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("extls-html-org-");
        try
        {
            OrganizationGenerator.Write(new GenerationOptions { Servers = 1000 }, folder.FullName);
            var loaded = DumpLoader.Load([folder.FullName]);
            return AnalysisEngine.CreateDefault().Analyze(loaded.Snapshot!, loaded.Problems, new AnalysisOptions(OrganizationGenerator.CollectedAt, AnalysisOptions.DefaultWarningDays));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    });

    /// <summary>The article of a finding, by rule (and fingerprint when the rule reports several).</summary>
    internal static string Finding(string html, string rule, string? fingerprint = null)
    {
        var articles = Regex.Matches(html, "<article class=\"finding[^\"]*\" id=\"f-([0-9a-f]+)[^\"]*\">.*?</article>", RegexOptions.Singleline)
            .Where(m => Regex.IsMatch(m.Value, $"<span class=\"rule\">{rule}</span>") && (fingerprint is null || m.Groups[1].Value == fingerprint))
            .ToList();
        return Assert.Single(articles).Value;
    }
}
