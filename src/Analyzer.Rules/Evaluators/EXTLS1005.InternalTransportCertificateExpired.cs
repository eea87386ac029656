using Extls.Selection;

namespace Extls.Rules.Evaluators;

internal sealed class InternalTransportCertificateExpired : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1005;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        ExpiryFindings.Evaluate(context, RuleId, SelectionOutcome.SelectedExpired, offerCandidate: true);
}
