using Extls.Model;

namespace Extls.Import.Certificates;

/// <summary>Computes <see cref="CertificateInfo"/> from DER bytes, the same on Linux as on Windows.</summary>
internal static class CertificateParser
{
    /// <summary>Parses a certificate; null with a reason when the bytes are not one.</summary>
    /// <param name="der">Not copied: the result's RawData is this array, which the caller must not change.</param>
    /// <remarks>
    /// The managed reader reads what it reads exactly as the platform would; everything else (bytes that are not a
    /// certificate among them, with the platform's reason) goes through the platform's X.509 loader as before.
    /// </remarks>
    public static CertificateInfo? TryParse(byte[] der, out string? error) => TryParse(der, null, out error);

    /// <param name="keys">Public keys already imported in this load; null to import each key afresh.</param>
    public static CertificateInfo? TryParse(byte[] der, PublicKeyCache? keys, out string? error)
    {
        if (DerCertificateReader.TryRead(der, keys, out var info))
        {
            error = null;
            return info;
        }

        return PlatformCertificateParser.TryParse(der, out error);
    }
}
