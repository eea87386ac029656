using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace Extls.Import.Certificates;

/// <summary>
/// Whether an RSA PKCS#1 v1.5 signature verifies, in managed code (RFC 8017 8.2.2: raise the signature to the public
/// exponent and compare the result with the one encoding the hash may have), for the self-signature of a self-issued
/// certificate. The platform's way costs a key object: on Linux, OpenSSL 3 decodes every imported RSA key through its
/// decoder framework, about 120 µs a key against 20 µs for this whole check, and a dump of a large organisation holds a
/// self-signed certificate per server.
/// </summary>
/// <remarks>
/// Only what extls reports (does the certificate's own key verify it) rests on it, never a trust decision. Keys and
/// hashes outside the common ones are left to the platform (<see cref="TryVerify"/> says null).
/// tests/Analyzer.Import.Tests/RsaSignatureCheckTests compares it with the platform's RSA over valid, altered and
/// foreign signatures; DerCertificateReaderTests compares whole certificates.
/// </remarks>
internal static class RsaSignatureCheck
{
    /// <summary>True or false as the platform's RSA would say it; null for a key or hash left to the platform.</summary>
    /// <param name="modulus">Unsigned, big-endian, without leading zeros.</param>
    public static bool? TryVerify(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        var hashOid = hash.Name switch
        {
            "SHA1" => "1.3.14.3.2.26",
            "SHA256" => "2.16.840.1.101.3.4.2.1",
            "SHA384" => "2.16.840.1.101.3.4.2.2",
            "SHA512" => "2.16.840.1.101.3.4.2.3",
            _ => null,
        };
        var bits = modulus.Length * 8;
        if (hashOid is null || modulus.Length == 0 || modulus[0] == 0 || bits is < 1024 or > 16384 || (modulus[^1] & 1) == 0)
        {
            return null;
        }

        var n = new BigInteger(modulus, isUnsigned: true, isBigEndian: true);
        var e = new BigInteger(exponent, isUnsigned: true, isBigEndian: true);
        if (e < 3 || e.IsEven || e >= n)
        {
            return null;
        }

        // The platform refuses a signature whose length is not the modulus's, and a value not below the modulus.
        var k = modulus.Length;
        if (signature.Length != k)
        {
            return false;
        }

        var s = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        if (s >= n)
        {
            return false;
        }

        var m = BigInteger.ModPow(s, e, n);
        var encoded = new byte[k];
        if (!m.TryWriteBytes(encoded.AsSpan(k - m.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true))
        {
            return false;
        }

        return encoded.AsSpan().SequenceEqual(ExpectedEncoding(k, DigestInfo(hashOid, HashOf(data, hash))));
    }

    // DigestInfo ::= SEQUENCE { digestAlgorithm SEQUENCE { OBJECT IDENTIFIER, NULL }, digest OCTET STRING }
    private static byte[] DigestInfo(string hashOid, byte[] digest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(hashOid);
                writer.WriteNull();
            }

            writer.WriteOctetString(digest);
        }

        return writer.Encode();
    }

    // EM = 0x00 || 0x01 || PS (0xFF…) || 0x00 || DigestInfo; a modulus of 1024 bits or more leaves PS longer than its minimum of 8 bytes.
    private static byte[] ExpectedEncoding(int length, byte[] digestInfo)
    {
        var expected = new byte[length];
        expected[1] = 0x01;
        expected.AsSpan(2, length - digestInfo.Length - 3).Fill(0xFF);
        digestInfo.CopyTo(expected.AsSpan(length - digestInfo.Length));
        return expected;
    }

    private static byte[] HashOf(ReadOnlySpan<byte> data, HashAlgorithmName hash) => hash.Name switch
    {
        "SHA1" => SHA1.HashData(data),
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };
}
