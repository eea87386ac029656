using Extls.Model;

namespace Extls.Import.Mapping;

/// <summary>What a dump said about a certificate beside its DER: the properties Get-ExchangeCertificate printed.</summary>
internal sealed record DumpedCertificateProperties(string? Thumbprint, string? Subject, string? Issuer, DumpDate? NotBefore, DumpDate? NotAfter);

/// <summary>
/// Finds the contradictions inside one server's certificate store (EXTLS9004): a thumbprint listed twice,
/// and a certificate whose printed properties disagree with its own DER. The DER always wins; the
/// contradiction is recorded, not resolved.
/// </summary>
internal sealed class CertificateConsistency(string server, List<SnapshotInconsistency> found)
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    /// <summary>True when the store listed this certificate already; the repeat is recorded.</summary>
    public bool IsRepeat(CertificateInfo certificate, SourceLocation location)
    {
        if (seen.Add(Thumbprints.Normalize(certificate.Thumbprint)))
        {
            return false;
        }

        found.Add(new SnapshotInconsistency(InconsistencyKind.DuplicateCertificate, server, certificate.Thumbprint, "Thumbprint", certificate.Thumbprint, null, location));
        return true;
    }

    /// <summary>Records every printed property that says something else than the DER.</summary>
    public void CompareWithDer(DumpedCertificateProperties dumped, CertificateInfo der, SourceLocation location)
    {
        void Compare(string property, string? dumpValue, string actual, Func<string?, string?, bool> equal)
        {
            if (dumpValue is not null && !equal(dumpValue, actual))
            {
                found.Add(new SnapshotInconsistency(InconsistencyKind.CertificatePropertyMismatch, server, der.Thumbprint, property, dumpValue, actual, location));
            }
        }

        Compare("Thumbprint", dumped.Thumbprint, der.Thumbprint, Thumbprints.AreEqual);
        Compare("Subject", dumped.Subject, der.Subject, DistinguishedNames.AreEqual);
        Compare("Issuer", dumped.Issuer, der.Issuer, DistinguishedNames.AreEqual);

        // Locale text carries no zone, so its hour cannot be compared with the DER's UTC time.
        if (dumped.NotBefore is { HasZone: true } nb)
        {
            Compare("NotBefore", IsoDate.Instant(nb.Value), IsoDate.Instant(der.NotBefore), string.Equals);
        }

        if (dumped.NotAfter is { HasZone: true } na)
        {
            Compare("NotAfter", IsoDate.Instant(na.Value), IsoDate.Instant(der.NotAfter), string.Equals);
        }
    }
}
