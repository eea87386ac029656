using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS3003: the certificate chosen by process 4 has expired. One finding per (source server, certificate); the send connectors are impacts.</summary>
internal sealed class SendCertificateExpired : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS3003;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerChosenCertificate(context, RuleId, Scenario.OutboundStartTls, s => s.Outcome == SelectionOutcome.SelectedExpired);
}
