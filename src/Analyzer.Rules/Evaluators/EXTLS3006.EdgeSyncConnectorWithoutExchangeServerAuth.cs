using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3006: an EdgeSync send connector (smart host or address space "--", the placeholder for the
/// subscribed site's Mailbox servers) whose SmartHostAuthMechanism is not ExchangeServer: the Edge
/// does not use anonymous TLS towards the Mailbox servers (process 2, Edge).
/// </summary>
/// <remarks>"--" only ever appears on connectors EdgeSync writes for an Edge, so it alone identifies them.</remarks>
internal sealed class EdgeSyncConnectorWithoutExchangeServerAuth : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS3006;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var connector in SendConnectors.Known(context.Snapshot))
        {
            if (connector.SmartHostAuthMechanism is not { } mechanism || mechanism == SmartHostAuthMechanism.ExchangeServer
                || !SendConnectors.HostsAndSpaces(connector).Any(SmartHosts.IsEdgeSyncPlaceholder))
            {
                continue;
            }

            var edge = connector.DumpServer
                ?? SendConnectors.SourceServers(connector).FirstOrDefault(s => context.Snapshot.FindServer(s)?.Role == TransportServerRole.Edge);

            // Filed under the Edge only when the connector came from the Edge's own dump; a copy read
            // from the organisation is an organisation-wide object, like every other send connector.
            yield return SendConnectors.Diagnostic(RuleId, connector, Scenario.OutboundAnonymousTls, connector.DumpServer,
                ("smartHostAuthMechanism", MessageArgument.Exchange<SmartHostAuthMechanism>(mechanism)),
                ("edge", edge));
        }
    }
}
