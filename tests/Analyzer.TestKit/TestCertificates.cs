using System.Globalization;
using System.Security.Cryptography;
using Extls.Generation;

namespace Extls.TestKit;

/// <summary>
/// Real certificates for unit tests, from the product's <see cref="CertificateFactory"/>, so tests exercise the
/// same DER parsing as a real dump. Each certificate is named by everything it is made of: asking twice for the
/// same one gives the same bytes, in any test, on any run, in any order.
/// </summary>
public static class TestCertificates
{
    public enum KeyKind
    {
        Rsa2048Sha256,
        Rsa2048Sha1,
        EcdsaP256Sha256,
    }

    // Deriving a key is the slow part, so leaf certificates share one key per algorithm and CAs another; the
    // factory signs on any thread without a lock of ours. Thumbprints still differ by subject, dates and serial.
    private const string LeafKey = "testkit-leaf";
    private const string CaKey = "testkit-ca";

    private static readonly CertificateFactory Factory = new();

    /// <summary>A self-signed certificate (the kind Exchange setup makes), DER-encoded.</summary>
    public static byte[] SelfSigned(
        string subject = "CN=EX01",
        IEnumerable<string>? dnsNames = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        KeyKind kind = KeyKind.Rsa2048Sha256)
    {
        var spec = Leaf("self-signed " + kind, subject, dnsNames, notBefore ?? Build.AsOf.AddYears(-1), notAfter ?? Build.AsOf.AddYears(4)) with
        {
            KeyAlgorithm = kind == KeyKind.EcdsaP256Sha256 ? KeyAlgorithm.EcdsaP256 : KeyAlgorithm.Rsa,
            KeySize = kind == KeyKind.EcdsaP256Sha256 ? 256 : 2048,
            SignatureHash = kind == KeyKind.Rsa2048Sha1 ? SignatureHash.Sha1 : SignatureHash.Sha256,
        };
        return Factory.Create(spec).GetRawData();
    }

    /// <summary>A certificate issued by a CA of the given name: subject and issuer differ and it is not self-signed.</summary>
    public static (byte[] Leaf, byte[] Ca) CaIssued(
        string subject = "CN=mail.contoso.com, O=Contoso, C=US",
        string issuer = "CN=Contoso Issuing CA, O=Contoso, C=US",
        IEnumerable<string>? dnsNames = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        var ca = Factory.Create(new CertificateSpec
        {
            Name = "ca " + issuer,
            Subject = issuer,
            NotBefore = Build.AsOf.AddYears(-5),
            NotAfter = Build.AsOf.AddYears(10),
            KeyName = CaKey,
            IsAuthority = true,
            Extensions = CertificateExtensions.BasicConstraints,
        });
        var leaf = Factory.Create(Leaf("issued by " + issuer, subject, dnsNames, notBefore ?? Build.AsOf.AddYears(-1), notAfter ?? Build.AsOf.AddYears(1)), ca);
        return (leaf.GetRawData(), ca.GetRawData());
    }

    /// <summary>Upper-case hex SHA-1 of the DER: the thumbprint Exchange shows.</summary>
    public static string Thumbprint(byte[] der) => Convert.ToHexString(SHA1.HashData(der));

    private static CertificateSpec Leaf(string kind, string subject, IEnumerable<string>? dnsNames, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var names = dnsNames?.ToArray() ?? [];
        return new CertificateSpec
        {
            Name = string.Join(" | ", kind, subject, string.Join(",", names), notBefore.ToString("O", CultureInfo.InvariantCulture), notAfter.ToString("O", CultureInfo.InvariantCulture)),
            Subject = subject,
            DnsNames = names,
            NotBefore = notBefore,
            NotAfter = notAfter,
            KeyName = LeafKey,
            Extensions = CertificateExtensions.SubjectAlternativeName,
        };
    }
}
