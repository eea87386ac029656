using System.Text;
using Extls.Rules;
using Extls.Rules.Comparison;
using Extls.Selection;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>Renders one comparison of two runs (<c>extls diff</c>, and a what-if). Like the report writers it decides nothing.</summary>
public interface IDiffWriter
{
    ReportFormat Format { get; }

    void Write(ResultDiff diff, TextWriter output);

    string Render(ResultDiff diff);
}

/// <summary>The one place a diff format is turned into its writer.</summary>
public static class DiffWriters
{
    /// <summary>The formats a diff can be written in.</summary>
    public static IReadOnlyList<ReportFormat> Formats { get; } = [ReportFormat.Console, ReportFormat.Json, ReportFormat.Markdown];

    public static IDiffWriter Create(ReportFormat format, RenderSettings settings) => format switch
    {
        ReportFormat.Console => new DiffConsoleWriter(settings),
        ReportFormat.Json => new DiffJsonWriter(),
        ReportFormat.Markdown => new DiffMarkdownWriter(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, $"A diff is written as {string.Join(", ", Formats.Select(f => f.Name()))}."),
    };

    /// <summary>One side's replay in a line: advertised or not, the certificate, the events, the outcome.</summary>
    internal static string Describe(SelectionResult? s, PipelineLabels words, Labels labels, string culture)
    {
        if (s is null)
        {
            return words.Nothing;
        }

        var events = s.Events.IsDefaultOrEmpty ? labels.None : string.Join(labels.ListSeparator, s.Events.Select(Fmt.Int));
        return string.Join(" · ",
            s.Advertised ? words.Advertised : words.NotAdvertised,
            $"{labels.Certificate} {s.Certificate ?? labels.None}",
            $"{labels.Events} {events}",
            $"{labels.Outcome} {(Fmt.IsJapanese(culture) ? SelectionText.Verdict(s, culture) : Fmt.CamelCase(s.Outcome.ToString()))}");
    }

    /// <summary>The process a changed selection belongs to: its id in English (as the JSON spells it), its short title in Japanese.</summary>
    internal static string Process(Scenario scenario, string culture) =>
        Fmt.IsJapanese(culture) ? SelectionText.ScenarioShortTitle(scenario, culture) : scenario.ToId();

    internal static string Side(AnalysisResult r, Labels labels)
    {
        var s = r.Snapshot;
        var sources = s.Sources.IsDefaultOrEmpty ? "" : $" ({string.Join(labels.ListSeparator, s.Sources)})";
        return $"{labels.Organization} {s.Organization ?? labels.Unknown} · {labels.CollectedAt} {(s.CollectedAt is { } c ? Fmt.Date(c) : labels.Unknown)} · {labels.AsOf} {Fmt.Date(r.AsOf)}{sources}";
    }
}

/// <summary>A diff for a person at a terminal: new and fixed findings in full, unchanged ones a line each, then the replays that changed.</summary>
public sealed class DiffConsoleWriter(RenderSettings settings) : IDiffWriter
{
    public ReportFormat Format => ReportFormat.Console;

    public void Write(ResultDiff diff, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(diff));
    }

    public string Render(ResultDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var labels = Labels.For(settings.Culture);
        var words = PipelineLabels.For(settings.Culture);
        return SpectreText.Render(settings, console =>
        {
            console.MarkupLine($"[bold]{ToolInfo.Name} {ToolInfo.Version}[/] diff");
            SpectreText.Indented(console, 2, SpectreText.Escape($"{words.Before}: {DiffWriters.Side(diff.Before, labels)}"));
            SpectreText.Indented(console, 2, SpectreText.Escape($"{words.After}: {DiffWriters.Side(diff.After, labels)}"));
            console.WriteLine();

            Findings(console, $"{words.New} ({Fmt.Int(diff.New.Length)})", diff.New, full: true, labels);
            Findings(console, $"{words.Fixed} ({Fmt.Int(diff.Fixed.Length)})", diff.Fixed, full: true, labels);
            Findings(console, $"{words.Unchanged} ({Fmt.Int(diff.Unchanged.Length)})", diff.Unchanged, full: false, labels);

            console.MarkupLine($"[bold underline]{SpectreText.Escape($"{words.SelectionChanges} ({Fmt.Int(diff.SelectionChanges.Length)})")}[/]");
            foreach (var c in diff.SelectionChanges)
            {
                var what = string.Join(labels.ListSeparator, c.Changes.Select(words.Change));
                SpectreText.Indented(console, 2, SpectreText.Escape($"{DiffWriters.Process(c.Scenario, settings.Culture)} {c.Server}{(c.Connector is null ? "" : " " + c.Connector)}: {what}"));
                SpectreText.Indented(console, 4, SpectreText.Escape($"{words.Before}: {DiffWriters.Describe(c.Before, words, labels, settings.Culture)}"));
                SpectreText.Indented(console, 4, SpectreText.Escape($"{words.After}: {DiffWriters.Describe(c.After, words, labels, settings.Culture)}"));
            }

            console.WriteLine();
            console.MarkupLine($"[bold]{SpectreText.Escape(words.DiffSummary(ResultDiffCounts.Of(diff)))}[/]");
        });
    }

    private void Findings(IAnsiConsole console, string title, IReadOnlyList<Finding> findings, bool full, Labels labels)
    {
        console.MarkupLine($"[bold underline]{SpectreText.Escape(title)}[/]");
        foreach (var f in findings)
        {
            var colour = f.Suppression is null ? ConsoleReportWriter.Colour(f.Severity) : "grey";
            var severity = f.Suppression is null ? ReportTerms.Severity(f.Severity, settings.Culture) : $"{labels.Suppressed} ({ReportTerms.Severity(f.Severity, settings.Culture)})";
            SpectreText.Indented(console, 2, $"[{colour}]{SpectreText.Escape(severity)}[/] [bold]{f.RuleId}[/] {SpectreText.Escape($"{ReportTerms.TargetKind(f.Target.Kind, settings.Culture)} {f.Target.Id}")}");
            if (full)
            {
                SpectreText.Indented(console, 4, SpectreText.Escape(f.Message));
            }
        }

        console.WriteLine();
    }
}

/// <summary>A diff for a pull-request comment: what is new and fixed in tables, the unchanged folded, and the replays that changed.</summary>
public sealed class DiffMarkdownWriter(RenderSettings settings, int limit = MarkdownReportWriter.DefaultLimit) : IDiffWriter
{
    public ReportFormat Format => ReportFormat.Markdown;

    public string Render(ResultDiff diff) => TextOf.Write(w => Write(diff, w));

    public void Write(ResultDiff diff, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(output);
        var labels = Labels.For(settings.Culture);
        var words = PipelineLabels.For(settings.Culture);
        var sb = new StringBuilder();
        sb.Append("## ").Append(ToolInfo.Name).Append(" diff: ").Append(MarkdownText.Inline(words.DiffSummary(ResultDiffCounts.Of(diff)))).Append("\n\n");
        sb.Append("- ").Append(MarkdownText.Inline($"{words.Before}: {DiffWriters.Side(diff.Before, labels)}")).Append('\n');
        sb.Append("- ").Append(MarkdownText.Inline($"{words.After}: {DiffWriters.Side(diff.After, labels)}")).Append("\n\n");

        // What a reviewer acts on first; the unchanged findings last and folded. A section that does not fit is counted, not cut.
        var parts = new List<(string Name, int Count, string Table, bool Folded)>
        {
            (words.New, diff.New.Length, Table(diff.New, labels, words), false),
            (words.Fixed, diff.Fixed.Length, Table(diff.Fixed, labels, words), false),
            (words.SelectionChanges, diff.SelectionChanges.Length, Changes(diff.SelectionChanges, labels, words, settings.Culture), false),
            (words.Unchanged, diff.Unchanged.Length, Table(diff.Unchanged, labels, words), true),
        };
        foreach (var (name, count, table, folded) in parts)
        {
            var title = $"{name} ({Fmt.Int(count)})";
            var section = folded
                ? $"<details><summary>{MarkdownText.Inline(title)}</summary>\n\n{table}</details>\n\n"
                : $"### {MarkdownText.Inline(title)}\n\n{table}";
            if (sb.Length + section.Length > limit)
            {
                sb.Append("### ").Append(MarkdownText.Inline(title)).Append("\n\n")
                  .Append(MarkdownText.Inline(words.NotListed(count))).Append("\n\n");
                continue;
            }

            sb.Append(section);
        }

        output.Write(sb.ToString().TrimEnd('\n'));
        output.Write('\n');
    }

    private string Table(IReadOnlyList<Finding> findings, Labels labels, PipelineLabels words)
    {
        if (findings.Count == 0)
        {
            return MarkdownText.Inline(words.Nothing) + "\n\n";
        }

        var sb = new StringBuilder();
        sb.Append("| ").Append(MarkdownText.Inline(words.Severity)).Append(" | ").Append(MarkdownText.Inline(words.Rule)).Append(" | ")
          .Append(MarkdownText.Inline(labels.Target)).Append(" | ").Append(MarkdownText.Inline(words.Message)).Append(" |\n|---|---|---|---|\n");
        foreach (var f in findings)
        {
            sb.Append("| ").Append(f.Suppression is null ? ReportTerms.Severity(f.Severity, settings.Culture) : $"{MarkdownText.Inline(labels.Suppressed)} ({ReportTerms.Severity(f.Severity, settings.Culture)})")
              .Append(" | ").Append(MarkdownText.Link(f.RuleId, RulePages.For(settings.HelpUriBase, f.RuleId)))
              .Append(" | ").Append(MarkdownText.Inline(ReportTerms.TargetKind(f.Target.Kind, settings.Culture))).Append(' ').Append(MarkdownText.Code(f.Target.Id))
              .Append(" | ").Append(MarkdownText.Inline(f.Message)).Append(" |\n");
        }

        return sb.Append('\n').ToString();
    }

    private static string Changes(IReadOnlyList<SelectionChange> changes, Labels labels, PipelineLabels words, string culture)
    {
        if (changes.Count == 0)
        {
            return MarkdownText.Inline(words.Nothing) + "\n\n";
        }

        var sb = new StringBuilder();
        sb.Append("| ").Append(MarkdownText.Inline(labels.Scenario)).Append(" | ").Append(MarkdownText.Inline(labels.Server)).Append(" | ")
          .Append(MarkdownText.Inline(labels.Connector)).Append(" | | ").Append(MarkdownText.Inline(words.Before)).Append(" | ")
          .Append(MarkdownText.Inline(words.After)).Append(" |\n|---|---|---|---|---|---|\n");
        foreach (var c in changes)
        {
            sb.Append("| ").Append(DiffWriters.Process(c.Scenario, culture)).Append(" | ").Append(MarkdownText.Code(c.Server)).Append(" | ")
              .Append(c.Connector is null ? "" : MarkdownText.Code(c.Connector)).Append(" | ")
              .Append(MarkdownText.Inline(string.Join(labels.ListSeparator, c.Changes.Select(words.Change)))).Append(" | ")
              .Append(MarkdownText.Inline(DiffWriters.Describe(c.Before, words, labels, culture))).Append(" | ")
              .Append(MarkdownText.Inline(DiffWriters.Describe(c.After, words, labels, culture))).Append(" |\n");
        }

        return sb.Append('\n').ToString();
    }
}
