using System.Collections.Immutable;
using System.CommandLine;
using Extls.Reporting;
using Extls.Rules;

namespace Extls.Cli.Commands;

/// <summary>--fail-on: the lowest severity that makes the exit code 1.</summary>
internal enum FailOn
{
    Note,
    Warning,
    Error,
    Never,
}

/// <summary>One report to write: a format and where it goes (null: standard output).</summary>
internal sealed record OutputTarget(ReportFormat Format, string? Path);

internal sealed record AnalyzeOptions(
    ImmutableArray<string> Paths,
    ImmutableArray<OutputTarget> Outputs,
    DateTimeOffset? AsOf,
    int? WarningDays,
    FailOn? FailOn,
    string Culture,
    string? ConfigPath,
    bool NoSuppressions);

/// <summary><c>extls analyze [PATH…]</c>: findings for one organisation, in one or more formats.</summary>
internal sealed class AnalyzeCommand
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "Raw dump folders, zipped dumps or snapshot files (from extls import). Several are joined into one " +
                      "organisation, e.g. the organisation's dump and each Edge server's dump. Without a path, the built-in " +
                      "sample organisation is analysed.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> format = new("--format", "-f")
    {
        Description = "Output format: console (default), json, or sarif (for code-scanning dashboards). Repeat it to write several.",
        HelpName = "console|json|sarif",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> output = new("--output", "-o")
    {
        Description = "File to write, one per --format in the same order ('-' for the screen). Default: the screen, for a single format.",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();

    private readonly Option<string> failOn = new("--fail-on")
    {
        Description = "Exit with code 1 when an unsuppressed finding of this severity or worse is reported: error (default), warning, note, or never.",
        DefaultValueFactory = _ => "error",
        HelpName = "error|warning|note|never",
    };

    private readonly Option<string?> config = new("--config")
    {
        Description = "Configuration file: per-rule severity, suppressions (rule, target, justification, expiry date), warningDays, asOf, failOn. " +
                      "Default: extls.yaml inside the first dump folder (or beside the snapshot file), else in the current folder. Command-line options win.",
        HelpName = "FILE",
    };

    private readonly Option<bool> noSuppressions = new("--no-suppressions")
    {
        Description = "Audit mode: report suppressed findings as if they were not suppressed.",
    };

    private readonly CliHost host;

    public AnalyzeCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("analyze", "Analyse an Exchange organisation's dump: which certificate each server and connector uses for " +
                                         "anonymous TLS and STARTTLS, what will fail, which events the servers will log, and how to fix it.")
        {
            paths, format, output, asOf, warningDays, culture, failOn, config, noSuppressions,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public AnalyzeOptions Bind(ParseResult parseResult)
    {
        var formats = (parseResult.GetValue(format) ?? []).Select(ParseFormat).ToList();
        if (formats.Count == 0)
        {
            formats.Add(ReportFormat.Console);
        }

        var configPath = parseResult.GetValue(config);
        if (configPath is not null && !File.Exists(host.FullPath(configPath)))
        {
            throw new UsageException($"Configuration file '{configPath}' does not exist.");
        }

        return new AnalyzeOptions(
            Inputs.Paths(host, parseResult.GetValue(paths)),
            PairOutputs(formats, parseResult.GetValue(output) ?? []),
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            // Only what was typed: the configuration file fills in the rest, then the defaults.
            parseResult.GetResult(warningDays) is { Implicit: false } ? CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)) : null,
            parseResult.GetResult(failOn) is { Implicit: false } ? ParseFailOn(parseResult.GetValue(failOn)) : null,
            CommonOptions.ParseCulture(parseResult.GetValue(culture)),
            configPath,
            parseResult.GetValue(noSuppressions));
    }

    internal static ReportFormat ParseFormat(string text) =>
        ReportWriters.TryParse(text, out var f)
            ? f
            : throw new UsageException($"Unknown format '{text}'. Use {string.Join(", ", Enum.GetValues<ReportFormat>().Select(x => x.Name()))}.");

    internal static FailOn ParseFailOn(string? text) =>
        Enum.TryParse<FailOn>(text, ignoreCase: true, out var f) && Enum.IsDefined(f) && !int.TryParse(text, out _)
            ? f
            : throw new UsageException($"Unknown --fail-on '{text}'. Use error, warning, note or never.");

    /// <summary>Pairs each --format with the --output at the same position.</summary>
    internal static ImmutableArray<OutputTarget> PairOutputs(IReadOnlyList<ReportFormat> formats, IReadOnlyList<string> outputs)
    {
        if (outputs.Count == 0)
        {
            return formats.Count == 1
                ? [new OutputTarget(formats[0], null)]
                : throw new UsageException($"{formats.Count} formats were asked for but no --output: give one --output FILE per --format, in the same order ('-' for the screen).");
        }

        if (outputs.Count != formats.Count)
        {
            throw new UsageException($"{formats.Count} --format but {outputs.Count} --output: give one --output per --format, in the same order ('-' for the screen).");
        }

        var targets = formats.Zip(outputs, (f, o) => new OutputTarget(f, o == "-" ? null : o)).ToImmutableArray();
        if (targets.Count(t => t.Path is null) > 1)
        {
            throw new UsageException("Only one format can go to the screen; give the others an --output file.");
        }

        var duplicate = targets.Where(t => t.Path is not null).GroupBy(t => Path.GetFullPath(t.Path!), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? targets : throw new UsageException($"--output '{duplicate.First().Path}' is given twice.");
    }

    public int Execute(AnalyzeOptions options)
    {
        var configPath = options.ConfigPath is { } given ? host.FullPath(given) : ConfigFile.FindDefault(host, options.Paths);
        var config = configPath is null ? null : ConfigFile.Load(configPath, options.ConfigPath ?? configPath);
        var loaded = options.Paths.IsEmpty ? Inputs.LoadSample(host) : Inputs.Load(host, options.Paths);
        var problems = loaded.Problems.IsDefault ? [] : loaded.Problems;
        if (loaded.Snapshot is null)
        {
            Inputs.Report(host, problems);
            return ExitCodes.InputUnreadable;
        }

        var asOfValue = CommonOptions.ResolveAsOf(options.AsOf ?? config?.AsOf, loaded.Snapshot);
        var warningDaysValue = options.WarningDays ?? config?.WarningDays ?? CommonOptions.DefaultWarningDays;
        var failOnValue = options.FailOn ?? config?.FailOn ?? FailOn.Error;
        var severities = config is { Severities.Count: > 0 } ? config.Severities : null;
        var result = host.Services.Analyze(loaded.Snapshot, problems,
            new AnalysisOptions(asOfValue, warningDaysValue, severities, options.Culture));
        if (options.NoSuppressions)
        {
            result = Audit.WithoutSuppressions(result);
        }
        else if (config is not null)
        {
            (result, var expired) = Suppressions.Apply(result, config.Suppressions);
            foreach (var s in expired)
            {
                host.Error.Write($"{config.File}:{s.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: the suppression of {s.RuleId} for '{s.Target}' expired on {s.Expires!.Value.UtcDateTime.ToString("yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture)} and no longer applies.\n");
            }
        }

        foreach (var target in options.Outputs)
        {
            var toScreen = target.Path is null;
            var settings = new RenderSettings(options.Culture, toScreen && host.UseColor, toScreen ? host.ConsoleWidth : CliHost.DefaultWidth);
            var text = ReportWriters.Create(target.Format, settings, host.Services.HelpPages).Render(result);
            if (toScreen)
            {
                host.Out.Write(text);
            }
            else
            {
                OutputFile.Write(host.FullPath(target.Path!), text);
            }
        }

        if (!result.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, result.Problems);
            return ExitCodes.InputUnreadable;
        }

        return Audit.Fails(result, failOnValue) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}

/// <summary>Decisions over a finished analysis that belong to the command line, not to a writer.</summary>
internal static class Audit
{
    /// <summary>--no-suppressions: every finding counts, and the summary says so.</summary>
    public static AnalysisResult WithoutSuppressions(AnalysisResult result)
    {
        var findings = result.Findings.Select(f => f.Suppression is null ? f : f with { Suppression = null }).ToImmutableArray();
        return result with { Findings = findings, Summary = Summarize(findings) };
    }

    public static FindingSummary Summarize(IReadOnlyCollection<Finding> findings)
    {
        var active = findings.Where(f => f.Suppression is null).ToList();
        return new FindingSummary(
            active.Count(f => f.Severity == Severity.Error),
            active.Count(f => f.Severity == Severity.Warning),
            active.Count(f => f.Severity == Severity.Note),
            findings.Count - active.Count);
    }

    /// <summary>Whether an unsuppressed finding reaches the --fail-on threshold.</summary>
    public static bool Fails(AnalysisResult result, FailOn failOn)
    {
        var threshold = failOn switch
        {
            FailOn.Error => Severity.Error,
            FailOn.Warning => Severity.Warning,
            FailOn.Note => Severity.Note,
            _ => (Severity?)null,
        };
        return threshold is { } t && result.Findings.Any(f => f.Suppression is null && f.Severity != Severity.None && f.Severity >= t);
    }
}
