using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1006: the internal transport certificate expires inside the warning window (event 12017).</summary>
internal sealed class InternalTransportCertificateExpiresSoon : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1006;

    // Renewal keeps the same names and services, so the remediation renews the certificate itself rather than picking another.
    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        ExpiryFindings.Evaluate(context, RuleId, SelectionOutcome.SelectedExpiresSoon, offerCandidate: false);
}
