using System.Collections.Immutable;
using System.CommandLine;
using Extls.Reporting;
using Extls.Selection;

namespace Extls.Cli.Commands;

internal sealed record ExplainOptions(
    string Path,
    string Server,
    string? Connector,
    Scenario? Scenario,
    DateTimeOffset? AsOf,
    int WarningDays,
    string Culture);

/// <summary><c>extls explain PATH --server S</c>: the replay of selection.md, step by step, for one server.</summary>
internal sealed class ExplainCommand
{
    private readonly Argument<string> path = new("PATH") { Description = "A raw dump folder, zipped dump or snapshot file." };

    private readonly Option<string> server = new("--server", "-s")
    {
        Description = "The Exchange server to explain, by name (EX01).",
        Required = true,
        HelpName = "NAME",
    };

    private readonly Option<string?> connector = new("--connector", "-c")
    {
        Description = "Only this receive or send connector: its identity (EX01\\Default EX01) or its name (Default EX01). Default: every connector of the server.",
        HelpName = "CONNECTOR",
    };

    private readonly Option<string?> scenario = new("--scenario")
    {
        Description = "Only this process: inbound-anonymous-tls, outbound-anonymous-tls, inbound-starttls or outbound-starttls. Default: all four.",
        HelpName = "SCENARIO",
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();
    private readonly CliHost host;

    public ExplainCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("explain", "Show step by step how Exchange chooses (or fails to choose) a certificate on one server: each step, " +
                                         "the values it read, the candidates and why each was kept or refused, the events, and the assumptions used.")
        {
            path, server, connector, scenario, asOf, warningDays, culture,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public ExplainOptions Bind(ParseResult parseResult)
    {
        var scenarioText = parseResult.GetValue(scenario);
        Scenario? scenarioValue = null;
        if (scenarioText is not null)
        {
            scenarioValue = ScenarioNames.TryParse(scenarioText, out var s)
                ? s
                : throw new UsageException($"Unknown scenario '{scenarioText}'. Use {string.Join(", ", Enum.GetValues<Scenario>().Select(x => x.ToId()))}.");
        }

        return new ExplainOptions(
            parseResult.GetValue(path)!,
            parseResult.GetValue(server)!,
            parseResult.GetValue(connector),
            scenarioValue,
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)),
            CommonOptions.ParseCulture(parseResult.GetValue(culture)));
    }

    public int Execute(ExplainOptions options)
    {
        var loaded = Inputs.Load(host, [options.Path]);
        if (loaded.Snapshot is null)
        {
            Inputs.Report(host, loaded.Problems);
            return ExitCodes.InputUnreadable;
        }

        if (loaded.Snapshot.FindServer(options.Server) is null)
        {
            var known = string.Join(", ", loaded.Snapshot.Servers.Select(s => s.Name));
            throw new UsageException($"No server '{options.Server}' in the dump. Servers: {(known.Length == 0 ? "none" : known)}.");
        }

        var asOfValue = CommonOptions.ResolveAsOf(options.AsOf, loaded.Snapshot);
        var all = host.Services.Replay(loaded.Snapshot, new ReplayOptions(asOfValue, options.WarningDays));
        var selected = Filter(all, options);
        if (selected.IsEmpty && options.Connector is not null)
        {
            var connectors = all.Where(s => IsServer(s, options.Server) && s.Connector is not null).Select(s => s.Connector!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (options.Scenario is not null && connectors.Any(c => string.Equals(c, options.Connector, StringComparison.OrdinalIgnoreCase)))
            {
                // The connector exists; only this scenario does not apply to it (a receive connector has no outbound replay).
                throw new UsageException($"Connector '{options.Connector}' on {options.Server} has no {options.Scenario.Value.ToId()} replay. Leave out --scenario to see the ones it has.");
            }

            throw new UsageException($"No connector '{options.Connector}' on {options.Server}. Connectors: {string.Join(", ", connectors)}.");
        }

        host.Out.Write(new ExplainWriter(host.Settings(options.Culture)).Render(selected, asOfValue));
        if (!loaded.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, loaded.Problems);
            return ExitCodes.InputUnreadable;
        }

        return ExitCodes.Ok;
    }

    internal static ImmutableArray<SelectionResult> Filter(ImmutableArray<SelectionResult> selections, ExplainOptions options) =>
        selections
            .Where(s => IsServer(s, options.Server))
            .Where(s => options.Scenario is null || s.Scenario == options.Scenario)
            .Where(s => options.Connector is null || IsConnector(s.Connector, options.Server, options.Connector))
            .ToImmutableArray();

    private static bool IsServer(SelectionResult s, string server) => string.Equals(s.Server, server, StringComparison.OrdinalIgnoreCase);

    // Receive connectors are "SERVER\Name"; an administrator may type either form.
    private static bool IsConnector(string? identity, string server, string wanted) =>
        identity is not null &&
        (string.Equals(identity, wanted, StringComparison.OrdinalIgnoreCase) ||
         string.Equals(identity, $"{server}\\{wanted}", StringComparison.OrdinalIgnoreCase));
}
