using System.Collections.Immutable;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Extls.Model;

namespace Extls.Import.Certificates;

/// <summary>Computes <see cref="CertificateInfo"/> from DER bytes, the same on Linux as on Windows.</summary>
internal static class CertificateParser
{
    // Windows' friendly names, mapped here because Linux's OpenSSL names differ ("sha256WithRSAEncryption").
    private static readonly Dictionary<string, string> SignatureNames = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.2"] = "md2RSA",
        ["1.2.840.113549.1.1.4"] = "md5RSA",
        ["1.2.840.113549.1.1.5"] = "sha1RSA",
        ["1.2.840.113549.1.1.10"] = "RSASSA-PSS",
        ["1.2.840.113549.1.1.11"] = "sha256RSA",
        ["1.2.840.113549.1.1.12"] = "sha384RSA",
        ["1.2.840.113549.1.1.13"] = "sha512RSA",
        ["1.2.840.113549.1.1.14"] = "sha224RSA",
        ["1.2.840.10045.4.1"] = "sha1ECDSA",
        ["1.2.840.10045.4.3.1"] = "sha224ECDSA",
        ["1.2.840.10045.4.3.2"] = "sha256ECDSA",
        ["1.2.840.10045.4.3.3"] = "sha384ECDSA",
        ["1.2.840.10045.4.3.4"] = "sha512ECDSA",
        ["1.2.840.10040.4.3"] = "sha1DSA",
        ["2.16.840.1.101.3.4.3.2"] = "sha256DSA",
        ["1.3.101.112"] = "Ed25519",
    };

    private static readonly Dictionary<string, string> KeyNames = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.1"] = "RSA",
        ["1.2.840.113549.1.1.10"] = "RSA",
        ["1.2.840.10045.2.1"] = "ECDSA",
        ["1.2.840.10040.4.1"] = "DSA",
        ["1.3.101.112"] = "Ed25519",
    };

    /// <summary>Parses a certificate; null with a reason when the bytes are not one.</summary>
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
            var sigOid = cert.SignatureAlgorithm.Value ?? string.Empty;
            var (keyAlg, keySize) = Key(cert);
            return new CertificateInfo
            {
                Thumbprint = Convert.ToHexString(SHA1.HashData(cert.RawData)),
                Subject = cert.Subject,
                Issuer = cert.Issuer,
                NotBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                NotAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                SubjectCommonName = DistinguishedNames.CommonNameOf(cert.SubjectName),
                DnsNames = DnsNames(cert),
                Version = cert.Version,
                KeyAlgorithm = keyAlg,
                KeySize = keySize,
                SignatureAlgorithm = SignatureNames.TryGetValue(sigOid, out var n) ? n : cert.SignatureAlgorithm.FriendlyName ?? sigOid,
                SignatureAlgorithmOid = sigOid,
                IsSelfSigned = SelfSigned(cert),
                FromDer = true,
                RawData = [.. cert.RawData],
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

    private static (string? Algorithm, int? Size) Key(X509Certificate2 cert)
    {
        var oid = cert.PublicKey.Oid.Value ?? string.Empty;
        var name = KeyNames.TryGetValue(oid, out var n) ? n : cert.PublicKey.Oid.FriendlyName;
        try
        {
            int? size = name switch
            {
                "RSA" => cert.GetRSAPublicKey()?.KeySize,
                "ECDSA" => cert.GetECDsaPublicKey()?.KeySize,
                "DSA" => cert.GetDSAPublicKey()?.KeySize,
                _ => null,
            };
            return (name, size);
        }
        catch (CryptographicException)
        {
            return (name, null);
        }
    }

    /// <summary>Subject equals issuer and the signature verifies with the certificate's own key; null when the algorithm is one we cannot check.</summary>
    private static bool? SelfSigned(X509Certificate2 cert)
    {
        if (!cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData)
            && !string.Equals(cert.Subject, cert.Issuer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var (tbs, signature) = SplitSigned(cert.RawData);
            var hash = cert.SignatureAlgorithm.Value switch
            {
                "1.2.840.113549.1.1.4" => HashAlgorithmName.MD5,
                { } oid when SignatureAlgorithms.Sha1Oids.Contains(oid) => HashAlgorithmName.SHA1,
                "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" or "2.16.840.1.101.3.4.3.2" => HashAlgorithmName.SHA256,
                "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
                "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
                _ => default,
            };
            if (hash == default)
            {
                return null;
            }

            if (cert.GetRSAPublicKey() is { } rsa)
            {
                using (rsa)
                {
                    return rsa.VerifyData(tbs, signature, hash, RSASignaturePadding.Pkcs1);
                }
            }

            if (cert.GetECDsaPublicKey() is { } ecdsa)
            {
                using (ecdsa)
                {
                    return ecdsa.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                }
            }

            if (cert.GetDSAPublicKey() is { } dsa)
            {
                using (dsa)
                {
                    return dsa.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException or NotSupportedException)
        {
            return false;
        }
    }

    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
    private static (byte[] Tbs, byte[] Signature) SplitSigned(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        var tbs = seq.ReadEncodedValue().ToArray();
        seq.ReadSequence();
        var sig = seq.ReadBitString(out _);
        return (tbs, sig);
    }
}
