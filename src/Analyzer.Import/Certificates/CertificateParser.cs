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
            var raw = cert.RawDataMemory.Span;
            var sigOid = cert.SignatureAlgorithm.Value ?? string.Empty;
            var keyOid = cert.PublicKey.Oid.Value ?? string.Empty;
            var keyName = KeyNames.TryGetValue(keyOid, out var n) ? n : cert.PublicKey.Oid.FriendlyName;
            // The size is read from the encoded key; the key itself is decoded only to check a self-signature.
            var selfIssued = SelfIssued(cert);
            using var key = selfIssued || KeySizeOf(cert, keyName) is null ? PublicKey(cert, keyName) : null;
            return new CertificateInfo
            {
                Thumbprint = Convert.ToHexString(SHA1.HashData(raw)),
                Subject = cert.Subject,
                Issuer = cert.Issuer,
                NotBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                NotAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                SubjectCommonName = DistinguishedNames.CommonNameOf(cert.SubjectName),
                DnsNames = DnsNames(cert),
                Version = cert.Version,
                KeyAlgorithm = keyName,
                KeySize = KeySizeOf(cert, keyName) ?? key?.KeySize,
                SignatureAlgorithm = SignatureNames.TryGetValue(sigOid, out var name) ? name : cert.SignatureAlgorithm.FriendlyName ?? sigOid,
                SignatureAlgorithmOid = sigOid,
                IsSelfSigned = selfIssued ? SelfSigned(cert, raw, key) : false,
                FromDer = true,
                RawData = [.. raw],
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

    // Named curves by OID, for the size of an EC key without decoding it.
    private static readonly Dictionary<string, int> CurveBits = new(StringComparer.Ordinal)
    {
        ["1.2.840.10045.3.1.7"] = 256,
        ["1.3.132.0.34"] = 384,
        ["1.3.132.0.35"] = 521,
        ["1.3.132.0.10"] = 256,
    };

    /// <summary>
    /// The key size from the encoded key alone (RSA: the modulus; EC: the named curve), without handing the
    /// key to the platform's crypto library; null when it cannot be told that way.
    /// </summary>
    private static int? KeySizeOf(X509Certificate2 cert, string? keyName)
    {
        try
        {
            switch (keyName)
            {
                case "RSA" when cert.PublicKey.Oid.Value == "1.2.840.113549.1.1.1":
                    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
                    var rsa = new AsnReader(cert.PublicKey.EncodedKeyValue.RawData, AsnEncodingRules.DER).ReadSequence();
                    var modulus = rsa.ReadIntegerBytes().Span;
                    while (modulus.Length > 0 && modulus[0] == 0)
                    {
                        modulus = modulus[1..];
                    }

                    return modulus.Length == 0 ? null : ((modulus.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]));
                case "ECDSA" when cert.PublicKey.EncodedParameters?.RawData is { Length: > 0 } parameters:
                    var curve = new AsnReader(parameters, AsnEncodingRules.DER).ReadObjectIdentifier();
                    return CurveBits.TryGetValue(curve, out var bits) ? bits : null;
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Subject equals issuer and the signature verifies with the certificate's own key; null when the algorithm is one we cannot check.</summary>
    private static bool? SelfSigned(X509Certificate2 cert, ReadOnlySpan<byte> raw, AsymmetricAlgorithm? key)
    {
        try
        {
            var (tbs, signature) = SplitSigned(raw.ToArray());
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

            return key switch
            {
                RSA rsa => rsa.VerifyData(tbs, signature, hash, RSASignaturePadding.Pkcs1),
                ECDsa ecdsa => ecdsa.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence),
                DSA dsa => dsa.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence),
                _ => null,
            };
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
