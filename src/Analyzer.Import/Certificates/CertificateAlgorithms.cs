using System.Formats.Asn1;
using System.Security.Cryptography;
using Extls.Model;

namespace Extls.Import.Certificates;

/// <summary>
/// What both certificate readers (<see cref="DerCertificateReader"/> and the platform's, <see cref="PlatformCertificateParser"/>)
/// know of algorithms, so that they name, size and verify alike.
/// </summary>
internal static class CertificateAlgorithms
{
    // Windows' friendly names, mapped here because Linux's OpenSSL names differ ("sha256WithRSAEncryption").
    public static readonly IReadOnlyDictionary<string, string> SignatureNames = new Dictionary<string, string>(StringComparer.Ordinal)
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

    public static readonly IReadOnlyDictionary<string, string> KeyNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RsaEncryption] = "RSA",
        ["1.2.840.113549.1.1.10"] = "RSA",
        ["1.2.840.10045.2.1"] = "ECDSA",
        ["1.2.840.10040.4.1"] = "DSA",
        ["1.3.101.112"] = "Ed25519",
    };

    public const string RsaEncryption = "1.2.840.113549.1.1.1";

    // Named curves by OID, for the size of an EC key without decoding it.
    private static readonly Dictionary<string, int> CurveBits = new(StringComparer.Ordinal)
    {
        ["1.2.840.10045.3.1.7"] = 256,
        ["1.3.132.0.34"] = 384,
        ["1.3.132.0.35"] = 521,
        ["1.3.132.0.10"] = 256,
    };

    /// <summary>
    /// The key size from the encoded key alone (RSA: the modulus; EC: the named curve), without handing the key to
    /// the platform's crypto library; null when it cannot be told that way.
    /// </summary>
    /// <param name="keyOid">The SubjectPublicKeyInfo's algorithm.</param>
    /// <param name="parameters">The algorithm's encoded parameters; empty when absent.</param>
    /// <param name="key">The subjectPublicKey bits.</param>
    public static int? KeySize(string? keyName, string keyOid, ReadOnlyMemory<byte> parameters, ReadOnlyMemory<byte> key)
    {
        try
        {
            switch (keyName)
            {
                case "RSA" when keyOid == RsaEncryption:
                    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
                    var rsa = new AsnReader(key, AsnEncodingRules.DER).ReadSequence();
                    var modulus = rsa.ReadIntegerBytes().Span;
                    while (modulus.Length > 0 && modulus[0] == 0)
                    {
                        modulus = modulus[1..];
                    }

                    return modulus.Length == 0 ? null : ((modulus.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]));
                case "ECDSA" when parameters.Length > 0:
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

    /// <summary>The hash a signature algorithm signs with; default when it is one extls does not verify.</summary>
    public static HashAlgorithmName SignatureHash(string? signatureOid) => signatureOid switch
    {
        "1.2.840.113549.1.1.4" => HashAlgorithmName.MD5,
        { } oid when SignatureAlgorithms.Sha1Oids.Contains(oid) => HashAlgorithmName.SHA1,
        "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" or "2.16.840.1.101.3.4.3.2" => HashAlgorithmName.SHA256,
        "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
        "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
        _ => default,
    };

    /// <summary>Whether the certificate's own key verifies its signature; null when the algorithm is one extls cannot check.</summary>
    /// <param name="der">The whole certificate.</param>
    public static bool? VerifiesWithOwnKey(ReadOnlyMemory<byte> der, string? signatureOid, AsymmetricAlgorithm? key)
    {
        try
        {
            var tbs = SplitSigned(der, out var signature);
            var hash = SignatureHash(signatureOid);
            if (hash == default)
            {
                return null;
            }

            return key switch
            {
                RSA rsa => rsa.VerifyData(tbs.Span, signature, hash, RSASignaturePadding.Pkcs1),
                ECDsa ecdsa => ecdsa.VerifyData(tbs.Span, signature, hash, DSASignatureFormat.Rfc3279DerSequence),
                DSA dsa => dsa.VerifyData(tbs.Span, signature, hash, DSASignatureFormat.Rfc3279DerSequence),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException or NotSupportedException)
        {
            return false;
        }
    }

    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
    // The signature comes out, not in a value tuple with the signed part: a value tuple holding a struct is compiled at run time.
    private static ReadOnlyMemory<byte> SplitSigned(ReadOnlyMemory<byte> der, out byte[] signature)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        var tbs = seq.ReadEncodedValue();
        seq.ReadSequence();
        signature = seq.ReadBitString(out _);
        return tbs;
    }
}
