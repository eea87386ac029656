using System.Collections.Immutable;
using System.CommandLine;
using Extls.Reporting;
using System.Globalization;
using Extls.Model;
using Extls.Rules;
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
        Description = "Output format: console (default), json, sarif (for code-scanning dashboards), or html (one self-contained page to hand on). Repeat it to write several.",
        HelpName = "console|json|sarif|html",
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
            throw new UsageException($"Configuration file '{configPath}' does not exist.", $"構成ファイル '{configPath}' がありません。");
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
            : throw new UsageException($"Unknown format '{text}'. Use {string.Join(", ", Enum.GetValues<ReportFormat>().Select(x => x.Name()))}.", $"形式 '{text}' は不明です。{string.Join("、", Enum.GetValues<ReportFormat>().Select(x => x.Name()))} のいずれかを指定してください。");

    internal static FailOn ParseFailOn(string? text) =>
        FindingsPolicy.TryParseFailOn(text, out var f)
            ? f
            : throw new UsageException($"Unknown --fail-on '{text}'. Use error, warning, note or never.", $"--fail-on '{text}' は不明です。error、warning、note、never のいずれかを指定してください。");

    /// <summary>Pairs each --format with the --output at the same position.</summary>
    internal static ImmutableArray<OutputTarget> PairOutputs(IReadOnlyList<ReportFormat> formats, IReadOnlyList<string> outputs)
    {
        if (outputs.Count == 0)
        {
            return formats.Count == 1
                ? [new OutputTarget(formats[0], null)]
                : throw new UsageException($"{formats.Count} formats were asked for but no --output: give one --output FILE per --format, in the same order ('-' for the screen).", $"{formats.Count} 個の形式が指定されましたが --output がありません。--format ごとに --output FILE を同じ順序で指定してください (画面は '-')。");
        }

        if (outputs.Count != formats.Count)
        {
            throw new UsageException($"{formats.Count} --format but {outputs.Count} --output: give one --output per --format, in the same order ('-' for the screen).", $"--format が {formats.Count} 個、--output が {outputs.Count} 個です。--format ごとに --output を同じ順序で指定してください (画面は '-')。");
        }

        var targets = formats.Zip(outputs, (f, o) => new OutputTarget(f, o == "-" ? null : o)).ToImmutableArray();
        if (targets.Count(t => t.Path is null) > 1)
        {
            throw new UsageException("Only one format can go to the screen; give the others an --output file.", "画面に出力できる形式は 1 つだけです。ほかの形式には --output でファイルを指定してください。");
        }

        var duplicate = targets.Where(t => t.Path is not null).GroupBy(t => Path.GetFullPath(t.Path!), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? targets : throw new UsageException($"--output '{duplicate.First().Path}' is given twice.", $"--output '{duplicate.First().Path}' が 2 回指定されています。");
    }

    public int Execute(AnalyzeOptions options)
    {
        var config = Configuration.Load(host, options.ConfigPath, options.Paths);
        // Progress goes to stderr and is cleared before anything else reaches the terminal.
        using var progress = ProgressDisplay.Start(host);
        progress.Phase(options.Paths.IsEmpty ? "Reading the built-in sample" : "Reading the dump");
        var loaded = options.Paths.IsEmpty ? Inputs.LoadSample(host) : Inputs.Load(host, options.Paths);
        var problems = loaded.Problems.IsDefault ? [] : loaded.Problems;
        if (loaded.Snapshot is null)
        {
            progress.Stop();
            Inputs.Report(host, problems);
            return ExitCodes.InputUnreadable;
        }

        var asOfValue = CommonOptions.ResolveAsOf(options.AsOf ?? config.AsOf, loaded.Snapshot);
        var analysisOptions = config.ToAnalysisOptions(loaded.Snapshot.CollectedAt, asOfValue, options.WarningDays, options.Culture, options.NoSuppressions);
        progress.Phase($"Replaying {loaded.Snapshot.Servers.Length.ToString(CultureInfo.InvariantCulture)} servers and evaluating the rules");
        var result = host.Services.Analyze(loaded.Snapshot, problems, analysisOptions);
        // Files are streamed while the progress display runs; the screen's report comes after it is cleared.
        OutputTarget? screen = null;
        foreach (var target in options.Outputs)
        {
            if (target.Path is null)
            {
                screen = target;
                continue;
            }

            progress.Phase($"Writing the {target.Format.Name()} report");
            var writer = ReportWriters.Create(target.Format, host.Settings(options.Culture, toScreen: false), host.Services.HelpPages);
            host.Emit(target.Path, output => writer.Write(result, output));
        }

        if (screen is not null)
        {
            progress.Phase($"Writing the {screen.Format.Name()} report");
        }

        progress.Stop();
        foreach (var expired in result.ExpiredSuppressions.IsDefault ? [] : result.ExpiredSuppressions)
        {
            host.Error.Write(Configuration.Describe(expired, config.File));
            host.Error.Write('\n');
        }

        if (screen is not null)
        {
            var writer = ReportWriters.Create(screen.Format, host.Settings(options.Culture, toScreen: true), host.Services.HelpPages);
            host.Emit(null, output => writer.Write(result, output));
        }

        if (!result.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, result.Problems);
            return ExitCodes.InputUnreadable;
        }

        return FindingsPolicy.ReachesFailLevel(result.Findings, config.ResolveFailOn(options.FailOn)) ? ExitCodes.Findings : ExitCodes.Ok;
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

        var lines = string.Join("\n", loaded.Problems.Select(p =>
            p.Line > 0 ? $"{display}:{p.Line.ToString(CultureInfo.InvariantCulture)}: {p.Message}" : $"{display}: {p.Message}"));
        throw new UsageException(lines, $"構成ファイル {display} に問題があります:\n{lines}");
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
    public static string Describe(ExpiredSuppression expired, string? file)
    {
        var s = expired.Suppression;
        var where = s.Location is { } l && l.Line > 0 ? $"{file ?? l.File}:{l.Line.ToString(CultureInfo.InvariantCulture)}: " : file is null ? "" : $"{file}: ";
        var date = s.Expires!.Value.UtcDateTime.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        var count = expired.MatchingFindings == 1 ? "1 finding is" : $"{expired.MatchingFindings.ToString(CultureInfo.InvariantCulture)} findings are";
        return $"{where}the suppression of {s.RuleId} for '{s.Target}' expired on {date} and no longer applies; {count} reported again.";
    }
}
