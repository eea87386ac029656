using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Extls.Generation;

namespace Extls.FixtureGen;

/// <summary>
/// The certificate files a plan imports, written byte for byte the same on every run: a .cer (DER), a .p7b (PKCS #7
/// holding the certificate and its issuers) and a .pfx (PKCS #12). .NET's own PKCS #12 export salts its MAC with random
/// bytes, so the .pfx is assembled here from the standard's parts with a salt computed from the certificate's name.
/// </summary>
internal static class CertificateFiles
{
    private const string Data = "1.2.840.113549.1.7.1";
    private const string SignedData = "1.2.840.113549.1.7.2";
    private const string KeyBag = "1.2.840.113549.1.12.10.1.1";
    private const string CertBag = "1.2.840.113549.1.12.10.1.3";
    private const string X509Certificate = "1.2.840.113549.1.9.22.1";
    private const string Sha256 = "2.16.840.1.101.3.4.2.1";
    private const int MacIterations = 2048;

    public static byte[] Cer(GeneratedCertificate certificate) => certificate.GetRawData();

    /// <summary>A degenerate signed-data (certificates only, no signer), as a CA hands out a certificate with its chain.</summary>
    public static byte[] P7b(GeneratedCertificate certificate)
    {
        var chain = new List<GeneratedCertificate>();
        for (var c = certificate; c is not null; c = c.Issuer)
        {
            chain.Add(c);
        }

        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(SignedData);
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (w.PushSequence())
            {
                w.WriteInteger(1);
                using (w.PushSetOf())
                {
                }

                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(Data);
                }

                using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    foreach (var c in chain)
                    {
                        w.WriteEncodedValue(c.GetRawData());
                    }
                }

                using (w.PushSetOf())
                {
                }
            }
        }

        return w.Encode();
    }

    /// <summary>
    /// PKCS #12 (RFC 7292): the certificate and its private key in one unencrypted safe, its integrity sealed with an
    /// HMAC-SHA-256 keyed from the password. The keys of fixtures protect nothing (they are derived from their names),
    /// so nothing is lost by leaving the key bag unencrypted; the password still has to be right for the file to open.
    /// </summary>
    public static byte[] Pfx(GeneratedCertificate certificate, string password)
    {
        using var withKey = certificate.CopyWithPrivateKey();
        using var key = withKey.GetRSAPrivateKey() ?? throw new InvalidOperationException($"{certificate.Name}: only RSA certificates are written as .pfx");

        var safe = new AsnWriter(AsnEncodingRules.DER);
        using (safe.PushSequence())
        {
            using (safe.PushSequence())
            {
                safe.WriteObjectIdentifier(CertBag);
                using (safe.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                using (safe.PushSequence())
                {
                    safe.WriteObjectIdentifier(X509Certificate);
                    using (safe.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                    {
                        safe.WriteOctetString(certificate.GetRawData());
                    }
                }
            }

            using (safe.PushSequence())
            {
                safe.WriteObjectIdentifier(KeyBag);
                using (safe.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    safe.WriteEncodedValue(key.ExportPkcs8PrivateKey());
                }
            }
        }

        var authenticated = new AsnWriter(AsnEncodingRules.DER);
        using (authenticated.PushSequence())
        {
            DataContent(authenticated, safe.Encode());
        }

        var content = authenticated.Encode();
        var salt = SHA256.HashData(Encoding.UTF8.GetBytes("extls-fixture-pfx-salt/" + certificate.Name))[..16];
        var mac = HMACSHA256.HashData(MacKey(password, salt), content);

        var pfx = new AsnWriter(AsnEncodingRules.DER);
        using (pfx.PushSequence())
        {
            pfx.WriteInteger(3);
            DataContent(pfx, content);
            using (pfx.PushSequence())
            {
                using (pfx.PushSequence())
                {
                    using (pfx.PushSequence())
                    {
                        pfx.WriteObjectIdentifier(Sha256);
                        pfx.WriteNull();
                    }

                    pfx.WriteOctetString(mac);
                }

                pfx.WriteOctetString(salt);
                pfx.WriteInteger(MacIterations);
            }
        }

        return pfx.Encode();
    }

    private static void DataContent(AsnWriter w, byte[] octets)
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(Data);
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                w.WriteOctetString(octets);
            }
        }
    }

    /// <summary>RFC 7292 appendix B.2 with SHA-256 (u = 32, v = 64) and ID 3: the MAC key, one hash output long.</summary>
    private static byte[] MacKey(string password, byte[] salt)
    {
        static byte[] Fill(byte[] x)
        {
            var length = 64 * ((x.Length + 63) / 64);
            var filled = new byte[length];
            for (var i = 0; i < length; i++)
            {
                filled[i] = x[i % x.Length];
            }

            return filled;
        }

        var input = Enumerable.Repeat((byte)3, 64).Concat(Fill(salt)).Concat(Fill(Encoding.BigEndianUnicode.GetBytes(password + "\0"))).ToArray();
        var a = SHA256.HashData(input);
        for (var i = 1; i < MacIterations; i++)
        {
            a = SHA256.HashData(a);
        }

        return a;
    }
}
