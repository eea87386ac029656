using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS3008: a send connector's TlsCertificateName has the wrong syntax, so no source server can find it.</summary>
/// <remarks>Computed from the connector (SelectionResult.KeyMalformed was not merged when this was written); same syntax as EXTLS2011.</remarks>
internal sealed class SendTlsCertificateNameMalformed : IRuleEvaluator
{
    public string RuleId => "EXTLS3008";

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        SendConnectors.Known(context.Snapshot)
            .Where(c => TlsCertificateNameSyntax.IsMalformed(c.TlsCertificateName))
            .Select(c => new Diagnostic
            {
                RuleId = RuleId,
                Server = SendConnectors.OwningServer(c),
                Target = new FindingTarget("sendConnector", c.Identity),
                Arguments = ExtRuleSupport.Args(
                    ("connector", c.Identity),
                    ("tlsCertificateName", c.TlsCertificateName!)),
                Impacts = SendConnectors.Impacts(c, Scenario.OutboundStartTls),
                Location = c.Location,
            });
}
