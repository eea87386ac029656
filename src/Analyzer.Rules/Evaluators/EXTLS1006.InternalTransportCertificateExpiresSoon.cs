using Extls.Selection;

namespace Extls.Rules.Evaluators;

internal sealed class InternalTransportCertificateExpiresSoon : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1006;

    // Renewal keeps the same names and services, so the remediation renews the certificate itself rather than picking another.
    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        ExpiryFindings.Evaluate(context, RuleId, SelectionOutcome.SelectedExpiresSoon, offerCandidate: false);
}
