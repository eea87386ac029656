using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS2006: process 3 chose a certificate without the SMTP service (A6), so STARTTLS is offered and
/// the handshake then fails. One finding per certificate; the connectors that chose it are impacts.
/// </summary>
internal sealed class StartTlsCertificateNotSmtpEnabled : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2006;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerChosenCertificate(context, RuleId, Scenario.InboundStartTls, s => s.HandshakeFails);
}
