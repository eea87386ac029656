using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Extls.Model;
using Extls.Planning;
using Extls.Reporting;
using Extls.Rules;
using Extls.Rules.Configuration;

namespace Extls.Cli.Commands;

internal sealed record WhatifOptions(
    ImmutableArray<string> Paths,
    ImmutableArray<string> PlanFiles,
    ImmutableArray<string> PlanCommands,
    ImmutableArray<OutputTarget> Outputs,
    DateTimeOffset? AsOf,
    int? WarningDays,
    FailOn? FailOn,
    string Culture,
    string? ConfigPath,
    bool NoSuppressions,
    Uri? HelpUriBase)
{
    /// <summary>--password: what a Read-Host -AsSecureString in the plan is answered with.</summary>
    public string? Password { get; init; }
}

/// <summary>
/// <c>extls whatif PATH --change PLAN.ps1</c>: the plan applied to the snapshot and the analysis replayed, compared with
/// the analysis before it. Exit code 1 when some outcome of the plan brings a new finding at or above --fail-on (default
/// error), 0 when none does, 2 when the plan cannot be rehearsed as written (every problem with its line and column).
/// </summary>
internal sealed class WhatifCommand
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "The organisation's dump folder, zip or snapshot file; give each Edge server's own dump too, as to extls analyze.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> change = new("--change", "-c")
    {
        Description = "A PowerShell file of the Exchange Management Shell commands you plan to run (Enable-, Import-, Remove- and " +
                      "New-ExchangeCertificate, Set-ReceiveConnector, Set-SendConnector, New- and Remove-EdgeSubscription). It is parsed, " +
                      "never run; files it names (.cer, .pfx, .p7b) are read from its folder. Repeat it to rehearse several files in order.",
        HelpName = "PLAN.ps1",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> changeCommand = new("--change-command")
    {
        Description = "One planned command written on the command line, e.g. \"Remove-ExchangeCertificate -Server EX01 -Thumbprint 1A2B…\". " +
                      "Repeatable; rehearsed after the --change files, in order.",
        HelpName = "COMMAND",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> format = new("--format", "-f")
    {
        Description = "Output format: console (default), json (schemas/whatif.schema.json) or markdown (a change ticket or pull-request comment). Repeat it, each with its --output.",
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
        Description = "Exit with code 1 when the plan brings a new unsuppressed finding of this severity or worse, in any of its outcomes: error (default), warning, note, or never.",
        DefaultValueFactory = _ => "error",
        HelpName = "error|warning|note|never",
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();
    private readonly Option<string?> helpUriBase = CommonOptions.HelpUriBase();
    private readonly Option<string?> config = Rehearsal.ConfigOption();
    private readonly Option<bool> noSuppressions = new("--no-suppressions") { Description = "Audit mode: report suppressed findings as if they were not suppressed." };

    private readonly Option<string?> password = new("--password")
    {
        Description = "The answer to a Read-Host -AsSecureString in the plan (the password of a .pfx it imports), so the rehearsal can open the file.",
        HelpName = "PASSWORD",
    };

    private readonly CliHost host;

    public WhatifCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("whatif", "Rehearse a change before making it: apply the Exchange Management Shell commands you plan to run to the " +
                                        "dump, replay certificate selection, and see the findings the plan brings, the ones it fixes, and every " +
                                        "certificate selection that changes. Nothing is run and nothing connects to a server.")
        {
            paths, change, changeCommand, format, output, failOn, asOf, warningDays, culture, config, noSuppressions, helpUriBase, password,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public WhatifOptions Bind(ParseResult parseResult)
    {
        var formats = Outputs.Formats(parseResult.GetValue(format), Rehearsal.ParseFormat);

        var files = (parseResult.GetValue(change) ?? []).ToImmutableArray();
        var commands = (parseResult.GetValue(changeCommand) ?? []).ToImmutableArray();
        if (files.IsEmpty && commands.IsEmpty)
        {
            throw new UsageException("Give the plan to rehearse: --change PLAN.ps1 (a file of Exchange Management Shell commands) or --change-command \"…\".",
                "リハーサルする計画を指定してください: --change PLAN.ps1 (Exchange 管理シェルのコマンドのファイル) または --change-command \"…\"。");
        }

        foreach (var f in files.Where(f => !File.Exists(host.FullPath(f))))
        {
            throw Directory.Exists(host.FullPath(f))
                ? new UsageException($"--change '{f}' is a folder; give the plan's .ps1 file.", $"--change '{f}' はフォルダーです。計画の .ps1 ファイルを指定してください。")
                : new UsageException($"The plan '{f}' does not exist.", $"計画 '{f}' がありません。");
        }

        return new WhatifOptions(
            Inputs.Paths(host, parseResult.GetValue(paths)),
            files,
            commands,
            Outputs.Pair(host, formats, parseResult.GetValue(output) ?? []),
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            parseResult.GetResult(warningDays) is { Implicit: false } ? CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)) : null,
            parseResult.GetResult(failOn) is { Implicit: false } ? AnalyzeCommand.ParseFailOn(parseResult.GetValue(failOn)) : null,
            CommonOptions.ParseCulture(parseResult.GetValue(culture)),
            Rehearsal.CheckConfig(host, parseResult.GetValue(config)),
            parseResult.GetValue(noSuppressions),
            CommonOptions.ParseHelpUriBase(parseResult.GetValue(helpUriBase)))
        {
            Password = parseResult.GetValue(password),
        };
    }

    public int Execute(WhatifOptions options)
    {
        Outputs.Check(host, options.Outputs);
        List<Plan> plans;
        try
        {
            plans = [.. options.PlanFiles.Select(f => Plan.Load(f, host.FullPath(f))),
                .. options.PlanCommands.Select((c, i) => Plan.Parse($"--change-command {(i + 1).ToString(CultureInfo.InvariantCulture)}", null, c))];
        }
        catch (PlanException e)
        {
            return Rehearsal.ReportPlanProblems(host, e, options.Culture);
        }

        var prepared = Rehearsal.Prepare(host, options.Paths, options.AsOf, options.WarningDays, options.Culture, options.ConfigPath, options.NoSuppressions);
        if (prepared.Before is null)
        {
            return ExitCodes.InputUnreadable;
        }

        WhatIfResult result;
        try
        {
            result = host.Services.WhatIf(prepared.Before, plans, prepared.Options, new PlanContext(prepared.Options.AsOf, host.WorkingDirectory) { Password = options.Password });
        }
        catch (PlanException e)
        {
            return Rehearsal.ReportPlanProblems(host, e, options.Culture);
        }

        var helpUriBase = options.HelpUriBase ?? prepared.Config.HelpUriBase ?? RulePages.DefaultBase;
        using var progress = ProgressDisplay.Start(host, options.Culture);
        Outputs.Write(host, options.Outputs, progress, (target, writer) =>
        {
            var settings = host.Settings(options.Culture, toScreen: target.Path is null) with { HelpUriBase = helpUriBase };
            WhatIfWriters.Create(target.Format, settings).Write(result, writer);
        });

        if (!prepared.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, prepared.Problems, options.Culture);
            return ExitCodes.InputUnreadable;
        }

        return result.IntroducesFinding(prepared.Config.ResolveFailOn(options.FailOn)) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}

/// <summary>What whatif, renew and timeline share: the dump read and analysed once, and a plan's problems reported.</summary>
internal static class Rehearsal
{
    public sealed record Prepared(AnalysisResult? Before, AnalysisOptions Options, ExtlsConfig Config, ImmutableArray<ImportProblem> Problems);

    public static Option<string?> ConfigOption() => new("--config")
    {
        Description = "Configuration file (severities, suppressions, warningDays, asOf, failOn). Default: extls.yaml inside the first dump folder, else in the current folder.",
        HelpName = "FILE",
    };

    public static string? CheckConfig(CliHost host, string? path) =>
        path is not null && !File.Exists(host.FullPath(path)) ? throw new UsageException($"Configuration file '{path}' does not exist.", $"構成ファイル '{path}' がありません。") : path;

    public static ReportFormat ParseFormat(string text) =>
        ReportWriters.TryParse(text, out var f) && WhatIfWriters.Formats.Contains(f)
            ? f
            : throw new UsageException($"Unknown format '{text}'. Use {string.Join(", ", WhatIfWriters.Formats.Select(x => x.Name()))}.", $"形式 '{text}' は不明です。{string.Join("、", WhatIfWriters.Formats.Select(x => x.Name()))} のいずれかを指定してください。");

    /// <summary>The dump read and analysed as extls analyze would; Before is null when nothing of it could be read (the problems are already listed).</summary>
    public static Prepared Prepare(CliHost host, ImmutableArray<string> paths, DateTimeOffset? asOf, int? warningDays, string culture, string? configPath, bool noSuppressions)
    {
        var config = Configuration.Load(host, configPath, paths);
        var loaded = Inputs.Load(host, paths);
        var problems = loaded.Problems.IsDefault ? [] : loaded.Problems;
        if (loaded.Snapshot is null)
        {
            Inputs.Report(host, problems, culture);
            return new Prepared(null, new AnalysisOptions(DateTimeOffset.UnixEpoch, 0), config, problems);
        }

        var when = CommonOptions.ResolveAsOf(asOf ?? config.AsOf, loaded.Snapshot);
        var options = config.ToAnalysisOptions(loaded.Snapshot.CollectedAt, when, warningDays, culture, noSuppressions);
        return new Prepared(host.Services.Analyze(loaded.Snapshot, problems, options), options, config, problems);
    }

    /// <summary>Every problem of the plan on stderr, each as FILE:LINE:COLUMN: message in the command's language; exit code 2, since the plan is the user's to fix.</summary>
    public static int ReportPlanProblems(CliHost host, PlanException e, string culture)
    {
        foreach (var p in e.Problems)
        {
            host.Error.Write(PlanProblemWording.Line(p, culture));
            host.Error.Write('\n');
        }

        host.Error.Write(PlanProblemWording.NothingRehearsed(e.Problems.Length, culture));
        host.Error.Write('\n');
        return ExitCodes.Usage;
    }
}
