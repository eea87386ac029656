using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Extls.Generation.Tests;

public sealed class CertificateFactoryTests
{
    private static CertificateSpec Issued(string name, string subject, params string[] dns) => new()
    {
        Name = name,
        Subject = subject,
        DnsNames = dns,
        NotBefore = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
        NotAfter = new DateTimeOffset(2028, 8, 1, 0, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void The_same_spec_gives_the_same_bytes_in_every_factory()
    {
        var a = new CertificateFactory().Create(Specs.Server("EX01"));
        var b = new CertificateFactory().Create(Specs.Server("EX01"));
        Assert.Equal(a.GetRawData(), b.GetRawData());
        Assert.Equal(a.Thumbprint, b.Thumbprint);
    }

    [Fact]
    public void A_certificate_does_not_depend_on_what_was_made_before_it()
    {
        var names = Enumerable.Range(1, 8).Select(i => $"EX{i:00}").ToList();
        var reference = Make(new CertificateFactory(), names);
        var random = new Random(20260601);
        for (var round = 0; round < 5; round++)
        {
            // Another order, with certificates the reference never made in between.
            var shuffled = names.Append("EXTRA" + round).Prepend("FIRST" + round).OrderBy(_ => random.Next()).ToList();
            var other = Make(new CertificateFactory(), shuffled);
            foreach (var name in names)
            {
                Assert.Equal(reference[name], other[name]);
            }
        }

        static Dictionary<string, string> Make(CertificateFactory factory, IEnumerable<string> servers)
        {
            var root = factory.Create(Specs.Authority());
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var s in servers)
            {
                // One shared key for the test's speed: the serial and the subject still make every certificate distinct.
                var self = factory.Create(Specs.Server(s, keyName: "shared"));
                var issued = factory.Create(Issued("ca-" + s, $"CN={s.ToLowerInvariant()}.contoso.com, O=Contoso Ltd, C=US", s.ToLowerInvariant() + ".contoso.com") with { KeyName = "shared" }, root);
                result[s] = self.Thumbprint + "/" + issued.Thumbprint;
            }

            return result;
        }
    }

    [Fact]
    public void Asking_again_by_name_returns_the_same_certificate_and_a_different_spec_under_that_name_is_refused()
    {
        var factory = new CertificateFactory();
        var first = factory.Create(Specs.Server("EX01"));
        Assert.Same(first, factory.Create(Specs.Server("EX01")));
        var error = Assert.Throws<InvalidOperationException>(() => factory.Create(Specs.Server("EX01") with { NotAfter = Specs.NotAfter.AddDays(1) }));
        Assert.Contains("ss-EX01", error.Message, StringComparison.Ordinal);
        var root = factory.Create(Specs.Authority());
        Assert.Throws<InvalidOperationException>(() => factory.Create(Specs.Server("EX01"), root));
    }

    [Fact]
    public void The_serial_number_is_a_function_of_the_name_only()
    {
        var cert = new CertificateFactory().Create(Specs.Server("EX01")).Certificate;
        var serial = CertificateFactory.SerialNumberFor("ss-EX01");
        Assert.Equal(16, serial.Length);
        Assert.Equal(serial, cert.SerialNumberBytes.ToArray());
        Assert.InRange(serial[0], 0x40, 0x7F);
        Assert.NotEqual(serial, CertificateFactory.SerialNumberFor("ss-EX02"));
    }

    [Fact]
    public void A_self_signed_server_certificate_has_what_Exchange_setup_puts_on_one()
    {
        var cert = new CertificateFactory().Create(Specs.Server("EX01")).Certificate;
        Assert.Equal("CN=EX01", cert.Subject);
        Assert.Equal(cert.Subject, cert.Issuer);
        Assert.Equal(3, cert.Version);
        Assert.Equal(Specs.NotBefore, new DateTimeOffset(cert.NotBefore.ToUniversalTime()));
        Assert.Equal(Specs.NotAfter, new DateTimeOffset(cert.NotAfter.ToUniversalTime()));
        Assert.Equal(["EX01", "ex01.contoso.com"], cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        var usage = cert.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, usage.KeyUsages);
        Assert.Equal("1.3.6.1.5.5.7.3.1", cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value);
        Assert.Single(cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        Assert.Empty(cert.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.Equal("1.2.840.113549.1.1.11", cert.SignatureAlgorithm.Value);
        Assert.Equal(2048, cert.GetRSAPublicKey()!.KeySize);
        Assert.True(Verifies(cert, cert));
    }

    [Fact]
    public void An_issued_certificate_names_and_is_signed_by_its_issuer()
    {
        var factory = new CertificateFactory();
        var root = factory.Create(Specs.Authority());
        var leaf = factory.Create(Issued("ca-EX01", "CN=ex01.contoso.com, O=Contoso Ltd, C=US", "ex01.contoso.com", "mail.contoso.com"), root);
        Assert.Equal("CN=Contoso Test Root CA", leaf.Certificate.Issuer);
        Assert.Equal("CN=ex01.contoso.com, O=Contoso Ltd, C=US", leaf.Certificate.Subject);
        Assert.Same(root, leaf.Issuer);
        Assert.True(Verifies(leaf.Certificate, root.Certificate));
        Assert.False(Verifies(leaf.Certificate, leaf.Certificate));

        var ca = root.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(ca.CertificateAuthority);
        Assert.True(ca.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, root.Certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
    }

    [Fact]
    public void Sha1_signatures_are_made_though_the_platform_refuses_them()
    {
        var cert = new CertificateFactory().Create(Specs.Server("EX01") with { SignatureHash = SignatureHash.Sha1 }).Certificate;
        Assert.Equal("1.2.840.113549.1.1.5", cert.SignatureAlgorithm.Value);
        Assert.True(Verifies(cert, cert));
    }

    [Theory]
    [InlineData(SignatureHash.Sha384, "1.2.840.113549.1.1.12")]
    [InlineData(SignatureHash.Sha512, "1.2.840.113549.1.1.13")]
    public void Other_hashes_are_named_and_used(SignatureHash hash, string oid)
    {
        var cert = new CertificateFactory().Create(Specs.Server("EX01") with { SignatureHash = hash }).Certificate;
        Assert.Equal(oid, cert.SignatureAlgorithm.Value);
        Assert.True(Verifies(cert, cert));
    }

    [Fact]
    public void A_version_1_certificate_has_no_version_field_and_no_extensions()
    {
        var factory = new CertificateFactory();
        var root = factory.Create(Specs.Authority());
        var v1 = factory.Create(new CertificateSpec
        {
            Name = "v1-relay", Subject = "CN=relay.contoso.com", Version = 1, Extensions = CertificateExtensions.None,
            NotBefore = new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero), NotAfter = new DateTimeOffset(2051, 9, 1, 0, 0, 0, TimeSpan.Zero),
        }, root).Certificate;
        Assert.Equal(1, v1.Version);
        Assert.Empty(v1.Extensions);
        Assert.Equal(new DateTime(2051, 9, 1, 0, 0, 0, DateTimeKind.Utc), v1.NotAfter.ToUniversalTime());
        Assert.True(Verifies(v1, root.Certificate));

        // TBSCertificate begins with the serial number: no [0] version tag.
        var tbs = new AsnReader(v1.RawData, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        Assert.Equal(UniversalTagNumber.Integer, (UniversalTagNumber)tbs.PeekTag().TagValue);
    }

    [Fact]
    public void Key_sizes_are_what_the_spec_asks_for()
    {
        var factory = new CertificateFactory();
        Assert.Equal(1024, factory.Create(Specs.Server("WEAK") with { KeySize = 1024 }).Certificate.GetRSAPublicKey()!.KeySize);
        Assert.Equal(2048, factory.Create(Specs.Server("EX01")).Certificate.GetRSAPublicKey()!.KeySize);
    }

    [Fact]
    public void Certificates_naming_one_key_share_it_and_others_do_not()
    {
        var factory = new CertificateFactory();
        var a = factory.Create(Specs.Server("EX01", keyName: "renewal"));
        var b = factory.Create(Specs.Server("EX02", keyName: "renewal"));
        var c = factory.Create(Specs.Server("EX03"));
        Assert.Equal(a.Certificate.PublicKey.EncodedKeyValue.RawData, b.Certificate.PublicKey.EncodedKeyValue.RawData);
        Assert.NotEqual(a.Certificate.PublicKey.EncodedKeyValue.RawData, c.Certificate.PublicKey.EncodedKeyValue.RawData);
        Assert.NotEqual(a.Thumbprint, b.Thumbprint);
        Assert.Equal("renewal", a.KeyName);
        Assert.Equal("ss-EX03", c.KeyName);
    }

    [Fact]
    public void A_key_pool_hands_each_name_a_stable_slot()
    {
        var pooled = new CertificateFactory(keyPoolSize: 4);
        var slots = Enumerable.Range(0, 200).Select(i => pooled.KeyNameFor(Specs.Server("EX" + i))).ToList();
        Assert.All(slots, s => Assert.Matches("^pool/[0-3]$", s));
        Assert.Equal(4, slots.Distinct().Count());
        Assert.Equal(slots, Enumerable.Range(0, 200).Select(i => new CertificateFactory(keyPoolSize: 4).KeyNameFor(Specs.Server("EX" + i))));
        Assert.Equal("mine", pooled.KeyNameFor(Specs.Server("EX1", keyName: "mine")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CertificateFactory(keyPoolSize: 0));
    }

    [Fact]
    public void Making_certificates_from_many_threads_gives_the_same_bytes()
    {
        var specs = Enumerable.Range(0, 40).Select(i => Specs.Server("P" + i, keyName: "parallel")).ToList();
        var sequential = specs.Select(s => new CertificateFactory().Create(s).Thumbprint).ToList();
        var factory = new CertificateFactory();
        var parallel = new string[specs.Count];
        Parallel.For(0, specs.Count, i => parallel[i] = factory.Create(specs[i]).Thumbprint);
        Assert.Equal(sequential, parallel);
        Assert.Equal(40, factory.Count);
    }

    [Fact]
    public void Names_are_encoded_alike_on_every_platform()
    {
        var factory = new CertificateFactory();
        var raw = factory.Create(Specs.Server("EX01") with { Name = "dn", Subject = "CN=*.contoso.com, DC=contoso, DC=com, C=US", KeyName = "dn" }).Certificate.SubjectName.RawData;
        var tags = new List<UniversalTagNumber>();
        var name = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence();
        while (name.HasData)
        {
            var attribute = name.ReadSetOf().ReadSequence();
            attribute.ReadObjectIdentifier();
            tags.Add((UniversalTagNumber)attribute.PeekTag().TagValue);
        }

        // C, DC=com, DC=contoso, CN=*.contoso.com ('*' is not in the PrintableString alphabet).
        Assert.Equal([UniversalTagNumber.PrintableString, UniversalTagNumber.IA5String, UniversalTagNumber.IA5String, UniversalTagNumber.UTF8String], tags);
    }

    [Fact]
    public void Ecdsa_keys_are_derived_too_and_sign_with_the_ecdsa_algorithm()
    {
        var spec = Specs.Server("EX01") with { Name = "ec", KeyAlgorithm = KeyAlgorithm.EcdsaP256, KeySize = 256 };
        var a = new CertificateFactory().Create(spec).Certificate;
        var b = new CertificateFactory().Create(spec).Certificate;
        Assert.Equal("1.2.840.10045.4.3.2", a.SignatureAlgorithm.Value);
        Assert.Equal(a.PublicKey.EncodedKeyValue.RawData, b.PublicKey.EncodedKeyValue.RawData);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, a.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var (tbs, signature, _) = Parts(a);
        Assert.True(a.GetECDsaPublicKey()!.VerifyData(tbs, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void The_private_key_is_available_to_tests_that_need_it()
    {
        var generated = new CertificateFactory().Create(Specs.Server("EX01"));
        using var withKey = generated.CopyWithPrivateKey();
        Assert.True(withKey.HasPrivateKey);
        using var rsa = withKey.GetRSAPrivateKey()!;
        byte[] data = [1, 2, 3];
        var signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(generated.Certificate.GetRSAPublicKey()!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Specs_that_cannot_be_made_are_refused_with_the_reason()
    {
        var factory = new CertificateFactory();
        Assert.Contains("multiple of 16", Assert.Throws<ArgumentException>(() => factory.Create(Specs.Server("A") with { KeySize = 2047 })).Message, StringComparison.Ordinal);
        Assert.Contains("extensions", Assert.Throws<ArgumentException>(() => factory.Create(Specs.Server("B") with { Version = 1 })).Message, StringComparison.Ordinal);
        Assert.Contains("NotAfter", Assert.Throws<ArgumentException>(() => factory.Create(Specs.Server("C") with { NotAfter = Specs.NotBefore })).Message, StringComparison.Ordinal);
        Assert.Contains("256", Assert.Throws<ArgumentException>(() => factory.Create(Specs.Server("D") with { KeyAlgorithm = KeyAlgorithm.EcdsaP256 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => factory.Create(Specs.Server("E") with { Version = 2, Extensions = CertificateExtensions.None }));
        Assert.Equal(0, factory.Count);
    }

    [Fact]
    public void Without_names_no_subject_alternative_name_is_written()
    {
        var cert = new CertificateFactory().Create(Specs.Server("EX01") with { DnsNames = [] }).Certificate;
        Assert.Empty(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
    }

    private static (byte[] Tbs, byte[] Signature, string Algorithm) Parts(X509Certificate2 cert)
    {
        var reader = new AsnReader(cert.RawData, AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue().ToArray();
        var algorithm = reader.ReadSequence().ReadObjectIdentifier();
        return (tbs, reader.ReadBitString(out _), algorithm);
    }

    /// <summary>Checks the signature by hand: the platform's chain building would also judge trust and dates.</summary>
    internal static bool Verifies(X509Certificate2 cert, X509Certificate2 issuer)
    {
        var (tbs, signature, algorithm) = Parts(cert);
        var hash = algorithm switch
        {
            "1.2.840.113549.1.1.5" => HashAlgorithmName.SHA1,
            "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
            "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
            "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
            _ => throw new InvalidOperationException(algorithm),
        };
        return issuer.GetRSAPublicKey()!.VerifyData(tbs, signature, hash, RSASignaturePadding.Pkcs1);
    }
}
