using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3001: a send connector's TlsCertificateName matches no certificate on one of its source
/// servers; sessions from that server fail with 454 4.7.5. One finding per (connector, source server).
/// </summary>
internal sealed class SendTlsCertificateNotFound : IRuleEvaluator
{
    public string RuleId => "EXTLS3001";

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        context.Selections
            .Where(s => s.Scenario == Scenario.OutboundStartTls && s.Outcome == SelectionOutcome.SendCertificateNotFound && s.Connector is not null)
            .OrderBy(s => s.Connector, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .Select(s =>
            {
                var connector = SendConnectors.Find(context.Snapshot, s.Connector!);
                return new Diagnostic
                {
                    RuleId = RuleId,
                    Server = s.Server,
                    Target = new FindingTarget("sendConnector", $"{s.Connector}@{s.Server}"),
                    Arguments = ExtRuleSupport.Args(
                        ("connector", s.Connector!),
                        ("tlsCertificateName", connector?.TlsCertificateName ?? s.MatchKey ?? "")),
                    Impacts = ExtRuleSupport.Impacts([s]),
                    Assumptions = ExtRuleSupport.Assumptions([s]),
                    Location = connector?.Location ?? s.Location,
                };
            });
}

/// <summary>Send connector facts shared by the 3xxx rules.</summary>
internal static class SendConnectors
{
    public static SendConnector? Find(OrganizationSnapshot snapshot, string identity) =>
        snapshot.SendConnectors.IsKnown
            ? snapshot.SendConnectors.Items.FirstOrDefault(c => ExtRuleSupport.SameName(c.Identity, identity))
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

    /// <summary>The server to file a connector-level finding under: the only source server, or the Edge it came from.</summary>
    public static string? OwningServer(SendConnector connector)
    {
        var sources = SourceServers(connector);
        return connector.DumpServer ?? (sources.Count == 1 ? sources[0] : null);
    }

    public static ImmutableArray<Impact> Impacts(SendConnector connector, Scenario scenario) =>
        [.. SourceServers(connector).Select(s => new Impact(scenario.ToId(), s, scenario == Scenario.OutboundAnonymousTls ? null : connector.Identity))];

    /// <summary>
    /// A smart host or address space entry without the "smtp:" prefix and ";cost" suffix, so that
    /// "smtp:--;1" and "--" compare equal.
    /// </summary>
    public static string Bare(string entry)
    {
        var value = entry.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && !value.StartsWith('['))
        {
            value = value[(colon + 1)..];
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            value = value[..semicolon];
        }

        return value.Trim();
    }

    public static IEnumerable<string> HostsAndSpaces(SendConnector connector) =>
        (connector.SmartHosts ?? []).Concat(connector.AddressSpaces ?? []).Select(Bare);
}
