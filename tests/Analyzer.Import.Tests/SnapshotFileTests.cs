using Extls.Model;
using Extls.TestKit;
using Newtonsoft.Json.Linq;
using static Extls.Import.Tests.Fixture;

namespace Extls.Import.Tests;

public class SnapshotFileTests
{
    private static OrganizationSnapshot Rich()
    {
        var files = HealthyDump();
        var (leaf, _) = TestCertificates.CaIssued(dnsNames: ["mail.contoso.com"]);
        files["servers/EX01/ExchangeCertificate.json"] = Utf8($$"""
            [{"RawData":"{{Convert.ToBase64String(Ex01Cert)}}","Services":"SMTP","Status":"Valid","HasPrivateKey":true,"Subject":"CN=wrong"},
             {"RawData":"{{Convert.ToBase64String(leaf)}}"},
             {"Thumbprint":"ABCDEF01","Subject":"CN=old","Issuer":"CN=old","NotBefore":"2020-01-01T00:00:00Z","NotAfter":"2021-01-01T00:00:00+09:00","Services":0,"Status":3,"HasPrivateKey":false}]
            """);
        files["servers/EX02/InternalTransportCertificate.json"] = Utf8("""{"server":"EX02","msExchServerInternalTLSCert":"AQID"}""");
        files["servers/EX02/ReceiveConnector.json"] = Utf8("""[{"Identity":"EX09\\Stray","Bindings":"System.Object[]","Fqdn":null}]""");
        files["org/EdgeSubscription.json"] = Utf8("""[{"Name":"EDGE01","Site":"Default-First-Site-Name"}]""");
        files["manifest.json"] = Utf8(Manifest(servers: """["EX01","EX02","EX03"]""", errors: """[{"server":"EX03","section":"TransportService","message":"RPC server unavailable"},{"server":"EX03","section":"InternalTransportCertificate","message":"denied"}]"""));
        var r = Load(files);
        Assert.Empty(r.Problems);
        return r.Snapshot!;
    }

    [Fact]
    public void Round_trip_is_lossless()
    {
        var original = Rich();
        var text = SnapshotFile.Write(original);
        var read = SnapshotFile.Read(text, "snap.json");
        Assert.Empty(read.Problems);
        Assert.Equal(text, SnapshotFile.Write(read.Snapshot!));

        var ex01 = read.Snapshot!.FindServer("EX01")!;
        var der = ex01.Certificates.Items.Single(c => c.Thumbprint == Ex01Thumbprint);
        Assert.Equal(Ex01Cert, der.Certificate.RawData.ToArray());
        Assert.True(der.Certificate.FromDer);
        var remote = ex01.Certificates.Items.Single(c => c.Certificate.SubjectCommonName == "mail.contoso.com");
        Assert.Null(remote.HasPrivateKey);
        Assert.Equal(["HasPrivateKey", "Services", "Status"], remote.UnknownProperties.ToArray());
        var old = ex01.Certificates.Items.Single(c => c.Thumbprint == "ABCDEF01");
        Assert.Equal(new DateTimeOffset(2020, 12, 31, 15, 0, 0, TimeSpan.Zero), old.Certificate.NotAfter);
        Assert.Equal(CertificateStatus.DateInvalid, old.Status);
        Assert.Equal(CertificateServices.None, old.Services);
        Assert.Equal(AdCertificateState.Corrupt, read.Snapshot.FindServer("EX02")!.InternalCertificate.State);
        var stray = read.Snapshot.FindServer("EX02")!.ReceiveConnectors.Items.Single();
        Assert.Null(stray.Bindings);
        Assert.Equal(string.Empty, stray.Fqdn);
        Assert.Null(stray.AuthMechanism);
        Assert.Equal(SectionState.Failed, read.Snapshot.FindServer("EX03")!.TransportService.State);
        Assert.Equal(AdCertificateState.Unreadable, read.Snapshot.FindServer("EX03")!.InternalCertificate.State);
        Assert.Equal(original.Inconsistencies.Length, read.Snapshot.Inconsistencies.Length);
        Assert.Contains(read.Snapshot.Inconsistencies, i => i.Kind == InconsistencyKind.ConnectorOnUnknownServer);
        Assert.Contains(read.Snapshot.Inconsistencies, i => i.Kind == InconsistencyKind.CertificatePropertyMismatch && i.Property == "Subject");
        Assert.Equal(original.CollectedAt, read.Snapshot.CollectedAt);
        Assert.Equal(original.Collector, read.Snapshot.Collector);
    }

    [Fact]
    public void Written_text_is_lf_indented_and_starts_with_the_format()
    {
        var text = SnapshotFile.Write(Rich());
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"format\": \"extls-snapshot/1\",", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_built_in_code_round_trips()
    {
        var s = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02"));
        var text = SnapshotFile.Write(s);
        var read = SnapshotFile.Read(text, "s.json");
        Assert.Empty(read.Problems);
        Assert.Equal(text, SnapshotFile.Write(read.Snapshot!));
    }

    [Fact]
    public void Schema_violations_are_problems_with_line_and_path()
    {
        var json = JObject.Parse(SnapshotFile.Write(Rich()));
        json["servers"]![0]!["role"] = "Sorcerer";
        json["servers"]![0]!["receiveConnectors"]!["items"]![0]!["requireTls"] = "yes";
        ((JObject)json["servers"]![1]!).Remove("fqdn");
        json["sendConnectors"]!["items"]![0]!["colour"] = "blue";
        var text = json.ToString();
        var lines = text.Split('\n');
        int LineOf(string needle) => Array.FindIndex(lines, l => l.Contains(needle, StringComparison.Ordinal)) + 1;

        var r = SnapshotFile.Read(text, "bad.json");
        Assert.Null(r.Snapshot);
        Assert.All(r.Problems, p => Assert.Equal("bad.json", p.File));
        Assert.Contains(r.Problems, p => p.JsonPath == "$.servers[0].role" && p.Line == LineOf("\"Sorcerer\""));
        Assert.Contains(r.Problems, p => p.JsonPath == "$.servers[0].receiveConnectors.items[0].requireTls" && p.Line == LineOf("\"yes\""));
        Assert.Contains(r.Problems, p => p.JsonPath == "$.servers[1].fqdn" && p.Message().Contains("fqdn", StringComparison.Ordinal));
        Assert.Contains(r.Problems, p => p.JsonPath == "$.sendConnectors.items[0].colour" && p.Line == LineOf("\"colour\""));
    }

    [Fact]
    public void A_json_file_that_is_not_a_snapshot_is_a_problem()
    {
        var r = SnapshotFile.Read("""{"format":"extls-raw/1"}""", "manifest-like.json");
        Assert.Null(r.Snapshot);
        Assert.Equal("$.format", Assert.Single(r.Problems).JsonPath);
    }

    [Fact]
    public void Malformed_snapshot_is_a_problem_not_an_exception()
    {
        var r = SnapshotFile.Read("{\n\"format\": ", "s.json");
        Assert.Null(r.Snapshot);
        Assert.Equal("s.json", Assert.Single(r.Problems).File);
    }

    [Fact]
    public void The_loader_reads_a_snapshot_file_and_can_join_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "extls-snap-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, SnapshotFile.Write(Rich()));
            var r = DumpLoader.Load([path]);
            Assert.Empty(r.Problems);
            Assert.Equal(["EX01", "EX02", "EX03"], r.Snapshot!.Servers.Select(s => s.Name).ToArray());
            Assert.Equal([path], r.Snapshot.Sources.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_schema_is_embedded_and_matches_the_repository_copy()
    {
        var repo = Path.Combine(AppContext.BaseDirectory, "../../../../../schemas/snapshot.schema.json");
        Assert.Equal(File.ReadAllText(repo), SnapshotFile.SchemaText);
    }

    [Fact]
    public async Task The_schema_model_built_keyword_by_keyword_is_the_one_NJsonSchema_loads()
    {
        // NJsonSchema's loader binds by reflection, which the native tool cannot run; written back out, the two models
        // must say the same (every keyword NJsonSchema knows, every reference, in the same order).
        var loaded = await NJsonSchema.JsonSchema.FromJsonAsync(SnapshotFile.SchemaText);
        var built = Snapshots.SnapshotSchema.Build(SnapshotFile.SchemaText);
        Assert.Equal(loaded.ToJson(), built.ToJson());
        Assert.NotEmpty(built.Definitions);
    }

    [Fact]
    public void A_keyword_the_schema_model_does_not_map_is_refused_not_skipped()
    {
        var e = Assert.Throws<InvalidDataException>(() => Snapshots.SnapshotSchema.Build("""{"type": "object", "maxLength": 3}"""));
        Assert.Contains("maxLength", e.Message, StringComparison.Ordinal);
    }
}
