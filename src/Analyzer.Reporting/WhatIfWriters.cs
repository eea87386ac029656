using System.Text;
using Extls.Planning;
using Extls.Rules;
using Extls.Selection;
using Newtonsoft.Json;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>Renders a rehearsed plan (<c>extls whatif</c>, <c>extls renew</c>). Like every writer it decides nothing.</summary>
public interface IWhatIfWriter
{
    ReportFormat Format { get; }

    void Write(WhatIfResult result, TextWriter output);

    string Render(WhatIfResult result);
}

/// <summary>The one place a what-if format is turned into its writer.</summary>
public static class WhatIfWriters
{
    public static IReadOnlyList<ReportFormat> Formats { get; } = [ReportFormat.Console, ReportFormat.Json, ReportFormat.Markdown];

    public static IWhatIfWriter Create(ReportFormat format, RenderSettings settings) => format switch
    {
        ReportFormat.Console => new WhatIfConsoleWriter(settings),
        ReportFormat.Json => new WhatIfJsonWriter(),
        ReportFormat.Markdown => new WhatIfMarkdownWriter(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, $"A rehearsal is written as {string.Join(", ", Formats.Select(f => f.Name()))}."),
    };
}

/// <summary>
/// The what-if JSON (schemas/whatif.schema.json): the diff's <c>new</c>, <c>fixed</c>, <c>unchanged</c> and
/// <c>selectionChanges</c> for the outcome the plan has when every prompt takes its default answer (yes), and
/// <c>outcomes</c> with each way the plan can turn out, what each command did, and its own diff.
/// </summary>
public sealed class WhatIfJsonWriter : IWhatIfWriter
{
    public ReportFormat Format => ReportFormat.Json;

    public string Render(WhatIfResult result) => TextOf.Write(w => Write(result, w));

    public void Write(WhatIfResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using (var w = Json.Writer(output))
        {
            w.WriteStartObject();
            Json.Tool(w);
            w.WritePropertyName("plan");
            w.WriteStartObject();
            Json.Strings(w, "sources", result.Plans);
            Json.Property(w, "statements", result.Statements);
            Json.Property(w, "openPrompts", result.OpenPrompts);
            w.WriteEndObject();
            DiffJsonWriter.Side(w, "before", result.Before);
            DiffJsonWriter.Body(w, result.Shown.Diff);
            w.WritePropertyName("outcomes");
            w.WriteStartArray();
            foreach (var o in result.Outcomes)
            {
                w.WriteStartObject();
                Json.Property(w, "name", PlanWording.OutcomeId(o));
                Json.Property(w, "answer", o.OpenAnswer switch { PromptAnswer.Yes => "yes", PromptAnswer.No => "no", _ => null });
                Json.Strings(w, "assumptions", o.Assumptions.Select(a => a.ToId()));
                w.WritePropertyName("changes");
                w.WriteStartArray();
                foreach (var c in o.Changes)
                {
                    Change(w, c);
                }

                w.WriteEndArray();
                DiffJsonWriter.Body(w, o.Diff);
                w.WritePropertyName("summary");
                DiffJsonWriter.Summary(w, o.Diff);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("summary");
            w.WriteStartObject();
            Json.Property(w, "outcomes", result.Outcomes.Length);
            Json.Property(w, "introducesError", result.IntroducesFinding(Rules.Configuration.FailOn.Error));
            Json.Property(w, "new", result.Shown.Diff.New.Length);
            Json.Property(w, "fixed", result.Shown.Diff.Fixed.Length);
            Json.Property(w, "unchanged", result.Shown.Diff.Unchanged.Length);
            Json.Property(w, "selectionChanges", result.Shown.Diff.SelectionChanges.Length);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        output.Write('\n');
    }

    private static void Change(JsonWriter w, PlannedChange c)
    {
        w.WriteStartObject();
        Json.Property(w, "kind", PlanWording.ChangeId(c.Kind));
        Json.Property(w, "file", c.Position.File);
        Json.Property(w, "line", c.Position.Line);
        Json.Property(w, "column", c.Position.Column);
        Json.Property(w, "command", c.Command);
        Json.Property(w, "server", c.Server);
        Json.Property(w, "target", c.Target);
        Json.Property(w, "property", c.Property);
        Json.Property(w, "before", c.Before);
        Json.Property(w, "after", c.After);
        Json.Property(w, "answer", c.Answer switch { PromptAnswer.Yes => "yes", PromptAnswer.No => "no", _ => null });
        Json.Property(w, "answeredBy", c.AnswerSource switch
        {
            PromptSource.Force => "-Force",
            PromptSource.ConfirmFalse => "-Confirm:$false",
            PromptSource.Open => "open",
            _ => null,
        });
        w.WriteEndObject();
    }
}

/// <summary>A rehearsal for a person at a terminal: what each command does, then per outcome the findings new and fixed and the selections that change.</summary>
public sealed class WhatIfConsoleWriter(RenderSettings settings) : IWhatIfWriter
{
    public ReportFormat Format => ReportFormat.Console;

    public void Write(WhatIfResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(result));
    }

    public string Render(WhatIfResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var labels = Labels.For(settings.Culture);
        var words = PipelineLabels.For(settings.Culture);
        var ja = Fmt.IsJapanese(settings.Culture);
        return SpectreText.Render(settings, console =>
        {
            console.MarkupLine($"[bold]{ToolInfo.Name} {ToolInfo.Version}[/] whatif");
            SpectreText.Indented(console, 2, SpectreText.Escape((ja ? "計画: " : "Plan: ") + string.Join(ja ? "、" : ", ", result.Plans)));
            SpectreText.Indented(console, 2, SpectreText.Escape($"{words.Before}: {DiffWriters.Side(result.Before, labels)}"));
            if (result.OpenPrompts > 0)
            {
                SpectreText.Indented(console, 2, SpectreText.Escape(ja
                    ? $"-Force も -Confirm:$false もない確認が {Fmt.Int(result.OpenPrompts)} 件あるため、「はい」と「いいえ」の両方の結果を示します (A10)。"
                    : $"The plan leaves {Fmt.Int(result.OpenPrompts)} overwrite {(result.OpenPrompts == 1 ? "prompt" : "prompts")} open (no -Force, no -Confirm:$false): both answers are shown (A10)."));
            }

            console.WriteLine();
            for (var i = 0; i < result.Outcomes.Length; i++)
            {
                var o = result.Outcomes[i];
                console.MarkupLine($"[bold underline]{SpectreText.Escape(PlanWording.Outcome(o, i, result.Outcomes.Length, settings.Culture))}[/]");
                foreach (var c in o.Changes.Where(c => !PlanWording.IsNote(c.Kind)))
                {
                    SpectreText.Hanging(console, 2, $"{c.Position.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: ", SpectreText.Escape(PlanWording.Change(c, settings.Culture)));
                }

                var notes = o.Changes.Where(c => PlanWording.IsNote(c.Kind) && c.Kind != ChangeKind.WhatIfIgnored).ToList();
                foreach (var c in notes)
                {
                    SpectreText.Hanging(console, 2, $"{c.Position.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: ", "[grey]" + SpectreText.Escape(PlanWording.Change(c, settings.Culture)) + "[/]");
                }

                var whatIf = o.Changes.Count(c => c.Kind == ChangeKind.WhatIfIgnored);
                if (whatIf > 0)
                {
                    SpectreText.Indented(console, 2, "[grey]" + SpectreText.Escape(ja
                        ? $"-WhatIf ({Fmt.Int(whatIf)} 件) は無視しました。リハーサルは実行したときの結果を示します。"
                        : $"-WhatIf on {Fmt.Int(whatIf)} {(whatIf == 1 ? "command is" : "commands are")} ignored: the rehearsal shows what the plan does when it runs.") + "[/]");
                }

                console.WriteLine();
                Findings(console, $"{words.New} ({Fmt.Int(o.Diff.New.Length)})", o.Diff.New, full: true, labels);
                Findings(console, $"{words.Fixed} ({Fmt.Int(o.Diff.Fixed.Length)})", o.Diff.Fixed, full: true, labels);
                Findings(console, $"{words.Unchanged} ({Fmt.Int(o.Diff.Unchanged.Length)})", o.Diff.Unchanged, full: false, labels);
                console.MarkupLine($"[bold]{SpectreText.Escape($"{words.SelectionChanges} ({Fmt.Int(o.Diff.SelectionChanges.Length)})")}[/]");
                foreach (var c in o.Diff.SelectionChanges)
                {
                    var what = string.Join(labels.ListSeparator, c.Changes.Select(words.Change));
                    SpectreText.Indented(console, 2, SpectreText.Escape($"{DiffWriters.Process(c.Scenario, settings.Culture)} {c.Server}{(c.Connector is null ? "" : " " + c.Connector)}: {what}"));
                    SpectreText.Indented(console, 4, SpectreText.Escape($"{words.Before}: {DiffWriters.Describe(c.Before, words, labels, settings.Culture)}"));
                    SpectreText.Indented(console, 4, SpectreText.Escape($"{words.After}: {DiffWriters.Describe(c.After, words, labels, settings.Culture)}"));
                }

                console.WriteLine();
                console.MarkupLine($"[bold]{SpectreText.Escape(words.DiffSummary(ResultDiffCounts.Of(o.Diff)))}[/]");
                console.WriteLine();
            }

            var breaks = result.IntroducesFinding(Rules.Configuration.FailOn.Error);
            console.MarkupLine(breaks
                ? $"[red bold]{SpectreText.Escape(ja ? "この計画は新しいエラーをもたらします。" : "The plan introduces a new error.")}[/]"
                : $"[green bold]{SpectreText.Escape(ja ? "この計画は新しいエラーをもたらしません。" : "The plan introduces no new error.")}[/]");
        });
    }

    private void Findings(IAnsiConsole console, string title, IReadOnlyList<Finding> findings, bool full, Labels labels)
    {
        var culture = settings.Culture;
        console.MarkupLine($"[bold]{SpectreText.Escape(title)}[/]");
        foreach (var f in findings)
        {
            var colour = f.Suppression is null ? ConsoleReportWriter.Colour(f.Severity) : "grey";
            var severity = f.Suppression is null ? ReportTerms.Severity(f.Severity, culture) : $"{labels.Suppressed} ({ReportTerms.Severity(f.Severity, culture)})";
            SpectreText.Indented(console, 2, $"[{colour}]{SpectreText.Escape(severity)}[/] [bold]{f.RuleId}[/] {SpectreText.Escape($"{ReportTerms.TargetKind(f.Target.Kind, culture)} {f.Target.Id}")}");
            if (full)
            {
                SpectreText.Indented(console, 4, SpectreText.Escape(f.Message));
            }
        }
    }
}

/// <summary>A rehearsal for a change ticket or a pull request: per outcome, the changes and the findings new and fixed in tables.</summary>
public sealed class WhatIfMarkdownWriter(RenderSettings settings) : IWhatIfWriter
{
    public ReportFormat Format => ReportFormat.Markdown;

    public string Render(WhatIfResult result) => TextOf.Write(w => Write(result, w));

    public void Write(WhatIfResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var labels = Labels.For(settings.Culture);
        var words = PipelineLabels.For(settings.Culture);
        var ja = Fmt.IsJapanese(settings.Culture);
        var sb = new StringBuilder();
        var breaks = result.IntroducesFinding(Rules.Configuration.FailOn.Error);
        sb.Append("## ").Append(ToolInfo.Name).Append(" whatif: ")
          .Append(MarkdownText.Inline(breaks ? (ja ? "新しいエラーあり" : "introduces a new error") : (ja ? "新しいエラーなし" : "no new error"))).Append("\n\n");
        sb.Append("- ").Append(MarkdownText.Inline((ja ? "計画: " : "Plan: ") + string.Join(ja ? "、" : ", ", result.Plans))).Append('\n');
        sb.Append("- ").Append(MarkdownText.Inline($"{words.Before}: {DiffWriters.Side(result.Before, labels)}")).Append("\n\n");
        for (var i = 0; i < result.Outcomes.Length; i++)
        {
            var o = result.Outcomes[i];
            sb.Append("### ").Append(MarkdownText.Inline(PlanWording.Outcome(o, i, result.Outcomes.Length, settings.Culture))).Append("\n\n");
            foreach (var c in o.Changes.Where(c => !PlanWording.IsNote(c.Kind)))
            {
                sb.Append("- ").Append(MarkdownText.Inline($"{c.Position.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {PlanWording.Change(c, settings.Culture)}")).Append('\n');
            }

            sb.Append('\n').Append(MarkdownText.Inline(words.DiffSummary(ResultDiffCounts.Of(o.Diff)))).Append("\n\n");
            Table(sb, words.New, o.Diff.New, labels, words);
            Table(sb, words.Fixed, o.Diff.Fixed, labels, words);
            if (o.Diff.SelectionChanges.Length > 0)
            {
                sb.Append("**").Append(MarkdownText.Inline(words.SelectionChanges)).Append("**\n\n| ")
                  .Append(MarkdownText.Inline(labels.Scenario)).Append(" | ").Append(MarkdownText.Inline(labels.Server)).Append(" | ")
                  .Append(MarkdownText.Inline(labels.Connector)).Append(" | ").Append(MarkdownText.Inline(words.Before)).Append(" | ")
                  .Append(MarkdownText.Inline(words.After)).Append(" |\n|---|---|---|---|---|\n");
                foreach (var c in o.Diff.SelectionChanges)
                {
                    sb.Append("| ").Append(DiffWriters.Process(c.Scenario, settings.Culture)).Append(" | ").Append(MarkdownText.Code(c.Server)).Append(" | ")
                      .Append(c.Connector is null ? "" : MarkdownText.Code(c.Connector)).Append(" | ")
                      .Append(MarkdownText.Inline(DiffWriters.Describe(c.Before, words, labels, settings.Culture))).Append(" | ")
                      .Append(MarkdownText.Inline(DiffWriters.Describe(c.After, words, labels, settings.Culture))).Append(" |\n");
                }

                sb.Append('\n');
            }
        }

        output.Write(sb.ToString().TrimEnd('\n'));
        output.Write('\n');
    }

    private void Table(StringBuilder sb, string title, IReadOnlyList<Finding> findings, Labels labels, PipelineLabels words)
    {
        if (findings.Count == 0)
        {
            return;
        }

        sb.Append("**").Append(MarkdownText.Inline($"{title} ({Fmt.Int(findings.Count)})")).Append("**\n\n| ")
          .Append(MarkdownText.Inline(words.Severity)).Append(" | ").Append(MarkdownText.Inline(words.Rule)).Append(" | ")
          .Append(MarkdownText.Inline(labels.Target)).Append(" | ").Append(MarkdownText.Inline(words.Message)).Append(" |\n|---|---|---|---|\n");
        foreach (var f in findings)
        {
            sb.Append("| ").Append(f.Suppression is null ? ReportTerms.Severity(f.Severity, settings.Culture) : $"{MarkdownText.Inline(labels.Suppressed)} ({ReportTerms.Severity(f.Severity, settings.Culture)})")
              .Append(" | ").Append(MarkdownText.Link(f.RuleId, RulePages.For(settings.HelpUriBase, f.RuleId)))
              .Append(" | ").Append(MarkdownText.Inline(ReportTerms.TargetKind(f.Target.Kind, settings.Culture))).Append(' ').Append(MarkdownText.Code(f.Target.Id))
              .Append(" | ").Append(MarkdownText.Inline(f.Message)).Append(" |\n");
        }

        sb.Append('\n');
    }
}
