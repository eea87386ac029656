using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2001: a connector meant for Exchange servers lacks ExchangeServer authentication, so X-ANONYMOUSTLS is not advertised.</summary>
internal sealed class ExchangeServerAuthMissing : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2001;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var (server, connector) in EvaluatorSupport.ReceiveConnectorsInUse(context))
        {
            // Client Frontend has no ExchangeServer by design: only connectors meant for Exchange servers count.
            if (connector.PermissionGroups is not { } groups || !groups.HasFlag(PermissionGroups.ExchangeServers)
                || connector.AuthMechanism is not { } auth || auth.HasFlag(ReceiveAuthMechanism.ExchangeServer))
            {
                continue;
            }

            var stopped = EvaluatorSupport.InboundAnonymousEndedWith(context, connector, SelectionOutcome.ExchangeServerAuthMissing);
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = server.Name,
                Target = new FindingTarget("receiveConnector", connector.Identity),
                Arguments = EvaluatorSupport.Args(
                    ("connector", connector.Name),
                    ("currentAuthMechanism", MechanismNames(auth))),
                Impacts = EvaluatorSupport.Impacts(stopped),
                Location = connector.Location,
            };
        }
    }

    /// <summary>The flags as names, comma-separated without spaces, so that "&lt;current&gt;,ExchangeServer" is one PowerShell argument.</summary>
    internal static string MechanismNames(ReceiveAuthMechanism auth)
    {
        if (auth == ReceiveAuthMechanism.None)
        {
            return nameof(ReceiveAuthMechanism.None);
        }

        return string.Join(",", Enum.GetValues<ReceiveAuthMechanism>()
            .Where(f => f != ReceiveAuthMechanism.None && auth.HasFlag(f))
            .Select(f => f.ToString()));
    }
}
