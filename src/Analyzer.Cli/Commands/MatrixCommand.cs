using System.Collections.Immutable;
using System.CommandLine;
using Extls.Reporting;
using Extls.Rules;

namespace Extls.Cli.Commands;

internal sealed record MatrixOptions(ImmutableArray<string> Paths, bool Json, string? OutputPath, DateTimeOffset? AsOf, int WarningDays, string Culture);

/// <summary><c>extls matrix PATH…</c>: anonymous TLS between every pair of transport servers.</summary>
internal sealed class MatrixCommand
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "Raw dump folders, zipped dumps or snapshot files, joined into one organisation.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> format = new("--format", "-f")
    {
        Description = "console (a table, default) or json.",
        DefaultValueFactory = _ => "console",
        HelpName = "console|json",
    };

    private readonly Option<string?> output = new("--output", "-o") { Description = "File to write instead of the screen.", HelpName = "FILE" };
    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();
    private readonly CliHost host;

    public MatrixCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("matrix", "For every pair of transport servers (Mailbox to Mailbox, Mailbox to Edge, Edge to Mailbox): does anonymous " +
                                        "TLS work, and if not, which finding is the cause (the queue shows 451 5.7.3 Cannot achieve Exchange Server authentication).")
        {
            paths, format, output, asOf, warningDays, culture,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public MatrixOptions Bind(ParseResult parseResult)
    {
        var formatText = parseResult.GetValue(format);
        var json = formatText?.ToLowerInvariant() switch
        {
            "console" => false,
            "json" => true,
            _ => throw new UsageException($"Unknown format '{formatText}' for matrix. Use console or json."),
        };
        var outputPath = parseResult.GetValue(output);
        return new MatrixOptions(
            Inputs.Paths(host, parseResult.GetValue(paths)),
            json,
            outputPath == "-" ? null : outputPath,
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)),
            CommonOptions.ParseCulture(parseResult.GetValue(culture)));
    }

    public int Execute(MatrixOptions options)
    {
        var loaded = Inputs.Load(host, options.Paths);
        if (loaded.Snapshot is null)
        {
            Inputs.Report(host, loaded.Problems);
            return ExitCodes.InputUnreadable;
        }

        var asOfValue = CommonOptions.ResolveAsOf(options.AsOf, loaded.Snapshot);
        var result = host.Services.Analyze(loaded.Snapshot, loaded.Problems, new AnalysisOptions(asOfValue, options.WarningDays, null, options.Culture));
        var pairs = host.Services.Matrix(loaded.Snapshot, result.Selections);
        var text = options.Json
            ? MatrixWriter.RenderJson(pairs, result.Findings, asOfValue)
            : new MatrixWriter(host.Settings(options.Culture, toScreen: options.OutputPath is null)).RenderConsole(pairs, result.Findings);
        host.Emit(options.OutputPath, text);

        if (!result.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, result.Problems);
            return ExitCodes.InputUnreadable;
        }

        return ExitCodes.Ok;
    }
}
