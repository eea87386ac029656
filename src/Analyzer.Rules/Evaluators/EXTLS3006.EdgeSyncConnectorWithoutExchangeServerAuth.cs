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
                || !SendConnectors.HostsAndSpaces(connector).Any(h => h == "--"))
            {
                continue;
            }

            var edge = SendConnectors.OwningServer(connector)
                ?? SendConnectors.SourceServers(connector).FirstOrDefault(s => context.Snapshot.FindServer(s)?.Role == TransportServerRole.Edge);

            yield return SendConnectors.Diagnostic(RuleId, connector, Scenario.OutboundAnonymousTls, edge,
                ("smartHostAuthMechanism", mechanism.ToString()),
                ("edge", edge));
        }
    }
}
