using System.Collections.Immutable;
using System.CommandLine;
using Extls.Planning;
using Extls.Reporting;
using Extls.Rules;
using Extls.Rules.Configuration;

namespace Extls.Cli.Commands;

internal sealed record TimelineOptions(
    ImmutableArray<string> Paths,
    DateTimeOffset? Until,
    ImmutableArray<OutputTarget> Outputs,
    DateTimeOffset? AsOf,
    int? WarningDays,
    FailOn? FailOn,
    string Culture,
    string? ConfigPath,
    bool NoSuppressions);

/// <summary>
/// <c>extls timeline PATH [--until DATE]</c>: the dates between the as-of and the horizon at which findings appear or
/// disappear, and the first date something breaks. Exit code 1 when a new finding at or above --fail-on appears before
/// the horizon, 0 otherwise.
/// </summary>
internal sealed class TimelineCommand
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "The organisation's dump folder, zip or snapshot file; give each Edge server's own dump too, as to extls analyze.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> until = new("--until")
    {
        Description = "The horizon, as ISO 8601 (2027-06-01). Default: a year after the as-of date.",
        HelpName = "DATE",
    };

    private readonly Option<string[]> format = new("--format", "-f")
    {
        Description = "Output format: console (default), json (schemas/timeline.schema.json), markdown, or html (one self-contained page). Repeat it, each with its --output.",
        HelpName = "console|json|markdown|html",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> output = new("--output", "-o")
    {
        Description = "File to write, one per --format in the same order ('-' for the screen). Default: the screen, for a single format.",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string> failOn = new("--fail-on")
    {
        Description = "Exit with code 1 when a finding of this severity or worse, not there at the as-of, appears before the horizon: error (default), warning, note, or never.",
        DefaultValueFactory = _ => "error",
        HelpName = "error|warning|note|never",
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();
    private readonly Option<string?> config = Rehearsal.ConfigOption();
    private readonly Option<bool> noSuppressions = new("--no-suppressions") { Description = "Audit mode: report suppressed findings as if they were not suppressed." };

    private readonly CliHost host;

    public TimelineCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("timeline", "When will something break? The dates between the as-of date and the horizon at which findings " +
                                          "appear or disappear (a certificate entering the warning window, expiring, a staged certificate " +
                                          "becoming valid), and the first date on which a new error appears.")
        {
            paths, until, format, output, failOn, asOf, warningDays, culture, config, noSuppressions,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public TimelineOptions Bind(ParseResult parseResult)
    {
        var formats = Outputs.Formats(parseResult.GetValue(format), ParseFormat);

        var untilText = parseResult.GetValue(until);
        return new TimelineOptions(
            Inputs.Paths(host, parseResult.GetValue(paths)),
            ParseUntil(untilText),
            Outputs.Pair(host, formats, parseResult.GetValue(output) ?? []),
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            parseResult.GetResult(warningDays) is { Implicit: false } ? CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)) : null,
            parseResult.GetResult(failOn) is { Implicit: false } ? AnalyzeCommand.ParseFailOn(parseResult.GetValue(failOn)) : null,
            CommonOptions.ParseCulture(parseResult.GetValue(culture)),
            Rehearsal.CheckConfig(host, parseResult.GetValue(config)),
            parseResult.GetValue(noSuppressions));
    }

    /// <summary>--until reads as --as-of does; its message names --until.</summary>
    private static DateTimeOffset? ParseUntil(string? text)
    {
        try
        {
            return CommonOptions.ParseAsOf(text);
        }
        catch (UsageException)
        {
            throw new UsageException($"--until '{text}' is not an ISO 8601 date or date-time. Examples: 2027-06-01, 2027-06-01T09:00:00Z.", $"--until '{text}' は ISO 8601 の日付または日時ではありません。例: 2027-06-01、2027-06-01T09:00:00Z。");
        }
    }

    private static ReportFormat ParseFormat(string text) =>
        ReportWriters.TryParse(text, out var f) && TimelineWriters.Formats.Contains(f)
            ? f
            : throw new UsageException($"Unknown format '{text}'. Use {string.Join(", ", TimelineWriters.Formats.Select(x => x.Name()))}.", $"形式 '{text}' は不明です。{string.Join("、", TimelineWriters.Formats.Select(x => x.Name()))} のいずれかを指定してください。");

    public int Execute(TimelineOptions options)
    {
        Outputs.Check(host, options.Outputs);
        var prepared = Rehearsal.Prepare(host, options.Paths, options.AsOf, options.WarningDays, options.Culture, options.ConfigPath, options.NoSuppressions);
        if (prepared.Before is null)
        {
            return ExitCodes.InputUnreadable;
        }

        var horizon = options.Until ?? Timeline.DefaultUntil(prepared.Options.AsOf);
        if (horizon <= prepared.Options.AsOf)
        {
            var asOfDate = prepared.Options.AsOf.UtcDateTime.ToString("yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture);
            throw new UsageException($"--until must be after the as-of date ({asOfDate}).", $"--until には基準日 ({asOfDate}) より後の日付を指定してください。");
        }

        using var progress = ProgressDisplay.Start(host, options.Culture);
        progress.Phase(ProgressStep.ReplayingTimeline);
        var result = host.Services.Timeline(prepared.Before, prepared.Options, horizon);
        Outputs.Write(host, options.Outputs, progress, (target, writer) =>
            TimelineWriters.Create(target.Format, host.Settings(options.Culture, toScreen: target.Path is null)).Write(result, writer));

        if (!prepared.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, prepared.Problems, options.Culture);
            return ExitCodes.InputUnreadable;
        }

        var start = result.AsOf.Findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var appearing = result.Dates.SelectMany(d => d.Appears).Where(f => !start.Contains(f.Fingerprint));
        return FindingsPolicy.ReachesFailLevel(appearing, prepared.Config.ResolveFailOn(options.FailOn)) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
