using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2002: SuppressXAnonymousTls hides X-ANONYMOUSTLS on a connector with ExchangeServer authentication.</summary>
internal sealed class AnonymousTlsSuppressed : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2002;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var (server, connector) in Lookups.ReceiveConnectorsInUse(context))
        {
            if (connector.SuppressXAnonymousTls != true
                || connector.AuthMechanism is not { } auth || !auth.HasFlag(ReceiveAuthMechanism.ExchangeServer))
            {
                continue;
            }

            var stopped = Lookups.InboundAnonymousEndedWith(context, connector, SelectionOutcome.AnonymousTlsSuppressed);
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = server.Name,
                Target = DiagnosticBuilders.ReceiveConnectorTarget(connector.Identity),
                Arguments = Args.Of(("connector", connector.Name)),
                Impacts = DiagnosticBuilders.Impacts(stopped),
                Assumptions = ["A1"],
                Location = connector.Location,
            };
        }
    }
}
