namespace Extls.Rules.Evaluators;

/// <summary>EXTLS4004: a certificate with SMTP or chosen by a selection is signed with SHA-1.</summary>
internal sealed class Sha1Signature : IRuleEvaluator
{
    // sha1RSA, sha1ECDSA and sha1DSA: the OIDs identify them when the friendly name is missing.
    private static readonly string[] Sha1Oids = ["1.2.840.113549.1.1.5", "1.2.840.10045.4.1", "1.2.840.10040.4.3", "1.3.14.3.2.29"];

    public string RuleId => RuleIds.EXTLS4004;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        CertificateHygiene.SmtpOrChosenCertificates(context)
            .Where(x => IsSha1(x.Certificate.Certificate.SignatureAlgorithm, x.Certificate.Certificate.SignatureAlgorithmOid))
            .Select(x => CertificateHygiene.Diagnostic(RuleId, x.Server, x.Certificate,
                ("signatureAlgorithm", x.Certificate.Certificate.SignatureAlgorithm ?? x.Certificate.Certificate.SignatureAlgorithmOid!)));

    internal static bool IsSha1(string? name, string? oid) =>
        (oid is not null && Sha1Oids.Contains(oid, StringComparer.Ordinal))
        || (name is not null && name.StartsWith("sha1", StringComparison.OrdinalIgnoreCase));
}
