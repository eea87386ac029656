using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>
/// The certificate an administrator should publish as the internal transport certificate when the
/// current one is missing, broken or expired: SMTP-enabled, with its private key, valid at the as-of
/// time, named for the server; the one that lasts longest wins.
/// </summary>
internal static class InternalCertificateCandidate
{
    public static StoreCertificate? Best(ServerSnapshot server, DateTimeOffset asOf)
    {
        if (!server.Certificates.IsKnown)
        {
            return null;
        }

        return server.Certificates.Items
            .Where(c => c.Services is { } services && services.HasFlag(CertificateServices.SMTP))
            .Where(c => c.HasPrivateKey == true)
            .Where(c => c.Certificate.NotBefore <= asOf && c.Certificate.NotAfter > asOf)
            .Where(c => NamesServer(c.Certificate, server))
            .OrderByDescending(c => c.Certificate.NotAfter)
            .ThenBy(c => c.Thumbprint, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static bool NamesServer(CertificateInfo cert, ServerSnapshot server) =>
        NameOrder.Same(cert.SubjectCommonName, server.Name)
        || (server.Fqdn is { Length: > 0 } fqdn
            && (NameOrder.Same(cert.SubjectCommonName, fqdn) || cert.DnsNames.Any(n => NameOrder.Same(n, fqdn))));

    /// <summary>
    /// Fills the arguments of the shared "publish the best candidate, or create one" remediation and
    /// picks its variant: {candidateThumbprint} when there is a candidate, else {fqdn} for New-ExchangeCertificate.
    /// </summary>
    public static Diagnostic WithRemediation(Diagnostic diagnostic, ServerSnapshot server, DateTimeOffset asOf)
    {
        var best = Best(server, asOf);
        var args = diagnostic.Arguments.SetItem("fqdn", string.IsNullOrEmpty(server.Fqdn) ? server.Name : server.Fqdn);
        return best is null
            ? diagnostic with { Arguments = args, RemediationVariant = RemediationVariant.NoCandidate }
            : diagnostic with { Arguments = args.SetItem("candidateThumbprint", best.Thumbprint) };
    }
}
