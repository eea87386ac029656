using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Extls.Import.Certificates;
using Extls.TestKit;

namespace Extls.Import.Tests;

public sealed class CertificateCacheTests
{
    [Fact]
    public void The_same_DER_in_another_array_is_parsed_once_and_shared()
    {
        var der = TestCertificates.SelfSigned("CN=EX01");
        var cache = new CertificateCache();

        var first = cache.TryParse(der, out var error);
        var second = cache.TryParse([.. der], out var again);

        Assert.Null(error);
        Assert.Null(again);
        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(1, cache.Distinct);
        Assert.NotSame(first, cache.TryParse(TestCertificates.SelfSigned("CN=EX02"), out _));
        Assert.Equal(2, cache.Distinct);
    }

    [Fact]
    public void Bytes_that_are_no_certificate_keep_their_reason()
    {
        var cache = new CertificateCache();

        Assert.Null(cache.TryParse([1, 2, 3], out var error));
        Assert.Null(cache.TryParse([1, 2, 3], out var again));

        Assert.StartsWith("Not a certificate", error, StringComparison.Ordinal);
        Assert.Equal(error, again);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(3072)]
    public void The_RSA_key_size_is_read_from_the_encoded_key_as_the_platform_reads_it(int bits)
    {
        using var key = RSA.Create(bits);
        var request = new CertificateRequest("CN=legacy", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1));

        var parsed = CertificateParser.TryParse(cert.RawData, out _)!;

        Assert.Equal(bits, parsed.KeySize);
        Assert.True(parsed.IsSelfSigned);
    }

    [Fact]
    public void A_CA_issued_certificate_is_not_self_signed_and_still_has_its_key_size()
    {
        var (leaf, _) = TestCertificates.CaIssued();

        var parsed = CertificateParser.TryParse(leaf, out _)!;

        Assert.False(parsed.IsSelfSigned);
        Assert.Equal(2048, parsed.KeySize);
    }

    [Fact]
    public void Certificates_that_share_a_key_import_it_once_and_each_is_verified_by_its_own_signature()
    {
        using var key = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        byte[] SelfSigned(string name) =>
            new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1)).RawData;

        // Subject and issuer alike and the shared key inside, but signed with another key: self-issued, not self-signed.
        var request = new CertificateRequest("CN=EX02", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var forged = request.Create(new X500DistinguishedName("CN=EX02"), X509SignatureGenerator.CreateForRSA(otherKey, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1), [1, 2, 3]);

        using var cache = new CertificateCache();
        var first = cache.TryParse(SelfSigned("CN=EX01"), out _)!;
        var notSelfSigned = cache.TryParse(forged.RawData, out _)!;
        var third = cache.TryParse(SelfSigned("CN=EX03"), out _)!;

        Assert.Equal(3, cache.Distinct);
        Assert.Equal(1, cache.Keys);
        Assert.True(first.IsSelfSigned);
        Assert.False(notSelfSigned.IsSelfSigned);
        Assert.True(third.IsSelfSigned);
        Assert.False(CertificateParser.TryParse(forged.RawData, out _)!.IsSelfSigned);
    }
}
