using Extls.Rules;
using Extls.Selection;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>Findings for a person at a terminal: grouped by server, coloured by severity, a one-line summary.</summary>
public sealed class ConsoleReportWriter(RenderSettings settings) : IReportWriter
{
    public ReportFormat Format => ReportFormat.Console;

    /// <summary>Spectre lays the whole text out before writing it; at one or two findings per server it stays small.</summary>
    public void Write(AnalysisResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(result));
    }

    public string Render(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var labels = Labels.For(settings.Culture);
        var words = PipelineLabels.For(settings.Culture);
        return SpectreText.Render(settings, console =>
        {
            WriteHeader(console, result, labels, words);

            if (result.Findings.IsDefaultOrEmpty)
            {
                console.MarkupLine(SpectreText.Escape(labels.NoFindings));
                console.WriteLine();
            }

            // Servers in name order; findings about the organisation as a whole (no server) come last.
            var groups = result.Findings
                .GroupBy(f => f.Server ?? "", StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key.Length == 0 ? 1 : 0)
                .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase);
            foreach (var group in groups)
            {
                var title = group.Key.Length == 0 ? labels.WholeOrganization : group.Key;
                console.MarkupLine($"[bold underline]{SpectreText.Escape(title)}[/]");
                var first = true;
                foreach (var finding in group)
                {
                    // A blank line between findings: each one is several lines, and they ran together.
                    if (!first)
                    {
                        console.WriteLine();
                    }

                    first = false;
                    WriteFinding(console, finding, labels, words, settings.Culture);
                }

                console.WriteLine();
            }

            WriteAbsent(console, result, words);

            // Right under the findings: these are why some findings are back.
            if (!result.ExpiredSuppressions.IsDefaultOrEmpty)
            {
                console.MarkupLine($"[bold yellow]{SpectreText.Escape(labels.ExpiredSuppressions)}[/]");
                foreach (var e in result.ExpiredSuppressions)
                {
                    var day = Fmt.Day(e.Suppression.Expires!.Value);
                    SpectreText.Indented(console, 2, SpectreText.Escape(labels.ExpiredSuppression(e.Suppression.RuleId, e.Suppression.Target, day, e.MatchingFindings)));
                }

                console.WriteLine();
            }

            ConsoleEvidence.Write(console, result, settings.Culture);

            if (!result.Problems.IsDefaultOrEmpty)
            {
                console.MarkupLine($"[bold red]{SpectreText.Escape(labels.Problems)}[/]");
                foreach (var p in result.Problems)
                {
                    SpectreText.Indented(console, 2, SpectreText.Escape(ProblemWording.Line(p, settings.Culture)));
                }

                console.WriteLine();
            }

            console.MarkupLine($"[bold]{SpectreText.Escape(labels.Summary(result.Summary))}[/]");
        });
    }

    private static void WriteHeader(IAnsiConsole console, AnalysisResult result, Labels labels, PipelineLabels words)
    {
        var s = result.Snapshot;
        var organization = s.Organization ?? labels.Unknown;
        var collected = s.CollectedAt is { } c ? Fmt.Date(c) : labels.Unknown;
        console.MarkupLine(
            $"[bold]{ToolInfo.Name} {ToolInfo.Version}[/] · {SpectreText.Escape(labels.Organization)}: {SpectreText.Escape(organization)} · " +
            $"{SpectreText.Escape(labels.CollectedAt)} {collected} · {SpectreText.Escape(labels.AsOf)} {Fmt.Date(result.AsOf)}");
        if (result.BuiltInSample)
        {
            // Right under the first line, where a pipeline's log shows it, so an empty dump variable cannot go unnoticed.
            SpectreText.Indented(console, 0, $"[bold yellow]{SpectreText.Escape(words.BuiltInSample)}.[/] [yellow]{SpectreText.Escape(words.BuiltInSampleNote)}[/]");
        }

        if (result.Baseline is { } baseline)
        {
            SpectreText.Indented(console, 0, SpectreText.Escape($"{words.Baseline} {baseline.Source}: {words.BaselineCounts(baseline)}"));
        }

        console.WriteLine();
    }

    /// <summary>The baseline's findings this run no longer has, a line each: what the change fixed.</summary>
    private static void WriteAbsent(IAnsiConsole console, AnalysisResult result, PipelineLabels words)
    {
        if (result.Baseline is not { Absent.IsEmpty: false } baseline)
        {
            return;
        }

        console.MarkupLine($"[bold green]{SpectreText.Escape($"{words.Fixed} {words.SinceBaseline} ({Fmt.Int(baseline.Absent.Length)})")}[/]");
        foreach (var f in baseline.Absent)
        {
            SpectreText.Indented(console, 2, $"[green]{SpectreText.Escape(words.State(BaselineState.Absent))}[/] [bold]{f.RuleId}[/] {SpectreText.Escape($"{f.Target.Kind.ToId()} {f.Target.Id}")}");
        }

        console.WriteLine();
    }

    private static void WriteFinding(IAnsiConsole console, Finding f, Labels labels, PipelineLabels words, string culture)
    {
        var suppressed = f.Suppression is not null;
        var severity = ReportTerms.Severity(f.Severity, culture);
        var colour = suppressed ? "grey" : Colour(f.Severity);
        var tag = suppressed ? $"{labels.Suppressed} ({severity})" : severity;
        var state = f.BaselineState is { } b ? $" [bold]({SpectreText.Escape(words.State(b))})[/]" : "";
        SpectreText.Indented(console, 2,
            $"[{colour}]{SpectreText.Escape(tag)}[/] [bold]{f.RuleId}[/] {SpectreText.Escape(string.IsNullOrWhiteSpace(f.Title) ? f.Name : f.Title)}{state}");
        SpectreText.Indented(console, 4, SpectreText.Escape(f.Message));

        var facts = new List<string> { $"{labels.Target}: {ReportTerms.TargetKind(f.Target.Kind, culture)} {f.Target.Id}" };
        if (f.EventId is { } e)
        {
            facts.Add($"{labels.Event}: {Fmt.Int(e)}");
        }

        SpectreText.Indented(console, 4, SpectreText.Escape(string.Join(" · ", facts)));

        // On its own line so the path is never wrapped away from its label.
        if (f.Location is { } l)
        {
            SpectreText.Indented(console, 4, SpectreText.Escape($"{labels.Location}: {Fmt.FileLine(l)}"));
        }

        if (!f.Impacts.IsDefaultOrEmpty)
        {
            // One line per scenario, listing what it touches: a flat list repeated the scenario for every connector.
            SpectreText.Indented(console, 4, SpectreText.Escape($"{labels.Impacts}:"));
            foreach (var scenario in f.Impacts.GroupBy(i => i.Scenario).OrderBy(g => g.Key.ToId(), StringComparer.Ordinal))
            {
                var where = scenario.Select(i => i.Connector ?? i.Server).Distinct(StringComparer.Ordinal);
                var name = Fmt.IsJapanese(culture) ? SelectionText.ScenarioShortTitle(scenario.Key, culture) : scenario.Key.ToId();
                SpectreText.Hanging(console, 6, $"{SpectreText.Escape(name)}:", SpectreText.Escape(string.Join(", ", where)));
            }
        }

        if (!f.Assumptions.IsDefaultOrEmpty)
        {
            SpectreText.Indented(console, 4, SpectreText.Escape($"{labels.Assumptions}: {string.Join(", ", f.Assumptions)}"));
        }

        if (f.Suppression is { } s)
        {
            var expires = s.Expires is { } x ? $" ({labels.Expires} {Fmt.Day(x)})" : "";
            SpectreText.Indented(console, 4, $"[grey]{SpectreText.Escape($"{labels.Suppressed} [{s.Kind}]: {s.Justification}{expires}")}[/]");
        }

        if (!string.IsNullOrWhiteSpace(f.Remediation))
        {
            SpectreText.Indented(console, 4, SpectreText.Escape($"{labels.Remediation}:"));
            foreach (var line in f.Remediation.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
            {
                SpectreText.Verbatim(console, 6, line, cyan: true);
            }
        }
    }

    internal static string Colour(Severity severity) => severity switch
    {
        Severity.Error => "red",
        Severity.Warning => "yellow",
        Severity.Note => "blue",
        _ => "grey",
    };
}
