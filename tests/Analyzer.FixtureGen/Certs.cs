using System.Security.Cryptography.X509Certificates;
using Extls.Generation;

namespace Extls.FixtureGen;

/// <summary>
/// The fixtures' certificates, from the product's <see cref="CertificateFactory"/>. Each is known by a stable name
/// ("ss-EX01", "ca-EX01-expired"), from which its serial number and key are computed, so a certificate's bytes do not
/// depend on which scenarios exist or in which order they are generated, and regeneration is byte-identical.
/// </summary>
internal static class Certs
{
    private static readonly CertificateFactory Process = new();
    private static readonly AsyncLocal<CertificateFactory?> Scoped = new();

    private static CertificateFactory Factory => Scoped.Value ?? Process;

    /// <summary>
    /// Makes the following certificates in a factory of their own until disposed, so that a test can generate the
    /// fixtures twice without the second run reusing the first one's certificates.
    /// </summary>
    public static IDisposable FreshFactory()
    {
        var previous = Scoped.Value;
        Scoped.Value = new CertificateFactory();
        return new Restore(() => Scoped.Value = previous);
    }

    public static GeneratedCertificate Create(CertificateSpec spec, GeneratedCertificate? issuer = null) => Factory.Create(spec, issuer);

    private static GeneratedCertificate RootCa => Create(new CertificateSpec
    {
        Name = "root",
        Subject = "CN=Contoso Test Root CA",
        NotBefore = D(2020, 1, 1),
        NotAfter = D(2040, 1, 1),
        IsAuthority = true,
        Extensions = CertificateExtensions.Authority,
    });

    public static X509Certificate2 Root => RootCa.Certificate;

    public static DateTimeOffset D(int y, int m, int d) => new(y, m, d, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Exchange's setup certificate: CN=&lt;SERVER&gt;, SAN the NetBIOS name and the FQDN.</summary>
    public static X509Certificate2 SelfSigned(string name, string server, string fqdn, DateTimeOffset notBefore, DateTimeOffset notAfter, bool sha1 = false) =>
        Create(new CertificateSpec
        {
            Name = name,
            Subject = $"CN={server}",
            DnsNames = [server, fqdn],
            NotBefore = notBefore,
            NotAfter = notAfter,
            SignatureHash = sha1 ? SignatureHash.Sha1 : SignatureHash.Sha256,
        }).Certificate;

    /// <summary>A certificate issued by the test root CA.</summary>
    public static X509Certificate2 Issued(string name, string subject, string[] dns, DateTimeOffset notBefore, DateTimeOffset notAfter, int bits = 2048) =>
        Create(new CertificateSpec
        {
            Name = name,
            Subject = subject,
            DnsNames = dns,
            NotBefore = notBefore,
            NotAfter = notAfter,
            KeySize = bits,
        }, RootCa).Certificate;

    /// <summary>An issuing CA under the test root, for certificates renewed under another issuer.</summary>
    public static GeneratedCertificate IssuingCa(string name, string subject) => Create(new CertificateSpec
    {
        Name = name,
        Subject = subject,
        NotBefore = D(2022, 1, 1),
        NotAfter = D(2036, 1, 1),
        IsAuthority = true,
        Extensions = CertificateExtensions.Authority,
    }, RootCa);

    /// <summary>A certificate issued by <paramref name="issuer"/> instead of the test root.</summary>
    public static X509Certificate2 IssuedBy(GeneratedCertificate issuer, string name, string subject, string[] dns, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Create(new CertificateSpec
        {
            Name = name,
            Subject = subject,
            DnsNames = dns,
            NotBefore = notBefore,
            NotAfter = notAfter,
        }, issuer).Certificate;

    /// <summary>An X.509 v1 certificate (no version field, no extensions) issued by the test root CA.</summary>
    public static X509Certificate2 Version1(string name, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Create(new CertificateSpec
        {
            Name = name,
            Subject = subject,
            NotBefore = notBefore,
            NotAfter = notAfter,
            Version = 1,
            Extensions = CertificateExtensions.None,
        }, RootCa).Certificate;

    public static IReadOnlyList<string> DnsNames(X509Certificate2 cert)
    {
        var ext = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return ext is null ? [] : ext.EnumerateDnsNames().ToList();
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
