using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Extls.TestKit;

/// <summary>Real certificates made in memory, so tests exercise the same DER parsing as a real dump.</summary>
public static class TestCertificates
{
    public enum KeyKind
    {
        Rsa2048Sha256,
        Rsa2048Sha1,
        EcdsaP256Sha256,
    }

    /// <summary>A self-signed certificate (the kind Exchange setup makes), DER-encoded.</summary>
    public static byte[] SelfSigned(
        string subject = "CN=EX01",
        IEnumerable<string>? dnsNames = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        KeyKind kind = KeyKind.Rsa2048Sha256)
    {
        using var key = CreateKey(kind, out var request, subject);
        AddExtensions(request, dnsNames);
        using var cert = request.CreateSelfSigned(notBefore ?? Build.AsOf.AddYears(-1), notAfter ?? Build.AsOf.AddYears(4));
        return cert.RawData;
    }

    /// <summary>A certificate issued by a freshly made CA: subject and issuer differ and it is not self-signed.</summary>
    public static (byte[] Leaf, byte[] Ca) CaIssued(
        string subject = "CN=mail.contoso.com, O=Contoso, C=US",
        string issuer = "CN=Contoso Issuing CA, O=Contoso, C=US",
        IEnumerable<string>? dnsNames = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest(issuer, caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(Build.AsOf.AddYears(-5), Build.AsOf.AddYears(10));

        using var leafKey = RSA.Create(2048);
        var request = new CertificateRequest(subject, leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddExtensions(request, dnsNames);
        var serial = new byte[] { 0x01, 0x23, 0x45, 0x67, 0x89 };
        using var leaf = request.Create(ca, notBefore ?? Build.AsOf.AddYears(-1), notAfter ?? Build.AsOf.AddYears(1), serial);
        return (leaf.RawData, ca.RawData);
    }

    /// <summary>Upper-case hex SHA-1 of the DER: the thumbprint Exchange shows.</summary>
    public static string Thumbprint(byte[] der) => Convert.ToHexString(SHA1.HashData(der));

    private static AsymmetricAlgorithm CreateKey(KeyKind kind, out CertificateRequest request, string subject)
    {
        switch (kind)
        {
            case KeyKind.EcdsaP256Sha256:
                var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                request = new CertificateRequest(subject, ec, HashAlgorithmName.SHA256);
                return ec;
            default:
                var rsa = RSA.Create(2048);
                request = new CertificateRequest(subject, rsa, kind == KeyKind.Rsa2048Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                return rsa;
        }
    }

    private static void AddExtensions(CertificateRequest request, IEnumerable<string>? dnsNames)
    {
        if (dnsNames is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                san.AddDnsName(name);
            }

            request.CertificateExtensions.Add(san.Build());
        }
    }
}
