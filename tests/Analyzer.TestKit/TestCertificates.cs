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

    // Key generation is the slow part (about a second for RSA 2048 on a busy machine); signing is fast,
    // so every certificate of a kind shares one key. Thumbprints still differ by subject, dates and serial.
    private static readonly Lazy<RSA> LeafRsa = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> CaRsa = new(() => RSA.Create(2048));
    private static readonly Lazy<ECDsa> LeafEc = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static int serial;

    /// <summary>A self-signed certificate (the kind Exchange setup makes), DER-encoded.</summary>
    public static byte[] SelfSigned(
        string subject = "CN=EX01",
        IEnumerable<string>? dnsNames = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        KeyKind kind = KeyKind.Rsa2048Sha256)
    {
        var name = new X500DistinguishedName(subject);
        X509SignatureGenerator generator;
        CertificateRequest request;
        lock (LeafRsa)
        {
            switch (kind)
            {
                case KeyKind.EcdsaP256Sha256:
                    generator = X509SignatureGenerator.CreateForECDsa(LeafEc.Value);
                    request = new CertificateRequest(name, LeafEc.Value, HashAlgorithmName.SHA256);
                    break;
                case KeyKind.Rsa2048Sha1:
                    // .NET refuses to create SHA-1 signatures, yet old Exchange certificates have them.
                    generator = new Sha1RsaSignatureGenerator(LeafRsa.Value);
                    request = new CertificateRequest(name, generator.PublicKey, HashAlgorithmName.SHA1);
                    break;
                default:
                    generator = X509SignatureGenerator.CreateForRSA(LeafRsa.Value, RSASignaturePadding.Pkcs1);
                    request = new CertificateRequest(name, LeafRsa.Value, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    break;
            }

            AddExtensions(request, dnsNames);
            using var cert = request.Create(name, generator, notBefore ?? Build.AsOf.AddYears(-1), notAfter ?? Build.AsOf.AddYears(4), NextSerial());
            return cert.RawData;
        }
    }

    private static byte[] NextSerial() => BitConverter.GetBytes(Interlocked.Increment(ref serial) + 0x1000);

    /// <summary>A certificate issued by a freshly made CA: subject and issuer differ and it is not self-signed.</summary>
    public static (byte[] Leaf, byte[] Ca) CaIssued(
        string subject = "CN=mail.contoso.com, O=Contoso, C=US",
        string issuer = "CN=Contoso Issuing CA, O=Contoso, C=US",
        IEnumerable<string>? dnsNames = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        var caKey = CaRsa.Value;
        var caRequest = new CertificateRequest(issuer, caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(Build.AsOf.AddYears(-5), Build.AsOf.AddYears(10));

        var leafKey = LeafRsa.Value;
        var request = new CertificateRequest(subject, leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddExtensions(request, dnsNames);
        lock (LeafRsa)
        {
            using var leaf = request.Create(ca, notBefore ?? Build.AsOf.AddYears(-1), notAfter ?? Build.AsOf.AddYears(1), NextSerial());
            return (leaf.RawData, ca.RawData);
        }
    }

    /// <summary>Upper-case hex SHA-1 of the DER: the thumbprint Exchange shows.</summary>
    public static string Thumbprint(byte[] der) => Convert.ToHexString(SHA1.HashData(der));

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

    private sealed class Sha1RsaSignatureGenerator(RSA key) : X509SignatureGenerator
    {
        // AlgorithmIdentifier { sha1WithRSAEncryption, NULL }
        private static readonly byte[] Sha1RsaIdentifier = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05, 0x05, 0x00];

        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => Sha1RsaIdentifier;

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) => key.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);

        protected override PublicKey BuildPublicKey() => CreateForRSA(key, RSASignaturePadding.Pkcs1).PublicKey;
    }
}
