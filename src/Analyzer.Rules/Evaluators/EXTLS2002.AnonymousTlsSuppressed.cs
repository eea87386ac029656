using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

internal sealed class AnonymousTlsSuppressed : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2002;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers.Where(s => s.ReceiveConnectors.IsKnown))
        {
            foreach (var connector in server.ReceiveConnectors.Items)
            {
                if (connector.SuppressXAnonymousTls != true
                    || connector.AuthMechanism is not { } auth || !auth.HasFlag(ReceiveAuthMechanism.ExchangeServer))
                {
                    continue;
                }

                var stopped = context.Selections.Where(s =>
                    s.Scenario == Scenario.InboundAnonymousTls
                    && s.Outcome == SelectionOutcome.AnonymousTlsSuppressed
                    && EvaluatorSupport.SameName(s.Connector, connector.Identity));
                yield return new Diagnostic
                {
                    RuleId = RuleId,
                    Server = server.Name,
                    Target = new FindingTarget("receiveConnector", connector.Identity),
                    Arguments = EvaluatorSupport.Args(("connector", connector.Name)),
                    Impacts = EvaluatorSupport.Impacts(stopped),
                    Assumptions = ["A1"],
                    Location = connector.Location,
                };
            }
        }
    }
}
