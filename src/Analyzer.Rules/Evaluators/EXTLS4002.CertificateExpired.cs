namespace Extls.Rules.Evaluators;

/// <summary>EXTLS4002: an SMTP certificate has expired and is not the expired choice of any selection (those report it themselves).</summary>
internal sealed class CertificateExpired : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS4002;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        CertificateHygiene.SmtpCertificates(context)
            .Where(x => CertificateHygiene.Expired(context, x.Certificate.Certificate)
                && !CertificateHygiene.ReportedBySelection(context, x.Server, x.Certificate.Thumbprint))
            .Select(x => CertificateHygiene.Diagnostic(RuleId, x.Server, x.Certificate,
                ("notAfter", MessageArgument.Instant(x.Certificate.Certificate.NotAfter))));
}
