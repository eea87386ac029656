using Extls.Import.Certificates;
using Extls.TestKit;

namespace Extls.Import.Tests;

public class CertificateParserTests
{
    [Fact]
    public void Rsa_sha256_self_signed_with_sans()
    {
        var der = TestCertificates.SelfSigned("CN=EX01, O=Contoso, C=US", ["ex01.contoso.com", "EX01"]);
        var c = CertificateParser.TryParse(der, out var error)!;
        Assert.Null(error);
        Assert.Equal(TestCertificates.Thumbprint(der), c.Thumbprint);
        Assert.Equal(c.Thumbprint.ToUpperInvariant(), c.Thumbprint);
        Assert.Equal("CN=EX01, O=Contoso, C=US", c.Subject);
        Assert.Equal(c.Subject, c.Issuer);
        Assert.Equal("EX01", c.SubjectCommonName);
        Assert.Equal(["ex01.contoso.com", "EX01"], c.DnsNames.ToArray());
        Assert.Equal(3, c.Version);
        Assert.Equal("RSA", c.KeyAlgorithm);
        Assert.Equal(2048, c.KeySize);
        Assert.Equal("sha256RSA", c.SignatureAlgorithm);
        Assert.Equal("1.2.840.113549.1.1.11", c.SignatureAlgorithmOid);
        Assert.True(c.IsSelfSigned);
        Assert.True(c.FromDer);
        Assert.Equal(der, c.RawData.ToArray());
    }

    [Fact]
    public void Validity_is_utc_to_the_second()
    {
        var nb = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var na = new DateTimeOffset(2030, 6, 7, 8, 9, 10, TimeSpan.Zero);
        var c = CertificateParser.TryParse(TestCertificates.SelfSigned(notBefore: nb, notAfter: na), out _)!;
        Assert.Equal(nb, c.NotBefore);
        Assert.Equal(na, c.NotAfter);
        Assert.Equal(TimeSpan.Zero, c.NotAfter.Offset);
    }

    [Fact]
    public void Rsa_sha1_self_signed()
    {
        var c = CertificateParser.TryParse(TestCertificates.SelfSigned(kind: TestCertificates.KeyKind.Rsa2048Sha1), out _)!;
        Assert.Equal("sha1RSA", c.SignatureAlgorithm);
        Assert.True(c.IsSelfSigned);
    }

    [Fact]
    public void Ecdsa_p256()
    {
        var c = CertificateParser.TryParse(TestCertificates.SelfSigned(kind: TestCertificates.KeyKind.EcdsaP256Sha256), out _)!;
        Assert.Equal("ECDSA", c.KeyAlgorithm);
        Assert.Equal(256, c.KeySize);
        Assert.Equal("sha256ECDSA", c.SignatureAlgorithm);
        Assert.True(c.IsSelfSigned);
    }

    [Fact]
    public void Ca_issued_is_not_self_signed()
    {
        var (leaf, ca) = TestCertificates.CaIssued(dnsNames: ["mail.contoso.com"]);
        var c = CertificateParser.TryParse(leaf, out _)!;
        Assert.False(c.IsSelfSigned);
        Assert.Equal("CN=Contoso Issuing CA, O=Contoso, C=US", c.Issuer);
        Assert.Equal("mail.contoso.com", c.SubjectCommonName);
        Assert.True(CertificateParser.TryParse(ca, out _)!.IsSelfSigned);
    }

    [Fact]
    public void Subject_equal_to_issuer_but_signed_by_another_key_is_not_self_signed()
    {
        // A CA named like its leaf: same names, but the leaf's own key does not verify the signature.
        var (leaf, _) = TestCertificates.CaIssued(subject: "CN=Same", issuer: "CN=Same");
        Assert.False(CertificateParser.TryParse(leaf, out _)!.IsSelfSigned);
    }

    [Fact]
    public void Garbage_is_not_a_certificate()
    {
        Assert.Null(CertificateParser.TryParse([1, 2, 3, 4], out var error));
        Assert.NotNull(error);
        Assert.Null(CertificateParser.TryParse([], out error));
        Assert.NotNull(error);
    }
}
