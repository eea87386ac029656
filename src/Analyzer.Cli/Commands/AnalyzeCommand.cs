using System.Collections.Immutable;
using System.CommandLine;
using Extls.Reporting;
using Extls.Reporting.Reading;
using System.Globalization;
using Extls.Model;
using Extls.Rules;
using Extls.Rules.Comparison;
using Extls.Rules.Configuration;

namespace Extls.Cli.Commands;

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
    bool NoSuppressions)
{
    /// <summary>--evidence: folders, zips or files of Exchange's protocol logs and event exports.</summary>
    public ImmutableArray<string> Evidence { get; init; } = [];

    /// <summary>--evidence-since: log rows and events before it are not counted.</summary>
    public DateTimeOffset? EvidenceSince { get; init; }

    /// <summary>--baseline: an earlier JSON or SARIF report whose findings are not new.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>--help-uri-base, when given.</summary>
    public Uri? HelpUriBase { get; init; }

    /// <summary>--sarif-absent: whether SARIF carries the baseline's findings this run no longer has.</summary>
    public bool SarifAbsent { get; init; } = true;

    /// <summary>--verify-remediation: rehearse each concrete remediation (remediationVerified in the JSON).</summary>
    public bool VerifyRemediation { get; init; }
    /// <summary>--timings: each phase's time, the CPU time and the peak memory on stderr at the end.</summary>
    public bool Timings { get; init; }
}

/// <summary><c>extls analyze [PATH…]</c>: findings for one organisation, in one or more formats.</summary>
internal sealed class AnalyzeCommand
{
    /// <summary>The instants the HTML report's timeline replays at most: the next dates a report reader acts on.</summary>
    private const int TimelineInstantsInReport = 16;

    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "Raw dump folders, zipped dumps or snapshot files (from extls import). Several are joined into one " +
                      "organisation, e.g. the organisation's dump and each Edge server's dump. Without a path, the built-in " +
                      "sample organisation is analysed.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> format = new("--format", "-f")
    {
        Description = "Output format: console (default), json, sarif (code scanning), junit (a pipeline's test tab), csv (spreadsheets), " +
                      "markdown (a pull-request comment or job summary) or html (one self-contained page to hand on). Repeat it, each with its --output, to write several in one run.",
        HelpName = "console|json|sarif|junit|csv|markdown|html",
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

    private readonly Option<string?> baseline = new("--baseline")
    {
        Description = "An earlier report of this organisation (--format json or sarif), such as the one committed with the dump. Every finding " +
                      "is marked new or unchanged by its fingerprint, the baseline's findings that are gone are reported as absent (fixed), " +
                      "and --fail-on counts only the new ones.",
        HelpName = "FILE",
    };

    private readonly Option<string?> helpUriBase = CommonOptions.HelpUriBase();

    private readonly Option<string> sarifAbsent = new("--sarif-absent")
    {
        Description = "With --baseline, whether the SARIF report lists the baseline's findings this run no longer has (baselineState \"absent\"): " +
                      "include (default) or omit. Omit them for GitHub code scanning, which shows every result as an alert and closes fixed alerts itself.",
        DefaultValueFactory = _ => "include",
        HelpName = "include|omit",
    };
    private readonly Option<string[]> evidence = CommonOptions.Evidence();
    private readonly Option<string?> evidenceSince = CommonOptions.EvidenceSince();

    private readonly Option<bool> verifyRemediation = new("--verify-remediation")
    {
        Description = "Prove each finding's remediation: every remediation that is a concrete command is rehearsed as extls whatif " +
                      "rehearses a plan, and the JSON report says for each finding whether it removes the finding without a new error " +
                      "(remediationVerified true or false; null for manual steps). Costs one more analysis per distinct remediation.",
    };

    private readonly Option<bool> timings = new("--timings")
    {
        Description = "After the reports, write to stderr how long each phase took (start-up, reading, replaying and the rules, each report), " +
                      "the CPU time and the peak memory: to see where a large dump's time goes. Reports are unchanged.",
    };

    private readonly CliHost host;

    public AnalyzeCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("analyze", "Analyse an Exchange organisation's dump: which certificate each server and connector uses for " +
                                         "anonymous TLS and STARTTLS, what will fail, which events the servers will log, and how to fix it.")
        {
            paths, format, output, asOf, warningDays, culture, failOn, config, noSuppressions, baseline, helpUriBase, sarifAbsent, evidence, evidenceSince,
            verifyRemediation,
            timings,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public AnalyzeOptions Bind(ParseResult parseResult)
    {
        var formats = Outputs.Formats(parseResult.GetValue(format), ParseFormat);

        var configPath = parseResult.GetValue(config);
        if (configPath is not null && !File.Exists(host.FullPath(configPath)))
        {
            throw new UsageException($"Configuration file '{configPath}' does not exist.", $"構成ファイル '{configPath}' がありません。");
        }

        var baselinePath = parseResult.GetValue(baseline);
        if (baselinePath is not null && !host.Exists(baselinePath))
        {
            throw new UsageException($"Baseline '{baselinePath}' does not exist. Write one with 'extls analyze DUMP --format json --output {baselinePath}'.",
                $"ベースライン '{baselinePath}' がありません。'extls analyze DUMP --format json --output {baselinePath}' で作成してください。");
        }

        if (baselinePath is not null && Directory.Exists(host.FullPath(baselinePath)))
        {
            throw new UsageException($"Baseline '{baselinePath}' is a folder; give the JSON or SARIF report of an earlier run.",
                $"ベースライン '{baselinePath}' はフォルダーです。以前の実行の JSON または SARIF レポートを指定してください。");
        }

        return new AnalyzeOptions(
            Inputs.Paths(host, parseResult.GetValue(paths)),
            Outputs.Pair(host, formats, parseResult.GetValue(output) ?? []),
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            // Only what was typed: the configuration file fills in the rest, then the defaults.
            parseResult.GetResult(warningDays) is { Implicit: false } ? CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)) : null,
            parseResult.GetResult(failOn) is { Implicit: false } ? ParseFailOn(parseResult.GetValue(failOn)) : null,
            CommonOptions.ParseCulture(parseResult.GetValue(culture)),
            configPath,
            parseResult.GetValue(noSuppressions))
        {
            BaselinePath = baselinePath,
            HelpUriBase = CommonOptions.ParseHelpUriBase(parseResult.GetValue(helpUriBase)),
            SarifAbsent = parseResult.GetValue(sarifAbsent)?.Trim().ToLowerInvariant() switch
            {
                "include" => true,
                "omit" => false,
                var other => throw new UsageException($"Unknown --sarif-absent '{other}'. Use include or omit.", $"--sarif-absent '{other}' は不明です。include または omit を指定してください。"),
            },
            VerifyRemediation = parseResult.GetValue(verifyRemediation),
            Evidence = [.. parseResult.GetValue(evidence) ?? []],
            EvidenceSince = CommonOptions.ParseEvidenceSince(parseResult.GetValue(evidenceSince)),
            Timings = parseResult.GetValue(timings),
        };
    }

    internal static ReportFormat ParseFormat(string text) =>
        ReportWriters.TryParse(text, out var f)
            ? f
            : throw new UsageException($"Unknown format '{text}'. Use {string.Join(", ", Enum.GetValues<ReportFormat>().Select(x => x.Name()))}.", $"形式 '{text}' は不明です。{string.Join("、", Enum.GetValues<ReportFormat>().Select(x => x.Name()))} のいずれかを指定してください。");

    internal static FailOn ParseFailOn(string? text) =>
        FindingsPolicy.TryParseFailOn(text, out var f)
            ? f
            : throw new UsageException($"Unknown --fail-on '{text}'. Use error, warning, note or never.", $"--fail-on '{text}' は不明です。error、warning、note、never のいずれかを指定してください。");

    public int Execute(AnalyzeOptions options)
    {
        var timer = PhaseTimings.Start(options.Timings, options.Culture);
        timer.Phase(options.Paths.IsEmpty ? ProgressStep.ReadingSample : ProgressStep.ReadingDump);
        Outputs.Check(host, options.Outputs);
        var config = Configuration.Load(host, options.ConfigPath, options.Paths);
        if (options.Paths.IsEmpty)
        {
            // A pipeline whose dump variable came out empty must not gate on the sample without noticing.
            host.Error.Write(CliCulture.IsJapanese(options.Culture)
                ? "extls: ダンプが指定されなかったため、お使いの組織ではなく組み込みのサンプル組織を分析します。自組織を分析するにはダンプのパスを指定してください。\n"
                : "extls: no dump was given, so the built-in sample organisation is analysed, not yours. Pass the path of a dump to analyse your own.\n");
        }

        // Progress goes to stderr and is cleared before anything else reaches the terminal.
        using var progress = ProgressDisplay.Start(host, options.Culture);
        progress.Phase(options.Paths.IsEmpty ? ProgressStep.ReadingSample : ProgressStep.ReadingDump);

        // From here on the display and the timings table follow the same steps.
        void Phase(ProgressStep step, long count = 0)
        {
            progress.Phase(step, count);
            timer.Phase(step, count);
        }

        var loaded = options.Paths.IsEmpty ? Inputs.LoadSample(host) : Inputs.Load(host, options.Paths);
        var problems = loaded.Problems.IsDefault ? [] : loaded.Problems;
        if (loaded.Snapshot is null)
        {
            progress.Stop();
            Inputs.Report(host, problems, options.Culture);
            timer.Write(host.Error);
            return ExitCodes.InputUnreadable;
        }

        var asOfValue = CommonOptions.ResolveAsOf(options.AsOf ?? config.AsOf, loaded.Snapshot);
        var analysisOptions = config.ToAnalysisOptions(loaded.Snapshot.CollectedAt, asOfValue, options.WarningDays, options.Culture, options.NoSuppressions);
        Phase(ProgressStep.ReadingLogs);
        analysisOptions = analysisOptions with { Evidence = host.Services.ReadEvidence(options.Paths, options.Evidence, loaded.Snapshot, options.EvidenceSince) };
        Phase(ProgressStep.Replaying, loaded.Snapshot.Servers.Length);
        var result = host.Services.Analyze(loaded.Snapshot, problems, analysisOptions) with { BuiltInSample = options.Paths.IsEmpty };
        if (options.VerifyRemediation)
        {
            Phase(ProgressStep.Rehearsing);
            result = host.Services.VerifyRemediations(result, analysisOptions, new Planning.PlanContext(analysisOptions.AsOf, host.WorkingDirectory));
        }
        if (options.BaselinePath is { } baselinePath)
        {
            Phase(ProgressStep.ComparingBaseline);
            result = Baseline.Apply(host, result, baselinePath);
        }

        // The exit code is known before any report is written, so the reports that record it (SARIF) can.
        var code = !result.Problems.IsDefaultOrEmpty ? ExitCodes.InputUnreadable
            : FindingsPolicy.ReachesFailLevel(result, config.ResolveFailOn(options.FailOn)) ? ExitCodes.Findings
            : ExitCodes.Ok;
        result = result with { Outcome = new RunOutcome(code, ExecutionSuccessful: code != ExitCodes.InputUnreadable) };

        var helpUriBase = options.HelpUriBase ?? config.HelpUriBase ?? RulePages.DefaultBase;
        // The HTML report carries the timeline: one analysis per date a certificate changes, paid only when an HTML report
        // is written, and for the next instants only (the report lists the next dates; extls timeline lists them all), so a
        // large organisation whose certificates all expire on different days costs a bounded number of analyses.
        Planning.TimelineResult? timeline = null;
        if (options.Outputs.Any(o => o.Format == ReportFormat.Html))
        {
            Phase(ProgressStep.ReplayingTimeline);
            timeline = host.Services.Timeline(result, analysisOptions, Planning.Timeline.DefaultUntil(analysisOptions.AsOf), TimelineInstantsInReport);
        }

        var writers = new ReportWriterOptions(host.Services.HelpPages) { SarifAbsent = options.SarifAbsent, Timeline = timeline };
        Outputs.Write(host, options.Outputs, progress, (target, output) =>
        {
            timer.Phase(ProgressStep.WritingReport, format: target.Format.Name(), path: target.Path);
            var settings = host.Settings(options.Culture, toScreen: target.Path is null) with { HelpUriBase = helpUriBase };
            ReportWriters.Create(target.Format, settings, writers).Write(result, output);
        }, beforeScreen: () =>
        {
            foreach (var expired in result.ExpiredSuppressions.IsDefault ? [] : result.ExpiredSuppressions)
            {
                host.Error.Write(Configuration.Describe(expired, config.File, options.Culture));
                host.Error.Write('\n');
            }
        });

        Inputs.Report(host, result.Problems, options.Culture);
        timer.Write(host.Error);
        return code;
    }
}

/// <summary>--baseline as the command line reads it; comparing is the rules library's job.</summary>
internal static class Baseline
{
    /// <summary>
    /// Marks the findings against the report at <paramref name="path"/>. What cannot be read of it is an input
    /// problem (exit 3), listed with the others: without its baseline a pipeline cannot tell new from old.
    /// </summary>
    public static AnalysisResult Apply(CliHost host, AnalysisResult result, string path)
    {
        var full = host.FullPath(path);
        var read = ReportReader.Detect(full) == ReportFileKind.None
            ? new ReportReadResult(null, [new ImportProblem(path, 0, "$", ProblemKind.NotAReport)])
            : ReportReader.Read(full, path, result.Rules);
        var marked = Baselines.Apply(result, read.Result?.Findings ?? [], path);
        return read.Problems.IsDefaultOrEmpty ? marked : marked with { Problems = marked.Problems.AddRange(read.Problems) };
    }
}

/// <summary>extls.yaml as the command line finds and reports it; reading it is the rules library's job.</summary>
internal static class Configuration
{
    /// <summary>
    /// The given file, else extls.yaml next to the first input (inside it when it is a folder), else in
    /// the working folder, else an empty configuration. Problems are usage errors (exit 2): the
    /// configuration is the user's own instruction, not customer data.
    /// </summary>
    public static ExtlsConfig Load(CliHost host, string? given, IReadOnlyList<string> paths)
    {
        var path = given is not null ? host.FullPath(given) : FindDefault(host, paths);
        if (path is null)
        {
            return ExtlsConfig.Empty;
        }

        // Name the file as the user typed it (or relative to the working folder when found by default),
        // so messages stay short and do not depend on the machine.
        var relative = Path.GetRelativePath(host.WorkingDirectory, path);
        var display = given ?? (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative);
        var loaded = ConfigLoader.Load(path);
        if (loaded.Succeeded)
        {
            return loaded.Config! with { File = display };
        }

        string Lines(string culture) => string.Join("\n", loaded.Problems.Select(p =>
            p.Line > 0 ? $"{display}:{p.Line.ToString(CultureInfo.InvariantCulture)}: {ProblemWording.Message(p, culture)}" : $"{display}: {ProblemWording.Message(p, culture)}"));
        throw new UsageException(Lines("en"), $"構成ファイル {display} に問題があります:\n{Lines("ja")}");
    }

    private static string? FindDefault(CliHost host, IReadOnlyList<string> paths)
    {
        var candidates = new List<string>();
        if (paths.Count > 0)
        {
            var first = host.FullPath(paths[0]);
            candidates.Add(Directory.Exists(first)
                ? Path.Combine(first, ConfigLoader.DefaultFileName)
                : Path.Combine(Path.GetDirectoryName(first) ?? host.WorkingDirectory, ConfigLoader.DefaultFileName));
        }

        candidates.Add(Path.Combine(host.WorkingDirectory, ConfigLoader.DefaultFileName));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>One line for stderr: where the suppression is written, what it covered, and that it no longer applies.</summary>
    public static string Describe(ExpiredSuppression expired, string? file, string culture = "en")
    {
        var s = expired.Suppression;
        var where = s.Location is { } l && l.Line > 0 ? $"{file ?? l.File}:{l.Line.ToString(CultureInfo.InvariantCulture)}: " : file is null ? "" : $"{file}: ";
        var date = s.Expires!.Value.UtcDateTime.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        var n = expired.MatchingFindings.ToString(CultureInfo.InvariantCulture);
        if (CliCulture.IsJapanese(culture))
        {
            return $"{where}{s.RuleId} ('{s.Target}') の抑制は {date} に期限が切れたため、適用されなくなりました。検出事項 {n} 件を再び報告します。";
        }

        var count = expired.MatchingFindings == 1 ? "1 finding is" : $"{n} findings are";
        return $"{where}the suppression of {s.RuleId} for '{s.Target}' expired on {date} and no longer applies; {count} reported again.";
    }
}
