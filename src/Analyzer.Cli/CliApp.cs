using System.CommandLine;
using System.Globalization;
using System.CommandLine.Help;
using Extls.Cli.Commands;

namespace Extls.Cli;

/// <summary>The command tree and the one place exit codes for usage and internal errors are decided.</summary>
internal static class CliApp
{
    public static RootCommand BuildRoot(CliHost host)
    {
        RootCommand? root = null;
        root = new RootCommand("extls: offline analyzer for Exchange Server transport TLS. It reads a dump of an Exchange organisation " +
            "(connectors, each server's internal transport certificate in AD, each server's certificate store), replays how " +
            "Exchange chooses a certificate for anonymous TLS (X-ANONYMOUSTLS) and STARTTLS, and reports what will fail, " +
            "which events the servers will log, and the PowerShell that fixes it. It never connects to a server.")
        {
            new AnalyzeCommand(host).Command,
            new DiffCommand(host).Command,
            new WhatifCommand(host).Command,
            new RenewCommand(host).Command,
            new TimelineCommand(host).Command,
            new ExplainCommand(host).Command,
            new MatrixCommand(host).Command,
            new CertificatesCommand(host).Command,
            new ImportCommand(host).Command,
            new ValidateCommand(host).Command,
            new RulesCommand(host).Command,
            new BatchCommand(host).Command,
            new GenerateCommand(host).Command,
            new CollectorCommand(host).Command,
            new RedactCommand(host).Command,
            new CompletionCommand(host, () => root!).Command,
        };
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

            var parseResult = BuildRoot(host).Parse(args);
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
