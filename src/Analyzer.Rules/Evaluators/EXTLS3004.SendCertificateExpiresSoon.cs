using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS3004: the certificate chosen by process 4 expires inside the warning window. One finding per (source server, certificate); the send connectors are impacts.</summary>
internal sealed class SendCertificateExpiresSoon : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS3004;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerChosenCertificate(context, RuleId, Scenario.OutboundStartTls, s => s.Outcome == SelectionOutcome.SelectedExpiresSoon);
}
