namespace Extls.Rules.Evaluators;

/// <summary>EXTLS4003: an RSA key under 2048 bits on a certificate with SMTP or chosen by a selection.</summary>
internal sealed class WeakPublicKey : IRuleEvaluator
{
    private const int MinimumRsaBits = 2048;

    public string RuleId => RuleIds.EXTLS4003;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        CertificateHygiene.SmtpOrChosenCertificates(context)
            .Where(x => string.Equals(x.Certificate.Certificate.KeyAlgorithm, "RSA", StringComparison.OrdinalIgnoreCase)
                && x.Certificate.Certificate.KeySize is < MinimumRsaBits)
            .Select(x => CertificateHygiene.WithReissueRemediation(context, CertificateHygiene.Diagnostic(RuleId, x.Server, x.Certificate,
                ("keySize", MessageArgument.Number(x.Certificate.Certificate.KeySize!.Value))), x.Server, x.Certificate));
}
