using System.Text;
using Extls.Import.Formats;
using Extls.Import.Mapping;
using Extls.Model;
using Extls.TestKit;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Tests;

/// <summary>Small in-memory dumps for tests.</summary>
internal static class Fixture
{
    public static readonly byte[] Ex01Cert = TestCertificates.SelfSigned("CN=EX01", ["EX01", "ex01.contoso.com"]);

    public static string Ex01Thumbprint => TestCertificates.Thumbprint(Ex01Cert);

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static string Manifest(string servers = "[\"EX01\"]", string errors = "[]") =>
        $$"""{"format":"extls-raw/1","collectedAt":"2026-06-01T00:00:00Z","organization":"Contoso","collector":{"name":"extls-collector","version":"1.0","host":"ADMIN01","user":"CONTOSO\\admin","powershellVersion":"5.1"},"servers":{{servers}},"errors":{{errors}}}""";

    public static Dictionary<string, byte[]> HealthyDump() => new()
    {
        ["manifest.json"] = Utf8(Manifest()),
        ["org/ExchangeServer.json"] = Utf8("""[{"Name":"EX01","Fqdn":"ex01.contoso.com","ServerRole":"Mailbox","Site":"contoso.com/Configuration/Sites/Default-First-Site-Name","AdminDisplayVersion":"Version 15.2 (Build 1544.4)"}]"""),
        ["org/SendConnector.json"] = Utf8("""[{"Identity":"Internet","Name":"Internet","AddressSpaces":["SMTP:*;1"],"SourceTransportServers":["EX01"],"SmartHosts":[],"SmartHostAuthMechanism":0,"TlsCertificateName":null,"Fqdn":"mail.contoso.com","RequireTLS":false,"TlsAuthLevel":null,"Enabled":true}]"""),
        ["servers/EX01/TransportService.json"] = Utf8($$"""{"Name":"EX01","InternalTransportCertificateThumbprint":"{{Ex01Thumbprint}}"}"""),
        ["servers/EX01/ReceiveConnector.json"] = Utf8("""
            [
              {"Identity":"EX01\\Default EX01","Name":"Default EX01","Server":"EX01","AuthMechanism":"Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer","PermissionGroups":"ExchangeUsers, ExchangeServers, ExchangeLegacyServers","TransportRole":"HubTransport","Bindings":["[::]:2525","0.0.0.0:2525"],"Fqdn":"EX01.contoso.com","Enabled":true},
              {"Identity":"EX01\\Default Frontend EX01","Name":"Default Frontend EX01","Server":"EX01","AuthMechanism":17,"PermissionGroups":13,"TransportRole":16384,"Bindings":["[::]:25"],"Enabled":true}
            ]
            """),
        ["servers/EX01/ExchangeCertificate.json"] = Utf8($$"""[{"Thumbprint":"{{Ex01Thumbprint}}","RawData":"{{Convert.ToBase64String(Ex01Cert)}}","Services":"IMAP, POP, IIS, SMTP","Status":"Valid","HasPrivateKey":true,"IsSelfSigned":true,"FriendlyName":"Microsoft Exchange"}]"""),
        ["servers/EX01/InternalTransportCertificate.json"] = Utf8($$"""{"server":"EX01","distinguishedName":"CN=EX01,CN=Servers,...","msExchServerInternalTLSCert":"{{Convert.ToBase64String(Ex01Cert)}}","readError":null}"""),
    };

    public static LoadResult Load(Dictionary<string, byte[]> files, string name = "dump") => DumpLoader.LoadFromFiles(name, files);

    public static ServerSnapshot Server(LoadResult r, string name = "EX01") =>
        r.Snapshot?.FindServer(name) ?? throw new Xunit.Sdk.XunitException($"Server {name} not in the snapshot.");

    /// <summary>Parses JSON text the way a dump file is parsed, for value-level tests.</summary>
    public static (JToken Root, ValueReader Reader) Json(string json)
    {
        var parsed = JsonSectionParser.ParseText(json, "t.json");
        Assert.NotNull(parsed.Root);
        return (parsed.Root!, new ValueReader("t.json"));
    }

    public static JObject Obj(string json) => (JObject)Json(json).Root;
}
