using Extls.Selection;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>
/// The step-by-step replay for an administrator: scenario, server and connector, each step of the
/// process with the values it read and what it decided, the candidates and why each was kept or
/// refused, the events, and the assumptions the answer rests on. The replay's facts become words in
/// <see cref="SelectionText"/>; nothing here decides anything.
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
            var inbound = s.Scenario is Scenario.InboundAnonymousTls or Scenario.InboundStartTls;
            Line(console, 2, $"{(inbound ? labels.ReceiveConnector : labels.SendConnector)}: {s.Connector}");
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
                var number = $"{Fmt.Int(step.Number)}. ";
                SpectreText.Indented(console, 4, $"[bold]{SpectreText.Escape(number + SelectionText.StepTitle(step.Kind, culture))}[/]");

                // The body lines up under the step's title, whether the step number has one digit or two.
                var body = 4 + number.Length;
                foreach (var read in SelectionText.ReadLines(step, culture))
                {
                    Line(console, body, read);
                }

                SpectreText.Hanging(console, body, "→", SpectreText.Escape(SelectionText.Decision(step, s.Server, culture)));
            }
        }

        if (!s.Candidates.IsDefaultOrEmpty)
        {
            Line(console, 2, $"{labels.Candidates}:");
            var separator = labels.ListSeparator;
            foreach (var c in s.Candidates)
            {
                var verdict = c.Eligible
                    ? $"{labels.Kept}{(c.Rank is { } r ? $"{separator}{labels.Rank} {Fmt.Int(r)}" : "")}{(c.Chosen ? $"{separator}{labels.Chosen}" : "")}"
                    : $"{labels.Refused}: {string.Join(separator, c.RefusedBecause.Select(code => SelectionText.Refusal(code, culture)))}";
                var colour = c.Chosen ? "green" : c.Eligible ? "default" : "grey";
                SpectreText.Indented(console, 4, $"[{colour}]{SpectreText.Escape($"{c.Thumbprint} {c.Subject}")}[/]");
                Line(console, 6, $"{labels.Valid}: {Fmt.Date(c.NotBefore)} – {Fmt.Date(c.NotAfter)} · {verdict}");
                if (!c.Unknowns.IsDefaultOrEmpty)
                {
                    Line(console, 6, $"{labels.RestsOnUnknowns}: {string.Join(", ", c.Unknowns.Select(u => u.ToId()))}");
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
            SpectreText.Indented(console, 4, $"[red]{SpectreText.Escape(SelectionText.HandshakeFails(s, culture))}[/]");
        }

        if (!s.Assumptions.IsDefaultOrEmpty)
        {
            Line(console, 2, $"{labels.Assumptions}:");
            foreach (var a in s.Assumptions)
            {
                SpectreText.Hanging(console, 4, $"{a.ToId()}:", SpectreText.Escape(SelectionText.Assumption(a, culture)));
            }
        }

        if (s.Uncertain)
        {
            SpectreText.Indented(console, 2, $"[yellow]{SpectreText.Escape($"{labels.RestsOnUnknowns}: {string.Join(", ", s.Unknowns.Select(u => u.ToId()))}")}[/]");
        }
    }

    private static void Line(IAnsiConsole console, int indent, string text) => SpectreText.Indented(console, indent, SpectreText.Escape(text));
}
