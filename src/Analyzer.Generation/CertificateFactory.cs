using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Extls.Generation;

/// <summary>
/// Makes real X.509 certificates for tests, fixtures and generated organisations, reproducibly: a certificate's
/// bytes are a function of its <see cref="CertificateSpec"/> and its issuer, never of the order in which
/// certificates are made or of the clock. Serial numbers come from the certificate's name, keys from the key's
/// name (see README.md for why keys are derived rather than generated). Thread-safe.
/// </summary>
public sealed class CertificateFactory
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly ConcurrentDictionary<string, Lazy<GeneratedCertificate>> made = new(StringComparer.Ordinal);

    /// <param name="keyPoolSize">
    /// When set, a certificate without a <see cref="CertificateSpec.KeyName"/> takes one of this many keys, chosen by a
    /// hash of its name, instead of a key of its own: thousands of certificates then cost a handful of key derivations.
    /// </param>
    public CertificateFactory(int? keyPoolSize = null)
    {
        if (keyPoolSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(keyPoolSize), keyPoolSize, "a key pool needs at least one key");
        }

        KeyPoolSize = keyPoolSize;
    }

    public int? KeyPoolSize { get; }

    /// <summary>The certificates made so far, by name.</summary>
    public int Count => made.Count;

    /// <summary>
    /// The certificate <paramref name="spec"/> describes, signed by <paramref name="issuer"/> (self-signed when null).
    /// Asking again for the same name with the same spec and issuer returns the same certificate; with anything
    /// else it throws, because two certificates with one name would share a serial number.
    /// </summary>
    public GeneratedCertificate Create(CertificateSpec spec, GeneratedCertificate? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        var entry = made.GetOrAdd(spec.Name, _ => new Lazy<GeneratedCertificate>(() => Make(spec, issuer)));
        var cert = entry.Value;
        if (!cert.Spec.Equals(spec) || !ReferenceEquals(cert.Issuer, issuer))
        {
            throw new InvalidOperationException($"The certificate name '{spec.Name}' is already used for a different certificate; give each certificate its own name.");
        }

        return cert;
    }

    /// <summary>Derives the keys these specs will use, in parallel; later calls to <see cref="Create"/> then only sign.</summary>
    public void PrepareKeys(IEnumerable<CertificateSpec> specs)
    {
        var keys = specs.Select(s => (s.KeyAlgorithm, s.KeySize, KeyNameFor(s))).Distinct().ToList();
        Parallel.ForEach(keys, k => DerivedKey.For(k.KeyAlgorithm, k.KeySize, k.Item3));
    }

    /// <summary>The key a spec is made with: its own key name, else a pool slot, else the certificate's name.</summary>
    public string KeyNameFor(CertificateSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.KeyName is { } named)
        {
            return named;
        }

        if (KeyPoolSize is not { } pool)
        {
            return spec.Name;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(spec.Name));
        var slot = BitConverter.ToUInt32(hash, 0) % (uint)pool;
        return "pool/" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The serial number of the certificate called <paramref name="name"/>: 16 bytes of a hash of the name, positive
    /// and with a non-zero first byte so that every serial has the same length.
    /// </summary>
    public static byte[] SerialNumberFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{DerivedKey.Recipe}\0serial\0{name}"));
        var serial = hash[..16];
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    private static void Validate(CertificateSpec spec)
    {
        if (string.IsNullOrEmpty(spec.Name))
        {
            throw new ArgumentException("A certificate needs a name.", nameof(spec));
        }

        if (spec.NotAfter <= spec.NotBefore)
        {
            throw new ArgumentException($"{spec.Name}: NotAfter must be later than NotBefore.", nameof(spec));
        }

        if (spec.KeyAlgorithm == KeyAlgorithm.Rsa && (spec.KeySize % 16 != 0 || spec.KeySize < 512 || spec.KeySize > 8192))
        {
            throw new ArgumentException($"{spec.Name}: an RSA key size is a multiple of 16 from 512 to 8192, not {spec.KeySize}.", nameof(spec));
        }

        if (spec.KeyAlgorithm == KeyAlgorithm.EcdsaP256 && spec.KeySize != 256)
        {
            throw new ArgumentException($"{spec.Name}: a P-256 key has 256 bits, not {spec.KeySize}.", nameof(spec));
        }

        if (spec.Version is not (1 or 3))
        {
            throw new ArgumentException($"{spec.Name}: version {spec.Version} is not 1 or 3.", nameof(spec));
        }

        if (spec.Version == 1 && spec.Extensions != CertificateExtensions.None)
        {
            throw new ArgumentException($"{spec.Name}: an X.509 v1 certificate cannot carry extensions.", nameof(spec));
        }
    }

    private GeneratedCertificate Make(CertificateSpec spec, GeneratedCertificate? issuer)
    {
        var key = DerivedKey.For(spec.KeyAlgorithm, spec.KeySize, KeyNameFor(spec));
        var signer = new DerivedKeySignatureGenerator(issuer?.Key ?? key, spec.SignatureHash);
        var subject = DistinguishedNames.Encode(spec.Subject);
        var issuerName = issuer?.Certificate.SubjectName ?? subject;
        var serial = SerialNumberFor(spec.Name);
        var certificate = spec.Version == 1
            ? X509CertificateLoader.LoadCertificate(Version1(spec, key, subject, issuerName, signer, serial))
            : Version3(spec, key, subject, issuerName, signer, serial);
        return new GeneratedCertificate(spec, issuer, key, certificate);
    }

    private static X509Certificate2 Version3(CertificateSpec spec, DerivedKey key, X500DistinguishedName subject, X500DistinguishedName issuerName, DerivedKeySignatureGenerator signer, byte[] serial)
    {
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
        // The hash given here is only handed back to the generator, which knows its own.
        var request = new CertificateRequest(subject, publicKey, HashAlgorithmName.SHA256);
        var ext = spec.Extensions;
        if (ext.HasFlag(CertificateExtensions.BasicConstraints))
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(spec.IsAuthority, false, 0, true));
        }

        if (ext.HasFlag(CertificateExtensions.SubjectAlternativeName) && spec.DnsNames.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in spec.DnsNames)
            {
                san.AddDnsName(name);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        if (ext.HasFlag(CertificateExtensions.KeyUsage))
        {
            var usage = spec.IsAuthority
                ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign
                : spec.KeyAlgorithm == KeyAlgorithm.Rsa
                    ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment
                    : X509KeyUsageFlags.DigitalSignature;
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        }

        if (ext.HasFlag(CertificateExtensions.ServerAuthentication))
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        }

        if (ext.HasFlag(CertificateExtensions.SubjectKeyIdentifier))
        {
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        }

        return request.Create(issuerName, signer, spec.NotBefore, spec.NotAfter, serial);
    }

    /// <summary>RFC 5280 section 4.1 without the version field and extensions, which CertificateRequest always writes.</summary>
    private static byte[] Version1(CertificateSpec spec, DerivedKey key, X500DistinguishedName subject, X500DistinguishedName issuerName, DerivedKeySignatureGenerator signer, byte[] serial)
    {
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(new BigInteger(serial, isUnsigned: true, isBigEndian: true));
            tbs.WriteEncodedValue(signer.AlgorithmIdentifier);
            tbs.WriteEncodedValue(issuerName.RawData);
            using (tbs.PushSequence())
            {
                WriteTime(tbs, spec.NotBefore);
                WriteTime(tbs, spec.NotAfter);
            }

            tbs.WriteEncodedValue(subject.RawData);
            tbs.WriteEncodedValue(key.SubjectPublicKeyInfo);
        }

        var tbsBytes = tbs.Encode();
        var cert = new AsnWriter(AsnEncodingRules.DER);
        using (cert.PushSequence())
        {
            cert.WriteEncodedValue(tbsBytes);
            cert.WriteEncodedValue(signer.AlgorithmIdentifier);
            cert.WriteBitString(signer.SignData(tbsBytes, default));
        }

        return cert.Encode();
    }

    /// <summary>RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, whole seconds.</summary>
    private static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        utc = utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
        if (utc.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(utc);
        }
        else
        {
            writer.WriteGeneralizedTime(utc, omitFractionalSeconds: true);
        }
    }
}
