using System.Collections.Immutable;
using Extls.Rules;
using Extls.Selection;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>A replay and the findings of the same analysis that it stands behind (linked by <see cref="SelectionFindings"/>).</summary>
public sealed record ExplainedSelection(SelectionResult Selection, ImmutableArray<Finding> Findings)
{
    /// <summary>What the servers' own logs say about it; null when no log was read.</summary>
    public Evidence.SelectionEvidence? Evidence { get; init; }
}

/// <summary>What <c>extls explain</c> shows: the replays asked for, each with its findings, and the as-of time they were judged at.</summary>
public sealed record ExplainReport
{
    public required DateTimeOffset AsOf { get; init; }

    public string? Organization { get; init; }

    /// <summary>The server asked for, as the dump names it; null when the report covers whatever it was given.</summary>
    public string? Server { get; init; }

    public required ImmutableArray<ExplainedSelection> Selections { get; init; }

    /// <summary>
    /// Which of the server's receive connectors answers each session other servers open to it, the senders on each
    /// answer and its trace; null when the report does not cover sessions between servers (another --scenario).
    /// </summary>
    public ImmutableArray<ExplainedAnswer>? Answers { get; init; }

    /// <summary>A report of replays alone, with no findings linked.</summary>
    public static ExplainReport Of(IReadOnlyList<SelectionResult> selections, DateTimeOffset asOf) => new()
    {
        AsOf = asOf,
        Selections = [.. selections.Select(s => new ExplainedSelection(s, []))],
    };
}

/// <summary>
/// The replay for an administrator, summary first: one row per connector and direction (what happens, with
/// which certificate, the events and the findings it causes), then the traces, each step with the values it
/// read and what it decided, identical traces written once with the connectors they apply to, every
/// certificate of the store with why it was kept or refused, and the assumptions. The replay's facts become
/// words in <see cref="SelectionText"/>; nothing here decides anything.
/// </summary>
public sealed class ExplainWriter(RenderSettings settings)
{
    public string Render(IReadOnlyList<SelectionResult> selections, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(selections);
        return Render(ExplainReport.Of(selections, asOf));
    }

    public string Render(ExplainReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = Labels.For(settings.Culture);
        var selections = report.Selections.IsDefault ? [] : report.Selections;
        var header = SpectreText.Render(settings, console =>
        {
            var organization = report.Organization is { } o ? $" · {SpectreText.Escape($"{labels.Organization}: {o}")}" : "";
            console.MarkupLine($"[bold]{ToolInfo.Name} {ToolInfo.Version}[/]{organization} · {SpectreText.Escape(labels.AsOf)} {Fmt.Date(report.AsOf)}");
            console.WriteLine();
            if (selections.IsEmpty)
            {
                console.MarkupLine(SpectreText.Escape(labels.NoSelection));
                return;
            }

            WriteSummary(console, report, selections, labels);
        });

        var parts = new List<string> { header };
        if (report.Answers is { } answers)
        {
            parts.Add(RenderAnswers(report.Server, answers));
        }

        // Traces that read the same once the connector's name is set aside are written once, with the
        // connectors they apply to: a server's five default connectors give one trace, not five.
        var groups = selections
            .Select((s, i) => (Selection: s.Selection, Index: i, Key: RenderTrace(s.Selection, labels, applyTo: null, plain: true)))
            .GroupBy(x => (x.Selection.Scenario, x.Selection.Server, x.Key))
            .OrderBy(g => g.Min(x => x.Index));
        foreach (var group in groups)
        {
            var members = group.Select(x => x.Selection).ToList();
            parts.Add(members.Count == 1
                ? RenderTrace(members[0], labels, applyTo: null, plain: false)
                : RenderTrace(members[0], labels, applyTo: members.Select(m => m.Connector ?? m.Server).ToList(), plain: false));
        }

        return string.Join("\n", parts.Select(p => p.TrimEnd('\n') + "\n"));
    }

    /// <summary>Per kind of session into the server: each answer, the senders on it, and its steps with the connectors each set aside.</summary>
    private string RenderAnswers(string? server, ImmutableArray<ExplainedAnswer> answers)
    {
        const int shownSenders = 20;
        var culture = settings.Culture;
        var japanese = Fmt.IsJapanese(culture);
        return SpectreText.Render(settings, console =>
        {
            console.MarkupLine($"[bold underline]{SpectreText.Escape(server is null ? AnsweringText.Title.In(japanese) : $"{AnsweringText.Title.In(japanese)}: {server}")}[/]");
            if (answers.IsEmpty)
            {
                Line(console, 2, AnsweringText.None.In(japanese));
                return;
            }

            foreach (var kind in answers.GroupBy(a => a.Answer.Kind))
            {
                SpectreText.Indented(console, 2, $"[bold]{SpectreText.Escape(AnsweringText.Kind(kind.Key, culture))}[/]");
                foreach (var a in kind)
                {
                    var connector = a.Answer.Connector ?? "—";
                    var colour = a.Answer.Outcome switch
                    {
                        AnsweringOutcome.Refused => "red",
                        AnsweringOutcome.Undetermined or AnsweringOutcome.DefaultAssumed => "yellow",
                        _ => a.Answer.IsDefaultConnector ? "green" : "default",
                    };
                    SpectreText.Indented(console, 4, $"[{colour}]{SpectreText.Escape(connector)}[/] {SpectreText.Escape($"— {AnsweringText.Outcome(a.Answer.Outcome, culture)}")}");
                    var senders = a.Senders.Length <= shownSenders
                        ? string.Join(Labels.For(culture).ListSeparator, a.Senders)
                        : $"{string.Join(Labels.For(culture).ListSeparator, a.Senders.Take(shownSenders))} {AnsweringText.More(a.Senders.Length - shownSenders, japanese)}";
                    Line(console, 6, $"{AnsweringText.Senders(a.Senders.Length, japanese)}: {senders}");
                    Line(console, 6, $"{AnsweringText.StepsFor(a.Senders[0], japanese)}:");
                    foreach (var step in a.Trace)
                    {
                        var number = $"{Fmt.Int(step.Number)}. ";
                        SpectreText.Indented(console, 8, $"[bold]{SpectreText.Escape(number + AnsweringText.StepTitle(step.Step, culture))}[/]");
                        var body = 8 + number.Length;
                        foreach (var read in AnsweringText.ReadLines(step, culture))
                        {
                            Line(console, body, read);
                        }

                        foreach (var refused in step.Refused)
                        {
                            Line(console, body, $"{AnsweringText.SetAside.In(japanese)}: {refused.Connector} — {AnsweringText.Refusal(refused.Reason, culture)}");
                        }

                        SpectreText.Hanging(console, body, "→", SpectreText.Escape(AnsweringText.Decision(step, culture)));
                    }

                    if (!a.Answer.Assumptions.IsDefaultOrEmpty)
                    {
                        foreach (var assumption in a.Answer.Assumptions)
                        {
                            SpectreText.Hanging(console, 6, $"{assumption.ToId()}:", SpectreText.Escape(SelectionText.Assumption(assumption, culture)));
                        }
                    }
                }
            }
        });
    }

    private void WriteSummary(IAnsiConsole console, ExplainReport report, ImmutableArray<ExplainedSelection> selections, Labels labels)
    {
        var culture = settings.Culture;
        var servers = selections.Select(s => s.Selection.Server).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        console.MarkupLine($"[bold underline]{SpectreText.Escape($"{labels.SummaryTitle}: {report.Server ?? string.Join(labels.ListSeparator, servers)}")}[/]");

        // Fixed columns so that the rows of every connector line up; a thumbprint is never broken.
        Grid NewGrid() => new Grid()
            .AddColumn(new GridColumn().Width(21).NoWrap().Padding(4, 0, 1, 0))
            .AddColumn(new GridColumn().Width(30).Padding(0, 0, 1, 0))
            .AddColumn(new GridColumn().Width(40).NoWrap().Padding(0, 0, 1, 0))
            .AddColumn(new GridColumn().Width(8).NoWrap().Padding(0, 0, 1, 0))
            .AddColumn(new GridColumn().Padding(0, 0, 0, 0));
        var header = NewGrid();
        header.AddRow(new[] { labels.Process, labels.ResultAndStep, labels.Certificate, labels.Events, labels.Findings }
            .Select(h => (Spectre.Console.Rendering.IRenderable)new Markup($"[grey]{SpectreText.Escape(h)}[/]")).ToArray());
        console.Write(header);

        // One block per connector (receive connectors, then the server's own sending, then send connectors), its directions under it.
        var blocks = selections
            .GroupBy(s => (Order: Block(s.Selection.Scenario), Name: s.Selection.Connector ?? s.Selection.Server, Source: s.Selection.Scenario == Scenario.OutboundStartTls ? s.Selection.Server : null))
            .OrderBy(g => g.Key.Order).ThenBy(g => g.Key.Name, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key.Source, StringComparer.OrdinalIgnoreCase);
        foreach (var block in blocks)
        {
            var first = block.First().Selection;
            var what = first.Scenario switch
            {
                Scenario.InboundAnonymousTls or Scenario.InboundStartTls => labels.ReceiveConnector,
                Scenario.OutboundStartTls => labels.SendConnectorFrom(first.Server),
                _ => labels.SendingServer,
            };
            SpectreText.Indented(console, 2, $"[bold]{SpectreText.Escape(block.Key.Name)}[/] [grey]{SpectreText.Escape($"({what})")}[/]");
            var grid = NewGrid();
            foreach (var (s, findings) in block.OrderBy(x => x.Selection.Scenario))
            {
                var worst = findings.IsDefaultOrEmpty ? (Severity?)null : findings.Where(f => f.Suppression is null).Select(f => f.Severity).DefaultIfEmpty(Severity.None).Max();
                var ids = findings.IsDefaultOrEmpty
                    ? "—"
                    : string.Join("\n", findings.Select(f => f.Suppression is null
                        ? $"[{SeverityColour(f.Severity)}]{SpectreText.Escape(f.RuleId)}[/]"
                        : $"[grey]{SpectreText.Escape($"{f.RuleId} ({labels.Suppressed})")}[/]").Distinct(StringComparer.Ordinal));
                grid.AddRow(
                    new Markup(SpectreText.Escape(SelectionText.ScenarioShortTitle(s.Scenario, culture))),
                    new Markup($"[{Colour(s.VerdictOf(), worst)}]{SpectreText.Escape(SelectionText.Verdict(s, culture))}[/] [grey]{SpectreText.Escape($"({StepLabelOfEnd(s)})")}[/]"),
                    new Markup(SpectreText.Escape(s.Certificate ?? "—")),
                    new Markup(SpectreText.Escape(s.Events.IsDefaultOrEmpty ? "—" : string.Join(" ", s.Events.Select(Fmt.Int)))),
                    new Markup(ids));
            }

            console.Write(grid);

            // What the servers' own logs say about each direction, under the rows they check.
            var evidence = EvidenceText.For(culture);
            foreach (var e in block.Where(x => x.Evidence is not null).OrderBy(x => x.Selection.Scenario))
            {
                SpectreText.Indented(console, 4, SpectreText.Escape(
                    $"{evidence.Short} ({SelectionText.ScenarioShortTitle(e.Selection.Scenario, culture)}): {evidence.Verdicts[e.Evidence!.Verdict]}: {evidence.Line(e.Evidence)}"));
            }
        }
    }

    private static int Block(Scenario scenario) => scenario switch
    {
        Scenario.InboundAnonymousTls or Scenario.InboundStartTls => 0,
        Scenario.OutboundAnonymousTls => 1,
        _ => 2,
    };

    /// <summary>The number of the step the replay ended at, with its part when it has one (process 4's 2.1 … 2.5).</summary>
    private static string StepLabelOfEnd(SelectionResult s) =>
        s.Trace.IsDefaultOrEmpty ? Fmt.Int(s.EndedAtStep) : s.Trace.LastOrDefault(t => t.Number == s.EndedAtStep)?.Step.Label ?? Fmt.Int(s.EndedAtStep);

    /// <summary>
    /// One trace. <paramref name="applyTo"/> lists the connectors a folded trace stands for; the session's
    /// connector is then said in general words. <paramref name="plain"/> renders the fold key: no colour, the
    /// connector's name set aside.
    /// </summary>
    private string RenderTrace(SelectionResult s, Labels labels, IReadOnlyList<string>? applyTo, bool plain)
    {
        var culture = settings.Culture;
        var folded = plain || applyTo is not null;
        var shown = folded ? WithoutConnectorName(s, labels) : s;
        var render = plain ? settings with { Color = false } : settings;
        return SpectreText.Render(render, console =>
        {
            console.MarkupLine($"[bold underline]{SpectreText.Escape($"{SelectionText.ScenarioTitle(s.Scenario, culture)} ({s.Scenario.ToId()})")}[/]");
            Line(console, 2, $"{labels.Server}: {s.Server}");
            var inbound = s.Scenario is Scenario.InboundAnonymousTls or Scenario.InboundStartTls;
            if (applyTo is not null)
            {
                Line(console, 2, $"{(inbound ? labels.ReceiveConnectors : labels.SendConnectors)} ({Fmt.Int(applyTo.Count)}): {string.Join(labels.ListSeparator, applyTo)}");
            }
            else if (!plain && s.Connector is not null)
            {
                Line(console, 2, $"{(inbound ? labels.ReceiveConnector : labels.SendConnector)}: {s.Connector}");
            }

            if (s.MatchKey is not null)
            {
                Line(console, 2, $"{labels.MatchKey}: {s.MatchKey}");
            }

            WriteSteps(console, shown, labels);
            WriteCandidates(console, shown, labels);

            SpectreText.Indented(console, 2,
                $"{SpectreText.Escape(labels.Outcome)}: [{Colour(s.VerdictOf(), null)}]{SpectreText.Escape(SelectionText.Outcome(s, culture))}[/]");
            Line(console, 4, $"{labels.Certificate}: {s.Certificate ?? labels.None} · {labels.Events}: {(s.Events.IsDefaultOrEmpty ? labels.None : string.Join(labels.ListSeparator, s.Events.Select(Fmt.Int)))} · {labels.EndedAtStep} {StepLabelOfEnd(s)}");

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
                SpectreText.Indented(console, 2, $"[yellow]{SpectreText.Escape($"{labels.RestsOnUnknowns}: {string.Join(labels.ListSeparator, s.Unknowns.Select(u => u.ToId()))}")}[/]");
            }
        });
    }

    private void WriteSteps(IAnsiConsole console, SelectionResult s, Labels labels)
    {
        var culture = settings.Culture;
        var skipped = s.Skipped.IsDefault ? [] : s.Skipped;
        if (s.Trace.IsDefaultOrEmpty && skipped.IsEmpty)
        {
            return;
        }

        Line(console, 2, $"{labels.Steps}:");

        // Steps in the process's order, the ones passed over among them, so that every number is accounted for.
        var rows = (s.Trace.IsDefault ? [] : s.Trace).Select((t, i) => (Order: (t.Number, t.Step.SubStep ?? 0, i), Step: (TraceStep?)t, Skip: (SkippedStep?)null))
            .Concat(skipped.Select((k, i) => (Order: (k.Step.Number, k.Step.SubStep ?? 0, -1), Step: (TraceStep?)null, Skip: (SkippedStep?)k)))
            .OrderBy(r => r.Order.Number).ThenBy(r => r.Order.Item2).ThenBy(r => r.Order.Item3);
        foreach (var row in rows)
        {
            if (row.Skip is { } skip)
            {
                var label = $"{skip.Step.Label}. ";
                SpectreText.Indented(console, 4, $"[grey]{SpectreText.Escape($"{label}{SelectionText.StepTitle(skip.Step.Kind, culture)} — {SelectionText.Skip(skip.Reason, culture)}")}[/]");
                continue;
            }

            var step = row.Step!;
            var number = $"{step.Step.Label}. ";
            SpectreText.Indented(console, 4, $"[bold]{SpectreText.Escape(number + SelectionText.StepTitle(step.Kind, culture))}[/]");

            // The body lines up under the step's title, whatever the width of its number.
            var body = 4 + number.Length;
            foreach (var read in SelectionText.ReadLines(step, culture))
            {
                Line(console, body, read);
            }

            var decision = SpectreText.Escape(SelectionText.Decision(step, s.Server, culture));
            SpectreText.Hanging(console, body, "→", step.Number == s.EndedAtStep && IsLastOfItsNumber(s, step) ? $"[bold]{decision}[/]" : decision);
        }
    }

    private static bool IsLastOfItsNumber(SelectionResult s, TraceStep step) =>
        ReferenceEquals(s.Trace.Last(t => t.Number == step.Number), step);

    /// <summary>Every certificate of the store the candidates step looked at: kept (rank, chosen), refused at eligibility, or not a candidate.</summary>
    private void WriteCandidates(IAnsiConsole console, SelectionResult s, Labels labels)
    {
        var culture = settings.Culture;
        var candidatesStep = (s.Trace.IsDefault ? [] : s.Trace).FirstOrDefault(t => t.Kind == StepKind.Candidates);
        var notMatching = candidatesStep is null
            ? []
            : candidatesStep.Reads.Select(r => r.Value).OfType<MismatchValue>().ToList();
        if (s.Candidates.IsDefaultOrEmpty && notMatching.Count == 0)
        {
            return;
        }

        Line(console, 2, $"{labels.StoreCertificatesTitle}:");
        var separator = labels.ListSeparator;
        var eligibleStep = StepLabel(s, StepKind.Eligible);
        foreach (var c in s.Candidates.IsDefault ? [] : s.Candidates)
        {
            var verdict = c.Eligible
                ? $"{labels.Kept}{(c.Rank is { } r ? $"{separator}{labels.Rank} {Fmt.Int(r)}" : "")}{(c.Chosen ? $"{separator}{labels.Chosen}" : "")}"
                : $"{labels.RefusedAt(eligibleStep)}: {string.Join(separator, c.RefusedBecause.Select(code => SelectionText.Refusal(code, culture)))}";
            var colour = c.Chosen ? "green" : c.Eligible ? "default" : "grey";
            SpectreText.Indented(console, 4, $"[{colour}]{SpectreText.Escape($"{c.Thumbprint} {c.Subject}")}[/]");
            Line(console, 6, $"{labels.Valid}: {Fmt.Date(c.NotBefore)} – {Fmt.Date(c.NotAfter)} · {verdict}");
            if (!c.Unknowns.IsDefaultOrEmpty)
            {
                Line(console, 6, $"{labels.RestsOnUnknowns}: {string.Join(labels.ListSeparator, c.Unknowns.Select(u => u.ToId()))}");
            }
        }

        var candidatesLabel = candidatesStep?.Step.Label ?? "";
        foreach (var m in notMatching)
        {
            SpectreText.Indented(console, 4, $"[grey]{SpectreText.Escape($"{m.Thumbprint} {m.Subject}")}[/]");
            Line(console, 6, $"{labels.NotCandidateAt(candidatesLabel)}: {SelectionText.Mismatch(m, culture)}");
        }
    }

    private static string StepLabel(SelectionResult s, StepKind kind) =>
        (s.Trace.IsDefault ? [] : s.Trace).FirstOrDefault(t => t.Kind == kind)?.Step.Label
        ?? (ProcessSteps.Of(s.Scenario).FirstOrDefault(id => id.Kind == kind) is { Process: var p } id && p == s.Scenario ? id.Label : "");

    /// <summary>The replay with the connector's own name replaced by words that stand for any of the folded connectors.</summary>
    private static SelectionResult WithoutConnectorName(SelectionResult s, Labels labels)
    {
        if (s.Trace.IsDefaultOrEmpty || s.Connector is null)
        {
            return s;
        }

        return s with
        {
            Trace = [.. s.Trace.Select(t => t.Kind != StepKind.Load
                ? t
                : t with { Reads = [.. t.Reads.Select(r => r.Field == TraceField.Connector ? r with { Value = new TextValue(labels.EachConnector) } : r)] })],
        };
    }

    /// <summary>
    /// Red or yellow as the worst finding the replay stands behind; without one, green for a session that works and
    /// plain otherwise (a client connector without ExchangeServer authentication is meant not to offer X-ANONYMOUSTLS).
    /// </summary>
    private static string Colour(Verdict verdict, Severity? worst) => worst switch
    {
        Severity.Error => "red",
        Severity.Warning => "yellow",
        _ => verdict switch
        {
            Verdict.Works => "green",
            Verdict.Undetermined or Verdict.ExpiresSoon => "yellow",
            Verdict.Expired or Verdict.HandshakeFails or Verdict.WrongCertificateForExchangeOnline or Verdict.SendFails => "red",
            _ => "default",
        },
    };

    private static string SeverityColour(Severity severity) => severity switch
    {
        Severity.Error => "red",
        Severity.Warning => "yellow",
        _ => "blue",
    };

    private static void Line(IAnsiConsole console, int indent, string text) => SpectreText.Indented(console, indent, SpectreText.Escape(text));
}
