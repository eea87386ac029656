using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3005: a connector to Exchange Online names neither TlsCertificateName nor Fqdn, so process 4
/// keys on the source server's own (usually internal) FQDN and Exchange Online cannot recognise the
/// organisation's certificate: hybrid mail flow breaks.
/// </summary>
/// <remarks>
/// The replay decides (<see cref="SelectionResult.ImplicitHybridCertificate"/>), and every source server
/// it marked is an impact. A connector without any source server is never replayed, yet breaks hybrid
/// mail flow as soon as a server is added; it is judged on its own values by the replay's condition
/// (known to be unset, not merely unknown) and reported without impacts.
/// </remarks>
internal sealed class HybridConnectorImplicitCertificate : IRuleEvaluator
{

    public string RuleId => RuleIds.EXTLS3005;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var marked = context.Selections
            .Where(s => s.Scenario == Scenario.OutboundStartTls && s.ImplicitHybridCertificate && s.Connector is not null)
            .ToLookup(s => s.Connector!, StringComparer.OrdinalIgnoreCase);

        foreach (var connector in SendConnectors.Known(context.Snapshot))
        {
            var selections = marked[connector.Identity].ToArray();
            var unreplayed = SendConnectors.SourceServers(connector).Count == 0;
            if (selections.Length == 0 && !(unreplayed && NamesNoCertificate(connector) && HybridBecause(connector) is not null))
            {
                continue;
            }

            var diagnostic = SendConnectors.Diagnostic(RuleId, connector, Scenario.OutboundStartTls, null,
                ("hybridBecause", HybridBecause(connector) ?? MessageArgument.SortedList(connector.SmartHosts ?? [])));
            yield return diagnostic with
            {
                Impacts = DiagnosticBuilders.Impacts(selections),
                Assumptions = selections.Length == 0 ? ["A8"] : DiagnosticBuilders.Assumptions(selections),
            };
        }
    }

    /// <summary>Both values collected and blank: null would mean the dump did not carry them, which proves nothing.</summary>
    private static bool NamesNoCertificate(SendConnector connector) =>
        connector.TlsCertificateName is { } name && name.Trim().Length == 0
        && connector.Fqdn is { } fqdn && fqdn.Trim().Length == 0;

    /// <summary>What makes the connector send to Exchange Online (the property, or its smart hosts), for the message; null when nothing does.</summary>
    private static MessageArgument? HybridBecause(SendConnector connector)
    {
        if (connector.CloudServicesMailEnabled == true)
        {
            return nameof(SendConnector.CloudServicesMailEnabled);
        }

        var hosts = (connector.SmartHosts ?? []).Where(SmartHosts.IsExchangeOnline).Select(SmartHosts.Bare).ToList();
        return hosts.Count == 0 ? null : MessageArgument.SortedList(hosts);
    }
}
