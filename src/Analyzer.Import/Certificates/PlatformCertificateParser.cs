using System.Collections.Immutable;
using System.Formats.Asn1;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Extls.Model;

namespace Extls.Import.Certificates;

/// <summary>
/// <see cref="CertificateInfo"/> through the platform's X.509 loader (OpenSSL on Linux): the reference the managed
/// reader (<see cref="DerCertificateReader"/>) is tested against, and what reads whatever that reader leaves
/// (bytes that are not a certificate, algorithms it does not size), so every such case reads as it always has.
/// </summary>
internal static class PlatformCertificateParser
{
    /// <summary>Parses a certificate; null with a reason when the bytes are not one.</summary>
    /// <param name="der">Not copied: the result's RawData is this array, which the caller must not change.</param>
    /// <remarks>
    /// Everything made here is disposed before returning, the public key included, which is decoded once
    /// for its size and the self-signature check: undisposed keys left the finalizer competing for the cores.
    /// </remarks>
    public static CertificateInfo? TryParse(byte[] der, out string? error)
    {
        error = null;
        if (der.Length == 0)
        {
            error = "The value is empty.";
            return null;
        }

        try
        {
            using var cert = X509CertificateLoader.LoadCertificate(der);
            var raw = cert.RawDataMemory;
            var sigOid = cert.SignatureAlgorithm.Value ?? string.Empty;
            var keyOid = cert.PublicKey.Oid.Value ?? string.Empty;
            var keyName = CertificateAlgorithms.KeyNames.TryGetValue(keyOid, out var n) ? n : cert.PublicKey.Oid.FriendlyName;
            var keySize = CertificateAlgorithms.KeySize(keyName, keyOid, cert.PublicKey.EncodedParameters?.RawData ?? [], cert.PublicKey.EncodedKeyValue.RawData);
            // The size is read from the encoded key; the key itself is decoded only to check a self-signature.
            var selfIssued = SelfIssued(cert);
            using var key = selfIssued || keySize is null ? PublicKey(cert, keyName) : null;
            return new CertificateInfo
            {
                Thumbprint = Convert.ToHexString(SHA1.HashData(raw.Span)),
                Subject = cert.Subject,
                Issuer = cert.Issuer,
                NotBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                NotAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                SubjectCommonName = DistinguishedNames.CommonNameOf(cert.SubjectName),
                DnsNames = DnsNames(cert),
                Version = cert.Version,
                KeyAlgorithm = keyName,
                KeySize = keySize ?? key?.KeySize,
                SignatureAlgorithm = CertificateAlgorithms.SignatureNames.TryGetValue(sigOid, out var name) ? name : cert.SignatureAlgorithm.FriendlyName ?? sigOid,
                SignatureAlgorithmOid = sigOid,
                IsSelfSigned = selfIssued ? CertificateAlgorithms.VerifiesWithOwnKey(raw, sigOid, key) : false,
                FromDer = true,
                RawData = raw.Span.SequenceEqual(der) ? ImmutableCollectionsMarshal.AsImmutableArray(der) : [.. raw.Span],
            };
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException or ArgumentException or FormatException)
        {
            error = "Not a certificate: " + ex.Message;
            return null;
        }
    }

    private static ImmutableArray<string> DnsNames(X509Certificate2 cert)
    {
        foreach (var ext in cert.Extensions)
        {
            if (ext is X509SubjectAlternativeNameExtension san)
            {
                return san.EnumerateDnsNames().ToImmutableArray();
            }
        }

        return ImmutableArray<string>.Empty;
    }

    /// <summary>The public key, decoded once; null for an algorithm we cannot read or a key that does not decode.</summary>
    private static AsymmetricAlgorithm? PublicKey(X509Certificate2 cert, string? keyName)
    {
        try
        {
            return keyName switch
            {
                "RSA" => cert.GetRSAPublicKey(),
                "ECDSA" => cert.GetECDsaPublicKey(),
                "DSA" => cert.GetDSAPublicKey(),
                _ => null,
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool SelfIssued(X509Certificate2 cert) =>
        cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData)
        || string.Equals(cert.Subject, cert.Issuer, StringComparison.OrdinalIgnoreCase);
}
