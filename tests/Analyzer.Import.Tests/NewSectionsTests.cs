using System.Net;
using System.Text;
using Extls.Model;
using static Extls.Import.Tests.Fixture;
using Extls.TestKit;

namespace Extls.Import.Tests;

/// <summary>
/// The sections and fields of collector 1.1.0 (HostAddress, HybridConfiguration, TransportConfig, AcceptedDomain,
/// connector addresses, server flags, the manifest's account of the run), in every shape the importer reads.
/// </summary>
public sealed class NewSectionsTests
{
    private const string Manifest110 = """
        {"format":"extls-raw/1","collectedAt":"2026-06-01T00:00:00.0000000Z","finishedAt":"2026-06-01T00:03:10.0000000Z","complete":false,
         "interruption":"The run was stopped before it finished.","organization":"Contoso",
         "collector":{"name":"Export-ExtlsDump","version":"1.1.0","host":"EX01","user":"CONTOSO\\admin","powershellVersion":"5.1.17763.1","edgeTransport":false,"timeoutSeconds":120},
         "servers":["EX01"],"skippedServers":[{"server":"EX2010","reason":"No transport role (IsHubTransportServer, IsFrontendTransportServer and IsEdgeServer are false)."}],
         "errors":[],"serverTimings":[{"server":"EX01","seconds":0.412,"completed":false}],
         "sectionTimings":[{"server":null,"section":"ExchangeServer","seconds":0.118},{"server":"EX01","section":"HostAddress","seconds":0.02}]}
        """;

    private static Dictionary<string, byte[]> Dump110()
    {
        var files = HealthyDump();
        files["manifest.json"] = Utf8(Manifest110);
        files["org/ExchangeServer.json"] = Utf8("""
            [{"Name":"EX01","Fqdn":"ex01.contoso.com","ServerRole":"Mailbox","ServerRoleValue":2,"Site":"contoso.com/Configuration/Sites/Default-First-Site-Name",
              "AdminDisplayVersion":"Version 15.2 (Build 1544.4)","IsHubTransportServer":true,"IsFrontendTransportServer":true,"IsEdgeServer":false,
              "IsMailboxServer":true,"IsClientAccessServer":true,"DistinguishedName":"CN=EX01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com",
              "OriginatingServer":"DC01.contoso.com"},
             {"Name":"EX2010","Fqdn":"ex2010.contoso.com","ServerRole":"Mailbox","IsHubTransportServer":false,"IsFrontendTransportServer":false,"IsEdgeServer":false}]
            """);
        files["org/SendConnector.json"] = Utf8("""
            [{"Identity":"Outbound to Office 365","Name":"Outbound to Office 365","AddressSpaces":["smtp:contoso.mail.onmicrosoft.com;1"],"SourceTransportServers":["EX01"],
              "SmartHosts":["contoso-com.mail.protection.outlook.com"],"SmartHostAuthMechanism":"None","SmartHostAuthMechanismValue":0,
              "TlsCertificateName":"<I>CN=GeoTrust TLS RSA CA G1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com","Fqdn":"mail.contoso.com","RequireTLS":true,
              "TlsAuthLevel":"DomainValidation","TlsAuthLevelValue":4,"TlsDomain":"mail.protection.outlook.com","CloudServicesMailEnabled":true,"Enabled":true,
              "Port":25,"DNSRoutingEnabled":false,"IgnoreSTARTTLS":false,"FrontendProxyEnabled":true,"DomainSecureEnabled":false,"SourceIPAddress":"0.0.0.0"}]
            """);
        files["org/HybridConfiguration.json"] = Utf8("""
            [{"Identity":"Hybrid Configuration","Name":"Hybrid Configuration",
              "TlsCertificateName":"<I>CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US<S>CN=mail.contoso.com",
              "SendingTransportServers":["EX01","contoso.com/Configuration/Servers/EX02"],"ReceivingTransportServers":["CN=EX01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT)"],
              "EdgeTransportServers":[],"Domains":["contoso.com"],"Features":["FreeBusy","SecureMail"],"FeaturesValue":[0,6],"OnPremisesSmartHost":"mail.contoso.com"}]
            """);
        files["org/TransportConfig.json"] = Utf8("""
            [{"Identity":"Transport Settings","TLSSendDomainSecureList":["fabrikam.com"],"TLSReceiveDomainSecureList":[],"InternalSMTPServers":["10.0.0.5","10.0.0.0/24"]}]
            """);
        files["org/AcceptedDomain.json"] = Utf8("""
            [{"Identity":"contoso.com","Name":"contoso.com","DomainName":"contoso.com","DomainType":"Authoritative","DomainTypeValue":0,"Default":true},
             {"Identity":"contoso.mail.onmicrosoft.com","Name":"contoso.mail.onmicrosoft.com","DomainName":"contoso.mail.onmicrosoft.com","DomainType":"InternalRelay","DomainTypeValue":2,"Default":false}]
            """);
        files["servers/EX01/HostAddress.json"] = Utf8("""
            [{"HostName":"EX01.contoso.com","IPAddressToString":"10.0.0.11","AddressFamily":"InterNetwork","AddressFamilyValue":2},
             {"HostName":"EX01.contoso.com","IPAddressToString":"fe80::1%12","AddressFamily":"InterNetworkV6","AddressFamilyValue":23}]
            """);
        files["servers/EX01/ReceiveConnector.json"] = Utf8("""
            [{"Identity":"EX01\\Default EX01","Name":"Default EX01","Server":"EX01","AuthMechanism":"Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer","AuthMechanismValue":31,
              "PermissionGroups":"ExchangeUsers, ExchangeServers, ExchangeLegacyServers","PermissionGroupsValue":14,"TransportRole":"HubTransport","TransportRoleValue":32,
              "Bindings":["0.0.0.0:2525","[::]:2525"],"RemoteIPRanges":["::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff","0.0.0.0-255.255.255.255"],"DomainSecureEnabled":false,"Enabled":true},
             {"Identity":"EX01\\Relay","Name":"Relay","Server":"EX01","AuthMechanism":"Tls","AuthMechanismValue":1,"PermissionGroups":"AnonymousUsers","PermissionGroupsValue":1,
              "TransportRole":"FrontendTransport","TransportRoleValue":16384,"Bindings":["10.0.0.11:25"],"RemoteIPRanges":["192.168.1.75","192.168.1.0/24","10.0.0.1-10.0.0.50"],"Enabled":true}]
            """);
        return files;
    }

    [Fact]
    public void Every_new_section_of_the_collector_is_read_typed()
    {
        var r = Load(Dump110());
        Assert.Empty(r.Problems);
        var s = r.Snapshot!;

        var hybrid = Assert.Single(s.HybridConfigurations.Items);
        Assert.Equal("Hybrid Configuration", hybrid.Identity);
        Assert.Equal("<I>CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US<S>CN=mail.contoso.com", hybrid.TlsCertificateName);
        Assert.Equal(["EX01", "EX02"], hybrid.SendingTransportServers!.Value.ToArray());
        Assert.Equal(["EX01"], hybrid.ReceivingTransportServers!.Value.ToArray());
        Assert.Empty(hybrid.EdgeTransportServers!.Value.ToArray());
        Assert.Equal(["FreeBusy", "SecureMail"], hybrid.Features!.Value.ToArray());
        Assert.Equal("mail.contoso.com", hybrid.OnPremisesSmartHost);

        var config = Assert.Single(s.TransportConfig.Items);
        Assert.Equal(["fabrikam.com"], config.TlsSendDomainSecureList!.Value.ToArray());
        Assert.Equal(["10.0.0.5", "10.0.0.0/24"], config.InternalSmtpServers!.Value.Select(x => x.ToString()));

        Assert.Equal([AcceptedDomainType.Authoritative, AcceptedDomainType.InternalRelay], s.AcceptedDomains.Items.Select(d => d.DomainType!.Value));
        Assert.True(s.AcceptedDomains.Items[0].Default);

        var ex01 = Server(r);
        Assert.Equal([IPAddress.Parse("10.0.0.11"), IPAddress.Parse("fe80::1%12")], ex01.HostAddresses.Items.Select(a => a.Address));
        Assert.Equal("EX01.contoso.com", ex01.HostAddresses.Items[0].HostName);
        Assert.Equal(new ExchangeServerFlags(true, true, false, true, true), ex01.Flags);
        Assert.Equal("DC01.contoso.com", ex01.OriginatingServer);
        Assert.StartsWith("CN=EX01,CN=Servers", ex01.DistinguishedName, StringComparison.Ordinal);

        var relay = ex01.ReceiveConnectors.Items.Single(c => c.Name == "Relay");
        Assert.Equal([new IPBinding(IPAddress.Parse("10.0.0.11"), 25)], relay.Bindings!.Value.ToArray());
        Assert.Equal(["192.168.1.75", "192.168.1.0/24", "10.0.0.1-10.0.0.50"], relay.RemoteIPRanges!.Value.Select(x => x.ToString()));
        Assert.Equal([IPRangeFormat.SingleAddress, IPRangeFormat.Cidr, IPRangeFormat.LoHi], relay.RemoteIPRanges!.Value.Select(x => x.Format));
        Assert.Null(relay.DomainSecureEnabled);
        Assert.False(ex01.ReceiveConnectors.Items.Single(c => c.Name == "Default EX01").DomainSecureEnabled);

        var send = Assert.Single(s.SendConnectors.Items);
        Assert.Equal(25, send.Port);
        Assert.False(send.DnsRoutingEnabled);
        Assert.False(send.IgnoreStartTls);
        Assert.True(send.FrontendProxyEnabled);
        Assert.False(send.DomainSecureEnabled);
        Assert.Equal(IPAddress.Any, send.SourceIPAddress);
    }

    [Fact]
    public void The_manifest_says_how_the_run_went()
    {
        var s = Load(Dump110()).Snapshot!;

        Assert.False(s.Run.Complete);
        Assert.Equal("The run was stopped before it finished.", s.Run.Interruption);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 3, 10, TimeSpan.Zero), s.Run.FinishedAt);
        Assert.False(s.Run.EdgeTransport);
        Assert.Equal(120, s.Run.TimeoutSeconds);
        var skipped = Assert.Single(s.Run.SkippedServers);
        Assert.Equal("EX2010", skipped.Server);
        Assert.StartsWith("No transport role", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(new ServerTiming("EX01", 0.412, false), Assert.Single(s.Run.ServerTimings));
        Assert.Equal([new SectionTiming(null, "ExchangeServer", 0.118), new SectionTiming("EX01", "HostAddress", 0.02)], s.Run.SectionTimings.ToArray());
        Assert.Equal("manifest.json", s.Run.Location!.File);
    }

    [Fact]
    public void A_server_whose_flags_deny_a_transport_role_is_not_a_transport_server_whatever_its_ServerRole()
    {
        var s = Load(Dump110()).Snapshot!;
        Assert.Null(s.FindServer("EX2010"));
        Assert.Equal(TransportServerRole.Mailbox, s.FindServer("EX01")!.Role);
    }

    [Fact]
    public void An_Edge_run_keeps_only_its_own_server_though_Get_ExchangeServer_lists_the_replicated_Mailbox_servers()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["manifest.json"] = Utf8("""{"format":"extls-raw/1","collectedAt":"2026-06-01T00:00:00Z","complete":true,"collector":{"name":"Export-ExtlsDump","version":"1.1.0","edgeTransport":true},"servers":["EDGE01"],"skippedServers":[{"server":"EX01","reason":"Listed by EdgeSync in AD LDS; collected from the organisation."}],"errors":[]}"""),
            ["org/ExchangeServer.json"] = Utf8("""[{"Name":"EDGE01","ServerRole":"Edge","IsEdgeServer":true,"IsHubTransportServer":false},{"Name":"EX01","ServerRole":"Mailbox","IsHubTransportServer":true,"IsEdgeServer":false}]"""),
            ["servers/EDGE01/ReceiveConnector.json"] = Utf8("[]"),
        };

        var s = Load(files).Snapshot!;

        var edge = Assert.Single(s.Servers);
        Assert.Equal("EDGE01", edge.Name);
        Assert.Equal(TransportServerRole.Edge, edge.Role);
        Assert.True(s.Run.Complete);
    }

    [Fact]
    public void Deeper_exports_give_ranges_bindings_and_addresses_as_objects()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("""
            [{"Identity":"EX01\\Relay","Name":"Relay","Server":"EX01","AuthMechanism":1,"TransportRole":16384,
              "Bindings":[{"Address":{"Address":184549387,"AddressFamily":2,"IPAddressToString":"10.0.0.11"},"Port":25},{"Address":"::","Port":25}],
              "RemoteIPRanges":[{"LowerBound":{"Address":16885952,"AddressFamily":2,"IPAddressToString":"192.168.1.0"},"UpperBound":{"IPAddressToString":"192.168.1.255"},"CIDRLength":24,"RangeFormat":"CIDR","Size":"256"},
                                {"LowerBound":"10.0.0.1","UpperBound":"10.0.0.50","CIDRLength":0,"RangeFormat":1},
                                {"LowerBound":"192.168.1.75","UpperBound":"192.168.1.75","RangeFormat":"SingleAddress"}]}]
            """);
        files["servers/EX01/HostAddress.json"] = Utf8("""{"HostName":"EX01.contoso.com","IPAddressToString":"10.0.0.11","AddressFamily":2}""");

        var r = Load(files);

        Assert.Empty(r.Problems);
        var relay = Assert.Single(Server(r).ReceiveConnectors.Items);
        Assert.Equal(["10.0.0.11:25", "[::]:25"], relay.Bindings!.Value.Select(b => b.ToString()));
        Assert.Equal(["192.168.1.0/24", "10.0.0.1-10.0.0.50", "192.168.1.75"], relay.RemoteIPRanges!.Value.Select(x => x.ToString()));
        Assert.Equal(IPAddress.Parse("10.0.0.11"), Assert.Single(Server(r).HostAddresses.Items).Address);
    }

    [Fact]
    public void Windows_PowerShell_shapes_of_the_new_sections_are_read()
    {
        var files = HealthyDump();

        // ConvertTo-Json > file: UTF-16 with a byte order mark, one result as a bare object, enums as numbers,
        // lists past the depth limit as "{a, b}", an array wrapped as {"value": [...], "Count": n}.
        files["org/AcceptedDomain.json"] = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("""{"Identity":"contoso.com","DomainName":"contoso.com","DomainType":0,"Default":"True"}""")];
        files["org/TransportConfig.json"] = Utf8("""{"Identity":"Transport Settings","TLSSendDomainSecureList":"{fabrikam.com, tailspintoys.com}","InternalSMTPServers":"{10.0.0.5, 10.0.1.0/24}"}""");
        files["org/HybridConfiguration.json"] = Utf8("""{"value":[{"Identity":"Hybrid Configuration","TlsCertificateName":{"CertificateIssuer":"CN=Contoso CA","CertificateSubject":"CN=mail.contoso.com"},"SendingTransportServers":"{EX01}","ReceivingTransportServers":"System.Object[]"}],"Count":1}""");
        files["servers/EX01/ReceiveConnector.json"] = Utf8("""[{"Identity":"EX01\\Relay","AuthMechanism":1,"Bindings":"{10.0.0.11:25}","RemoteIPRanges":"{192.168.1.0/24, 10.0.0.1-10.0.0.50}"}]""");

        var r = Load(files);

        Assert.Empty(r.Problems);
        var s = r.Snapshot!;
        Assert.Equal(AcceptedDomainType.Authoritative, Assert.Single(s.AcceptedDomains.Items).DomainType);
        Assert.Equal(["fabrikam.com", "tailspintoys.com"], Assert.Single(s.TransportConfig.Items).TlsSendDomainSecureList!.Value.ToArray());
        Assert.Equal(["10.0.0.5", "10.0.1.0/24"], s.TransportConfig.Items[0].InternalSmtpServers!.Value.Select(x => x.ToString()));
        var hybrid = Assert.Single(s.HybridConfigurations.Items);
        Assert.Equal("<I>CN=Contoso CA<S>CN=mail.contoso.com", hybrid.TlsCertificateName);
        Assert.Equal(["EX01"], hybrid.SendingTransportServers!.Value.ToArray());
        Assert.Null(hybrid.ReceivingTransportServers);
        var relay = Assert.Single(Server(r).ReceiveConnectors.Items);
        Assert.Equal(["192.168.1.0/24", "10.0.0.1-10.0.0.50"], relay.RemoteIPRanges!.Value.Select(x => x.ToString()));
        Assert.Equal(["10.0.0.11:25"], relay.Bindings!.Value.Select(x => x.ToString()));
    }

    [Fact]
    public void Csv_exports_of_the_new_sections_are_read_and_a_lost_list_is_unknown()
    {
        var files = HealthyDump();
        files.Remove("servers/EX01/ReceiveConnector.json");
        files["servers/EX01/ReceiveConnector.csv"] = Utf8("""
            #TYPE Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector
            "Identity","Name","AuthMechanism","Bindings","RemoteIPRanges","TransportRole","Enabled"
            "EX01\Relay","Relay","Tls","{0.0.0.0:25}","{192.168.1.0/24, 192.168.1.75}","FrontendTransport","True"
            "EX01\Default EX01","Default EX01","Tls, ExchangeServer","{0.0.0.0:2525}","Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPRange]","HubTransport","True"
            """);
        files["servers/EX01/HostAddress.csv"] = Utf8("\"HostName\",\"IPAddressToString\",\"AddressFamily\"\n\"EX01.contoso.com\",\"10.0.0.11\",\"InterNetwork\"\n");
        files["org/HybridConfiguration.csv"] = Utf8("\"Identity\",\"TlsCertificateName\",\"SendingTransportServers\"\n\"Hybrid Configuration\",\"<I>CN=Contoso CA<S>CN=mail.contoso.com\",\"{EX01, EX02}\"\n");

        var r = Load(files);

        Assert.Empty(r.Problems);
        var ex01 = Server(r);
        var relay = ex01.ReceiveConnectors.Items.Single(c => c.Name == "Relay");
        Assert.Equal(["192.168.1.0/24", "192.168.1.75"], relay.RemoteIPRanges!.Value.Select(x => x.ToString()));
        Assert.Null(ex01.ReceiveConnectors.Items.Single(c => c.Name == "Default EX01").RemoteIPRanges);
        Assert.Equal(IPAddress.Parse("10.0.0.11"), Assert.Single(ex01.HostAddresses.Items).Address);
        Assert.Equal(["EX01", "EX02"], Assert.Single(r.Snapshot!.HybridConfigurations.Items).SendingTransportServers!.Value.ToArray());
    }

    [Fact]
    public void CliXml_exports_give_remote_ranges_typed()
    {
        var files = HealthyDump();
        files.Remove("servers/EX01/ReceiveConnector.json");
        files["servers/EX01/ReceiveConnector.xml"] = CsvTestData.Read("clixml", "ReceiveConnector.local.xml");

        var r = Load(files);

        var ranges = Server(r).ReceiveConnectors.Items.Select(c => string.Join(" ", c.RemoteIPRanges!.Value.Select(x => x.ToString()))).ToArray();
        Assert.Contains("10.0.0.0/24 192.168.10.5", ranges);
        Assert.Contains(Server(r).ReceiveConnectors.Items, c => c.Bindings is { } b && b.Contains(new IPBinding(IPAddress.IPv6Any, 2525)));
    }

    [Fact]
    public void A_bad_range_binding_or_address_is_a_problem_naming_it_and_only_that_entry_is_lost()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("""[{"Identity":"EX01\\Relay","AuthMechanism":1,"Bindings":["0.0.0.0:25","relay:25"],"RemoteIPRanges":["192.168.1.0/24","192.168.1.300"]}]""");
        files["servers/EX01/HostAddress.json"] = Utf8("""[{"HostName":"EX01.contoso.com","IPAddressToString":"10.0.0.11"},{"HostName":"EX01.contoso.com","IPAddressToString":"not-an-address"}]""");

        var r = Load(files);

        Assert.Contains(r.Problems, p => p.File.EndsWith("ReceiveConnector.json", StringComparison.Ordinal) && p.JsonPath == "$[0].Bindings[1]" && p.Message().Contains("relay:25", StringComparison.Ordinal));
        Assert.Contains(r.Problems, p => p.JsonPath == "$[0].RemoteIPRanges[1]" && p.Message().Contains("192.168.1.300", StringComparison.Ordinal) && p.Line == 1);
        Assert.Contains(r.Problems, p => p.File.EndsWith("HostAddress.json", StringComparison.Ordinal) && p.JsonPath == "$[1].IPAddressToString");
        var relay = Assert.Single(Server(r).ReceiveConnectors.Items);
        Assert.Equal(["0.0.0.0:25"], relay.Bindings!.Value.Select(x => x.ToString()));
        Assert.Equal(["192.168.1.0/24"], relay.RemoteIPRanges!.Value.Select(x => x.ToString()));
        Assert.Single(Server(r).HostAddresses.Items);
    }

    [Fact]
    public void A_failed_host_address_lookup_is_a_failed_section_and_a_dump_without_the_new_files_says_not_collected()
    {
        var files = Dump110();
        files.Remove("servers/EX01/HostAddress.json");
        files["manifest.json"] = Utf8(Manifest110.Replace("\"errors\":[]", "\"errors\":[{\"server\":\"EX01\",\"section\":\"HostAddress\",\"message\":\"DNS could not resolve ex01.contoso.com: No such host is known.\"}]", StringComparison.Ordinal));
        var failed = Server(Load(files));
        Assert.Equal(SectionState.Failed, failed.HostAddresses.State);
        Assert.StartsWith("DNS could not resolve", failed.HostAddresses.Error, StringComparison.Ordinal);

        var old = Load(HealthyDump()).Snapshot!;
        Assert.Equal(SectionState.Absent, old.HybridConfigurations.State);
        Assert.Equal(SectionState.Absent, old.TransportConfig.State);
        Assert.Equal(SectionState.Absent, old.AcceptedDomains.State);
        Assert.Equal(SectionState.Absent, old.Servers[0].HostAddresses.State);
        Assert.Null(old.Run.Complete);
        Assert.Null(old.Servers[0].ReceiveConnectors.Items[0].RemoteIPRanges);
    }

    [Fact]
    public void Rows_the_collector_marks_rebuilt_or_with_unknown_properties_say_nothing_of_those_properties()
    {
        var files = HealthyDump();
        var raw = Convert.ToBase64String(Ex01Cert);
        files["servers/EX01/ExchangeCertificate.json"] = Utf8($$"""
            [{"Thumbprint":"{{Ex01Thumbprint}}","RawData":"{{raw}}","Services":"IMAP, POP, IIS, SMTP","Status":"Valid","HasPrivateKey":false,"FriendlyName":"",
              "Origin":"Rebuilt","TypeNames":["System.Security.Cryptography.X509Certificates.X509Certificate2"],"PSComputerName":"ex01.contoso.com","UnknownProperties":["FriendlyName","HasPrivateKey"]}]
            """);
        var rebuilt = Assert.Single(Server(Load(files)).Certificates.Items);
        Assert.Null(rebuilt.HasPrivateKey);
        Assert.Null(rebuilt.FriendlyName);
        Assert.Equal(CertificateOrigin.Rebuilt, rebuilt.Origin);
        Assert.Contains("HasPrivateKey", rebuilt.UnknownProperties);

        // A deserialized row keeps what the server said, even without Services.
        files["servers/EX01/ExchangeCertificate.json"] = Utf8($$"""[{"Thumbprint":"{{Ex01Thumbprint}}","RawData":"{{raw}}","HasPrivateKey":false,"Origin":"Deserialized","UnknownProperties":[]}]""");
        var deserialized = Assert.Single(Server(Load(files)).Certificates.Items);
        Assert.False(deserialized.HasPrivateKey);
        Assert.Equal(CertificateOrigin.Deserialized, deserialized.Origin);
    }

    [Fact]
    public void The_snapshot_file_keeps_every_new_value()
    {
        var loaded = Load(Dump110()).Snapshot!;
        var text = SnapshotFile.Write(loaded);
        var read = SnapshotFile.Read(text, "snapshot.json");

        Assert.Empty(read.Problems);
        Assert.Equal(text, SnapshotFile.Write(read.Snapshot!));
        var s = read.Snapshot!;
        Assert.Equal(loaded.Run, s.Run with { SkippedServers = loaded.Run.SkippedServers, ServerTimings = loaded.Run.ServerTimings, SectionTimings = loaded.Run.SectionTimings });
        Assert.Equal(loaded.Run.SkippedServers.ToArray(), s.Run.SkippedServers.ToArray());
        Assert.Equal(loaded.Run.SectionTimings, s.Run.SectionTimings.ToArray());
        Assert.Equal(loaded.HybridConfigurations.Items[0].SendingTransportServers!.Value, s.HybridConfigurations.Items[0].SendingTransportServers!.Value.ToArray());
        Assert.Equal(loaded.TransportConfig.Items[0].InternalSmtpServers!.Value, s.TransportConfig.Items[0].InternalSmtpServers!.Value.ToArray());
        Assert.Equal(loaded.AcceptedDomains.Items.ToArray(), s.AcceptedDomains.Items.ToArray());
        var relay = s.FindServer("EX01")!.ReceiveConnectors.Items.Single(c => c.Name == "Relay");
        Assert.Equal(loaded.FindServer("EX01")!.ReceiveConnectors.Items.Single(c => c.Name == "Relay").RemoteIPRanges!.Value, relay.RemoteIPRanges!.Value.ToArray());
        Assert.Equal(loaded.FindServer("EX01")!.HostAddresses.Items.ToArray(), s.FindServer("EX01")!.HostAddresses.Items.ToArray());
        Assert.Equal(loaded.FindServer("EX01")!.Flags, s.FindServer("EX01")!.Flags);
        Assert.Equal(IPAddress.Any, s.SendConnectors.Items[0].SourceIPAddress);
        Assert.True(s.SendConnectors.Items[0].FrontendProxyEnabled);
    }

    [Fact]
    public void Joined_with_an_Edge_dump_the_organisation_keeps_its_configuration_and_the_Edge_its_resolved_address()
    {
        var org = Dump110();
        org["manifest.json"] = Utf8(Manifest110.Replace("\"complete\":false", "\"complete\":true", StringComparison.Ordinal));
        org["org/ExchangeServer.json"] = Utf8("""[{"Name":"EX01","ServerRole":"Mailbox","IsHubTransportServer":true,"IsEdgeServer":false},{"Name":"EDGE01","ServerRole":"Edge","IsEdgeServer":true,"IsHubTransportServer":false,"DistinguishedName":"CN=EDGE01,CN=Servers"}]""");
        org["servers/EDGE01/HostAddress.json"] = Utf8("""[{"HostName":"edge01.contoso.com","IPAddressToString":"192.0.2.25"}]""");
        var edge = new Dictionary<string, byte[]>
        {
            ["manifest.json"] = Utf8("""{"format":"extls-raw/1","collectedAt":"2026-06-01T00:00:00Z","complete":false,"interruption":"stopped","collector":{"name":"Export-ExtlsDump","version":"1.1.0","edgeTransport":true},"servers":["EDGE01"],"skippedServers":[{"server":"EX01","reason":"EdgeSync copy"}],"errors":[]}"""),
            ["org/ExchangeServer.json"] = Utf8("""[{"Name":"EDGE01","ServerRole":"Edge","IsEdgeServer":true,"IsHubTransportServer":false}]"""),
            ["org/TransportConfig.json"] = Utf8("""[{"Identity":"Transport Settings","TLSSendDomainSecureList":["edge-copy.example"]}]"""),
            ["servers/EDGE01/ReceiveConnector.json"] = Utf8("""[{"Identity":"EDGE01\\Default internal receive connector EDGE01","AuthMechanism":17,"TransportRole":32,"Bindings":["0.0.0.0:25"]}]"""),
            ["servers/EDGE01/HostAddress.json"] = Utf8("""[{"HostName":"EDGE01","IPAddressToString":"172.16.0.25"}]"""),
        };
        var dir = Path.Combine(Path.GetTempPath(), "extls-join-" + Guid.NewGuid().ToString("N"));
        try
        {
            Write(Path.Combine(dir, "org"), org);
            Write(Path.Combine(dir, "edge"), edge);
            var r = DumpLoader.Load([Path.Combine(dir, "org"), Path.Combine(dir, "edge")]);
            var s = r.Snapshot!;

            Assert.Equal(["fabrikam.com"], Assert.Single(s.TransportConfig.Items).TlsSendDomainSecureList!.Value.ToArray());
            Assert.Single(s.HybridConfigurations.Items);
            var joined = s.FindServer("EDGE01")!;
            Assert.Equal([IPAddress.Parse("192.0.2.25")], joined.HostAddresses.Items.Select(a => a.Address).ToArray());
            Assert.Equal("CN=EDGE01,CN=Servers", joined.DistinguishedName);
            Assert.False(s.Run.Complete);
            Assert.Equal("stopped", s.Run.Interruption);
            Assert.Equal(["EX2010", "EX01"], s.Run.SkippedServers.Select(x => x.Server).ToArray());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void Write(string root, Dictionary<string, byte[]> files)
    {
        foreach (var (rel, bytes) in files)
        {
            var path = Path.Combine(root, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
    }
}
