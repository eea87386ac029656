using Extls.Rules;
using Extls.Selection;

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

        // Plain output (a pipeline's log, a file, NO_COLOR) is laid out without setting Spectre.Console up, which is a
        // good part of a short run's start-up; text the plain layout cannot place exactly as Spectre would (Japanese,
        // whose characters take two cells) goes through Spectre as before.
        if (!settings.Color)
        {
            var plain = new PlainLines(settings.Width);
            Draw(plain, result);
            if (plain.Exact)
            {
                return plain.Text;
            }
        }

        return RenderWithSpectre(result);
    }

    /// <summary>The report drawn through Spectre.Console whatever the settings: what the plain layout must equal.</summary>
    internal string RenderWithSpectre(AnalysisResult result) =>
        SpectreText.Render(settings, console => Draw(new SpectreLines(console), result));

    internal void Draw(IConsoleLines console, AnalysisResult result) =>
        Draw(console, result, Labels.For(settings.Culture), PipelineLabels.For(settings.Culture), settings.Culture);

    private static void Draw(IConsoleLines console, AnalysisResult result, Labels labels, PipelineLabels words, string culture)
    {
        WriteHeader(console, result, labels, words, culture);

        if (result.Findings.IsDefaultOrEmpty)
        {
            console.Line(labels.NoFindings);
            console.Blank();
        }

        // Servers in name order; findings about the organisation as a whole (no server) come last.
        var groups = result.Findings
            .GroupBy(f => f.Server ?? "", StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key.Length == 0 ? 1 : 0)
            .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            var title = group.Key.Length == 0 ? labels.WholeOrganization : group.Key;
            console.Line(new Run(title, "bold underline"));
            var first = true;
            foreach (var finding in group)
            {
                // A blank line between findings: each one is several lines, and they ran together.
                if (!first)
                {
                    console.Blank();
                }

                first = false;
                WriteFinding(console, finding, labels, words, culture);
            }

            console.Blank();
        }

        WriteAbsent(console, result, words);

        // Right under the findings: these are why some findings are back.
        if (!result.ExpiredSuppressions.IsDefaultOrEmpty)
        {
            console.Line(new Run(labels.ExpiredSuppressions, "bold yellow"));
            foreach (var e in result.ExpiredSuppressions)
            {
                var day = Fmt.Day(e.Suppression.Expires!.Value);
                console.Indented(2, labels.ExpiredSuppression(e.Suppression.RuleId, e.Suppression.Target, day, e.MatchingFindings));
            }

            console.Blank();
        }

        ConsoleEvidence.Write(console, result, culture);

        if (!result.Problems.IsDefaultOrEmpty)
        {
            console.Line(new Run(labels.Problems, "bold red"));
            foreach (var p in result.Problems)
            {
                console.Indented(2, ProblemWording.Line(p, culture));
            }

            console.Blank();
        }

        console.Line(new Run(labels.Summary(result.Summary), "bold"));
    }

    private static void WriteHeader(IConsoleLines console, AnalysisResult result, Labels labels, PipelineLabels words, string culture)
    {
        var s = result.Snapshot;
        var organization = s.Organization ?? labels.Unknown;
        var collected = s.CollectedAt is { } c ? Fmt.Date(c) : labels.Unknown;
        console.Line(
            new Run($"{ToolInfo.Name} {ToolInfo.Version}", "bold"),
            $" · {labels.Organization}: {organization} · {labels.CollectedAt} {collected} · {labels.AsOf} {Fmt.Date(result.AsOf)}");
        if (result.BuiltInSample)
        {
            // Right under the first line, where a pipeline's log shows it, so an empty dump variable cannot go unnoticed.
            // A Japanese sentence ends with 。 and the next one follows without a space.
            var japanese = Fmt.IsJapanese(culture);
            console.Indented(0, new Run(words.BuiltInSample + (japanese ? "。" : "."), "bold yellow"), japanese ? "" : " ", new Run(words.BuiltInSampleNote, "yellow"));
        }

        if (result.Baseline is { } baseline)
        {
            console.Indented(0, $"{words.Baseline} {baseline.Source}: {words.BaselineCounts(baseline)}");
        }

        console.Blank();
    }

    /// <summary>The baseline's findings this run no longer has, a line each: what the change fixed.</summary>
    private static void WriteAbsent(IConsoleLines console, AnalysisResult result, PipelineLabels words)
    {
        if (result.Baseline is not { Absent.IsEmpty: false } baseline)
        {
            return;
        }

        console.Line(new Run($"{words.Fixed} {words.SinceBaseline} ({Fmt.Int(baseline.Absent.Length)})", "bold green"));
        foreach (var f in baseline.Absent)
        {
            console.Indented(2, new Run(words.State(BaselineState.Absent), "green"), " ", new Run(f.RuleId, "bold"), $" {f.Target.Kind.ToId()} {f.Target.Id}");
        }

        console.Blank();
    }

    private static void WriteFinding(IConsoleLines console, Finding f, Labels labels, PipelineLabels words, string culture)
    {
        var suppressed = f.Suppression is not null;
        var severity = ReportTerms.Severity(f.Severity, culture);
        var colour = suppressed ? "grey" : Colour(f.Severity);
        var tag = suppressed ? $"{labels.Suppressed} ({severity})" : severity;
        var title = new Run($" {(string.IsNullOrWhiteSpace(f.Title) ? f.Name : f.Title)}");
        if (f.BaselineState is { } b)
        {
            console.Indented(2, new Run(tag, colour), " ", new Run(f.RuleId, "bold"), title, " ", new Run($"({words.State(b)})", "bold"));
        }
        else
        {
            console.Indented(2, new Run(tag, colour), " ", new Run(f.RuleId, "bold"), title);
        }

        console.Indented(4, f.Message);

        var facts = new List<string> { $"{labels.Target}: {ReportTerms.TargetKind(f.Target.Kind, culture)} {f.Target.Id}" };
        if (f.EventId is { } e)
        {
            facts.Add($"{labels.Event}: {Fmt.Int(e)}");
        }

        console.Indented(4, string.Join(" · ", facts));

        // On its own line so the path is never wrapped away from its label.
        if (f.Location is { } l)
        {
            console.Indented(4, $"{labels.Location}: {Fmt.FileLine(l)}");
        }

        if (!f.Impacts.IsDefaultOrEmpty)
        {
            // One line per scenario, listing what it touches: a flat list repeated the scenario for every connector.
            console.Indented(4, $"{labels.Impacts}:");
            // Grouped by the scenario's id, a string, rather than by the Scenario enum: grouping by an enum is framework code
            // compiled at run time on every start (ReadyToRun cannot precompile it with the tool).
            foreach (var scenario in f.Impacts.GroupBy(i => i.Scenario.ToId(), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var where = scenario.Select(i => i.Connector ?? i.Server).Distinct(StringComparer.Ordinal);
                var name = Fmt.IsJapanese(culture) ? SelectionText.ScenarioShortTitle(scenario.First().Scenario, culture) : scenario.Key;
                console.Hanging(6, $"{name}:", string.Join(labels.ListSeparator, where));
            }
        }

        if (!f.Assumptions.IsDefaultOrEmpty)
        {
            console.Indented(4, $"{labels.Assumptions}: {string.Join(labels.ListSeparator, f.Assumptions)}");
        }

        if (f.Suppression is { } s)
        {
            var expires = s.Expires is { } x ? $" ({labels.Expires} {Fmt.Day(x)})" : "";
            console.Indented(4, new Run($"{labels.Suppressed} [{s.Kind}]: {s.Justification}{expires}", "grey"));
        }

        if (!string.IsNullOrWhiteSpace(f.Remediation))
        {
            console.Indented(4, $"{labels.Remediation}:");
            foreach (var line in f.Remediation.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
            {
                console.Verbatim(6, line, cyan: true);
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
