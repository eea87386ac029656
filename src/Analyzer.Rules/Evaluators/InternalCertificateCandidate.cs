using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>
/// The certificate an administrator should assign SMTP to, making it the internal transport certificate, when the
/// current one is missing, broken or expired: a self-signed certificate with its private key, valid at the as-of
/// time, named for the server; the one that lasts longest wins. Never a CA-issued one: Microsoft's guidance is
/// that mail between Exchange servers needs no CA-issued certificate, and the default self-signed one is kept or
/// recreated (answering Yes to Enable-ExchangeCertificate's prompt makes a CA-issued certificate the internal one,
/// which then breaks anonymous TLS whenever it is renewed). With none, the remediation creates one.
/// </summary>
internal static class InternalCertificateCandidate
{
    public static StoreCertificate? Best(ServerSnapshot server, DateTimeOffset asOf)
    {
        if (!server.Certificates.IsKnown)
        {
            return null;
        }

        var candidates = server.Certificates.Items
            .Where(c => c.Certificate.IsSelfSigned ?? string.Equals(c.Certificate.Subject, c.Certificate.Issuer, StringComparison.OrdinalIgnoreCase))
            .Where(c => c.HasPrivateKey == true)
            .Where(c => c.Certificate.NotBefore <= asOf && c.Certificate.NotAfter > asOf)
            .Where(c => NamesServer(c.Certificate, server));

        // The latest NotAfter, then the first thumbprint in ordinal order; the first of equals, as a stable sort would
        // give. A loop rather than OrderByDescending by the date: sorting by a DateTimeOffset key is framework code that
        // ReadyToRun cannot precompile with the tool, compiled at run time on every start.
        StoreCertificate? best = null;
        foreach (var c in candidates)
        {
            if (best is null
                || c.Certificate.NotAfter > best.Certificate.NotAfter
                || (c.Certificate.NotAfter == best.Certificate.NotAfter && string.CompareOrdinal(c.Thumbprint, best.Thumbprint) < 0))
            {
                best = c;
            }
        }

        return best;
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
