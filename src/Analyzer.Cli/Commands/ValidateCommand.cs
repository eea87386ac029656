using System.Collections.Immutable;
using System.CommandLine;
using Extls.Reporting;

namespace Extls.Cli.Commands;

internal sealed record ValidateOptions(ImmutableArray<string> Paths, string Culture = "en");

/// <summary><c>extls validate PATH…</c>: every problem of a dump or snapshot, with its file, line and JSON path.</summary>
internal sealed class ValidateCommand
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "Raw dump folders, zipped dumps or snapshot files.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> culture = CommonOptions.Culture();

    private readonly CliHost host;

    public ValidateCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("validate", "Check that a dump or snapshot can be read, and list every problem with its file, line and JSON path. " +
                                          "Exit code 0 when clean, 3 when there are problems.")
        {
            paths, culture,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public ValidateOptions Bind(ParseResult parseResult) =>
        new(Inputs.Paths(host, parseResult.GetValue(paths)), CommonOptions.ParseCulture(parseResult.GetValue(culture)));

    public int Execute(ValidateOptions options)
    {
        // A path that does not exist is a problem like any other; the rest are still checked.
        var (present, missing) = Inputs.SplitMissing(host, options.Paths);
        // A folder inside a dump, or one holding a dump, is named with the folder to pass instead, as analyze names it.
        var found = present.Count == 0 ? [] : PathHints.Add(host, present, host.Services.Validate(present));
        var problems = missing.AddRange(found.IsDefault ? [] : found);
        if (problems.IsEmpty)
        {
            host.Out.Write(CommandWording.ValidateClean(options.Paths, options.Culture) + "\n");
            return ExitCodes.Ok;
        }

        Inputs.Report(host, problems, options.Culture);
        host.Error.Write(CommandWording.ValidateProblems(problems.Length, options.Culture) + "\n");
        return ExitCodes.InputUnreadable;
    }
}
