using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2007: the STARTTLS certificate chosen by process 3 has expired (event 12016, still offered).</summary>
internal sealed class StartTlsCertificateExpired : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2007;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerChosenCertificate(context, RuleId, Scenario.InboundStartTls, s => s.Outcome == SelectionOutcome.SelectedExpired);
}
