using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Extls.Generation;

namespace Extls.Redaction;

/// <summary>
/// Issues, for each certificate of the dump, a new certificate under the pseudonymous names with everything else the
/// analysis reads kept: validity, key algorithm and size, signature hash (SHA-1 included), X.509 version, the
/// extensions present, authority or not, self-signed or issued. Keys are the factory's derived keys, one per
/// algorithm and size for all end-entity certificates and one per algorithm for the stand-in issuers, so a dump of
/// hundreds of certificates costs a handful of key derivations; nothing extls reads depends on which key a
/// certificate carries. Bytes that are not a certificate stay bytes that are not one.
/// </summary>
internal sealed class CertificateReissuer(RedactionKey key, Pseudonyms names)
{
    private static readonly DateTimeOffset IssuerNotBefore = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset IssuerNotAfter = new(2099, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly CertificateFactory factory = new();
    private readonly Dictionary<string, byte[]?> done = new(StringComparer.Ordinal);
    private readonly List<RedactionNote> warnings = [];

    /// <summary>What could not be kept exactly (an algorithm the factory does not make), one line per certificate.</summary>
    public IReadOnlyList<RedactionNote> Warnings => warnings;

    public int Count => done.Count;

    /// <summary>The new DER for these bytes, or null when they are not a certificate.</summary>
    public byte[]? Reissue(byte[] der)
    {
        var id = Convert.ToHexString(SHA1.HashData(der));
        if (done.TryGetValue(id, out var known))
        {
            return known;
        }

        X509Certificate2 cert;
        try
        {
            cert = X509CertificateLoader.LoadCertificate(der);
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException or ArgumentException or FormatException)
        {
            done[id] = null;
            return null;
        }

        using (cert)
        {
            var made = Make(cert);
            var bytes = made.GetRawData();
            done[id] = bytes;
            names.RecordCertificate(Convert.ToHexString(SHA1.HashData(cert.RawData)), made.Thumbprint, cert.SerialNumber.ToUpperInvariant(), made.Certificate.SerialNumber.ToUpperInvariant());
            names.Thumbprints[id] = made.Thumbprint;
            if (SubjectKeyId(cert) is { } oldSki && SubjectKeyId(made.Certificate) is { } newSki)
            {
                names.Serials[oldSki] = newSki;
            }

            return bytes;
        }
    }

    /// <summary>Bytes that are still not a certificate, of the same length, carrying nothing of the original.</summary>
    public byte[] Garble(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var result = key.Stream("garbage", Convert.ToHexString(SHA256.HashData(bytes)), bytes.Length);
        result[0] = 0x00; // never the SEQUENCE a certificate starts with
        return result;
    }

    /// <summary>Base64-like text that decodes (or fails to decode) as the original did, with other characters.</summary>
    public string GarbleText(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var stream = key.Stream("garbage-text", text, text.Length);
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (Alphabet.Contains(chars[i], StringComparison.Ordinal))
            {
                chars[i] = Alphabet[stream[i] % 64];
            }
        }

        return new string(chars);
    }

    private GeneratedCertificate Make(X509Certificate2 cert)
    {
        var (algorithm, size) = KeyOf(cert);
        var hash = HashOf(cert);
        var version = cert.Version == 1 ? 1 : 3;
        var extensions = version == 1 ? CertificateExtensions.None : ExtensionsOf(cert, out _);
        bool authority = cert.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
        var subject = SafeName(names.Dn(cert.SubjectName.Name) ?? names.Names(cert.SubjectName.Name));
        var dns = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(s => s.EnumerateDnsNames()).Select(names.DnsName).ToList();
        var name = "redact/" + key.Hex("certificate", Convert.ToHexString(SHA1.HashData(cert.RawData)), 32);
        var spec = new CertificateSpec
        {
            Name = name,
            Subject = subject,
            DnsNames = dns,
            NotBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            KeyAlgorithm = algorithm,
            KeySize = size,
            SignatureHash = hash,
            Version = version,
            KeyName = $"redact/{algorithm}/{size}",
            IsAuthority = authority,
            Extensions = extensions,
        };

        GeneratedCertificate? issuer = null;
        if (!SelfSigned(cert))
        {
            var issuerName = SameName(cert) ? subject : SafeName(names.Dn(cert.IssuerName.Name) ?? names.Names(cert.IssuerName.Name));
            var issuerAlgorithm = cert.SignatureAlgorithm.Value?.StartsWith("1.2.840.10045", StringComparison.Ordinal) == true ? KeyAlgorithm.EcdsaP256 : KeyAlgorithm.Rsa;
            issuer = factory.Create(new CertificateSpec
            {
                Name = "redact/issuer/" + issuerAlgorithm + "/" + key.Hex("issuer", issuerName.ToUpperInvariant(), 32),
                Subject = issuerName,
                NotBefore = IssuerNotBefore,
                NotAfter = IssuerNotAfter,
                KeyAlgorithm = issuerAlgorithm,
                KeySize = issuerAlgorithm == KeyAlgorithm.Rsa ? 2048 : 256,
                KeyName = "redact/issuer/" + issuerAlgorithm,
                IsAuthority = true,
                Extensions = CertificateExtensions.Authority,
            });
        }

        try
        {
            return factory.Create(spec, issuer);
        }
        catch (ArgumentException)
        {
            // A name the factory cannot encode (several attributes in one RDN): flattened into separate RDNs.
            warnings.Add(new RedactionNote(RedactionNoteKind.SubjectOneAttributePerRdn, cert.Thumbprint, spec.Subject));
            return factory.Create(spec with { Subject = spec.Subject.Replace(" + ", ", ", StringComparison.Ordinal).Replace("+", ",", StringComparison.Ordinal) }, issuer);
        }
    }

    /// <summary>An empty or unparsable name would stop the factory; a certificate without a subject keeps an empty one.</summary>
    private static string SafeName(string name) => name;

    private static bool SameName(X509Certificate2 cert) =>
        cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData) || string.Equals(cert.Subject, cert.Issuer, StringComparison.OrdinalIgnoreCase);

    /// <summary>As the importer decides it: the same name and a signature that verifies with the certificate's own key.</summary>
    private static bool SelfSigned(X509Certificate2 cert)
    {
        if (!SameName(cert))
        {
            return false;
        }

        try
        {
            var reader = new AsnReader(cert.RawData, AsnEncodingRules.DER).ReadSequence();
            var tbs = reader.ReadEncodedValue().ToArray();
            reader.ReadSequence();
            var signature = reader.ReadBitString(out _);
            var hash = HashName(cert.SignatureAlgorithm.Value);
            if (hash is null)
            {
                return true;
            }

            using var rsa = cert.GetRSAPublicKey();
            if (rsa is not null)
            {
                return rsa.VerifyData(tbs, signature, hash.Value, RSASignaturePadding.Pkcs1);
            }

            using var ec = cert.GetECDsaPublicKey();
            return ec is null || ec.VerifyData(tbs, signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException or NotSupportedException)
        {
            return false;
        }
    }

    private static HashAlgorithmName? HashName(string? oid) => oid switch
    {
        "1.2.840.113549.1.1.4" => HashAlgorithmName.MD5,
        "1.2.840.113549.1.1.5" or "1.2.840.10045.4.1" or "1.2.840.10040.4.3" => HashAlgorithmName.SHA1,
        "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" or "2.16.840.1.101.3.4.3.2" => HashAlgorithmName.SHA256,
        "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
        "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
        _ => null,
    };

    private SignatureHash HashOf(X509Certificate2 cert)
    {
        switch (cert.SignatureAlgorithm.Value)
        {
            case "1.2.840.113549.1.1.5" or "1.2.840.10045.4.1":
                return SignatureHash.Sha1;
            case "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2":
                return SignatureHash.Sha256;
            case "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3":
                return SignatureHash.Sha384;
            case "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4":
                return SignatureHash.Sha512;
            default:
                warnings.Add(new RedactionNote(RedactionNoteKind.SignatureAlgorithmReissued, cert.Thumbprint, cert.SignatureAlgorithm.FriendlyName ?? cert.SignatureAlgorithm.Value));
                return SignatureHash.Sha256;
        }
    }

    private (KeyAlgorithm, int) KeyOf(X509Certificate2 cert)
    {
        using var rsa = cert.GetRSAPublicKey();
        if (rsa is not null)
        {
            var size = rsa.KeySize;
            if (size % 16 == 0 && size is >= 512 and <= 8192)
            {
                return (KeyAlgorithm.Rsa, size);
            }

            var rounded = Math.Clamp((size + 15) / 16 * 16, 512, 8192);
            warnings.Add(new RedactionNote(RedactionNoteKind.RsaKeySizeRounded, cert.Thumbprint, Number: size, Limit: rounded));
            return (KeyAlgorithm.Rsa, rounded);
        }

        using var ec = cert.GetECDsaPublicKey();
        if (ec is not null && ec.KeySize == 256)
        {
            return (KeyAlgorithm.EcdsaP256, 256);
        }

        warnings.Add(new RedactionNote(RedactionNoteKind.KeyReissuedAsRsa, cert.Thumbprint, cert.PublicKey.Oid.FriendlyName ?? cert.PublicKey.Oid.Value));
        return (KeyAlgorithm.Rsa, 2048);
    }

    private static CertificateExtensions ExtensionsOf(X509Certificate2 cert, out bool other)
    {
        var flags = CertificateExtensions.None;
        other = false;
        foreach (var ext in cert.Extensions)
        {
            switch (ext)
            {
                case X509SubjectAlternativeNameExtension:
                    flags |= CertificateExtensions.SubjectAlternativeName;
                    break;
                case X509KeyUsageExtension:
                    flags |= CertificateExtensions.KeyUsage;
                    break;
                case X509EnhancedKeyUsageExtension eku when eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == "1.3.6.1.5.5.7.3.1"):
                    flags |= CertificateExtensions.ServerAuthentication;
                    break;
                case X509SubjectKeyIdentifierExtension:
                    flags |= CertificateExtensions.SubjectKeyIdentifier;
                    break;
                case X509BasicConstraintsExtension:
                    flags |= CertificateExtensions.BasicConstraints;
                    break;
                default:
                    other = true;
                    break;
            }
        }

        return flags;
    }

    private static string? SubjectKeyId(X509Certificate2 cert) =>
        cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifier?.ToUpperInvariant();
}
