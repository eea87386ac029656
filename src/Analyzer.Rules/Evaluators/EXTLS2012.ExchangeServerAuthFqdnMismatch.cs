using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS2012: a receive connector with ExchangeServer authentication has an Fqdn that is not the
/// server's FQDN, NetBIOS name or empty; other Exchange servers then cannot authenticate to it
/// (Kerberos is requested for the wrong name), which breaks Mailbox-to-Mailbox mail flow.
/// </summary>
internal sealed class ExchangeServerAuthFqdnMismatch : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2012;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        // Without the server's own FQDN a mismatch cannot be told from a correct value.
        foreach (var (server, connector) in Lookups.ReceiveConnectorsInUse(context).Where(x => Lookups.IsSet(x.Server.Fqdn)))
        {
            if (connector.AuthMechanism is not { } auth || !auth.HasFlag(ReceiveAuthMechanism.ExchangeServer)
                || !Lookups.IsSet(connector.Fqdn))
            {
                continue;
            }

            var fqdn = connector.Fqdn!.Trim().TrimEnd('.');
            if (NameOrder.Same(fqdn, server.Fqdn!.TrimEnd('.')) || NameOrder.Same(fqdn, server.Name))
            {
                continue;
            }

            yield return DiagnosticBuilders.ReceiveConnectorDiagnostic(RuleId, server, connector, Scenario.InboundAnonymousTls,
                ("fqdn", connector.Fqdn),
                ("serverFqdn", server.Fqdn));
        }
    }
}
