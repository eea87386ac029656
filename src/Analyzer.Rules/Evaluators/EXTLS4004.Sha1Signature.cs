using Extls.Model;
namespace Extls.Rules.Evaluators;

/// <summary>EXTLS4004: a certificate with SMTP or chosen by a selection is signed with SHA-1.</summary>
internal sealed class Sha1Signature : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS4004;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        CertificateHygiene.SmtpOrChosenCertificates(context)
            .Where(x => SignatureAlgorithms.IsSha1(x.Certificate.Certificate.SignatureAlgorithm, x.Certificate.Certificate.SignatureAlgorithmOid))
            .Select(x => CertificateHygiene.WithReissueRemediation(context, CertificateHygiene.Diagnostic(RuleId, x.Server, x.Certificate,
                ("signatureAlgorithm", x.Certificate.Certificate.SignatureAlgorithm ?? x.Certificate.Certificate.SignatureAlgorithmOid!)), x.Server, x.Certificate));
}
