using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1005: the internal transport certificate has expired; anonymous TLS still uses it (event 12015).</summary>
internal sealed class InternalTransportCertificateExpired : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1005;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        ExpiryFindings.Evaluate(context, RuleId, SelectionOutcome.SelectedExpired, offerCandidate: true);
}
