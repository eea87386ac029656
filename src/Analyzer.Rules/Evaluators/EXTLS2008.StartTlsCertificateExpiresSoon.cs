using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2008: the STARTTLS certificate chosen by process 3 expires inside the warning window (event 12018).</summary>
internal sealed class StartTlsCertificateExpiresSoon : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2008;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerChosenCertificate(context, RuleId, Scenario.InboundStartTls, s => s.Outcome == SelectionOutcome.SelectedExpiresSoon);
}
