using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>Send connector facts shared by the 3xxx rules.</summary>
internal static class SendConnectors
{
    public static SendConnector? Find(OrganizationSnapshot snapshot, string identity) =>
        snapshot.SendConnectors.IsKnown
            ? snapshot.SendConnectors.Items.FirstOrDefault(c => NameOrder.Same(c.Identity, identity))
            : null;

    /// <summary>Known send connectors sorted by identity, without those known to be disabled (they send nothing).</summary>
    public static IEnumerable<SendConnector> Known(OrganizationSnapshot snapshot) =>
        snapshot.SendConnectors.IsKnown
            ? snapshot.SendConnectors.Items.Where(c => c.Enabled != false).OrderBy(c => c.Identity, StringComparer.OrdinalIgnoreCase)
            : [];

    /// <summary>The servers that send through the connector: its source servers, else the Edge whose dump it came from.</summary>
    public static IReadOnlyList<string> SourceServers(SendConnector connector)
    {
        if (connector.SourceTransportServers is { IsDefaultOrEmpty: false } sources)
        {
            return sources.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        }

        return connector.DumpServer is { } edge ? [edge] : [];
    }

    /// <summary>
    /// A finding about a send connector's own settings, with every source server as an impact. Send
    /// connectors are organisation objects, so such findings are filed under no server unless the rule
    /// says otherwise (an Edge's own connector).
    /// </summary>
    public static Diagnostic Diagnostic(
        string ruleId,
        SendConnector connector,
        Scenario scenario,
        string? server,
        params (string Key, MessageArgument Value)[] arguments) => new()
    {
        RuleId = ruleId,
        Server = server,
        Target = new FindingTarget(FindingTargetKind.SendConnector, connector.Identity),
        Arguments = Args.Of([("connector", connector.Identity), .. arguments]),
        Impacts = Impacts(connector, scenario),
        Location = connector.Location,
    };

    public static ImmutableArray<Impact> Impacts(SendConnector connector, Scenario scenario) =>
        [.. SourceServers(connector).Select(s => new Impact(scenario, s, scenario == Scenario.OutboundAnonymousTls ? null : connector.Identity))];

    public static IEnumerable<string> HostsAndSpaces(SendConnector connector) =>
        (connector.SmartHosts ?? []).Concat(connector.AddressSpaces ?? []);
}
