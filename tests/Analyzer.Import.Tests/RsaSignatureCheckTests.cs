using System.Security.Cryptography;
using Extls.Import.Certificates;

namespace Extls.Import.Tests;

/// <summary>The managed RSA PKCS#1 v1.5 check says what the platform's RSA says, on valid and on every kind of bad signature.</summary>
public sealed class RsaSignatureCheckTests
{
    public static TheoryData<int, string> KeysAndHashes()
    {
        var data = new TheoryData<int, string>();
        foreach (var bits in new[] { 1024, 2048, 3072 })
        {
            foreach (var hash in new[] { "SHA1", "SHA256", "SHA384", "SHA512" })
            {
                data.Add(bits, hash);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KeysAndHashes))]
    public void It_says_what_the_platform_says(int bits, string hashName)
    {
        var hash = new HashAlgorithmName(hashName);
        using var key = RSA.Create(bits);
        using var other = RSA.Create(bits);
        var p = key.ExportParameters(includePrivateParameters: false);
        var data = System.Text.Encoding.UTF8.GetBytes("tbsCertificate of CN=EX01 " + bits);
        var valid = key.SignData(data, hash, RSASignaturePadding.Pkcs1);

        var cases = new List<(string How, byte[] Data, byte[] Signature)>
        {
            ("valid", data, valid),
            ("other data", [.. data, 1], valid),
            ("another key's signature", data, other.SignData(data, hash, RSASignaturePadding.Pkcs1)),
            ("another hash's signature", data, key.SignData(data, hashName == "SHA256" ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            ("one byte short", data, valid[1..]),
            ("one byte long", data, [0, .. valid]),
            ("the modulus itself", data, p.Modulus!),
            ("all ones", data, Enumerable.Repeat((byte)0xFF, valid.Length).ToArray()),
            ("zero", data, new byte[valid.Length]),
            ("one", data, [.. new byte[valid.Length - 1], 1]),
        };
        // PSS with the hash's length of salt does not fit a 1024-bit key with SHA-512.
        if (bits > 1024 || hashName != "SHA512")
        {
            cases.Add(("a PSS signature", data, key.SignData(data, hash, RSASignaturePadding.Pss)));
        }

        for (var i = 0; i < valid.Length; i += 5)
        {
            var altered = (byte[])valid.Clone();
            altered[i] ^= 0x01;
            cases.Add(($"bit 0 of byte {i} flipped", data, altered));
        }

        foreach (var (how, signed, signature) in cases)
        {
            var expected = key.VerifyData(signed, signature, hash, RSASignaturePadding.Pkcs1);
            var actual = RsaSignatureCheck.TryVerify(p.Modulus, p.Exponent, signed, signature, hash);
            Assert.True(actual == expected, $"{how}: the platform says {expected}, the check {actual?.ToString() ?? "null"}");
        }
    }

    [Fact]
    public void Hashes_and_keys_it_does_not_check_are_left_to_the_platform()
    {
        using var key = RSA.Create(2048);
        var p = key.ExportParameters(false);
        var signature = key.SignData([1], HashAlgorithmName.MD5, RSASignaturePadding.Pkcs1);

        Assert.Null(RsaSignatureCheck.TryVerify(p.Modulus, p.Exponent, [1], signature, HashAlgorithmName.MD5));
        Assert.Null(RsaSignatureCheck.TryVerify(p.Modulus.AsSpan(0, 64), p.Exponent, [1], signature, HashAlgorithmName.SHA256));
        Assert.Null(RsaSignatureCheck.TryVerify(p.Modulus, [1], [1], signature, HashAlgorithmName.SHA256));
    }
}
