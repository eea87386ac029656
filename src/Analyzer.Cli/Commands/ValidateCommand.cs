using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;

namespace Extls.Cli.Commands;

internal sealed record ValidateOptions(ImmutableArray<string> Paths);

/// <summary><c>extls validate PATH…</c>: every problem of a dump or snapshot, with its file, line and JSON path.</summary>
internal sealed class ValidateCommand
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "Raw dump folders, zipped dumps or snapshot files.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly CliHost host;

    public ValidateCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("validate", "Check that a dump or snapshot can be read, and list every problem with its file, line and JSON path. " +
                                          "Exit code 0 when clean, 3 when there are problems.")
        {
            paths,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public ValidateOptions Bind(ParseResult parseResult) => new(Inputs.Paths(host, parseResult.GetValue(paths)));

    public int Execute(ValidateOptions options)
    {
        var loaded = Inputs.Load(host, options.Paths);
        var problems = loaded.Problems.IsDefault ? [] : loaded.Problems;
        if (problems.IsEmpty && loaded.Snapshot is not null)
        {
            host.Out.Write($"No problems in {string.Join(", ", options.Paths)}: {loaded.Snapshot.Servers.Length.ToString(CultureInfo.InvariantCulture)} servers read.\n");
            return ExitCodes.Ok;
        }

        Inputs.Report(host, problems);
        host.Error.Write($"{problems.Length.ToString(CultureInfo.InvariantCulture)} problem(s).\n");
        return ExitCodes.InputUnreadable;
    }
}
