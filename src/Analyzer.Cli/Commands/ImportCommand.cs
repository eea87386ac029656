using System.CommandLine;

namespace Extls.Cli.Commands;

internal sealed record ImportOptions(string Dump, string Output);

/// <summary><c>extls import DUMP -o FILE</c>: one normalised snapshot file from a raw dump.</summary>
internal sealed class ImportCommand
{
    private readonly Argument<string> dump = new("DUMP") { Description = "A raw dump folder or zipped dump, as the collector wrote it." };

    private readonly Option<string> output = new("--output", "-o")
    {
        Description = "The snapshot file to write (JSON, validated by schemas/snapshot.schema.json).",
        Required = true,
        HelpName = "FILE",
    };

    private readonly CliHost host;

    public ImportCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("import", "Normalise a raw dump (JSON, CSV or CliXml, any encoding) into one snapshot file that is easy to keep, diff and share.")
        {
            dump, output,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public ImportOptions Bind(ParseResult parseResult)
    {
        var target = parseResult.GetValue(output)!;
        return target == "-" ? throw new UsageException("import writes a file: give --output FILE.", "import はファイルを書き出します。--output FILE を指定してください。") : new ImportOptions(parseResult.GetValue(dump)!, target);
    }

    public int Execute(ImportOptions options)
    {
        var loaded = Inputs.Load(host, [options.Dump]);
        if (loaded.Snapshot is not null)
        {
            host.Emit(options.Output, host.Services.WriteSnapshot(loaded.Snapshot));
        }

        if (loaded.Snapshot is null || !loaded.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, loaded.Problems);
            return ExitCodes.InputUnreadable;
        }

        return ExitCodes.Ok;
    }
}
