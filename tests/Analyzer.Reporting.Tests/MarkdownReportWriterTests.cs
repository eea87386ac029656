using System.Collections.Immutable;
using Extls.Rules;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed class MarkdownReportWriterTests
{
    private static string Render(AnalysisResult result, string culture = "en", int limit = MarkdownReportWriter.DefaultLimit) =>
        new MarkdownReportWriter(RenderSettings.Plain with { Culture = culture }, limit).Render(result);

    /// <summary>The cell separators of a table row: pipes not escaped by a backslash.</summary>
    private static int Separators(string line)
    {
        var n = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == '|')
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Each table as its lines: a header, a delimiter row, and rows.</summary>
    private static List<List<string>> Tables(string markdown)
    {
        var tables = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith('|'))
            {
                (current ??= []).Add(line);
            }
            else if (current is not null)
            {
                tables.Add(current);
                current = null;
            }
        }

        return tables;
    }

    /// <summary>A result with <paramref name="count"/> findings, each a copy of a real one on another target.</summary>
    private static AnalysisResult Many(int count)
    {
        var real = Samples.Result().Findings.Where(f => f.Suppression is null).ToArray();
        var findings = Enumerable.Range(0, count).Select(i =>
        {
            var f = real[i % real.Length];
            var target = new FindingTarget(f.Target.Kind, $"{f.Target.Id}-{i:D5}");
            return f with { Target = target, Fingerprint = AnalysisEngine.Fingerprint(f.RuleId, target) };
        }).ToImmutableArray();
        return Samples.Result() with
        {
            Findings = findings,
            Summary = new FindingSummary(findings.Count(f => f.Severity == Severity.Error), findings.Count(f => f.Severity == Severity.Warning), findings.Count(f => f.Severity == Severity.Note), 0),
        };
    }

    [Fact]
    public void Markdown_golden() => Golden.Verify(Render(Samples.Result()), "full", "md");

    [Fact]
    public void Markdown_golden_with_a_baseline() => Golden.Verify(Render(Samples.WithBaseline()), "baseline", "md");

    [Fact]
    public void Every_table_row_has_as_many_cells_as_its_header_even_with_names_built_to_break_tables()
    {
        foreach (var result in new[] { Samples.Result(), Samples.Hostile(), Samples.WithBaseline() })
        {
            var tables = Tables(Render(result));
            Assert.NotEmpty(tables);
            foreach (var table in tables)
            {
                Assert.Matches("^\\|(-+:?\\|)+$", table[1].Replace(" ", "", StringComparison.Ordinal).Replace("---:", "---", StringComparison.Ordinal));
                Assert.All(table, row => Assert.Equal(Separators(table[0]), Separators(row)));
            }
        }
    }

    /// <summary>The text outside code: fenced blocks and code spans render as literal text, whatever they hold.</summary>
    private static string Prose(string markdown)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(markdown, "(?s)(`{3,})powershell\n.*?\n\\1", "");
        return System.Text.RegularExpressions.Regex.Replace(text, "(?<!`)(`+)(?!`)(.*?)(?<!`)\\1(?!`)", "");
    }

    [Fact]
    public void Customer_text_cannot_inject_html_links_mentions_or_issue_references()
    {
        var markdown = Render(Samples.Hostile());
        var prose = Prose(markdown);
        Assert.Contains("calc", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", prose, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("[l](http://evil.example)", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("@team", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("@admins", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("#12", prose, StringComparison.Ordinal);
        foreach (var hidden in new[] { "\u0001", "\u001b", "\ud800", "\r" })
        {
            Assert.DoesNotContain(hidden, markdown, StringComparison.Ordinal);
        }

        // An identifier is a code span whose fence is longer than the backticks inside it, its pipes escaped for the table.
        Assert.Contains("``EX01\\=cmd\\|' /C calc'!A0 <script>alert(1)</script> \\| `x` *y* _z_ [l](http://evil.example) @team #12 second line\\u0001\\u001B[31m\ufffd end``", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_sample_says_so_at_the_top()
    {
        var markdown = Render(Samples.Result() with { BuiltInSample = true });
        Assert.StartsWith("## extls: ", markdown, StringComparison.Ordinal);
        Assert.Contains("\n\n> **Built-in sample organisation.** No dump was given", markdown.Split("### ")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Built-in sample", Render(Samples.Result()), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_results_fit_a_pull_request_comment_with_the_most_severe_on_top_and_the_rest_counted()
    {
        var result = Many(3000);
        var markdown = Render(result);
        Assert.True(markdown.Length <= MarkdownReportWriter.DefaultLimit, $"{markdown.Length} characters");
        Assert.True(markdown.Length < 65_536);
        Assert.Contains($"The {MarkdownReportWriter.TopFindings} most severe of 3000 findings", markdown, StringComparison.Ordinal);
        Assert.Contains("<details><summary>All 3000 findings in full</summary>", markdown, StringComparison.Ordinal);
        Assert.EndsWith("</details>\n", markdown, StringComparison.Ordinal);

        var listed = markdown.Split("<details>")[1].Split("\n**").Length - 1;
        Assert.InRange(listed, 1, 2999);
        Assert.Contains($"{3000 - listed} more findings are not listed", markdown, StringComparison.Ordinal);

        var top = Tables(markdown)[1];
        Assert.Equal(MarkdownReportWriter.TopFindings + 2, top.Count);
        Assert.All(top.Skip(2).Take(result.Summary.Error > 20 ? 20 : result.Summary.Error), row => Assert.StartsWith("| error |", row, StringComparison.Ordinal));
    }

    [Fact]
    public void A_smaller_limit_is_kept_too()
    {
        var markdown = Render(Many(200), limit: 8_000);
        Assert.True(markdown.Length <= 8_000, $"{markdown.Length} characters");
        Assert.Contains("not listed", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_baseline_new_findings_come_first_and_the_fixed_ones_are_folded()
    {
        var markdown = Render(Samples.WithBaseline());
        Assert.Contains("Baseline `baselines/previous.json`: 1 new, ", markdown, StringComparison.Ordinal);
        var top = Tables(markdown)[1];
        Assert.StartsWith("| error | new |", top[2], StringComparison.Ordinal);
        Assert.Contains("<details><summary>Fixed since the baseline (1)</summary>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void No_findings_says_so()
    {
        var markdown = Render(Samples.Empty());
        Assert.Contains("No findings.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<details>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Japanese_wording() => Assert.Contains("ルール別", Render(Samples.Result("ja"), "ja"), StringComparison.Ordinal);
}
