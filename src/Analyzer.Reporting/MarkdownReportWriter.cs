using System.Text;
using Extls.Rules;

namespace Extls.Reporting;

/// <summary>
/// A summary for a pull-request comment or a CI job summary (GitHub-flavoured Markdown, which GitLab and Azure
/// DevOps also render): the counts, what the input was, the findings per rule, the most severe findings in a
/// table, and every finding in full folded in <c>&lt;details&gt;</c>. The whole text stays within
/// <see cref="DefaultLimit"/> characters, below GitHub's 65,536 for a comment (a job summary may hold 1 MiB):
/// what does not fit is counted, never cut in half.
/// </summary>
/// <param name="limit">The most characters the summary may take.</param>
public sealed class MarkdownReportWriter(RenderSettings settings, int limit = MarkdownReportWriter.DefaultLimit) : IReportWriter
{
    /// <summary>Room below GitHub's comment limit for what a pipeline adds around the summary.</summary>
    public const int DefaultLimit = 60_000;

    /// <summary>How many findings the table at the top shows; the folded list has them all.</summary>
    public const int TopFindings = 20;

    public ReportFormat Format => ReportFormat.Markdown;

    public string Render(AnalysisResult result) => TextOf.Write(w => Write(result, w));

    public void Write(AnalysisResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var labels = Labels.For(settings.Culture);
        var words = PipelineLabels.For(settings.Culture);
        var findings = result.Findings.IsDefault ? [] : result.Findings;
        var ordered = MostSevereFirst(findings).ToList();

        var head = new StringBuilder();
        head.Append("## ").Append(ToolInfo.Name).Append(": ").Append(MarkdownText.Inline(labels.Summary(result.Summary))).Append("\n\n");
        if (result.BuiltInSample)
        {
            head.Append("> **").Append(MarkdownText.Inline(words.BuiltInSample)).Append(Fmt.IsJapanese(settings.Culture) ? "。** " : ".** ").Append(MarkdownText.Inline(words.BuiltInSampleNote)).Append("\n\n");
        }

        head.Append(Context(result, labels, words)).Append("\n\n");

        var body = new Budget(limit - head.Length - 1);
        if (findings.IsEmpty)
        {
            body.TryAdd(MarkdownText.Inline(labels.NoFindings) + "\n\n");
        }
        else
        {
            body.TryAdd(ByRule(result, findings, words));
            body.TryAdd(Top(ordered, result.Baseline is not null, labels, words));
        }

        if (!result.Problems.IsDefaultOrEmpty)
        {
            var problems = new StringBuilder().Append("### ").Append(MarkdownText.Inline(labels.Problems)).Append("\n\n");
            foreach (var p in result.Problems)
            {
                problems.Append("- ").Append(MarkdownText.Inline(ProblemWording.Line(p, settings.Culture))).Append('\n');
            }

            body.TryAdd(problems.Append('\n').ToString());
        }

        if (!findings.IsEmpty)
        {
            FoldedList(body, words.AllFindings(findings.Length), ordered, labels, words);
        }

        if (result.Baseline is { Absent.IsEmpty: false } baseline)
        {
            FoldedList(body, $"{words.Fixed} {words.SinceBaseline} ({Fmt.Int(baseline.Absent.Length)})", baseline.Absent, labels, words);
        }

        output.Write(head.ToString());
        output.Write(body.ToString().TrimEnd('\n'));
        output.Write('\n');
    }

    private static string Context(AnalysisResult result, Labels labels, PipelineLabels words)
    {
        var s = result.Snapshot;
        var parts = new List<string>
        {
            $"{ToolInfo.Name} {ToolInfo.Version}",
            $"{MarkdownText.Inline(labels.Organization)}: {MarkdownText.Inline(s.Organization ?? labels.Unknown)}",
            $"{MarkdownText.Inline(labels.CollectedAt)} {(s.CollectedAt is { } c ? Fmt.Date(c) : MarkdownText.Inline(labels.Unknown))}",
            $"{MarkdownText.Inline(labels.AsOf)} {Fmt.Date(result.AsOf)}",
        };
        if (result.Baseline is { } b)
        {
            parts.Add($"{MarkdownText.Inline(words.Baseline)} {MarkdownText.Code(b.Source)}: {MarkdownText.Inline(words.BaselineCounts(b))}");
        }

        return string.Join(" · ", parts);
    }

    private string ByRule(AnalysisResult result, IReadOnlyList<Finding> findings, PipelineLabels words)
    {
        var withBaseline = result.Baseline is not null;
        var sb = new StringBuilder().Append("### ").Append(MarkdownText.Inline(words.ByRule)).Append("\n\n");
        sb.Append("| ").Append(MarkdownText.Inline(words.Rule)).Append(" | | ").Append(MarkdownText.Inline(words.Severity)).Append(" | ").Append(MarkdownText.Inline(words.Count));
        sb.Append(withBaseline ? $" | {MarkdownText.Inline(words.New)} |\n|---|---|---|---:|---:|\n" : " |\n|---|---|---|---:|\n");
        var titles = result.Rules.ToDictionary(r => r.Id, r => r.Title.For(settings.Culture), StringComparer.Ordinal);
        foreach (var rule in findings.GroupBy(f => f.RuleId, StringComparer.Ordinal)
                     .OrderByDescending(g => g.Max(f => f.Severity)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = rule.First();
            sb.Append("| ").Append(MarkdownText.Link(rule.Key, RulePages.For(settings.HelpUriBase, rule.Key)))
              .Append(" | ").Append(MarkdownText.Inline(titles.GetValueOrDefault(rule.Key) ?? first.Name))
              .Append(" | ").Append(ReportTerms.Severity(rule.Max(f => f.Severity), settings.Culture))
              .Append(" | ").Append(Fmt.Int(rule.Count()));
            if (withBaseline)
            {
                sb.Append(" | ").Append(Fmt.Int(rule.Count(f => f.BaselineState == BaselineState.New)));
            }

            sb.Append(" |\n");
        }

        return sb.Append('\n').ToString();
    }

    private string Top(List<Finding> ordered, bool withBaseline, Labels labels, PipelineLabels words)
    {
        var shown = ordered.Take(TopFindings).ToList();
        var sb = new StringBuilder().Append("### ").Append(MarkdownText.Inline(words.Findings)).Append("\n\n");
        if (shown.Count < ordered.Count)
        {
            sb.Append(MarkdownText.Inline(words.Showing(shown.Count, ordered.Count))).Append("\n\n");
        }

        sb.Append("| ").Append(MarkdownText.Inline(words.Severity));
        if (withBaseline)
        {
            sb.Append(" | ").Append(MarkdownText.Inline(words.Baseline));
        }

        sb.Append(" | ").Append(MarkdownText.Inline(words.Rule)).Append(" | ").Append(MarkdownText.Inline(labels.Target)).Append(" | ").Append(MarkdownText.Inline(words.Message)).Append(" |\n");
        sb.Append(withBaseline ? "|---|---|---|---|---|\n" : "|---|---|---|---|\n");
        foreach (var f in shown)
        {
            sb.Append("| ").Append(SeverityCell(f, labels));
            if (withBaseline)
            {
                sb.Append(" | ").Append(f.BaselineState is { } s ? MarkdownText.Inline(words.State(s)) : "");
            }

            sb.Append(" | ").Append(MarkdownText.Link(f.RuleId, RulePages.For(settings.HelpUriBase, f.RuleId)))
              .Append(" | ").Append(Target(f))
              .Append(" | ").Append(MarkdownText.Inline(Shorten(f.Message))).Append(" |\n");
        }

        return sb.Append('\n').ToString();
    }

    /// <summary>Each finding in full inside one <c>&lt;details&gt;</c>; the findings that do not fit are counted at its end.</summary>
    private void FoldedList(Budget body, string summary, IReadOnlyList<Finding> findings, Labels labels, PipelineLabels words)
    {
        var open = $"<details><summary>{MarkdownText.Inline(summary)}</summary>\n\n";
        const string Close = "</details>\n\n";
        var reserve = open.Length + Close.Length + words.NotListed(findings.Count).Length + 8;
        if (!body.Fits(reserve))
        {
            return;
        }

        body.Add(open);
        var listed = 0;
        foreach (var f in findings)
        {
            if (!body.TryAdd(Full(f, labels, words), keep: reserve - open.Length))
            {
                break;
            }

            listed++;
        }

        if (listed < findings.Count)
        {
            body.Add(MarkdownText.Inline(words.NotListed(findings.Count - listed)) + "\n\n");
        }

        body.Add(Close);
    }

    private string Full(Finding f, Labels labels, PipelineLabels words)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(SeverityCell(f, labels)).Append("** ")
          .Append(MarkdownText.Link(f.RuleId, RulePages.For(settings.HelpUriBase, f.RuleId))).Append(' ')
          .Append(MarkdownText.Inline(string.IsNullOrWhiteSpace(f.Title) ? f.Name : f.Title)).Append(" · ").Append(Target(f));
        if (f.BaselineState is { } state)
        {
            sb.Append(" · ").Append(MarkdownText.Inline($"{words.State(state)} {words.SinceBaseline}"));
        }

        sb.Append("\n\n").Append(MarkdownText.Inline(f.Message)).Append("\n\n");
        var facts = new List<string>();
        if (f.EventId is { } e)
        {
            facts.Add($"{MarkdownText.Inline(labels.Event)}: {Fmt.Int(e)}");
        }

        if (f.Location is { } l)
        {
            facts.Add($"{MarkdownText.Inline(labels.Location)}: {MarkdownText.Code(Fmt.FileLine(l))}");
        }

        if (!f.Assumptions.IsDefaultOrEmpty)
        {
            facts.Add($"{MarkdownText.Inline(labels.Assumptions)}: {MarkdownText.Inline(string.Join(labels.ListSeparator, f.Assumptions))}");
        }

        if (f.Suppression is { } s)
        {
            facts.Add($"{MarkdownText.Inline(labels.Suppressed)}: {MarkdownText.Inline(s.Justification)}");
        }

        if (facts.Count > 0)
        {
            sb.Append(string.Join(" · ", facts)).Append("\n\n");
        }

        if (!string.IsNullOrWhiteSpace(f.Remediation) && f.BaselineState != BaselineState.Absent)
        {
            sb.Append(MarkdownText.Block(f.Remediation, "powershell")).Append("\n\n");
        }

        return sb.ToString();
    }

    private string SeverityCell(Finding f, Labels labels) =>
        f.Suppression is null ? ReportTerms.Severity(f.Severity, settings.Culture) : $"{MarkdownText.Inline(labels.Suppressed)} ({ReportTerms.Severity(f.Severity, settings.Culture)})";

    private string Target(Finding f) => $"{MarkdownText.Inline(ReportTerms.TargetKind(f.Target.Kind, settings.Culture))} {MarkdownText.Code(f.Target.Id)}";

    /// <summary>Unsuppressed first; with a baseline the new ones first; then by severity, keeping the report's order.</summary>
    private static IEnumerable<Finding> MostSevereFirst(IEnumerable<Finding> findings) =>
        findings
            .OrderBy(f => f.Suppression is null ? 0 : 1)
            .ThenBy(f => f.BaselineState == BaselineState.Unchanged ? 1 : 0)
            .ThenByDescending(f => f.Severity);

    // A table row stays one readable line; the folded list below has the whole message.
    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 299), "…");

    /// <summary>Text that grows only while it stays within its limit.</summary>
    private sealed class Budget(int limit)
    {
        private readonly StringBuilder text = new();

        public bool Fits(int length) => text.Length + length <= limit;

        /// <summary>Adds <paramref name="part"/> if it fits with <paramref name="keep"/> characters still to spare.</summary>
        public bool TryAdd(string part, int keep = 0)
        {
            if (!Fits(part.Length + keep))
            {
                return false;
            }

            text.Append(part);
            return true;
        }

        /// <summary>Adds what room was reserved for.</summary>
        public void Add(string part) => text.Append(part);

        public override string ToString() => text.ToString();
    }
}
