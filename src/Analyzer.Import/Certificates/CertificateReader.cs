using Extls.Model;

namespace Extls.Import.Certificates;

/// <summary>
/// The importer's reading of a certificate's DER, for the libraries that meet certificates outside a dump (a
/// planned import of a .cer, .pfx or .p7b): one reading, so a planned certificate is judged as a collected one is.
/// </summary>
public static class CertificateReader
{
    /// <summary>What the DER says; null with the reason when the bytes are not a certificate.</summary>
    public static CertificateInfo? TryRead(byte[] der, out string? error)
    {
        ArgumentNullException.ThrowIfNull(der);
        return CertificateParser.TryParse(der, out error);
    }
}
