using System.IO.Compression;
using Extls.Import.Loading;
using Extls.Model;
using Extls.TestKit;
using static Extls.Import.Tests.Fixture;

namespace Extls.Import.Tests;

public sealed class DumpLoaderTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("extls-import-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string WriteFolder(string name, Dictionary<string, byte[]> files)
    {
        var root = Path.Combine(temp, name);
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        return root;
    }

    [Fact]
    public void A_folder_without_any_part_of_a_dump_is_a_problem_not_an_empty_organisation()
    {
        var folder = WriteFolder("notadump", new() { ["readme.txt"] = "hello"u8.ToArray() });
        var r = DumpLoader.Load([folder]);
        Assert.Null(r.Snapshot);
        Assert.Contains("Not an extls dump", Assert.Single(r.Problems).Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_file_inside_the_dump_is_read_and_links_that_lead_out_or_to_folders_are_not()
    {
        var folder = WriteFolder("links", HealthyDump());
        var inside = Path.Combine(folder, "servers/EX01/TransportService.json");
        var kept = Path.Combine(folder, "kept/TransportService.json");
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.Move(inside, kept);
        File.CreateSymbolicLink(inside, kept);
        var outside = Path.Combine(temp, "outside.json");
        File.WriteAllText(outside, "[]");
        File.CreateSymbolicLink(Path.Combine(folder, "servers/EX01/HostAddress.json"), outside);
        Directory.CreateSymbolicLink(Path.Combine(folder, "servers/EX02"), Path.Combine(folder, "servers/EX01"));

        var r = DumpLoader.Load([folder]);

        Assert.Equal(Ex01Thumbprint, Server(r).TransportServiceItem!.InternalTransportCertificateThumbprint);
        Assert.Single(r.Problems, p => p.Kind == ProblemKind.LinkOutsideDump && p.File.EndsWith("servers/EX01/HostAddress.json", StringComparison.Ordinal));
        Assert.Single(r.Problems, p => p.Kind == ProblemKind.LinkToFolder && p.File.EndsWith("servers/EX02", StringComparison.Ordinal));
        Assert.Null(r.Snapshot!.FindServer("EX02"));
    }

    private string WriteZip(string name, IEnumerable<(string Path, byte[] Bytes)> entries)
    {
        var path = Path.Combine(temp, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryPath, bytes) in entries)
        {
            using var s = zip.CreateEntry(entryPath).Open();
            s.Write(bytes);
        }

        return path;
    }

    [Fact]
    public void Manifest_error_makes_the_section_failed_with_its_message()
    {
        var files = HealthyDump();
        files.Remove("servers/EX01/ExchangeCertificate.json");
        files["manifest.json"] = Utf8(Manifest(errors: """[{"server":"EX01","section":"ExchangeCertificate","message":"WinRM cannot complete the operation."}]"""));
        var r = Load(files);
        var certs = Server(r).Certificates;
        Assert.Equal(SectionState.Failed, certs.State);
        Assert.Equal("WinRM cannot complete the operation.", certs.Error);
        Assert.Equal(new CollectionError("EX01", "ExchangeCertificate", "WinRM cannot complete the operation."), Assert.Single(r.Snapshot!.CollectionErrors));
    }

    [Fact]
    public void Unreadable_collection_date_in_the_manifest_is_a_problem_naming_it()
    {
        var files = HealthyDump();
        files["manifest.json"] = Utf8(Manifest().Replace("\"2026-06-01T00:00:00Z\"", "\"yesterday\"", StringComparison.Ordinal));
        var r = Load(files);
        Assert.Null(r.Snapshot!.CollectedAt);
        var problem = Assert.Single(r.Problems, p => p.File == "dump/manifest.json");
        Assert.Equal("$.collectedAt", problem.JsonPath);
        Assert.Contains("\"yesterday\"", problem.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void Server_error_without_section_fails_every_section_of_that_server()
    {
        var files = HealthyDump();
        files["manifest.json"] = Utf8(Manifest(servers: """["EX01","EX02"]""", errors: """[{"server":"EX02","section":null,"message":"The WinRM client cannot process the request."}]"""));
        var r = Load(files);
        var ex02 = Server(r, "EX02");
        Assert.Equal(SectionState.Failed, ex02.ReceiveConnectors.State);
        Assert.Equal(SectionState.Failed, ex02.Certificates.State);
        Assert.Equal(SectionState.Failed, ex02.TransportService.State);
        Assert.Equal(AdCertificateState.Unreadable, ex02.InternalCertificate.State);
        Assert.Equal(SectionState.Collected, Server(r).Certificates.State);
        Assert.Equal(SectionState.Collected, r.Snapshot!.SendConnectors.State);
    }

    [Fact]
    public void Org_section_error_without_server()
    {
        var files = HealthyDump();
        files.Remove("org/SendConnector.json");
        files["manifest.json"] = Utf8(Manifest(errors: """[{"server":null,"section":"SendConnector","message":"Access denied."}]"""));
        Assert.Equal(SectionState.Failed, Load(files).Snapshot!.SendConnectors.State);
    }

    [Fact]
    public void Absent_file_without_error_is_absent()
    {
        var files = HealthyDump();
        files.Remove("servers/EX01/ReceiveConnector.json");
        var r = Load(files);
        Assert.Equal(SectionState.Absent, Server(r).ReceiveConnectors.State);
        Assert.Equal(SectionState.Absent, r.Snapshot!.EdgeSubscriptions.State);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void Unparseable_file_is_unreadable_with_a_problem_and_the_rest_still_loads()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("[{\"Name\": ");
        var r = Load(files);
        var ex01 = Server(r);
        Assert.Equal(SectionState.Unreadable, ex01.ReceiveConnectors.State);
        Assert.Equal(ProblemKind.MalformedJson, ex01.ReceiveConnectors.Problem?.Kind);
        Assert.Equal(SectionState.Collected, ex01.Certificates.State);
        Assert.Equal("dump/servers/EX01/ReceiveConnector.json", Assert.Single(r.Problems).File);
    }

    [Fact]
    public void A_dump_without_manifest_loads_from_folders_and_exchange_server()
    {
        var files = HealthyDump();
        files.Remove("manifest.json");
        files["servers/EX02/TransportService.json"] = Utf8("""{"InternalTransportCertificateThumbprint":""}""");
        files["org/ExchangeServer.json"] = Utf8("""[{"Name":"EX01","ServerRole":"Mailbox"},{"Name":"EX03","ServerRole":"Mailbox"}]""");
        var r = Load(files);
        Assert.Empty(r.Problems);
        Assert.Null(r.Snapshot!.CollectedAt);
        Assert.Equal(["EX01", "EX02", "EX03"], r.Snapshot.Servers.Select(s => s.Name).ToArray());
        Assert.Equal(SectionState.Absent, Server(r, "EX03").TransportService.State);
    }

    [Fact]
    public void Servers_without_a_transport_role_are_left_out_unless_the_dump_holds_them()
    {
        // Get-ExchangeServer lists an Exchange 2010 Client Access server too; the collector dumps nothing for it.
        var files = HealthyDump();
        files.Remove("manifest.json");
        files["org/ExchangeServer.json"] = Utf8("""[{"Name":"EX01","ServerRole":"Mailbox"},{"Name":"CAS10","ServerRole":"ClientAccess"},{"Name":"EX02","ServerRole":2},{"Name":"CAS2","ServerRole":4}]""");
        var r = Load(files);
        Assert.DoesNotContain(r.Snapshot!.Servers, s => s.Name is "CAS10" or "CAS2");
        Assert.Contains(r.Snapshot.Servers, s => s.Name == "EX02");
    }

    [Fact]
    public void Servers_are_the_sorted_union_of_manifest_folders_and_exchange_server()
    {
        var files = HealthyDump();
        files["manifest.json"] = Utf8(Manifest(servers: """["EX01","ex00"]"""));
        files["servers/EX05/ReceiveConnector.json"] = Utf8("[]");
        var r = Load(files);
        Assert.Equal(["ex00", "EX01", "EX05"], r.Snapshot!.Servers.Select(s => s.Name).ToArray());
    }

    [Fact]
    public void Json_is_preferred_over_other_formats_of_the_same_section()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.csv"] = Utf8("\"Identity\",\"Name\"\n\"EX01\\Csv\",\"Csv\"\n");
        files["servers/EX01/ReceiveConnector.xml"] = Utf8("<Objs/>");
        var r = Load(files);
        Assert.Empty(r.Problems);
        Assert.Equal("servers/EX01/ReceiveConnector.json", Server(r).ReceiveConnectors.Location!.File);
        Assert.DoesNotContain(Server(r).ReceiveConnectors.Items, c => c.Name == "Csv");
    }

    [Fact]
    public void Loads_a_folder_and_names_problems_by_the_path_given()
    {
        var files = HealthyDump();
        files["org/EdgeSubscription.json"] = Utf8("{\"Name\":");
        var folder = WriteFolder("org-dump", files);
        var r = DumpLoader.Load([folder]);
        Assert.Equal(folder + "/org/EdgeSubscription.json", Assert.Single(r.Problems).File);
        Assert.Equal([folder], r.Snapshot!.Sources.ToArray());
        Assert.Equal("org-dump", Server(r).DumpName);
        Assert.Equal(AdCertificateState.Present, Server(r).InternalCertificate.State);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_a_problem()
    {
        var missing = Path.Combine(temp, "nope");
        var r = DumpLoader.Load([missing]);
        Assert.Null(r.Snapshot);
        Assert.Equal(missing, Assert.Single(r.Problems).File);
    }

    [Fact]
    public void One_missing_path_does_not_lose_the_others()
    {
        var folder = WriteFolder("org", HealthyDump());
        var r = DumpLoader.Load([folder, Path.Combine(temp, "nope")]);
        Assert.NotNull(r.Snapshot);
        Assert.Single(r.Problems);
        Assert.Single(r.Snapshot!.Servers);
    }

    [Fact]
    public void Zip_with_the_dump_at_its_root()
    {
        var zip = WriteZip("dump.zip", HealthyDump().Select(kv => (kv.Key, kv.Value)));
        var r = DumpLoader.Load([zip]);
        Assert.Empty(r.Problems);
        Assert.Equal(AdCertificateState.Present, Server(r).InternalCertificate.State);
    }

    [Fact]
    public void Zip_with_a_single_top_folder()
    {
        var zip = WriteZip("dump.zip", HealthyDump().Select(kv => ("extls-dump-20260601/" + kv.Key, kv.Value)));
        var r = DumpLoader.Load([zip]);
        Assert.Empty(r.Problems);
        Assert.Equal(SectionState.Collected, Server(r).ReceiveConnectors.State);
        Assert.Equal("extls-dump-20260601", Server(r).DumpName);
    }

    [Theory]
    [InlineData("../evil.json")]
    [InlineData("servers/../../evil.json")]
    [InlineData("/etc/evil.json")]
    [InlineData("C:/evil.json")]
    [InlineData("..\\evil.json")]
    public void Zip_entries_outside_the_dump_refuse_the_zip(string entry)
    {
        var zip = WriteZip("evil.zip", HealthyDump().Select(kv => (kv.Key, kv.Value)).Append((entry, Utf8("{}"))));
        var r = DumpLoader.Load([zip]);
        Assert.Null(r.Snapshot);
        var p = Assert.Single(r.Problems);
        Assert.Equal(zip, p.File);
        Assert.Contains("outside", p.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_with_too_many_entries_is_refused()
    {
        var zip = WriteZip("many.zip", Enumerable.Range(0, 6).Select(i => ($"f{i}.json", Utf8("[]"))));
        var r = DumpLoader.Load([zip], new ZipLimits(5, 1 << 20, 1 << 20));
        Assert.Null(r.Snapshot);
        Assert.Contains("entries", Assert.Single(r.Problems).Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_entry_expanding_past_its_limit_is_refused_while_reading()
    {
        var zip = WriteZip("bomb.zip", [("manifest.json", new byte[5000])]);
        var r = DumpLoader.Load([zip], new ZipLimits(10, 1 << 20, 4096));
        Assert.Null(r.Snapshot);
        var p = Assert.Single(r.Problems);
        Assert.Equal("manifest.json", p.JsonPath);
        Assert.Contains("4096", p.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_expanding_past_the_total_limit_is_refused()
    {
        var zip = WriteZip("bomb.zip", Enumerable.Range(0, 4).Select(i => ($"servers/EX0{i}/ReceiveConnector.json", new byte[3000])));
        var r = DumpLoader.Load([zip], new ZipLimits(10, 10000, 4096));
        Assert.Null(r.Snapshot);
        Assert.Contains("in total", Assert.Single(r.Problems).Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_zip_limits_are_the_documented_ones() =>
        Assert.Equal(new ZipLimits(10_000, 512L * 1024 * 1024, 64L * 1024 * 1024), ZipLimits.Default);

    [Fact]
    public void A_file_that_is_not_a_zip_is_a_problem()
    {
        var path = Path.Combine(temp, "broken.zip");
        File.WriteAllBytes(path, Utf8("not a zip"));
        var r = DumpLoader.Load([path]);
        Assert.Null(r.Snapshot);
        Assert.Equal(path, Assert.Single(r.Problems).File);
    }

    private static Dictionary<string, byte[]> EdgeDump(byte[] edgeCert) => new()
    {
        ["manifest.json"] = Utf8("""{"format":"extls-raw/1","collectedAt":"2026-06-02T00:00:00Z","organization":null,"servers":["EDGE01"],"errors":[]}"""),
        ["org/ExchangeServer.json"] = Utf8("""{"Name":"EDGE01","Fqdn":"edge01.contoso.com","ServerRole":"Edge"}"""),
        ["org/SendConnector.json"] = Utf8("""[{"Identity":"EdgeSync - Default-First-Site-Name to Internet","Name":"EdgeSync - Default-First-Site-Name to Internet","AddressSpaces":["SMTP:*;100"]}]"""),
        ["servers/EDGE01/TransportService.json"] = Utf8($$"""{"InternalTransportCertificateThumbprint":"{{TestCertificates.Thumbprint(edgeCert)}}"}"""),
        ["servers/EDGE01/InternalTransportCertificate.json"] = Utf8($$"""{"server":"EDGE01","msExchServerInternalTLSCert":"{{Convert.ToBase64String(edgeCert)}}"}"""),
        ["servers/EDGE01/ReceiveConnector.json"] = Utf8("""[{"Identity":"EDGE01\\Default internal receive connector EDGE01","AuthMechanism":"Tls, ExchangeServer","TransportRole":"HubTransport"}]"""),
    };

    [Fact]
    public void Edge_dump_joins_the_org_dump_and_the_org_value_becomes_the_subscription_certificate()
    {
        var oldEdge = TestCertificates.SelfSigned("CN=EDGE01", notBefore: Build.AsOf.AddYears(-3));
        var newEdge = TestCertificates.SelfSigned("CN=EDGE01", notBefore: Build.AsOf.AddDays(-10));
        var org = HealthyDump();
        org["manifest.json"] = Utf8(Manifest(servers: """["EX01","EDGE01"]"""));
        org["org/ExchangeServer.json"] = Utf8("""[{"Name":"EX01","ServerRole":"Mailbox"},{"Name":"EDGE01","ServerRole":"Edge","Site":"Default-First-Site-Name"}]""");
        org["org/EdgeSubscription.json"] = Utf8("""{"Name":"EDGE01","Site":"Default-First-Site-Name"}""");
        org["servers/EDGE01/InternalTransportCertificate.json"] = Utf8($$"""{"server":"EDGE01","msExchServerInternalTLSCert":"{{Convert.ToBase64String(oldEdge)}}"}""");

        var r = DumpLoader.Load([WriteFolder("edge", EdgeDump(newEdge)), WriteFolder("org", org)]);
        Assert.Empty(r.Problems);
        var s = r.Snapshot!;
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), s.CollectedAt);
        Assert.Equal("Contoso", s.Organization);
        Assert.Equal(["EDGE01", "EX01"], s.Servers.Select(x => x.Name).ToArray());
        var edge = s.FindServer("EDGE01")!;
        Assert.Equal("edge", edge.DumpName);
        Assert.Equal(TestCertificates.Thumbprint(newEdge), edge.InternalCertificate.Thumbprint);
        Assert.Equal(TestCertificates.Thumbprint(oldEdge), edge.SubscriptionCertificate!.Thumbprint);
        Assert.Equal("edge01.contoso.com", edge.Fqdn);
        Assert.Equal("Default-First-Site-Name", edge.Site);
        Assert.Single(edge.ReceiveConnectors.Items);
        Assert.Empty(s.Inconsistencies);
        Assert.Equal(2, s.SendConnectors.Items.Length);
        Assert.Equal("EDGE01", s.SendConnectors.Items.Single(c => c.Name.StartsWith("EdgeSync", StringComparison.Ordinal)).DumpServer);
        Assert.Single(s.EdgeSubscriptions.Items);
        Assert.Equal(2, s.Sources.Length);
    }

    [Fact]
    public void Same_input_gives_the_same_snapshot_bytes()
    {
        var a = SnapshotFile.Write(Load(HealthyDump()).Snapshot!);
        var b = SnapshotFile.Write(Load(HealthyDump()).Snapshot!);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Validator_lists_every_problem_not_just_the_first()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("""[{"Identity":"EX01\\A","AuthMechanism":"Bogus","Enabled":"perhaps"}]""");
        files["org/EdgeSubscription.json"] = Utf8("[");
        var problems = DumpValidator.Validate([WriteFolder("d", files)]);
        Assert.Equal(3, problems.Length);
        Assert.Equal(problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToArray(), problems.ToArray());
    }
}

public sealed class DumpLoaderFolderTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("extls-import-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string Write(string relativeRoot, Dictionary<string, byte[]> files)
    {
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(temp, relativeRoot, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        return Path.Combine(temp, relativeRoot);
    }

    [Fact]
    public void A_folder_holding_the_dump_one_level_down_is_read()
    {
        var outer = Write("download/extls-dump-1", HealthyDump());
        var r = DumpLoader.Load([Path.GetDirectoryName(outer)!]);
        Assert.Empty(r.Problems);
        Assert.Equal("extls-dump-1", Server(r).DumpName);
        Assert.Equal(SectionState.Collected, Server(r).Certificates.State);
    }

    [Fact]
    public void Pointing_at_the_manifest_reads_the_dump()
    {
        var folder = Write("d", HealthyDump());
        var r = DumpLoader.Load([Path.Combine(folder, "manifest.json")]);
        Assert.Empty(r.Problems);
        Assert.Single(r.Snapshot!.Servers);
    }

    [Fact]
    public void The_same_server_in_two_organisation_dumps_is_a_problem_and_the_first_is_kept()
    {
        var a = Write("a", HealthyDump());
        var second = HealthyDump();
        second["servers/EX01/TransportService.json"] = Utf8("""{"InternalTransportCertificateThumbprint":""}""");
        var b = Write("b", second);
        var r = DumpLoader.Load([a, b]);
        Assert.Contains("EX01", Assert.Single(r.Problems).Message(), StringComparison.Ordinal);
        Assert.Equal(Ex01Thumbprint, Server(r).TransportServiceItem!.InternalTransportCertificateThumbprint);
    }
}

public class DumpFilesTests
{
    [Fact]
    public void File_names_match_case_insensitively_and_with_either_slash()
    {
        var files = Extls.Import.Loading.DumpFiles.FromMemory("d", new Dictionary<string, byte[]> { ["Servers\\EX01\\receiveconnector.JSON"] = [1] });
        Assert.Equal("Servers/EX01/receiveconnector.JSON", files.Find("servers/ex01/ReceiveConnector.json"));
        Assert.Null(files.Find("servers/ex01/ReceiveConnector.csv"));
    }
}
