namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS4001: an SMTP certificate expires inside the warning window and no selection rule
/// (1006, 2008, 3004) reports it already because it is not the certificate any of them chose.
/// </summary>
internal sealed class CertificateExpiresSoon : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS4001;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        CertificateHygiene.SmtpCertificates(context)
            .Where(x => CertificateHygiene.ExpiresSoon(context, x.Certificate.Certificate)
                && !CertificateHygiene.ReportedBySelection(context, x.Server, x.Certificate.Thumbprint))
            .Select(x => CertificateHygiene.Diagnostic(RuleId, x.Server, x.Certificate,
                ("notAfter", MessageArgument.Instant(x.Certificate.Certificate.NotAfter)),
                ("daysLeft", MessageArgument.Number(CertificateHygiene.DaysLeft(context, x.Certificate.Certificate)))));
}
