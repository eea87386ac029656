using System.Collections.Immutable;
using System.CommandLine;
using Extls.Model;
using Extls.Reporting;
using Extls.Reporting.Reading;
using Extls.Rules;
using Extls.Rules.Comparison;
using Extls.Rules.Configuration;

namespace Extls.Cli.Commands;

internal sealed record DiffOptions(
    string Before,
    string After,
    ImmutableArray<OutputTarget> Outputs,
    DateTimeOffset? AsOf,
    int? WarningDays,
    FailOn? FailOn,
    string Culture,
    string? ConfigPath,
    bool NoSuppressions,
    Uri? HelpUriBase);

/// <summary>
/// <c>extls diff OLD NEW</c>: what changed between two states of an organisation, each a dump, a snapshot or an
/// earlier findings JSON. Exit code 1 means something new at or above --fail-on; 0 that nothing new reaches it.
/// </summary>
internal sealed class DiffCommand
{
    private readonly Argument<string> before = new("OLD")
    {
        Description = "The earlier state: a dump folder or zip, a snapshot file (extls import), or the findings JSON of an earlier 'extls analyze --format json'.",
    };

    private readonly Argument<string> after = new("NEW")
    {
        Description = "The later state, in any of the same forms.",
    };

    private readonly Option<string[]> format = new("--format", "-f")
    {
        Description = "Output format: console (default), json (schemas/diff.schema.json) or markdown (a pull-request comment). Repeat it, each with its --output, to write several.",
        HelpName = "console|json|markdown",
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
        Description = "Exit with code 1 when a new unsuppressed finding of this severity or worse appears: error (default), warning, note, or never. " +
                      "Findings that were already there, and fixed ones, never fail.",
        DefaultValueFactory = _ => "error",
        HelpName = "error|warning|note|never",
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();
    private readonly Option<string?> helpUriBase = CommonOptions.HelpUriBase();

    private readonly Option<string?> config = new("--config")
    {
        Description = "Configuration file (severities, suppressions, warningDays, asOf, failOn) for both sides. Default: extls.yaml beside NEW, else in the current folder.",
        HelpName = "FILE",
    };

    private readonly Option<bool> noSuppressions = new("--no-suppressions")
    {
        Description = "Audit mode: report suppressed findings as if they were not suppressed.",
    };

    private readonly CliHost host;

    public DiffCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("diff", "Compare two states of an organisation (before and after a renewal, a connector change or a migration step): " +
                                      "the findings that are new, fixed and unchanged, matched by fingerprint, and every certificate selection that " +
                                      "changed (another certificate chosen, a connector that stops advertising TLS, other events logged). Exit code 1 " +
                                      "when something new reaches --fail-on.")
        {
            before, after, format, output, failOn, asOf, warningDays, culture, config, noSuppressions, helpUriBase,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public DiffOptions Bind(ParseResult parseResult)
    {
        var formats = Outputs.Formats(parseResult.GetValue(format), ParseFormat);

        var configPath = parseResult.GetValue(config);
        if (configPath is not null && !File.Exists(host.FullPath(configPath)))
        {
            throw new UsageException($"Configuration file '{configPath}' does not exist.", $"構成ファイル '{configPath}' がありません。");
        }

        var sides = Inputs.Paths(host, [parseResult.GetValue(before)!, parseResult.GetValue(after)!]);
        return new DiffOptions(
            sides[0],
            sides[1],
            Outputs.Pair(host, formats, parseResult.GetValue(output) ?? []),
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            parseResult.GetResult(warningDays) is { Implicit: false } ? CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)) : null,
            parseResult.GetResult(failOn) is { Implicit: false } ? AnalyzeCommand.ParseFailOn(parseResult.GetValue(failOn)) : null,
            CommonOptions.ParseCulture(parseResult.GetValue(culture)),
            configPath,
            parseResult.GetValue(noSuppressions),
            CommonOptions.ParseHelpUriBase(parseResult.GetValue(helpUriBase)));
    }

    internal static ReportFormat ParseFormat(string text) =>
        ReportWriters.TryParse(text, out var f) && DiffWriters.Formats.Contains(f)
            ? f
            : throw new UsageException($"Unknown diff format '{text}'. Use {string.Join(", ", DiffWriters.Formats.Select(x => x.Name()))}.",
                $"diff の形式 '{text}' は不明です。{string.Join("、", DiffWriters.Formats.Select(x => x.Name()))} のいずれかを指定してください。");

    public int Execute(DiffOptions options)
    {
        Outputs.Check(host, options.Outputs);
        var config = Configuration.Load(host, options.ConfigPath, [options.After]);
        var problems = ImmutableArray.CreateBuilder<ImportProblem>();
        var earlier = Side(options.Before, options, config, problems);
        var later = Side(options.After, options, config, problems);
        if (earlier is null || later is null)
        {
            Inputs.Report(host, problems.ToImmutable(), options.Culture);
            return ExitCodes.InputUnreadable;
        }

        var diff = ResultComparer.Compare(earlier, later);
        var helpUriBase = options.HelpUriBase ?? config.HelpUriBase ?? RulePages.DefaultBase;
        using var progress = ProgressDisplay.Start(host, options.Culture);
        Outputs.Write(host, options.Outputs, progress, (target, writer) =>
        {
            var settings = host.Settings(options.Culture, toScreen: target.Path is null) with { HelpUriBase = helpUriBase };
            DiffWriters.Create(target.Format, settings).Write(diff, writer);
        });

        // What could not be read of either side is listed, and decides the exit code, after the diff of what could.
        if (problems.Count > 0)
        {
            Inputs.Report(host, problems.ToImmutable(), options.Culture);
            return ExitCodes.InputUnreadable;
        }

        return FindingsPolicy.ReachesFailLevel(diff.New, config.ResolveFailOn(options.FailOn)) ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>
    /// One side as an analysis: an earlier findings JSON read back as it was recorded, or a dump or snapshot
    /// analysed now, at --as-of or, by default, when it was collected. Null when nothing of it could be read.
    /// </summary>
    private AnalysisResult? Side(string path, DiffOptions options, ExtlsConfig config, ImmutableArray<ImportProblem>.Builder problems)
    {
        var full = host.FullPath(path);
        if (File.Exists(full))
        {
            switch (ReportReader.Detect(full))
            {
                case ReportFileKind.Json:
                    var read = ReportReader.Read(full, path, host.Services.Rules);
                    problems.AddRange(read.Problems);
                    return read.Result;
                case ReportFileKind.Sarif:
                    throw new UsageException($"'{path}' is SARIF, which records findings but not the certificate selections a diff compares; " +
                                             "give the findings JSON of that run (--format json), its dump or its snapshot.",
                        $"'{path}' は SARIF です。SARIF には検出事項は記録されますが、diff が比較する証明書の選択は記録されません。その実行の検出事項の JSON (--format json)、そのダンプ、またはスナップショットを指定してください。");
            }
        }

        var loaded = Inputs.Load(host, [path]);
        problems.AddRange(loaded.Problems.IsDefault ? [] : loaded.Problems);
        if (loaded.Snapshot is null)
        {
            return null;
        }

        var asOf = CommonOptions.ResolveAsOf(options.AsOf ?? config.AsOf, loaded.Snapshot);
        var analysis = config.ToAnalysisOptions(loaded.Snapshot.CollectedAt, asOf, options.WarningDays, options.Culture, options.NoSuppressions);
        // The load's problems are already listed once above; the analysis is of what could be read.
        return host.Services.Analyze(loaded.Snapshot, [], analysis);
    }
}
