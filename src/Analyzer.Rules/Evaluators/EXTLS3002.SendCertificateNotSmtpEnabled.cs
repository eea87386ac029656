using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS3002: the certificate chosen by process 4 lacks SMTP, so TLS fails with UnknownCredentials. One finding per (source server, certificate); the send connectors are impacts.</summary>
internal sealed class SendCertificateNotSmtpEnabled : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS3002;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerChosenCertificate(context, RuleId, Scenario.OutboundStartTls, s => s.HandshakeFails);
}
