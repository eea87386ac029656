using Extls.Rules;

namespace Extls.Reporting;

/// <summary>The output formats of <c>extls analyze</c>.</summary>
public enum ReportFormat
{
    Console,
    Json,
    Sarif,

    /// <summary>JUnit XML for a pipeline's test tab: a test suite per rule, a test case per rule and target.</summary>
    Junit,

    /// <summary>One row per finding, for spreadsheets.</summary>
    Csv,

    /// <summary>A summary that fits a pull-request comment or a job summary.</summary>
    Markdown,

    /// <summary>One self-contained page for a person: findings with their PowerShell, mail flow, drawings, certificates.</summary>
    Html,
}

/// <summary>How text is rendered: language, colour and width. Nothing here changes what is reported.</summary>
/// <param name="Culture">"en" or "ja".</param>
/// <param name="Color">ANSI colour; false for redirected output, files and NO_COLOR.</param>
/// <param name="Width">Console width in columns; fixed so output does not depend on the terminal.</param>
public sealed record RenderSettings(string Culture = "en", bool Color = false, int Width = 120)
{
    public static readonly RenderSettings Plain = new();

    /// <summary>Where the rule pages are published: reports link each rule to its page there (<see cref="RulePages.For"/>).</summary>
    public Uri HelpUriBase { get; init; } = RulePages.DefaultBase;
}

/// <summary>Renders one analysis. Writers never decide anything: they only render what the analysis concluded.</summary>
public interface IReportWriter
{
    ReportFormat Format { get; }

    /// <summary>Writes the report to <paramref name="output"/> (left open) as it goes, LF line ends.</summary>
    void Write(AnalysisResult result, TextWriter output);

    /// <summary>The whole report as one string, for tests and small outputs.</summary>
    string Render(AnalysisResult result);
}

/// <summary>Collects what a streaming writer writes into one string.</summary>
internal static class TextOf
{
    public static string Write(Action<TextWriter> write)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(text);
        return text.ToString();
    }
}

/// <summary>What some writers take beyond the rendering settings.</summary>
/// <param name="HelpPages">Each rule's documentation page (rules/&lt;ID&gt;.md) by rule id, for SARIF's help; optional.</param>
public sealed record ReportWriterOptions(IReadOnlyDictionary<string, string>? HelpPages = null)
{
    /// <summary>With a baseline, whether SARIF lists the baseline's findings the run no longer has (baselineState "absent").</summary>
    public bool SarifAbsent { get; init; } = true;

    /// <summary>The timeline from the analysis's as-of to the default horizon, for the HTML report's timeline section; null leaves the section out.</summary>
    public Planning.TimelineResult? Timeline { get; init; }
}

/// <summary>The one place a format is turned into its writer.</summary>
public static class ReportWriters
{
    /// <param name="helpPages">Each rule's documentation page (rules/&lt;ID&gt;.md) by rule id, for SARIF's help; optional.</param>
    public static IReportWriter Create(ReportFormat format, RenderSettings settings, IReadOnlyDictionary<string, string>? helpPages = null) =>
        Create(format, settings, new ReportWriterOptions(helpPages));

    public static IReportWriter Create(ReportFormat format, RenderSettings settings, ReportWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        return format switch
        {
            ReportFormat.Console => new ConsoleReportWriter(settings),
            ReportFormat.Json => new JsonReportWriter(),
            ReportFormat.Sarif => new SarifReportWriter(settings, options.HelpPages) { IncludeAbsent = options.SarifAbsent },
            ReportFormat.Junit => new JunitReportWriter(settings),
            ReportFormat.Csv => new CsvReportWriter(),
            ReportFormat.Markdown => new MarkdownReportWriter(settings),
            ReportFormat.Html => new HtmlReportWriter(settings) { Timeline = options.Timeline },
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    /// <summary>The file name extension a report of the format is usually given.</summary>
    public static string FileExtension(this ReportFormat format) => format switch
    {
        ReportFormat.Console => ".txt",
        ReportFormat.Json => ".json",
        ReportFormat.Sarif => ".sarif",
        ReportFormat.Junit => ".xml",
        ReportFormat.Csv => ".csv",
        ReportFormat.Markdown => ".md",
        ReportFormat.Html => ".html",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Parses a format name as typed on the command line (case-insensitive).</summary>
    public static bool TryParse(string? text, out ReportFormat format)
    {
        foreach (var f in Enum.GetValues<ReportFormat>())
        {
            if (string.Equals(f.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }

        format = default;
        return false;
    }

    public static string Name(this ReportFormat format) => format.ToString().ToLowerInvariant();
}

/// <summary>The tool's identity as written into every report.</summary>
public static class ToolInfo
{
    public const string Name = "extls";

    /// <summary>Where a reader of a report learns about the tool (SARIF's informationUri).</summary>
    public static Uri InformationUri => RulePages.ProjectHome;

    /// <summary>Major.minor.patch of the assembly: no commit hash or build time, so golden outputs hold.</summary>
    public static string Version { get; } = FormatVersion(typeof(ToolInfo).Assembly.GetName().Version);

    internal static string FormatVersion(System.Version? v) =>
        v is null ? "0.0.0" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}");
}
