using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2001: a connector meant for Exchange servers lacks ExchangeServer authentication, so X-ANONYMOUSTLS is not advertised.</summary>
internal sealed class ExchangeServerAuthMissing : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2001;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var (server, connector) in Lookups.ReceiveConnectorsInUse(context))
        {
            // Client Frontend has no ExchangeServer by design: only connectors meant for Exchange servers count.
            if (connector.PermissionGroups is not { } groups || !groups.HasFlag(PermissionGroups.ExchangeServers)
                || connector.AuthMechanism is not { } auth || auth.HasFlag(ReceiveAuthMechanism.ExchangeServer))
            {
                continue;
            }

            var stopped = Lookups.InboundAnonymousEndedWith(context, connector, SelectionOutcome.ExchangeServerAuthMissing);
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = server.Name,
                Target = DiagnosticBuilders.ReceiveConnectorTarget(connector.Identity),
                Arguments = Args.Of(
                    ("connector", connector.Name),
                    ("currentAuthMechanism", MessageArgument.Exchange<ReceiveAuthMechanism>(auth, ListStyle.PowerShell)),
                    ("authMechanismWithExchangeServer", MessageArgument.Exchange<ReceiveAuthMechanism>(auth | ReceiveAuthMechanism.ExchangeServer, ListStyle.PowerShell))),
                Impacts = DiagnosticBuilders.Impacts(stopped),
                Location = connector.Location,
            };
        }
    }
}
