using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Extls.FixtureGen;

/// <summary>Real certificates for the fixtures, made from committed test keys so that regeneration is byte-identical.</summary>
internal static class Certs
{
    private static int serial = 0x1000;
    private static readonly Dictionary<string, X509Certificate2> Cache = new(StringComparer.Ordinal);

    private static readonly Lazy<X509Certificate2> RootCert = new(MakeRoot);

    /// <summary>Where the test keys live; set before the first certificate is made.</summary>
    public static string? KeyDirectory { get; set; }

    public static X509Certificate2 Root => RootCert.Value;

    /// <summary>
    /// The key for one certificate: read from the committed test keys when present, made (and saved) otherwise,
    /// so that regenerating the fixtures gives the same bytes and the same thumbprints.
    /// </summary>
    private static RSA Key(string name, int bits)
    {
        var rsa = RSA.Create();
        var path = KeyDirectory is null ? null : Path.Combine(KeyDirectory, name + ".pem");
        if (path is not null && File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            if (rsa.KeySize == bits)
            {
                return rsa;
            }
        }

        rsa.Dispose();
        rsa = RSA.Create(bits);
        if (path is not null)
        {
            Directory.CreateDirectory(KeyDirectory!);
            File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem() + "\n");
        }

        return rsa;
    }

    private static byte[] NextSerial()
    {
        serial++;
        var bytes = BitConverter.GetBytes(serial);
        Array.Reverse(bytes);
        return [0x3A, 0x7E, .. bytes];
    }

    private static X509Certificate2 MakeRoot()
    {
        using var key = Key("root", 2048);
        var req = new CertificateRequest("CN=Contoso Test Root CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        // CreateSelfSigned picks a random serial number; a fixed one keeps regeneration byte-identical.
        using var pub = req.Create(req.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), D(2020, 1, 1), D(2040, 1, 1), [0x01, 0x7E, 0x57]);
        return pub.CopyWithPrivateKey(key);
    }

    public static DateTimeOffset D(int y, int m, int d) => new(y, m, d, 0, 0, 0, TimeSpan.Zero);

    private static void ServerExtensions(CertificateRequest req, IEnumerable<string> dns)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var n in dns)
        {
            san.AddDnsName(n);
        }

        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
    }

    /// <summary>Exchange's setup certificate: CN=&lt;SERVER&gt;, SAN the NetBIOS name and the FQDN.</summary>
    public static X509Certificate2 SelfSigned(string key, string server, string fqdn, DateTimeOffset notBefore, DateTimeOffset notAfter, bool sha1 = false)
    {
        if (Cache.TryGetValue(key, out var c))
        {
            return c;
        }

        using var rsa = Key(key, 2048);
        var req = new CertificateRequest($"CN={server}", rsa, sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        ServerExtensions(req, [server, fqdn]);
        using var gen = sha1
            ? X509Certificate2.CreateFromPem(SignSha1SelfSigned(req, rsa, notBefore, notAfter))
            : req.Create(req.SubjectName, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), notBefore, notAfter, NextSerial());
        c = X509CertificateLoader.LoadCertificate(gen.RawData);
        Cache[key] = c;
        return c;
    }

    // .NET's built-in generator refuses SHA-1 (it is deprecated); Exchange's setup certificate used it, so sign by hand.
    private static string SignSha1SelfSigned(CertificateRequest req, RSA rsa, DateTimeOffset nb, DateTimeOffset na)
    {
        var cert = req.Create(req.SubjectName, new Sha1RsaGenerator(rsa), nb, na, NextSerial());
        return cert.ExportCertificatePem();
    }

    private sealed class Sha1RsaGenerator(RSA key) : X509SignatureGenerator
    {
        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier("1.2.840.113549.1.1.5");
                w.WriteNull();
            }

            return w.Encode();
        }

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
            key.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);

        protected override PublicKey BuildPublicKey() => PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
    }

    /// <summary>A certificate issued by the test root CA.</summary>
    public static X509Certificate2 Issued(string key, string subject, string[] dns, DateTimeOffset notBefore, DateTimeOffset notAfter, int bits = 2048)
    {
        if (Cache.TryGetValue(key, out var c))
        {
            return c;
        }

        using var rsa = Key(key, bits);
        var req = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        ServerExtensions(req, dns);
        using var gen = req.Create(Root, notBefore, notAfter, NextSerial());
        c = X509CertificateLoader.LoadCertificate(gen.RawData);
        Cache[key] = c;
        return c;
    }

    /// <summary>An X.509 v1 certificate (no version field, no extensions), which CertificateRequest cannot make.</summary>
    public static X509Certificate2 Version1(string key, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        if (Cache.TryGetValue(key, out var c))
        {
            return c;
        }

        using var rsa = Key(key, 2048);
        var alg = new AsnWriter(AsnEncodingRules.DER);
        using (alg.PushSequence())
        {
            alg.WriteObjectIdentifier("1.2.840.113549.1.1.11");
            alg.WriteNull();
        }

        var algBytes = alg.Encode();
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(new BigInteger(NextSerial(), isUnsigned: true, isBigEndian: true));
            tbs.WriteEncodedValue(algBytes);
            tbs.WriteEncodedValue(Root.SubjectName.RawData);
            using (tbs.PushSequence())
            {
                tbs.WriteUtcTime(notBefore);
                tbs.WriteUtcTime(notAfter);
            }

            tbs.WriteEncodedValue(new X500DistinguishedName(subject).RawData);
            tbs.WriteEncodedValue(rsa.ExportSubjectPublicKeyInfo());
        }

        var tbsBytes = tbs.Encode();
        using var rootKey = Root.GetRSAPrivateKey()!;
        var sig = rootKey.SignData(tbsBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var cert = new AsnWriter(AsnEncodingRules.DER);
        using (cert.PushSequence())
        {
            cert.WriteEncodedValue(tbsBytes);
            cert.WriteEncodedValue(algBytes);
            cert.WriteBitString(sig);
        }

        c = X509CertificateLoader.LoadCertificate(cert.Encode());
        Cache[key] = c;
        return c;
    }

    public static IReadOnlyList<string> DnsNames(X509Certificate2 cert)
    {
        var ext = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return ext is null ? [] : ext.EnumerateDnsNames().ToList();
    }
}
