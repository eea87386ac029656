using Extls.Rules;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>The rule catalogue: a table for <c>extls rules list</c>, a page for <c>extls rules show</c>.</summary>
public sealed class RulesWriter(RenderSettings settings)
{
    public string RenderList(IEnumerable<RuleDescriptor> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var labels = Labels.For(settings.Culture);
        return SpectreText.Render(settings, console =>
        {
            var table = new Table().Border(TableBorder.Simple);
            // The title last: it is the long column, and wraps least there.
            table.AddColumn(labels.Id);
            table.AddColumn(labels.Severity);
            table.AddColumn(labels.Category);
            table.AddColumn(labels.Event);
            table.AddColumn(labels.Title);
            foreach (var r in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                table.AddRow(
                    new Text(r.Id),
                    new Markup($"[{ConsoleReportWriter.Colour(r.DefaultSeverity)}]{SpectreText.Escape(ReportTerms.Severity(r.DefaultSeverity, settings.Culture))}[/]"),
                    new Text(ReportTerms.Category(r.Category, settings.Culture)),
                    new Text(r.EventId is { } e ? Fmt.Int(e) : "—"),
                    new Text(r.Title.For(settings.Culture)));
            }

            console.Write(table);
        });
    }

    /// <param name="pagePath">Where the rule's page is on this machine (beside the installed tool); the page's path in the repository when null.</param>
    public string RenderShow(RuleDescriptor rule, string? pagePath = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var labels = Labels.For(settings.Culture);
        var culture = settings.Culture;
        return SpectreText.Render(settings, console =>
        {
            console.MarkupLine($"[bold]{SpectreText.Escape($"{rule.Id} {rule.Name}")}[/]");
            SpectreText.Indented(console, 2, SpectreText.Escape(rule.Title.For(culture)));
            console.WriteLine();
            Field(console, labels.Severity, ReportTerms.Severity(rule.DefaultSeverity, culture));
            Field(console, labels.Category, ReportTerms.Category(rule.Category, culture));
            Field(console, labels.Event, rule.EventId is { } e ? Fmt.Int(e) : labels.None);
            Field(console, labels.Documentation, pagePath ?? rule.HelpPath);
            console.WriteLine();
            console.MarkupLine($"[bold]{SpectreText.Escape(labels.Help)}[/]");
            foreach (var line in Lines(rule.Help.For(culture)))
            {
                SpectreText.Indented(console, 2, SpectreText.Escape(line));
            }

            console.WriteLine();
            console.MarkupLine($"[bold]{SpectreText.Escape(labels.Remediation)}[/]");
            // PowerShell to copy, as analyze writes it: a comment wrapped at the console width would go on without its '#'.
            foreach (var line in Lines(rule.Remediation.Template(culture)))
            {
                SpectreText.Verbatim(console, 2, line, cyan: true);
            }

            if (!rule.Assumptions.IsDefaultOrEmpty)
            {
                console.WriteLine();
                console.MarkupLine($"[bold]{SpectreText.Escape(labels.Assumptions)}[/]");
                foreach (var a in rule.Assumptions)
                {
                    SpectreText.Indented(console, 2, SpectreText.Escape($"{a}: {SelectionText.Assumption(a, culture)}"));
                }
            }
        });
    }

    private static void Field(IAnsiConsole console, string name, string value) =>
        SpectreText.Indented(console, 2, SpectreText.Escape($"{name}: {value}"));

    // Blank lines inside help are kept as empty lines so paragraphs stay apart.
    private static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n').Split('\n').Select(l => l.Length == 0 ? " " : l);
}
