using System.Collections.Immutable;
using System.CommandLine;
using Extls.Reporting;
using Extls.Rules;
using Extls.Rules.Configuration;

namespace Extls.Cli.Commands;

/// <summary>The formats of <c>extls matrix</c>.</summary>
internal enum MatrixFormat
{
    Console,
    Json,
    Csv,
}

internal sealed record MatrixOptions(
    ImmutableArray<string> Paths,
    MatrixFormat Format,
    string? OutputPath,
    DateTimeOffset? AsOf,
    int WarningDays,
    string Culture,
    bool All,
    FailOn FailOn);

/// <summary><c>extls matrix PATH…</c>: anonymous TLS between every pair of transport servers.</summary>
/// <remarks>
/// The matrix is the analysis's own, the one EXTLS5001 judged the pairs by, built once. The pairs are looked up
/// from each server's halves and written as they are produced, so a thousand servers (a million pairs) take
/// seconds and the memory of one pair at a time.
/// </remarks>
internal sealed class MatrixCommand
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "Raw dump folders, zipped dumps or snapshot files, joined into one organisation.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> format = new("--format", "-f")
    {
        Description = "console (a table, default), json or csv.",
        DefaultValueFactory = _ => "console",
        HelpName = "console|json|csv",
    };

    private readonly Option<string?> output = new("--output", "-o") { Description = "File to write instead of the screen.", HelpName = "FILE" };

    private readonly Option<bool> all = new("--all")
    {
        Description = "Every pair, working and unknown ones too; by default only the pairs where anonymous TLS fails.",
    };

    private readonly Option<string> failOn = new("--fail-on")
    {
        Description = "Exit with code 1 when a pair fails and its finding (EXTLS5001, or the root cause it names) is unsuppressed and of this " +
                      "severity or worse: error (default), warning, note, or never.",
        DefaultValueFactory = _ => "error",
        HelpName = "error|warning|note|never",
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();
    private readonly CliHost host;

    public MatrixCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("matrix", "For every pair of transport servers (Mailbox to Mailbox, Mailbox to Edge, Edge to Mailbox): does anonymous " +
                                        "TLS work, and if not, which finding is the cause (the queue shows 451 5.7.3 Cannot achieve Exchange Server authentication). " +
                                        "Shows the failing pairs; --all shows every pair.")
        {
            paths, format, output, all, failOn, asOf, warningDays, culture,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public MatrixOptions Bind(ParseResult parseResult)
    {
        var formatText = parseResult.GetValue(format);
        var chosen = formatText?.ToLowerInvariant() switch
        {
            "console" => MatrixFormat.Console,
            "json" => MatrixFormat.Json,
            "csv" => MatrixFormat.Csv,
            _ => throw new UsageException($"Unknown format '{formatText}' for matrix. Use console, json or csv.", $"matrix の形式 '{formatText}' は不明です。console、json、csv のいずれかを指定してください。"),
        };
        var outputPath = parseResult.GetValue(output);
        return new MatrixOptions(
            Inputs.Paths(host, parseResult.GetValue(paths)),
            chosen,
            outputPath == "-" ? null : outputPath,
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)),
            CommonOptions.ParseCulture(parseResult.GetValue(culture)),
            parseResult.GetValue(all),
            AnalyzeCommand.ParseFailOn(parseResult.GetValue(failOn)));
    }

    public int Execute(MatrixOptions options)
    {
        var loaded = Inputs.Load(host, options.Paths);
        if (loaded.Snapshot is null)
        {
            Inputs.Report(host, loaded.Problems, options.Culture);
            return ExitCodes.InputUnreadable;
        }

        var asOfValue = CommonOptions.ResolveAsOf(options.AsOf, loaded.Snapshot);
        var result = host.Services.Analyze(loaded.Snapshot, loaded.Problems, new AnalysisOptions(asOfValue, options.WarningDays, null, options.Culture));
        var report = new MailFlowReport(result.MailFlow, result.Findings, asOfValue, options.All);
        switch (options.Format)
        {
            case MatrixFormat.Json:
                host.Emit(options.OutputPath, w => MatrixWriter.WriteJson(report, w));
                break;
            case MatrixFormat.Csv:
                host.Emit(options.OutputPath, w => MatrixWriter.WriteCsv(report, w));
                break;
            default:
                var writer = new MatrixWriter(host.Settings(options.Culture, toScreen: options.OutputPath is null));
                host.Emit(options.OutputPath, w => writer.WriteConsole(report, w));
                break;
        }

        if (!result.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, result.Problems, options.Culture);
            return ExitCodes.InputUnreadable;
        }

        // The matrix's own verdict: EXTLS5001 and the root causes of the failing pairs, as analyze would judge them.
        var mailFlow = result.Findings.Where(f => f.RuleId == RuleIds.EXTLS5001).Concat(report.Causes);
        return FindingsPolicy.ReachesFailLevel(mailFlow, options.FailOn) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
