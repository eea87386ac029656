using System.Security.Cryptography.X509Certificates;
using Extls.Reporting;
using Newtonsoft.Json.Linq;

namespace Extls.Redaction.Tests;

public sealed class KeyAndRevealTests
{
    private static IReadOnlyList<DumpFile> Sample => DumpArchive.Read(Path.Combine(Dumps.Root, "snapshots", "sample", "dump"), []);

    [Fact]
    public void The_same_key_gives_the_same_bytes()
    {
        var a = Redactor.Redact(Sample, RedactionKey.FromText("k"));
        var b = Redactor.Redact(Sample, RedactionKey.FromText("k"));
        Assert.Equal(a.Files.Select(f => f.Path), b.Files.Select(f => f.Path));
        Assert.All(a.Files.Zip(b.Files), p => Assert.Equal(p.First.Content, p.Second.Content));
        Assert.Equal(new MappingFile(a.Mapping, null).Write(), new MappingFile(b.Mapping, null).Write());
    }

    [Fact]
    public void A_different_key_gives_different_pseudonyms()
    {
        var a = Redactor.Redact(Sample, RedactionKey.FromText("one")).Mapping;
        var b = Redactor.Redact(Sample, RedactionKey.FromText("two")).Mapping;
        var ex01A = a.Single(e => e is { Kind: PseudonymKind.Host, Real: "EX01" }).Pseudonym;
        var ex01B = b.Single(e => e is { Kind: PseudonymKind.Host, Real: "EX01" }).Pseudonym;
        Assert.NotEqual(ex01A, ex01B);
        var shared = a.Select(e => e.Pseudonym).Intersect(b.Select(e => e.Pseudonym)).ToList();
        Assert.DoesNotContain(shared, p => p.Length >= 8);
    }

    [Fact]
    public void The_same_key_maps_a_name_the_same_way_in_two_dumps()
    {
        var one = Dumps.Redact("scenarios/001-healthy-baseline").Mapping.Entries;
        var two = Dumps.Redact("scenarios/008-p1-not-in-store").Mapping.Entries;
        foreach (var real in new[] { "EX01", "EX02", "contoso.com" })
        {
            Assert.Equal(one.First(e => e.Real == real).Pseudonym, two.First(e => e.Real == real).Pseudonym);
        }
    }

    [Fact]
    public void Each_server_keeps_its_netbios_name_fqdn_and_default_connector_consistent()
    {
        var result = Redactor.Redact(Sample, RedactionKey.FromText("k"));
        var ex01 = result.Mapping.Single(e => e is { Kind: PseudonymKind.Host, Real: "EX01" }).Pseudonym;
        var receive = JArray.Parse(System.Text.Encoding.UTF8.GetString(result.Files.Single(f => f.Path == $"servers/{ex01}/ReceiveConnector.json").Content));
        var fqdn = (string)receive[0]!["Fqdn"]!;
        Assert.StartsWith(ex01.ToLowerInvariant() + ".example-", fqdn, StringComparison.Ordinal);
        Assert.EndsWith(".test", fqdn, StringComparison.Ordinal);
        Assert.Contains(receive, c => (string?)c["Identity"] == $"{ex01}\\Default {ex01}");
        Assert.Contains(receive, c => (string?)c["Name"] == $"Default Frontend {ex01}");
    }

    [Fact]
    public void Revealing_the_report_of_a_redacted_dump_gives_the_report_of_the_original()
    {
        var c = Dumps.Get("sample");
        var redacted = Dumps.Redact("sample");
        var writer = new JsonReportWriter();
        var original = JObject.Parse(writer.Render(Dumps.Analyze(c.Inputs, c)));
        var revealed = JObject.Parse(new Revealer(redacted.Mapping).Reveal(writer.Render(Dumps.Analyze(redacted.Folders, c)), RevealFormat.Json));
        Assert.Equal(Normalize(original), Normalize(revealed));
        Assert.Contains("EX01", revealed.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The report without what cannot be the same: the input paths and the dumps' folder names, and fingerprints, which are hashes of the names.</summary>
    private static string Normalize(JObject report)
    {
        report["snapshot"]!["sources"] = null;
        foreach (var d in report.SelectTokens("$..location.dump").ToList())
        {
            d.Replace(JValue.CreateNull());
        }

        foreach (var f in report.SelectTokens("$..fingerprint").ToList())
        {
            f.Replace(JValue.CreateNull());
        }

        // Reports sort by names, and the pseudonyms sort otherwise: compare every list as a set.
        return Sorted(report).ToString();
    }

    private static JToken Sorted(JToken token) => token switch
    {
        JArray a => new JArray(a.Select(Sorted).OrderBy(i => i.ToString(Newtonsoft.Json.Formatting.None), StringComparer.Ordinal)),
        JObject o => new JObject(o.Properties().Select(p => new JProperty(p.Name, p.Name == "message" ? Words(p.Value) : Sorted(p.Value)))),
        _ => token.DeepClone(),
    };

    /// <summary>
    /// A message as the multiset of its words: messages list peers sorted by name (EXTLS5001) and name
    /// the root cause's fingerprint, and both differ under pseudonyms; every real name must still be back.
    /// </summary>
    private static JToken Words(JToken message) =>
        new JValue(string.Join(" ", System.Text.RegularExpressions.Regex.Split(message.ToString(), @"[\s,;.:()]+")
            .Select(w => System.Text.RegularExpressions.Regex.IsMatch(w, "^[0-9a-f]{16}$") ? "<fingerprint>" : w)
            .Order(StringComparer.Ordinal)));

    [Theory]
    [InlineData(RevealFormat.Json, "{\"server\": \"SRV-AAAAAAAA\"}", "{\"server\": \"A \\\"B\\\" \\\\C\"}")]
    [InlineData(RevealFormat.Html, "<td>SRV-AAAAAAAA</td>", "<td>A &quot;B&quot; \\C</td>")]
    [InlineData(RevealFormat.Csv, "x,SRV-AAAAAAAA,y\r\n", "x,\"A \"\"B\"\" \\C\",y\r\n")]
    [InlineData(RevealFormat.Markdown, "| SRV-AAAAAAAA |", "| A \"B\" \\C |")]
    [InlineData(RevealFormat.Text, "EX: srv-aaaaaaaa.example-bbbbbbbb.test, CN=x, DC=example-bbbbbbbb, DC=test", "EX: a.contoso.com, CN=x, DC=contoso, DC=com")]
    public void Reveal_escapes_a_real_name_as_the_report_format_needs(RevealFormat format, string report, string expected)
    {
        var map = new MappingFile(
        [
            new MappingEntry(PseudonymKind.Host, "SRV-AAAAAAAA", "A \"B\" \\C"),
            new MappingEntry(PseudonymKind.Host, "srv-aaaaaaaa", "a"),
            new MappingEntry(PseudonymKind.Domain, "example-bbbbbbbb.test", "contoso.com"),
        ], null);
        Assert.Equal(expected, new Revealer(map).Reveal(report, format));
    }

    [Fact]
    public void A_mapping_file_reads_back_what_was_written()
    {
        var result = Redactor.Redact(Sample, RedactionKey.FromText("k"));
        var text = new MappingFile(result.Mapping, "generated-key").Write();
        var back = MappingFile.Read(text, "map.json");
        Assert.Equal(result.Mapping, back.Entries);
        Assert.Equal("generated-key", back.GeneratedKey);
        var bad = Assert.Throws<RedactionException>(() => MappingFile.Read("{\"format\": \"other\"}", "map.json"));
        Assert.Equal("$.format", bad.Problems[0].JsonPath);
    }

    [Fact]
    public void Certificates_keep_what_the_analysis_reads()
    {
        var files = Sample;
        var result = Redactor.Redact(files, RedactionKey.FromText("k"));
        var before = Certificates(files).ToList();
        var after = Certificates(result.Files).ToList();
        Assert.Equal(before.Count, after.Count);
        Assert.Contains(before, c => c.SignatureAlgorithm.FriendlyName == "sha1RSA");
        Assert.Equal(
            before.Select(c => (c.NotBefore, c.NotAfter, c.SignatureAlgorithm.Value, c.PublicKey.GetRSAPublicKey()?.KeySize, c.Version, c.Subject == c.Issuer)).Order(),
            after.Select(c => (c.NotBefore, c.NotAfter, c.SignatureAlgorithm.Value, c.PublicKey.GetRSAPublicKey()?.KeySize, c.Version, c.Subject == c.Issuer)).Order());
        Assert.DoesNotContain(after, c => c.Subject.Contains("contoso", StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<X509Certificate2> Certificates(IReadOnlyList<DumpFile> files)
    {
        foreach (var file in files.Where(f => f.Path.EndsWith("ExchangeCertificate.json", StringComparison.Ordinal)))
        {
            foreach (var row in JArray.Parse(System.Text.Encoding.UTF8.GetString(file.Content)))
            {
                if ((string?)row["RawData"] is { } raw)
                {
                    yield return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(raw));
                }
            }
        }
    }
}
