using System.CommandLine;
using System.Globalization;
using System.CommandLine.Help;
using Extls.Cli.Commands;

namespace Extls.Cli;

/// <summary>The command tree and the one place exit codes for usage and internal errors are decided.</summary>
internal static class CliApp
{
    /// <summary>
    /// Every command, by the name it is typed with, in the order the help lists them. A command's options and its
    /// descriptions are only made when the command is in the tree (<see cref="BuildRoot(CliHost, string[])"/>).
    /// </summary>
    internal static readonly (string Name, Func<CliHost, Func<RootCommand>, Command> Make)[] Commands =
    [
        ("analyze", (host, _) => new AnalyzeCommand(host).Command),
        ("diff", (host, _) => new DiffCommand(host).Command),
        ("whatif", (host, _) => new WhatifCommand(host).Command),
        ("renew", (host, _) => new RenewCommand(host).Command),
        ("timeline", (host, _) => new TimelineCommand(host).Command),
        ("explain", (host, _) => new ExplainCommand(host).Command),
        ("matrix", (host, _) => new MatrixCommand(host).Command),
        ("certificates", (host, _) => new CertificatesCommand(host).Command),
        ("import", (host, _) => new ImportCommand(host).Command),
        ("validate", (host, _) => new ValidateCommand(host).Command),
        ("rules", (host, _) => new RulesCommand(host).Command),
        ("batch", (host, _) => new BatchCommand(host).Command),
        ("generate", (host, _) => new GenerateCommand(host).Command),
        ("collector", (host, _) => new CollectorCommand(host).Command),
        ("redact", (host, _) => new RedactCommand(host).Command),
        ("completion", (host, root) => new CompletionCommand(host, root).Command),
    ];

    /// <summary>The whole command tree: what the help, completion and a mistyped command are answered from.</summary>
    public static RootCommand BuildRoot(CliHost host) => BuildRoot(host, []);

    /// <summary>
    /// The tree <paramref name="args"/> are parsed with. Where the first argument names a command, only that command is
    /// made: a run pays for one command's options, not sixteen, and its parse, help and errors are the same (they come
    /// from that command and the root's own options). Anything else (no command, a mistyped one, a directive, the
    /// completion script, which lists every command) gets the whole tree.
    /// </summary>
    public static RootCommand BuildRoot(CliHost host, string[] args)
    {
        string? only = null;
        foreach (var (name, _) in Commands)
        {
            if (args.Length > 0 && args[0] == name && name != "completion")
            {
                only = name;
            }
        }

        RootCommand? root = null;
        root = new RootCommand("extls: offline analyzer for Exchange Server transport TLS. It reads a dump of an Exchange organisation " +
            "(connectors, each server's internal transport certificate in AD, each server's certificate store), replays how " +
            "Exchange chooses a certificate for anonymous TLS (X-ANONYMOUSTLS) and STARTTLS, and reports what will fail, " +
            "which events the servers will log, and the PowerShell that fixes it. It never connects to a server.");
        foreach (var (name, make) in Commands)
        {
            if (only is null || name == only)
            {
                root.Subcommands.Add(make(host, () => root!));
            }
        }

        ToolVersion.Install(root, host);
        if (CliCulture.IsJapanese(host.Culture))
        {
            JapaneseHelp.Apply(root);
        }

        return root;
    }

    /// <summary>
    /// System.CommandLine's own messages for what it could not parse, in the reader's language. The tool runs with
    /// invariant globalization, so they are always made in System.CommandLine's English; Japanese words them from that
    /// (its own Japanese resources leave half of them in English and end one with ".。").
    /// </summary>
    private static IEnumerable<string> ParseErrors(ParseResult parsed, CliHost host) =>
        CliCulture.IsJapanese(host.Culture) ? parsed.Errors.Select(e => JapaneseHelp.ParseError(e.Message)) : parsed.Errors.Select(e => e.Message);

    /// <summary>Runs the parsed command line; the help it shows, in Japanese, gets System.CommandLine's own words in Japanese too.</summary>
    private static int Invoke(ParseResult parsed, CliHost host)
    {
        if (!CliCulture.IsJapanese(host.Culture) || parsed.Action is not HelpAction)
        {
            return parsed.Invoke(new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false });
        }

        using var help = new StringWriter(CultureInfo.InvariantCulture);
        var code = parsed.Invoke(new InvocationConfiguration { Output = help, Error = host.Error, EnableDefaultExceptionHandler = false });
        host.Out.Write(JapaneseHelp.Headings(help.ToString()));
        return code;
    }

    public static int Run(string[] args, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host = host with { Culture = CliCulture.Of(args) };
        try
        {
            // Bare `extls` (or `extls --culture ja`) shows the help, as `extls --help` does, but exits 2: no command ran, and a script that
            // called extls without one has a mistake to find.
            if (args.Length == 0 || CliCulture.NamesOnlyCulture(args))
            {
                Invoke(BuildRoot(host).Parse(["--help"]), host);
                return ExitCodes.Usage;
            }

            var parseResult = BuildRoot(host, args).Parse(args);
            if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
            {
                foreach (var error in ParseErrors(parseResult, host))
                {
                    host.Error.Write(error);
                    host.Error.Write('\n');
                }

                host.Error.Write(host.Say(
                    "Run 'extls --help' or 'extls <command> --help' for the options.\n",
                    "オプションは 'extls --help --culture ja' または 'extls <command> --help --culture ja' で確認できます。\n"));
                return ExitCodes.Usage;
            }

            // Decided here, from the command line alone and before any dump is read, so that the companion is the only one
            // to read it.
            if (!host.ParserInProcess && PlanCompanion.Handles(parseResult))
            {
                return PlanCompanion.Run(args, host);
            }

            return Invoke(parseResult, host);
        }
        catch (UsageException e)
        {
            host.Error.Write(e.For(host.Culture));
            host.Error.Write('\n');
            return ExitCodes.Usage;
        }
#pragma warning disable CA1031 // The catch-all turns any fault into exit code 4 with a message, as the documented exit codes promise.
        catch (Exception e)
#pragma warning restore CA1031
        {
            host.Error.Write(host.Say($"extls: internal error: {e.Message}\n", $"extls: 内部エラーが発生しました (詳細: 「{e.Message}」)。\n"));
            if (host.Debug)
            {
                host.Error.Write(e.ToString());
                host.Error.Write('\n');
            }
            else
            {
                host.Error.Write(host.Say("Set EXTLS_DEBUG=1 to see the details.\n", "詳細は EXTLS_DEBUG=1 を設定すると表示されます。\n"));
            }

            return ExitCodes.Internal;
        }
    }
}
