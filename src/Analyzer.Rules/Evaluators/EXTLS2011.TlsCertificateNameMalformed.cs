using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2011: a receive connector's TlsCertificateName is neither &lt;I&gt;…&lt;S&gt;… nor [I]…[S]…, so it matches nothing.</summary>
/// <remarks>Judged with the replay's own parser, so that the rule and process 3's <see cref="SelectionResult.KeyMalformed"/> agree.</remarks>
internal sealed class TlsCertificateNameMalformed : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2011;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            if (!server.ReceiveConnectors.IsKnown)
            {
                continue;
            }

            foreach (var connector in EvaluatorSupport.InUse(server.ReceiveConnectors.Items))
            {
                if (!TlsCertificateNames.IsMalformed(connector.TlsCertificateName))
                {
                    continue;
                }

                yield return new Diagnostic
                {
                    RuleId = RuleId,
                    Server = server.Name,
                    Target = new FindingTarget("receiveConnector", connector.Identity),
                    Arguments = EvaluatorSupport.Args(
                        ("connector", connector.Identity),
                        ("tlsCertificateName", connector.TlsCertificateName!)),
                    Impacts = [new Impact(Scenario.InboundStartTls.ToId(), server.Name, connector.Identity)],
                    Location = connector.Location,
                };
            }
        }
    }
}
