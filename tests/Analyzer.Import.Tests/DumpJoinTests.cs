using Extls.Model;
using Extls.TestKit;
using static Extls.Import.Tests.Fixture;

namespace Extls.Import.Tests;

/// <summary>
/// Joining the organisation's dump with an Edge's own dump: objects that both hold (the EdgeSync send
/// connectors, the Edge's server object, the Mailbox servers EdgeSync copied into AD LDS) become one each.
/// </summary>
public sealed class DumpJoinTests : IDisposable
{
    private const string Inbound = "EdgeSync - Inbound to Default-First-Site-Name";
    private const string ToInternet = "EdgeSync - Default-First-Site-Name to Internet";

    private static readonly byte[] EdgeCert = TestCertificates.SelfSigned("CN=EDGE01", ["EDGE01", "edge01.contoso.com"], notBefore: Build.AsOf.AddYears(-1));
    private static readonly byte[] StaleEx01 = TestCertificates.SelfSigned("CN=EX01", ["EX01"], notBefore: Build.AsOf.AddYears(-4));

    private readonly string temp = Directory.CreateTempSubdirectory("extls-join-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string Write(string relative, Dictionary<string, byte[]> files)
    {
        var root = Path.Combine(temp, relative);
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        return root;
    }

    private static string EdgeSyncConnectors(string inboundAuth) => $$"""
        [
          {"Identity":"{{Inbound}}","Name":"{{Inbound}}","AddressSpaces":["smtp:--;100"],"SmartHosts":["--"],"SourceTransportServers":["EDGE01"],"SmartHostAuthMechanism":"{{inboundAuth}}","Enabled":true},
          {"Identity":"{{ToInternet}}","Name":"{{ToInternet}}","AddressSpaces":["smtp:*;100"],"SourceTransportServers":["EDGE01"],"SmartHostAuthMechanism":"None","Enabled":true}
        ]
        """;

    private static Dictionary<string, byte[]> OrgDump(string inboundAuth = "ExchangeServer")
    {
        var org = HealthyDump();
        org["manifest.json"] = Utf8(Manifest(servers: """["EX01","EDGE01"]"""));
        org["org/ExchangeServer.json"] = Utf8("""[{"Name":"EX01","Fqdn":"ex01.contoso.com","ServerRole":"Mailbox"},{"Name":"EDGE01","Fqdn":"edge01.contoso.com","ServerRole":"Edge","Site":"Default-First-Site-Name"}]""");
        org["org/EdgeSubscription.json"] = Utf8("""{"Name":"EDGE01","Site":"Default-First-Site-Name"}""");
        var connectors = EdgeSyncConnectors(inboundAuth).TrimEnd().TrimEnd(']') + """,{"Identity":"Internet","Name":"Internet","AddressSpaces":["SMTP:*;1"],"SourceTransportServers":["EX01"],"Enabled":true}]""";
        org["org/SendConnector.json"] = Utf8(connectors);
        org["servers/EDGE01/InternalTransportCertificate.json"] = Utf8($$"""{"server":"EDGE01","msExchServerInternalTLSCert":"{{Convert.ToBase64String(EdgeCert)}}"}""");
        return org;
    }

    /// <summary>An Edge's own dump as a subscribed Edge writes it: Get-ExchangeServer lists the Mailbox servers EdgeSync copied.</summary>
    private static Dictionary<string, byte[]> EdgeDump(string inboundAuth = "ExchangeServer", byte[]? ex01Copy = null) => new()
    {
        ["manifest.json"] = Utf8("""{"format":"extls-raw/1","collectedAt":"2026-06-02T00:00:00Z","organization":null,"servers":["EDGE01"],"errors":[]}"""),
        ["org/ExchangeServer.json"] = Utf8("""[{"Name":"EDGE01","Fqdn":"edge01.contoso.com","ServerRole":"Edge"},{"Name":"EX01","Fqdn":"ex01.contoso.com","ServerRole":"Mailbox"}]"""),
        ["org/SendConnector.json"] = Utf8(EdgeSyncConnectors(inboundAuth)),
        ["servers/EDGE01/TransportService.json"] = Utf8($$"""{"InternalTransportCertificateThumbprint":"{{TestCertificates.Thumbprint(EdgeCert)}}"}"""),
        ["servers/EDGE01/InternalTransportCertificate.json"] = Utf8($$"""{"server":"EDGE01","msExchServerInternalTLSCert":"{{Convert.ToBase64String(EdgeCert)}}"}"""),
        ["servers/EDGE01/ReceiveConnector.json"] = Utf8("""[{"Identity":"EDGE01\\Default internal receive connector EDGE01","Name":"Default internal receive connector EDGE01","Server":"EDGE01","AuthMechanism":"Tls, ExchangeServer","TransportRole":"HubTransport"}]"""),
        ["servers/EDGE01/ExchangeCertificate.json"] = Utf8($$"""[{"Thumbprint":"{{TestCertificates.Thumbprint(EdgeCert)}}","RawData":"{{Convert.ToBase64String(EdgeCert)}}","Services":"IMAP, POP, IIS, SMTP","Status":"Valid","HasPrivateKey":true}]"""),
        ["servers/EX01/InternalTransportCertificate.json"] = Utf8($$"""{"server":"EX01","msExchServerInternalTLSCert":"{{Convert.ToBase64String(ex01Copy ?? Ex01Cert)}}"}"""),
    };

    [Fact]
    public void EdgeSync_connectors_in_both_dumps_are_one_connector_each_and_the_Edge_keeps_its_own_store()
    {
        var r = DumpLoader.Load([Write("org", OrgDump()), Write("edge", EdgeDump())]);
        Assert.Empty(r.Problems);
        var s = r.Snapshot!;

        Assert.Equal([ToInternet, Inbound, "Internet"], s.SendConnectors.Items.Select(c => c.Identity).Order(StringComparer.OrdinalIgnoreCase).ToArray());
        var inbound = s.SendConnectors.Items.Single(c => c.Identity == Inbound);
        Assert.Equal("EDGE01", inbound.DumpServer);
        Assert.Null(s.SendConnectors.Items.Single(c => c.Identity == "Internet").DumpServer);

        // The organisation's copy is the connector's configuration, and its location names the organisation's dump.
        Assert.Equal("org", inbound.Location.Dump);
        Assert.Equal("org/SendConnector.json", inbound.Location.File);

        // The Edge: its own store, connectors and AD LDS value; the organisation's value is its subscription's.
        var edge = s.FindServer("EDGE01")!;
        Assert.Equal(TransportServerRole.Edge, edge.Role);
        Assert.Single(edge.Certificates.Items);
        Assert.Single(edge.ReceiveConnectors.Items);
        Assert.Equal("edge", edge.Certificates.Location!.Dump);
        Assert.Equal(TestCertificates.Thumbprint(EdgeCert), edge.SubscriptionCertificate!.Thumbprint);
        Assert.Equal("org", edge.SubscriptionCertificate.Location!.Dump);
        Assert.Equal("Default-First-Site-Name", edge.Site);

        // EX01 is the organisation's: its sections, not the Edge's copy of its server object.
        var ex01 = s.FindServer("EX01")!;
        Assert.True(ex01.Certificates.IsKnown);
        Assert.Equal("org", ex01.InternalCertificate.Location!.Dump);
        Assert.Equal(2, s.Servers.Length);
        Assert.Empty(s.Inconsistencies);
    }

    [Fact]
    public void Copies_that_differ_keep_the_organisations_configuration_and_report_each_difference_once()
    {
        var r = DumpLoader.Load([Write("org", OrgDump(inboundAuth: "ExchangeServer")), Write("edge", EdgeDump(inboundAuth: "None", ex01Copy: StaleEx01))]);
        Assert.Empty(r.Problems);
        var s = r.Snapshot!;
        Assert.Equal(SmartHostAuthMechanism.ExchangeServer, s.SendConnectors.Items.Single(c => c.Identity == Inbound).SmartHostAuthMechanism);

        var differences = s.Inconsistencies.Where(i => i.Kind == InconsistencyKind.JoinedCopiesDiffer).OrderBy(i => i.Subject, StringComparer.Ordinal).ToList();
        Assert.Equal(2, differences.Count);

        var connector = differences.Single(i => i.Subject == Inbound);
        Assert.Equal(("EDGE01", "SmartHostAuthMechanism", "None", "ExchangeServer"), (connector.Server, connector.Property, connector.DumpValue, connector.ActualValue));
        Assert.Equal("edge", connector.Location!.Dump);

        var copy = differences.Single(i => i.Subject == "EX01");
        Assert.Equal(("EDGE01", "msExchServerInternalTLSCert"), (copy.Server, copy.Property));
        Assert.Equal(TestCertificates.Thumbprint(StaleEx01), copy.DumpValue);
        Assert.Equal(Ex01Thumbprint, copy.ActualValue);
        Assert.Equal("servers/EX01/InternalTransportCertificate.json", copy.Location!.File);
        Assert.Equal("edge", copy.Location.Dump);

        // EX01 itself is still the organisation's, whatever the Edge's copy says.
        Assert.Equal(Ex01Thumbprint, s.FindServer("EX01")!.InternalCertificate.Thumbprint);
    }

    [Fact]
    public void The_order_of_the_paths_does_not_change_the_join()
    {
        var org = Write("org", OrgDump());
        var edge = Write("edge", EdgeDump(inboundAuth: "None", ex01Copy: StaleEx01));
        var a = DumpLoader.Load([org, edge]).Snapshot!;
        var b = DumpLoader.Load([edge, org]).Snapshot!;
        Assert.Equal(SnapshotFile.Write(a with { Sources = [] }), SnapshotFile.Write(b with { Sources = [] }));
    }

    [Fact]
    public void An_Edge_dump_alone_that_lists_the_Mailbox_servers_is_still_the_Edges()
    {
        var r = DumpLoader.Load([Write("edge", EdgeDump())]);
        var s = r.Snapshot!;
        Assert.All(s.SendConnectors.Items, c => Assert.Equal("EDGE01", c.DumpServer));
        Assert.Single(s.FindServer("EDGE01")!.Certificates.Items);
    }

    [Fact]
    public void Two_dumps_with_the_same_folder_name_are_told_apart_in_locations()
    {
        var r = DumpLoader.Load([Write("a/dump", OrgDump()), Write("b/dump", EdgeDump())]);
        var s = r.Snapshot!;
        Assert.Equal("dump", s.FindServer("EX01")!.Certificates.Location!.Dump);
        Assert.Equal("dump (2)", s.FindServer("EDGE01")!.Certificates.Location!.Dump);
        Assert.Equal("dump (2)", s.FindServer("EDGE01")!.DumpName);
    }

    [Fact]
    public void Every_location_of_a_single_dump_names_it_and_the_snapshot_file_keeps_it()
    {
        var r = DumpLoader.Load([Write("contoso-2026-06-01", HealthyDump())]);
        var s = r.Snapshot!;
        var ex01 = s.FindServer("EX01")!;
        SourceLocation[] locations =
        [
            ex01.Location!, ex01.TransportService.Location!, ex01.TransportServiceItem!.Location, ex01.InternalCertificate.Location!,
            .. ex01.ReceiveConnectors.Items.Select(c => c.Location), .. ex01.Certificates.Items.Select(c => c.Location),
            .. s.SendConnectors.Items.Select(c => c.Location),
        ];
        Assert.All(locations, l => Assert.Equal("contoso-2026-06-01", l.Dump));

        var reread = SnapshotFile.Read(SnapshotFile.Write(s), "snapshot.json").Snapshot!;
        Assert.Equal("contoso-2026-06-01", reread.FindServer("EX01")!.Certificates.Items[0].Location.Dump);
    }

    [Fact]
    public void Copies_are_compared_on_every_property_of_a_send_connector_but_where_it_was_read()
    {
        // Reflection here, where it is fine: the join's written-out list must name every property once, in ordinal order.
        var properties = typeof(SendConnector).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name is not (nameof(SendConnector.Location) or nameof(SendConnector.DumpServer)))
            .ToArray();
        Assert.Equal(properties.Select(p => p.Name).Order(StringComparer.Ordinal), Joining.DumpJoin.ComparedProperties.Select(p => p.Name));

        // Each accessor reads the property it is named after.
        var connector = new SendConnector
        {
            Identity = "Identity", Name = "Name", Fqdn = "Fqdn", TlsCertificateName = "TlsCertificateName", TlsDomain = "TlsDomain",
            AddressSpaces = ["smtp:*;1"], SmartHosts = ["relay.contoso.com"], SourceTransportServers = ["EX01"], Port = 587,
            RequireTls = true, Enabled = false, SourceIPAddress = System.Net.IPAddress.Loopback,
            Location = new SourceLocation("send.json", 1, "$[0]"),
        };
        foreach (var (name, value) in Joining.DumpJoin.ComparedProperties)
        {
            Assert.Equal(properties.Single(p => p.Name == name).GetValue(connector), value(connector));
        }

        // Lists are compared as text only as immutable string arrays (a default one is unknown).
        Assert.All(properties.Where(p => p.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)),
            p => Assert.Equal(typeof(System.Collections.Immutable.ImmutableArray<string>?), p.PropertyType));
    }
}
