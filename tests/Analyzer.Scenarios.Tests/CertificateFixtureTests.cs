using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Extls.Scenarios.Tests;

/// <summary>
/// The fixtures' certificates are real and say what the scenarios rely on: a wrong fixture would make the
/// oracle wrong, so these facts are checked independently of the analyzer.
/// </summary>
public sealed class CertificateFixtureTests
{
    private sealed record DumpCert(string Scenario, string File, string? ThumbprintProperty, X509Certificate2 Cert);

    private static JToken ParseJson(byte[] bytes)
    {
        var text = bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE })
            ? Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2)
            : Encoding.UTF8.GetString(bytes);
        return JToken.Parse(text);
    }

    private static byte[]? Der(JToken? raw) => raw switch
    {
        JArray a => a.Select(b => (byte)(int)b).ToArray(),
        JValue { Type: JTokenType.String } v => Convert.FromBase64String((string)v!),
        _ => null,
    };

    private static readonly Lazy<IReadOnlyList<DumpCert>> Certificates = new(ReadStoreCertificates);

    private static IReadOnlyList<DumpCert> StoreCertificates() => Certificates.Value;

    private static IReadOnlyList<DumpCert> ReadStoreCertificates() =>
        ScenarioCatalog.All().SelectMany(c => c.InputPaths.Select(p => (c.Id, p))).DistinctBy(x => x.p)
            .SelectMany(x => Directory.GetFiles(x.p, "ExchangeCertificate.json", SearchOption.AllDirectories).Select(f => (x.Id, f)))
            .SelectMany(x =>
            {
                var json = ParseJson(File.ReadAllBytes(x.f));
                var items = json is JArray a ? a.ToList() : [json];
                return items.Select(i => new DumpCert(x.Id, x.f, (string?)i["Thumbprint"], X509CertificateLoader.LoadCertificate(Der(i["RawData"])!)));
            })
            .ToList();

    [Fact]
    public void Every_thumbprint_property_is_the_sha1_of_its_raw_data_except_the_deliberate_mismatch()
    {
        var mismatches = StoreCertificates().Where(c => !string.Equals(c.ThumbprintProperty, c.Cert.Thumbprint, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.All(mismatches, m => Assert.Equal("scenarios/017-snapshot-thumbprint-mismatch", m.Scenario));
        Assert.Single(mismatches);
    }

    [Fact]
    public void Scenario_certificates_have_the_properties_the_scenarios_rely_on()
    {
        var all = StoreCertificates();
        Assert.Contains(all, c => c.Scenario.Contains("022-", StringComparison.Ordinal) && c.Cert.Version == 1);
        Assert.Contains(all, c => c.Scenario.Contains("038-", StringComparison.Ordinal) && c.Cert.SignatureAlgorithm.Value == "1.2.840.113549.1.1.5");
        Assert.Contains(all, c => c.Scenario.Contains("037-", StringComparison.Ordinal) && c.Cert.GetRSAPublicKey()!.KeySize == 1024);
        Assert.Contains(all, c => c.Scenario.Contains("030-", StringComparison.Ordinal)
            && c.Cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().Contains("*.contoso.com"));

        // Everything else is the clean default: v3, RSA 2048, SHA-256.
        var odd = all.Where(c => c.Cert.Version != 3 || c.Cert.GetRSAPublicKey()!.KeySize != 2048 || c.Cert.SignatureAlgorithm.Value != "1.2.840.113549.1.1.11")
            .Select(c => c.Scenario).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["sample", "scenarios/022-p3-no-eligible-certificate", "scenarios/037-hygiene-unused-certificates", "scenarios/038-hygiene-sha1-internal"], odd);
    }

    [Fact]
    public void Ca_issued_certificates_verify_against_the_test_root_and_self_signed_ones_against_themselves()
    {
        foreach (var c in StoreCertificates().DistinctBy(c => c.Cert.Thumbprint))
        {
            // The root, or the issuing CA under it that renewed hybrid certificates come from (scenarios 044, 045).
            Assert.True(c.Cert.Subject == c.Cert.Issuer || c.Cert.Issuer is "CN=Contoso Test Root CA" or "CN=Contoso Issuing CA G2, O=Contoso Ltd, C=US", c.Cert.Subject);
            if (c.Cert.Subject == c.Cert.Issuer)
            {
                Assert.True(VerifiesWith(c.Cert, c.Cert.GetRSAPublicKey()!), $"{c.Scenario}: {c.Cert.Subject} is not really self-signed");
            }
        }
    }

    [Fact]
    public void No_two_fixture_certificates_share_an_issuer_and_serial_number()
    {
        // Serial numbers are computed from each certificate's name: a clash means one name was given to two certificates.
        var clashes = StoreCertificates().DistinctBy(c => c.Cert.Thumbprint)
            .GroupBy(c => (c.Cert.Issuer, c.Cert.SerialNumber))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Issuer} #{g.Key.SerialNumber}: {string.Join(", ", g.Select(c => c.Scenario))}")
            .ToList();
        Assert.True(StoreCertificates().Count > 100, "too few certificates read");
        Assert.Empty(clashes);
    }

    [Fact]
    public void Every_readable_ad_value_is_a_certificate_and_the_corrupt_one_is_not()
    {
        var values = ScenarioCatalog.All().SelectMany(c => c.InputPaths.Select(p => (c.Id, p))).DistinctBy(x => x.p)
            .SelectMany(x => Directory.GetFiles(x.p, "InternalTransportCertificate.json", SearchOption.AllDirectories).Select(f => (x.Id, Json: ParseJson(File.ReadAllBytes(f)))))
            .Select(x => (x.Id, Der: Der(x.Json["msExchServerInternalTLSCert"])))
            .Where(x => x.Der is not null)
            .ToList();
        var corrupt = values.Where(v => !Parses(v.Der!)).Select(v => v.Id).ToList();
        Assert.Equal(["scenarios/007-p1-ad-corrupt"], corrupt);
    }

    private static bool Parses(byte[] der)
    {
        try
        {
            using var c = X509CertificateLoader.LoadCertificate(der);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool VerifiesWith(X509Certificate2 cert, RSA key)
    {
        var reader = new AsnReader(cert.RawData, AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue().ToArray();
        var alg = reader.ReadSequence().ReadObjectIdentifier();
        var sig = reader.ReadBitString(out _);
        var hash = alg == "1.2.840.113549.1.1.5" ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        return key.VerifyData(tbs, sig, hash, RSASignaturePadding.Pkcs1);
    }
}
