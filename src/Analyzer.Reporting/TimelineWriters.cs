using Extls.Planning;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>Renders a timeline (<c>extls timeline</c>). Like every writer it decides nothing.</summary>
public interface ITimelineWriter
{
    ReportFormat Format { get; }

    void Write(TimelineResult result, TextWriter output);

    string Render(TimelineResult result);
}

public static class TimelineWriters
{
    public static IReadOnlyList<ReportFormat> Formats { get; } = [ReportFormat.Console, ReportFormat.Json, ReportFormat.Markdown, ReportFormat.Html];

    public static ITimelineWriter Create(ReportFormat format, RenderSettings settings) => format switch
    {
        ReportFormat.Console => new TimelineConsoleWriter(settings, markdown: false),
        ReportFormat.Markdown => new TimelineConsoleWriter(settings, markdown: true),
        ReportFormat.Json => new TimelineJsonWriter(),
        ReportFormat.Html => new HtmlTimelineWriter(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, $"A timeline is written as {string.Join(", ", Formats.Select(f => f.Name()))}."),
    };

    internal static string CauseId(TimelineCauseKind kind) => Fmt.CamelCase(kind.ToString());

    internal static string Cause(TimelineCause c, string culture)
    {
        var ja = Fmt.IsJapanese(culture);
        return (c.Kind, ja) switch
        {
            (TimelineCauseKind.BecomesValid, false) => $"{c.Server}: {c.Thumbprint} ({c.Subject}) becomes valid",
            (TimelineCauseKind.EntersWarningWindow, false) => $"{c.Server}: {c.Thumbprint} ({c.Subject}) enters the warning window",
            (TimelineCauseKind.Expires, false) => $"{c.Server}: {c.Thumbprint} ({c.Subject}) expires",
            (TimelineCauseKind.SnapshotStale, false) => "the snapshot becomes stale",
            (TimelineCauseKind.SuppressionExpires, false) => $"the suppression of {c.Subject} expires",
            (TimelineCauseKind.BecomesValid, true) => $"{c.Server}: {c.Thumbprint} ({c.Subject}) が有効になります",
            (TimelineCauseKind.EntersWarningWindow, true) => $"{c.Server}: {c.Thumbprint} ({c.Subject}) が警告期間に入ります",
            (TimelineCauseKind.Expires, true) => $"{c.Server}: {c.Thumbprint} ({c.Subject}) の有効期限が切れます",
            (TimelineCauseKind.SnapshotStale, true) => "スナップショットが古くなります",
            _ => $"{c.Subject} の抑制の期限が切れます",
        };
    }
}

/// <summary>The timeline JSON (schemas/timeline.schema.json): asOf, until, firstBreak and each date's findings that appear and disappear.</summary>
public sealed class TimelineJsonWriter : ITimelineWriter
{
    public ReportFormat Format => ReportFormat.Json;

    public string Render(TimelineResult result) => TextOf.Write(w => Write(result, w));

    public void Write(TimelineResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using (var w = Json.Writer(output))
        {
            w.WriteStartObject();
            Json.Tool(w);
            Json.Property(w, "asOf", Fmt.Date(result.AsOf.AsOf));
            Json.Property(w, "until", Fmt.Date(result.Until));
            Json.Property(w, "firstBreak", result.FirstBreak is { } b ? Fmt.Date(b) : null);
            w.WritePropertyName("snapshot");
            w.WriteStartObject();
            Json.Property(w, "collectedAt", result.AsOf.Snapshot.CollectedAt is { } collected ? Fmt.Date(collected) : null);
            Json.Property(w, "organization", result.AsOf.Snapshot.Organization);
            Json.Strings(w, "sources", result.AsOf.Snapshot.Sources.IsDefault ? [] : result.AsOf.Snapshot.Sources);
            w.WriteEndObject();
            w.WritePropertyName("dates");
            w.WriteStartArray();
            foreach (var d in result.Dates)
            {
                w.WriteStartObject();
                Json.Property(w, "date", Fmt.Date(d.Date));
                w.WritePropertyName("causes");
                w.WriteStartArray();
                foreach (var c in d.Causes)
                {
                    w.WriteStartObject();
                    Json.Property(w, "kind", TimelineWriters.CauseId(c.Kind));
                    Json.Property(w, "server", c.Server);
                    Json.Property(w, "thumbprint", c.Thumbprint);
                    Json.Property(w, "subject", c.Subject);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WritePropertyName("appears");
                w.WriteStartArray();
                foreach (var f in d.Appears)
                {
                    JsonReportWriter.Finding(w, f);
                }

                w.WriteEndArray();
                w.WritePropertyName("disappears");
                w.WriteStartArray();
                foreach (var f in d.Disappears)
                {
                    JsonReportWriter.Finding(w, f);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("summary");
            w.WriteStartObject();
            Json.Property(w, "dates", result.Dates.Length);
            Json.Property(w, "appears", result.Dates.Sum(d => d.Appears.Length));
            Json.Property(w, "disappears", result.Dates.Sum(d => d.Disappears.Length));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        output.Write('\n');
    }
}

/// <summary>The timeline for a person: the first break first, then each date with its causes and the findings that appear and disappear.</summary>
public sealed class TimelineConsoleWriter(RenderSettings settings, bool markdown) : ITimelineWriter
{
    public ReportFormat Format => markdown ? ReportFormat.Markdown : ReportFormat.Console;

    public void Write(TimelineResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(result));
    }

    public string Render(TimelineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ja = Fmt.IsJapanese(settings.Culture);
        var lines = new List<(int Indent, string Text, string? Style)>
        {
            (0, $"{ToolInfo.Name} {ToolInfo.Version} timeline: {Fmt.Date(result.AsOf.AsOf)} – {Fmt.Date(result.Until)}", "bold"),
            (2, result.FirstBreak is { } b
                ? (ja ? $"最初に問題が起きる日: {Fmt.Date(b)}" : $"First break: {Fmt.Date(b)}")
                : (ja ? "期間内に新しいエラーはありません。" : "Nothing breaks before the horizon."), result.FirstBreak is null ? "green" : "red bold"),
        };
        if (result.Dates.IsEmpty)
        {
            lines.Add((2, ja ? "期間内に検出事項は変わりません。" : "No finding changes before the horizon.", null));
        }

        foreach (var d in result.Dates)
        {
            lines.Add((0, "", null));
            lines.Add((0, Fmt.Date(d.Date), "bold underline"));
            foreach (var c in d.Causes)
            {
                lines.Add((2, TimelineWriters.Cause(c, settings.Culture), "grey"));
            }

            foreach (var f in d.Appears)
            {
                lines.Add((2, $"+ {ReportTerms.Severity(f.Severity, settings.Culture)} {f.RuleId} {ReportTerms.TargetKind(f.Target.Kind, settings.Culture)} {f.Target.Id}: {f.Message}", ConsoleReportWriter.Colour(f.Severity)));
            }

            foreach (var f in d.Disappears)
            {
                lines.Add((2, $"- {ReportTerms.Severity(f.Severity, settings.Culture)} {f.RuleId} {ReportTerms.TargetKind(f.Target.Kind, settings.Culture)} {f.Target.Id}", "grey"));
            }
        }

        if (markdown)
        {
            var sb = new System.Text.StringBuilder();
            sb.Append("## ").Append(MarkdownText.Inline(lines[0].Text)).Append("\n\n").Append(MarkdownText.Inline(lines[1].Text)).Append('\n');
            foreach (var (indent, text, style) in lines.Skip(2))
            {
                if (text.Length == 0)
                {
                    sb.Append('\n');
                }
                else if (indent == 0)
                {
                    sb.Append("### ").Append(MarkdownText.Inline(text)).Append("\n\n");
                }
                else
                {
                    sb.Append("- ").Append(MarkdownText.Inline(text)).Append('\n');
                }
            }

            return sb.ToString().TrimEnd('\n') + "\n";
        }

        return SpectreText.Render(settings, console =>
        {
            foreach (var (indent, text, style) in lines)
            {
                if (text.Length == 0)
                {
                    console.WriteLine();
                    continue;
                }

                var markup = style is null ? SpectreText.Escape(text) : $"[{style}]{SpectreText.Escape(text)}[/]";
                if (indent == 0)
                {
                    console.MarkupLine(markup);
                }
                else
                {
                    SpectreText.Indented(console, indent, markup);
                }
            }
        });
    }
}
