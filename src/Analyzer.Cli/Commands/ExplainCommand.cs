using System.Collections.Immutable;
using System.CommandLine;
using Extls.Reporting;
using Extls.Rules;
using Extls.Rules.Configuration;
using Extls.Selection;

namespace Extls.Cli.Commands;

internal sealed record ExplainOptions(
    ImmutableArray<string> Paths,
    string Server,
    string? Connector,
    Scenario? Scenario,
    DateTimeOffset? AsOf,
    int? WarningDays,
    string Culture,
    ExplainFormat Format = ExplainFormat.Console,
    string? Output = null)
{
    /// <summary>--evidence, as for analyze.</summary>
    public ImmutableArray<string> Evidence { get; init; } = [];

    public DateTimeOffset? EvidenceSince { get; init; }
}

/// <summary>What <c>extls explain</c> writes: text for a reader, or JSON (schemas/explain.schema.json) for a script.</summary>
internal enum ExplainFormat
{
    Console,
    Json,
}

/// <summary><c>extls explain PATH --server S</c>: the replay of selection.md, step by step, for one server.</summary>
internal sealed class ExplainCommand
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        // As analyze does: an organisation's dump and the separate dumps of its Edge servers are one organisation.
        Description = "Raw dump folders, zipped dumps or snapshot files, joined into one organisation (an organisation's dump and its Edge servers' dumps).",
        Arity = ArgumentArity.OneOrMore,
    };

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

    private readonly Option<string> format = new("--format", "-f")
    {
        Description = "Output format: console (default) or json (the replays with their steps, values, reason codes and linked findings; schemas/explain.schema.json).",
        DefaultValueFactory = _ => "console",
        HelpName = "console|json",
    };

    private readonly Option<string?> output = new("--output", "-o")
    {
        Description = "File to write instead of the screen.",
        HelpName = "FILE",
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();
    private readonly Option<string[]> evidence = CommonOptions.Evidence();
    private readonly Option<string?> evidenceSince = CommonOptions.EvidenceSince();
    private readonly CliHost host;

    public ExplainCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("explain", "Show how Exchange chooses (or fails to choose) a certificate on one server: first a summary (per connector " +
                                         "and direction: the result, the certificate, the events and the findings it causes), then each replay step by step " +
                                         "with the values it read, every certificate of the store and why it was kept or refused, and the assumptions used.")
        {
            paths, server, connector, scenario, format, output, asOf, warningDays, culture, evidence, evidenceSince,
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
                : throw new UsageException($"Unknown scenario '{scenarioText}'. Use {string.Join(", ", Enum.GetValues<Scenario>().Select(x => x.ToId()))}.", $"--scenario '{scenarioText}' は不明です。{string.Join("、", Enum.GetValues<Scenario>().Select(x => x.ToId()))} のいずれかを指定してください。");
        }

        return new ExplainOptions(
            Inputs.Paths(host, parseResult.GetValue(paths)),
            parseResult.GetValue(server)!,
            parseResult.GetValue(connector),
            scenarioValue,
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            // Only what was typed: extls.yaml fills in the rest, then the default, as for analyze.
            parseResult.GetResult(warningDays) is { Implicit: false } ? CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)) : null,
            CommonOptions.ParseCulture(parseResult.GetValue(culture)),
            ParseFormat(parseResult.GetValue(format)),
            parseResult.GetValue(output) is "-" ? null : parseResult.GetValue(output))
        {
            Evidence = [.. parseResult.GetValue(evidence) ?? []],
            EvidenceSince = CommonOptions.ParseEvidenceSince(parseResult.GetValue(evidenceSince)),
        };
    }

    internal static ExplainFormat ParseFormat(string? text) =>
        Enum.TryParse<ExplainFormat>(text, ignoreCase: true, out var f) && Enum.IsDefined(f) && !int.TryParse(text, out _)
            ? f
            : throw new UsageException($"Unknown format '{text}' for explain. Use console or json.", $"explain の形式 '{text}' は不明です。console または json を指定してください。");

    public int Execute(ExplainOptions options)
    {
        var loaded = Inputs.Load(host, options.Paths);
        if (loaded.Snapshot is null)
        {
            Inputs.Report(host, loaded.Problems, options.Culture);
            return ExitCodes.InputUnreadable;
        }

        if (loaded.Snapshot.FindServer(options.Server) is null)
        {
            var names = loaded.Snapshot.Servers.Select(s => s.Name).ToList();
            var known = string.Join(", ", names);
            var knownJa = string.Join("、", names);
            throw new UsageException($"No server '{options.Server}' in the dump. Servers: {(known.Length == 0 ? "none" : known)}.", $"ダンプにサーバー '{options.Server}' はありません。サーバー: {(knownJa.Length == 0 ? "なし" : knownJa)}。");
        }

        // The analysis analyze would run, with the same configuration, so that the findings a replay is linked to
        // are the ones analyze reports (suppressions included); the replays are the analysis's own.
        var config = Configuration.Load(host, null, options.Paths);
        var asOfValue = CommonOptions.ResolveAsOf(options.AsOf ?? config.AsOf, loaded.Snapshot);
        var analysis = host.Services.Analyze(loaded.Snapshot, loaded.Problems.IsDefault ? [] : loaded.Problems,
            config.ToAnalysisOptions(loaded.Snapshot.CollectedAt, asOfValue, options.WarningDays, options.Culture) with
            {
                Evidence = host.Services.ReadEvidence(options.Paths, options.Evidence, loaded.Snapshot, options.EvidenceSince),
            });
        var all = analysis.Selections;
        var selected = Filter(all, options);
        if (selected.IsEmpty && options.Connector is not null)
        {
            var connectors = all.Where(s => IsServer(s, options.Server) && s.Connector is not null).Select(s => s.Connector!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (options.Scenario is not null && connectors.Any(c => string.Equals(c, options.Connector, StringComparison.OrdinalIgnoreCase)))
            {
                // The connector exists; only this scenario does not apply to it (a receive connector has no outbound replay).
                throw new UsageException($"Connector '{options.Connector}' on {options.Server} has no {options.Scenario.Value.ToId()} replay. Leave out --scenario to see the ones it has.", $"{options.Server} のコネクタ '{options.Connector}' には {options.Scenario.Value.ToId()} の再現がありません。--scenario を省略すると、あるものを確認できます。");
            }

            throw new UsageException($"No connector '{options.Connector}' on {options.Server}. Connectors: {string.Join(", ", connectors)}.", $"{options.Server} にコネクタ '{options.Connector}' はありません。コネクタ: {string.Join("、", connectors)}。");
        }

        var links = SelectionFindings.Link(selected, analysis.Findings);
        var report = new ExplainReport
        {
            AsOf = asOfValue,
            Organization = loaded.Snapshot.Organization,
            Server = loaded.Snapshot.FindServer(options.Server)!.Name,
            Selections = [.. selected.Select((s, i) => new ExplainedSelection(s, links[i]) { Evidence = analysis.Evidence.For(s) })],
            Answers = Answers(loaded.Snapshot, options),
        };
        var text = options.Format == ExplainFormat.Json
            ? new ExplainJsonWriter(options.Culture).Render(report)
            : new ExplainWriter(host.Settings(options.Culture, toScreen: options.Output is null)).Render(report);
        host.Emit(options.Output, text);
        if (!analysis.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, analysis.Problems, options.Culture);
            return ExitCodes.InputUnreadable;
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Which of the server's connectors answers each session other servers open to it: sessions between Exchange servers
    /// are process 1's, so shown unless another process is asked for; with --connector, the answers that connector gives
    /// and those where a step set it aside.
    /// </summary>
    internal static ImmutableArray<ExplainedAnswer>? Answers(Model.OrganizationSnapshot snapshot, ExplainOptions options)
    {
        if (options.Scenario is { } scenario && scenario != Scenario.InboundAnonymousTls)
        {
            return null;
        }

        var answers = SessionAnswers.Of(snapshot).Explain(snapshot.FindServer(options.Server)!);
        return [.. options.Connector is null
            ? answers
            : answers.Where(a => IsConnector(a.Answer.Connector, options.Server, options.Connector)
                                 || a.Trace.Any(t => t.Refused.Any(r => IsConnector(r.Connector, options.Server, options.Connector))))];
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
