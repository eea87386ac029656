using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1002: the server's msExchServerInternalTLSCert is empty, so anonymous TLS is not offered (event 12012).</summary>
internal sealed class InternalTransportCertificateNotPublished : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1002;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        AdValueFindings.Evaluate(
            context,
            RuleId,
            AdCertificateState.Empty,
            SelectionOutcome.AdValueEmpty,
            server => Args.Of());
}
