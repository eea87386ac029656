using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2011: a receive connector's TlsCertificateName is neither &lt;I&gt;…&lt;S&gt;… nor [I]…[S]…, so it matches nothing.</summary>
/// <remarks>Judged with the replay's own parser, so that the rule and process 3's <see cref="SelectionResult.KeyMalformed"/> agree.</remarks>
internal sealed class TlsCertificateNameMalformed : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2011;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        Lookups.ReceiveConnectorsInUse(context)
            .Where(x => TlsCertificateNames.IsMalformed(x.Connector.TlsCertificateName))
            .Select(x => DiagnosticBuilders.ReceiveConnectorDiagnostic(RuleId, x.Server, x.Connector, Scenario.InboundStartTls,
                ("tlsCertificateName", x.Connector.TlsCertificateName)));
}
