using Extls.Model;
using Extls.TestKit;
using static Extls.Import.Tests.Fixture;

namespace Extls.Import.Tests;

public class DumpMappingTests
{
    [Fact]
    public void A_healthy_dump_loads_without_problems()
    {
        var r = Load(HealthyDump());
        Assert.Empty(r.Problems);
        var s = r.Snapshot!;
        Assert.Equal("Contoso", s.Organization);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), s.CollectedAt);
        Assert.Equal("5.1", s.Collector!.PowerShellVersion);
        var ex01 = Server(r);
        Assert.Equal("ex01.contoso.com", ex01.Fqdn);
        Assert.Equal(TransportServerRole.Mailbox, ex01.Role);
        Assert.Equal("Version 15.2 (Build 1544.4)", ex01.AdminDisplayVersion);
        Assert.Equal(Ex01Thumbprint, ex01.TransportServiceItem!.InternalTransportCertificateThumbprint);
        Assert.Equal(AdCertificateState.Present, ex01.InternalCertificate.State);
        Assert.Equal(Ex01Thumbprint, ex01.InternalCertificate.Thumbprint);
        Assert.Equal("dump", ex01.DumpName);
        Assert.Empty(s.Inconsistencies);
    }

    [Fact]
    public void Receive_connectors_read_names_and_numbers_alike()
    {
        var ex01 = Server(Load(HealthyDump()));
        Assert.Equal(SectionState.Collected, ex01.ReceiveConnectors.State);
        var hub = ex01.ReceiveConnectors.Items.Single(c => c.Name == "Default EX01");
        Assert.Equal(@"EX01\Default EX01", hub.Identity);
        Assert.True(hub.AuthMechanism!.Value.HasFlag(ReceiveAuthMechanism.ExchangeServer));
        Assert.Equal(ConnectorTransportRole.HubTransport, hub.TransportRole);
        Assert.Equal(["[::]:2525", "0.0.0.0:2525"], hub.Bindings!.Value.Select(b => b.ToString()));
        Assert.Null(hub.SuppressXAnonymousTls);
        Assert.Null(hub.TlsCertificateName);
        var fe = ex01.ReceiveConnectors.Items.Single(c => c.Name == "Default Frontend EX01");
        Assert.Equal(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer, fe.AuthMechanism);
        Assert.Equal(PermissionGroups.AnonymousUsers | PermissionGroups.ExchangeServers | PermissionGroups.ExchangeLegacyServers, fe.PermissionGroups);
        Assert.Equal(ConnectorTransportRole.FrontendTransport, fe.TransportRole);
    }

    [Fact]
    public void Receive_connector_with_object_identity_and_server()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("""[{"Identity":{"Name":"Custom","DistinguishedName":"CN=Custom,..."},"Name":"Custom","Server":{"Name":"EX01"},"Fqdn":{"Domain":"relay.contoso.com"},"AuthMechanism":1,"Bindings":"{0.0.0.0:25, [::]:25}"}]""");
        var c = Assert.Single(Server(Load(files)).ReceiveConnectors.Items);
        Assert.Equal(@"EX01\Custom", c.Identity);
        Assert.Equal("EX01", c.Server);
        Assert.Equal("relay.contoso.com", c.Fqdn);
        Assert.Equal(["0.0.0.0:25", "[::]:25"], c.Bindings!.Value.Select(b => b.ToString()));
    }

    [Fact]
    public void A_wrong_value_is_a_problem_with_location_and_the_rest_of_the_object_is_read()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("[\n  {\n    \"Identity\": \"EX01\\\\Default EX01\",\n    \"AuthMechanism\": \"Tls, Kerberos\",\n    \"RequireTLS\": \"yes\",\n    \"Enabled\": true\n  }\n]");
        var r = Load(files);
        var c = Assert.Single(Server(r).ReceiveConnectors.Items);
        Assert.Null(c.AuthMechanism);
        Assert.Null(c.RequireTls);
        Assert.True(c.Enabled);
        Assert.Equal("Default EX01", c.Name);
        Assert.Collection(
            r.Problems,
            p => Assert.Equal(("dump/servers/EX01/ReceiveConnector.json", 4, "$[0].AuthMechanism"), (p.File, p.Line, p.JsonPath)),
            p => Assert.Equal(("dump/servers/EX01/ReceiveConnector.json", 5, "$[0].RequireTLS"), (p.File, p.Line, p.JsonPath)));
    }

    [Fact]
    public void Transport_service_thumbprint_absent_is_unknown()
    {
        var files = HealthyDump();
        files["servers/EX01/TransportService.json"] = Utf8("""{"Name":"EX01"}""");
        Assert.Null(Server(Load(files)).TransportServiceItem!.InternalTransportCertificateThumbprint);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void Transport_service_thumbprint_null_or_empty_is_empty(string value)
    {
        var files = HealthyDump();
        files["servers/EX01/TransportService.json"] = Utf8("{\"Name\":\"EX01\",\"InternalTransportCertificateThumbprint\":" + value + "}");
        Assert.Equal(string.Empty, Server(Load(files)).TransportServiceItem!.InternalTransportCertificateThumbprint);
    }

    [Fact]
    public void Ad_value_as_byte_array_is_present()
    {
        var files = HealthyDump();
        files["servers/EX01/InternalTransportCertificate.json"] = Utf8("{\"server\":\"EX01\",\"msExchServerInternalTLSCert\":[" + string.Join(",", Ex01Cert) + "]}");
        var ad = Server(Load(files)).InternalCertificate;
        Assert.Equal(AdCertificateState.Present, ad.State);
        Assert.Equal(Ex01Thumbprint, ad.Thumbprint);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("[]")]
    public void Ad_value_null_or_empty_is_empty(string value)
    {
        var files = HealthyDump();
        files["servers/EX01/InternalTransportCertificate.json"] = Utf8("{\"server\":\"EX01\",\"msExchServerInternalTLSCert\":" + value + ",\"readError\":null}");
        Assert.Equal(AdCertificateState.Empty, Server(Load(files)).InternalCertificate.State);
    }

    [Theory]
    [InlineData("\"AQIDBA==\"")]
    [InlineData("\"not base64!\"")]
    [InlineData("[1,2,3]")]
    public void Ad_value_that_is_not_a_certificate_is_corrupt(string value)
    {
        var files = HealthyDump();
        files["servers/EX01/InternalTransportCertificate.json"] = Utf8("{\"server\":\"EX01\",\"msExchServerInternalTLSCert\":" + value + "}");
        var ad = Server(Load(files)).InternalCertificate;
        Assert.Equal(AdCertificateState.Corrupt, ad.State);
        Assert.False(string.IsNullOrEmpty(ad.CorruptReason));
    }

    [Fact]
    public void Ad_read_error_in_the_file_is_unreadable()
    {
        var files = HealthyDump();
        files["servers/EX01/InternalTransportCertificate.json"] = Utf8("""{"server":"EX01","msExchServerInternalTLSCert":null,"readError":"Access is denied."}""");
        var ad = Server(Load(files)).InternalCertificate;
        Assert.Equal(AdCertificateState.Unreadable, ad.State);
        Assert.Equal("Access is denied.", ad.ReadError);
    }

    [Fact]
    public void Ad_file_absent_without_error_is_not_collected()
    {
        var files = HealthyDump();
        files.Remove("servers/EX01/InternalTransportCertificate.json");
        Assert.Equal(AdCertificateState.NotCollected, Server(Load(files)).InternalCertificate.State);
    }

    [Fact]
    public void Ad_failure_in_manifest_is_unreadable()
    {
        var files = HealthyDump();
        files.Remove("servers/EX01/InternalTransportCertificate.json");
        files["manifest.json"] = Utf8(Manifest(errors: """[{"server":"EX01","section":"InternalTransportCertificate","message":"The server is not operational."}]"""));
        var ad = Server(Load(files)).InternalCertificate;
        Assert.Equal(AdCertificateState.Unreadable, ad.State);
        Assert.Equal("The server is not operational.", ad.ReadError);
    }

    [Fact]
    public void Certificate_from_base64_and_from_byte_array_agree()
    {
        var files = HealthyDump();
        var fromBase64 = Assert.Single(Server(Load(files)).Certificates.Items);
        files["servers/EX01/ExchangeCertificate.json"] = Utf8("[{\"RawData\":[" + string.Join(",", Ex01Cert) + "],\"Services\":16,\"Status\":1,\"HasPrivateKey\":true,\"IsSelfSigned\":true}]");
        var fromBytes = Assert.Single(Server(Load(files)).Certificates.Items);
        Assert.Equal(Ex01Thumbprint, fromBase64.Thumbprint);
        Assert.Equal(fromBase64.Thumbprint, fromBytes.Thumbprint);
        Assert.True(fromBytes.Certificate.FromDer);
        Assert.Equal(CertificateServices.SMTP, fromBytes.Services);
        Assert.Equal(CertificateStatus.Valid, fromBytes.Status);
        Assert.Empty(fromBytes.UnknownProperties);
        Assert.Equal(CertificateServices.IMAP | CertificateServices.POP | CertificateServices.IIS | CertificateServices.SMTP, fromBase64.Services);
    }

    [Fact]
    public void Remote_export_with_only_raw_data_leaves_services_status_and_private_key_unknown()
    {
        var files = HealthyDump();
        files["servers/EX01/ExchangeCertificate.json"] = Utf8($$"""[{"RawData":"{{Convert.ToBase64String(Ex01Cert)}}","HasPrivateKey":false}]""");
        var c = Assert.Single(Server(Load(files)).Certificates.Items);
        Assert.Null(c.HasPrivateKey);
        Assert.Null(c.Services);
        Assert.Null(c.Status);
        Assert.Equal(["HasPrivateKey", "Services", "Status"], c.UnknownProperties.ToArray());
        Assert.Equal("EX01", c.Certificate.SubjectCommonName);
    }

    [Fact]
    public void Local_export_keeps_a_false_private_key()
    {
        var files = HealthyDump();
        files["servers/EX01/ExchangeCertificate.json"] = Utf8($$"""[{"RawData":"{{Convert.ToBase64String(Ex01Cert)}}","Services":"None","Status":"Valid","HasPrivateKey":false}]""");
        var c = Assert.Single(Server(Load(files)).Certificates.Items);
        Assert.False(c.HasPrivateKey);
        Assert.Equal(CertificateServices.None, c.Services);
    }

    [Fact]
    public void Certificate_without_raw_data_is_built_from_its_properties()
    {
        var files = HealthyDump();
        files["servers/EX01/ExchangeCertificate.json"] = Utf8("""
            {"Thumbprint":"ab cd ef 01","Subject":"CN=mail.contoso.com, O=Contoso","Issuer":"CN=Contoso CA","NotBefore":"\/Date(1700000000000)\/","NotAfter":"2027-01-01T00:00:00Z",
             "DnsNameList":[{"Domain":"mail.contoso.com"},{"Domain":"autodiscover.contoso.com"}],"PublicKeySize":2048,"SignatureAlgorithm":{"Value":"1.2.840.113549.1.1.11","FriendlyName":"sha256RSA"},
             "Services":"IIS, SMTP","Status":"Valid","HasPrivateKey":true,"IsSelfSigned":false}
            """);
        var c = Assert.Single(Server(Load(files)).Certificates.Items);
        Assert.False(c.Certificate.FromDer);
        Assert.Equal("ABCDEF01", c.Thumbprint);
        Assert.Equal("mail.contoso.com", c.Certificate.SubjectCommonName);
        Assert.Equal(["mail.contoso.com", "autodiscover.contoso.com"], c.Certificate.DnsNames.ToArray());
        Assert.Equal(2048, c.Certificate.KeySize);
        Assert.Equal("sha256RSA", c.Certificate.SignatureAlgorithm);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), c.Certificate.NotAfter);
        Assert.False(c.Certificate.IsSelfSigned);
    }

    [Fact]
    public void Certificate_without_raw_data_or_dates_is_a_problem_and_skipped()
    {
        var files = HealthyDump();
        files["servers/EX01/ExchangeCertificate.json"] = Utf8("""[{"Thumbprint":"ABCDEF01","Subject":"CN=x","Services":16,"Status":1}]""");
        var r = Load(files);
        Assert.Empty(Server(r).Certificates.Items);
        Assert.Contains(r.Problems, p => p.JsonPath == "$[0]" && p.Message().Contains("NotBefore", StringComparison.Ordinal));
    }

    [Fact]
    public void Der_wins_over_disagreeing_properties_and_each_disagreement_is_recorded()
    {
        var files = HealthyDump();
        files["servers/EX01/ExchangeCertificate.json"] = Utf8($$"""
            [{"RawData":"{{Convert.ToBase64String(Ex01Cert)}}","Thumbprint":"0000000000000000000000000000000000000000","Subject":"CN=EX02","Issuer":"CN = EX01",
              "NotBefore":"2025-06-01T00:00:00Z","NotAfter":"2000-01-01T00:00:00Z","Services":16,"Status":1,"HasPrivateKey":true}]
            """);
        var r = Load(files);
        var c = Assert.Single(Server(r).Certificates.Items);
        Assert.Equal(Ex01Thumbprint, c.Thumbprint);
        Assert.Equal("CN=EX01", c.Certificate.Subject);
        var mismatches = r.Snapshot!.Inconsistencies.Where(i => i.Kind == InconsistencyKind.CertificatePropertyMismatch).ToList();
        Assert.Equal(["NotAfter", "Subject", "Thumbprint"], mismatches.Select(m => m.Property!).Order(StringComparer.Ordinal).ToArray());
        var tp = mismatches.Single(m => m.Property == "Thumbprint");
        Assert.Equal(("EX01", Ex01Thumbprint, "0000000000000000000000000000000000000000", Ex01Thumbprint), (tp.Server, tp.Subject, tp.DumpValue, tp.ActualValue));
        Assert.Equal("servers/EX01/ExchangeCertificate.json", tp.Location!.File);
    }

    [Fact]
    public void A_repeated_thumbprint_is_kept_once_and_recorded()
    {
        var files = HealthyDump();
        var entry = $$"""{"RawData":"{{Convert.ToBase64String(Ex01Cert)}}","Services":16,"Status":1,"HasPrivateKey":true}""";
        files["servers/EX01/ExchangeCertificate.json"] = Utf8("[" + entry + "," + entry + "]");
        var r = Load(files);
        Assert.Single(Server(r).Certificates.Items);
        Assert.Contains(r.Snapshot!.Inconsistencies, i => i.Kind == InconsistencyKind.DuplicateCertificate && i.Subject == Ex01Thumbprint);
    }

    [Fact]
    public void A_connector_on_an_unknown_server_is_an_inconsistency()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("""[{"Identity":"EX09\\Stray","Name":"Stray","Server":"EX09","AuthMechanism":1}]""");
        var i = Assert.Single(Load(files).Snapshot!.Inconsistencies);
        Assert.Equal((InconsistencyKind.ConnectorOnUnknownServer, "EX01", @"EX09\Stray", "EX09"), (i.Kind, i.Server, i.Subject, i.DumpValue));
    }

    [Fact]
    public void Send_connectors_with_numbers_nulls_and_objects()
    {
        var files = HealthyDump();
        files["org/SendConnector.json"] = Utf8("""
            {"Identity":"To Edge","Name":"To Edge","SmartHosts":"--","AddressSpaces":[{"Type":"SMTP","Address":"--","Cost":100}],"SmartHostAuthMechanism":8,
             "SourceTransportServers":[{"Name":"EX01"}],"TlsAuthLevel":2,"RequireTLS":"True","CloudServicesMailEnabled":false,"TlsCertificateName":"<I>CN=CA<S>CN=mail"}
            """);
        var c = Assert.Single(Load(files).Snapshot!.SendConnectors.Items);
        Assert.Equal(SmartHostAuthMechanism.ExchangeServer, c.SmartHostAuthMechanism);
        Assert.Equal(["--"], c.SmartHosts!.Value.ToArray());
        Assert.Equal(["SMTP:--;100"], c.AddressSpaces!.Value.ToArray());
        Assert.Equal(["EX01"], c.SourceTransportServers!.Value.ToArray());
        Assert.Equal(TlsAuthLevel.CertificateValidation, c.TlsAuthLevel);
        Assert.True(c.RequireTls);
        Assert.Null(c.Fqdn);
        Assert.Null(c.DumpServer);
        Assert.Equal("<I>CN=CA<S>CN=mail", c.TlsCertificateName);
    }

    [Fact]
    public void Server_role_as_number()
    {
        var files = HealthyDump();
        files["org/ExchangeServer.json"] = Utf8("""[{"Name":"EX01","ServerRole":2},{"Name":"EDGE01","ServerRole":64}]""");
        var r = Load(files);
        Assert.Equal(TransportServerRole.Mailbox, Server(r).Role);
        Assert.Equal(TransportServerRole.Edge, Server(r, "EDGE01").Role);
        Assert.Equal("Edge", Server(r, "EDGE01").ServerRoleText);
    }
}

public class WholeDumpQuirkTests
{
    [Fact]
    public void A_utf16_section_in_a_dump_written_by_windows_powershell_redirection()
    {
        var files = HealthyDump();
        var text = System.Text.Encoding.UTF8.GetString(files["servers/EX01/ReceiveConnector.json"]);
        files["servers/EX01/ReceiveConnector.json"] = [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes(text)];
        var r = Load(files);
        Assert.Empty(r.Problems);
        Assert.Equal(2, Server(r).ReceiveConnectors.Items.Length);
    }

    [Fact]
    public void Windows_powershell_5_output_with_numbers_ms_dates_and_value_wrappers()
    {
        var files = HealthyDump();
        files["manifest.json"] = Utf8("""{"format":"extls-raw/1","collectedAt":{"value":"\/Date(1780272000000)\/","DisplayHint":2,"DateTime":"Monday, June 1, 2026 12:00:00 AM"},"servers":{"value":["EX01"],"Count":1},"errors":{"value":[],"Count":0}}""");
        files["servers/EX01/ExchangeCertificate.json"] = Utf8($$"""
            {"value":[{"RawData":[{{string.Join(",", Ex01Cert)}}],"Thumbprint":"{{Ex01Thumbprint}}","NotAfter":"\/Date({{Build.AsOf.AddYears(4).ToUnixTimeMilliseconds()}})\/","Services":29,"Status":1,"HasPrivateKey":true,"IsSelfSigned":true}],"Count":1}
            """);
        var r = Load(files);
        Assert.Empty(r.Problems);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1780272000000), r.Snapshot!.CollectedAt);
        var c = Assert.Single(Server(r).Certificates.Items);
        Assert.Equal(CertificateServices.IMAP | CertificateServices.UM | CertificateServices.IIS | CertificateServices.SMTP, c.Services);
        Assert.Empty(r.Snapshot.Inconsistencies);
    }

    [Fact]
    public void Csv_like_text_values_map_the_same_as_typed_json()
    {
        var files = HealthyDump();
        files["servers/EX01/ReceiveConnector.json"] = Utf8("""[{"Identity":"EX01\\Default EX01","AuthMechanism":"Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer","SuppressXAnonymousTls":"False","RequireTLS":"False","Enabled":"True","TransportRole":"HubTransport","Bindings":"Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPBinding]"}]""");
        var c = Assert.Single(Server(Load(files)).ReceiveConnectors.Items);
        Assert.False(c.SuppressXAnonymousTls);
        Assert.True(c.Enabled);
        Assert.Null(c.Bindings);
        Assert.Equal(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated | ReceiveAuthMechanism.BasicAuth | ReceiveAuthMechanism.BasicAuthRequireTLS | ReceiveAuthMechanism.ExchangeServer, c.AuthMechanism);
    }

    [Fact]
    public void Locale_text_dates_are_not_compared_with_the_der()
    {
        var files = HealthyDump();
        files["servers/EX01/ExchangeCertificate.json"] = Utf8($$"""[{"RawData":"{{Convert.ToBase64String(Ex01Cert)}}","NotAfter":"2030/06/01 9:00:00","Services":"SMTP","Status":"Valid","HasPrivateKey":"True"}]""");
        var r = Load(files);
        Assert.Empty(r.Problems);
        Assert.Empty(r.Snapshot!.Inconsistencies);
    }
}
