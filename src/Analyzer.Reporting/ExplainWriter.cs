using Extls.Selection;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>
/// The step-by-step replay for an administrator: scenario, server and connector, each step of
/// selection.md with the values it read, the candidates and why each was kept or refused, the
/// events, and the assumptions the answer rests on.
/// </summary>
public sealed class ExplainWriter(RenderSettings settings)
{
    public string Render(IReadOnlyList<SelectionResult> selections, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(selections);
        var labels = Labels.For(settings.Culture);
        return SpectreText.Render(settings, console =>
        {
            console.MarkupLine($"[bold]{ToolInfo.Name} {ToolInfo.Version}[/] · {SpectreText.Escape(labels.AsOf)} {Fmt.Date(asOf)}");
            console.WriteLine();
            if (selections.Count == 0)
            {
                console.MarkupLine(SpectreText.Escape(labels.NoSelection));
            }

            foreach (var selection in selections)
            {
                WriteSelection(console, selection, labels);
                console.WriteLine();
            }
        });
    }

    private void WriteSelection(IAnsiConsole console, SelectionResult s, Labels labels)
    {
        var culture = settings.Culture;
        console.MarkupLine($"[bold underline]{SpectreText.Escape($"{labels.Scenario}: {s.Scenario.ToId()} ({SelectionText.ScenarioTitle(s.Scenario, culture)})")}[/]");
        Line(console, 2, $"{labels.Server}: {s.Server}");
        if (s.Connector is not null)
        {
            Line(console, 2, $"{labels.Connector}: {s.Connector}");
        }

        if (s.MatchKey is not null)
        {
            Line(console, 2, $"{labels.MatchKey}: {s.MatchKey}");
        }

        if (!s.Trace.IsDefaultOrEmpty)
        {
            Line(console, 2, $"{labels.Steps}:");
            foreach (var step in s.Trace)
            {
                var number = $"{Fmt.Int(step.Step)}. ";
                SpectreText.Indented(console, 4, $"[bold]{SpectreText.Escape(number + step.Title)}[/]");

                // The body lines up under the step's title, whether the step number has one digit or two.
                var body = 4 + number.Length;
                foreach (var read in step.Reads.IsDefault ? [] : step.Reads)
                {
                    Line(console, body, $"{read.Name} = {read.Value}");
                }

                SpectreText.Hanging(console, body, "→", SpectreText.Escape(step.Outcome));
            }
        }

        if (!s.Candidates.IsDefaultOrEmpty)
        {
            Line(console, 2, $"{labels.Candidates}:");
            foreach (var c in s.Candidates)
            {
                var verdict = c.Eligible
                    ? $"{labels.Kept}{(c.Rank is { } r ? $", {labels.Rank} {Fmt.Int(r)}" : "")}{(c.Chosen ? $", {labels.Chosen}" : "")}"
                    : $"{labels.Refused}: {string.Join(", ", c.RefusedBecause.Select(code => SelectionText.Reason(code, culture)))}";
                var colour = c.Chosen ? "green" : c.Eligible ? "default" : "grey";
                SpectreText.Indented(console, 4, $"[{colour}]{SpectreText.Escape($"{c.Thumbprint} {c.Subject}")}[/]");
                Line(console, 6, $"{labels.Valid}: {Fmt.Date(c.NotBefore)} – {Fmt.Date(c.NotAfter)} · {verdict}");
                if (!c.Unknowns.IsDefaultOrEmpty)
                {
                    Line(console, 6, $"{labels.RestsOnUnknowns}: {string.Join(", ", c.Unknowns)}");
                }
            }
        }

        var outcomeColour = s.Outcome switch
        {
            SelectionOutcome.Selected => "green",
            SelectionOutcome.SelectedExpiresSoon or SelectionOutcome.Undetermined => "yellow",
            _ => "red",
        };
        SpectreText.Indented(console, 2,
            $"{SpectreText.Escape(labels.Outcome)}: [{outcomeColour}]{SpectreText.Escape(SelectionText.Outcome(s, culture))}[/]");
        Line(console, 4, $"{labels.Certificate}: {s.Certificate ?? labels.None} · {labels.Events}: {(s.Events.IsDefaultOrEmpty ? labels.None : string.Join(", ", s.Events.Select(Fmt.Int)))} · {labels.EndedAtStep} {Fmt.Int(s.EndedAtStep)}");
        if (s.HandshakeFails)
        {
            SpectreText.Indented(console, 4, $"[red]{SpectreText.Escape(labels.HandshakeFails)}[/]");
        }

        if (!s.Assumptions.IsDefaultOrEmpty)
        {
            Line(console, 2, $"{labels.Assumptions}:");
            foreach (var a in s.Assumptions)
            {
                SpectreText.Hanging(console, 4, $"{a}:", SpectreText.Escape(SelectionText.Assumption(a, culture)));
            }
        }

        if (s.Uncertain)
        {
            SpectreText.Indented(console, 2, $"[yellow]{SpectreText.Escape($"{labels.RestsOnUnknowns}: {string.Join(", ", s.Unknowns)}")}[/]");
        }
    }

    private static void Line(IAnsiConsole console, int indent, string text) => SpectreText.Indented(console, indent, SpectreText.Escape(text));
}
