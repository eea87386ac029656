using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.FixtureGen;

/// <summary>Writes an organisation as a raw dump in the layout of raw-dump.md, in the PowerShell flavour each server asks for.</summary>
internal static class DumpWriter
{
    public const string ManifestFile = "manifest.json";
    public static readonly DateTimeOffset CollectedAt = new(2026, 5, 31, 22, 0, 0, TimeSpan.Zero);
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    private static readonly (int Bit, string Name)[] AuthNames =
        [(1, "Tls"), (2, "Integrated"), (4, "BasicAuth"), (8, "BasicAuthRequireTLS"), (16, "ExchangeServer"), (32, "ExternalAuthoritative")];

    private static readonly (int Bit, string Name)[] PermNames =
        [(1, "AnonymousUsers"), (2, "ExchangeUsers"), (4, "ExchangeServers"), (8, "ExchangeLegacyServers"), (16, "Partners"), (32, "Custom")];

    private static readonly (int Bit, string Name)[] ServiceNames =
        [(1, "IMAP"), (2, "POP"), (4, "UM"), (8, "IIS"), (16, "SMTP"), (32, "Federation"), (64, "UMCallRouter")];

    private static readonly Dictionary<string, int> StatusValues = new(StringComparer.Ordinal)
    {
        ["Unknown"] = 0, ["Valid"] = 1, ["Revoked"] = 2, ["DateInvalid"] = 3, ["Untrusted"] = 4, ["Invalid"] = 5, ["RevocationCheckFailure"] = 6,
    };

    private static readonly Dictionary<string, int> SmartHostAuthValues = new(StringComparer.Ordinal)
    {
        ["None"] = 0, ["BasicAuth"] = 2, ["BasicAuthRequireTLS"] = 4, ["ExchangeServer"] = 8, ["ExternalAuthoritative"] = 16,
    };

    private static readonly Dictionary<string, int> TlsAuthLevelValues = new(StringComparer.Ordinal)
    {
        ["EncryptionOnly"] = 1, ["CertificateValidation"] = 2, ["DomainValidation"] = 4,
    };

    private static readonly Dictionary<string, int> RoleValues = new(StringComparer.Ordinal)
    {
        ["HubTransport"] = 32, ["Edge"] = 64, ["FrontendTransport"] = 16384,
    };

    private static string Flags((int Bit, string Name)[] names, int value) =>
        value == 0 ? "None" : string.Join(", ", names.Where(n => (value & n.Bit) != 0).Select(n => n.Name));

    /// <summary>Writes the dump and returns the relative path → style of every file written.</summary>
    public static SortedDictionary<string, string> Write(Org org, string dir, Func<string, JArray, string>? tableSink = null)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }

        var styles = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var orgStyle = org.OrgStyle;

        var manifest = new JObject
        {
            ["format"] = "extls-raw/1",
            ["collectedAt"] = "2026-05-31T22:00:00Z",
            ["organization"] = "Contoso",
            ["collector"] = new JObject
            {
                ["name"] = orgStyle == Style.Collector ? "extls-collector" : "manual export",
                ["version"] = orgStyle == Style.Collector ? "0.1.0" : null,
                ["host"] = org.Servers[0].Name,
                ["user"] = "CONTOSO\\exadmin",
                ["powershellVersion"] = orgStyle == Style.Ps51 ? "5.1.17763.6414" : "7.4.6",
            },
            // A server EdgeSync copied into an Edge's AD LDS is listed by Get-ExchangeServer there, not collected.
            ["servers"] = new JArray(org.Servers.Where(s => s.Role != "MailboxCopy").Select(s => s.Name).ToArray()),
            ["errors"] = new JArray(org.Errors.Select(e => new JObject { ["server"] = e.Server, ["section"] = e.Section, ["message"] = e.Message })),
        };
        Save(dir, ManifestFile, manifest, Style.Collector, styles);

        void Section(string rel, JArray items, Style style, bool wrap)
        {
            if (tableSink is null)
            {
                Save(dir, rel + ".json", Shape(items, style, wrap), style, styles);
            }
            else
            {
                var ext = tableSink(rel, items);
                styles[rel + ext] = ext == ".xml" ? "clixml" : "csv";
            }
        }

        var exchangeServers = new JArray(org.Servers.Where(s => s.Role != "EdgeStub").Select(s => new JObject
        {
            ["Name"] = s.Name,
            ["Identity"] = s.Name,
            ["Fqdn"] = s.Fqdn,
            ["ServerRole"] = s.Role switch { "EdgeOrgCopy" => "Edge", "MailboxCopy" => "Mailbox", _ => s.Role },
            ["Site"] = s.Role.StartsWith("Edge", StringComparison.Ordinal) ? null : "contoso.com/Configuration/Sites/Default-First-Site-Name",
            ["AdminDisplayVersion"] = "Version 15.2 (Build 1544.4)",
            ["IsEdgeServer"] = s.Role.StartsWith("Edge", StringComparison.Ordinal),
        }));
        Section("org/ExchangeServer", exchangeServers, orgStyle, wrap: false);
        Section("org/SendConnector", new JArray(org.SendConnectors.Select(c => SendConnector(c, orgStyle))), orgStyle, wrap: false);
        if (org.EdgeSubscriptionFile)
        {
            var subs = new JArray(org.EdgeSubscriptions.Select(e => new JObject
            {
                ["Name"] = e,
                ["Identity"] = e,
                ["Site"] = "contoso.com/Configuration/Sites/Default-First-Site-Name",
                ["Domain"] = "contoso.com",
            }));
            Section("org/EdgeSubscription", subs, orgStyle, wrap: false);
        }

        if (org.Hybrid is { } hybrid)
        {
            var config = new JObject
            {
                ["Identity"] = "Hybrid Configuration",
                ["Name"] = "Hybrid Configuration",
                ["TlsCertificateName"] = hybrid.TlsCertificateName,
                ["SendingTransportServers"] = new JArray(hybrid.Sending.Cast<object>().ToArray()),
                ["ReceivingTransportServers"] = new JArray(hybrid.Receiving.Cast<object>().ToArray()),
                ["EdgeTransportServers"] = new JArray(),
                ["Domains"] = new JArray("contoso.com"),
                ["Features"] = new JArray("FreeBusy", "MoveMailbox", "Mailtips", "MessageTracking", "OwaRedirection", "OnlineArchive", "SecureMail", "Photos"),
                ["FeaturesValue"] = new JArray(0, 1, 2, 3, 4, 5, 6, 8),
                ["OnPremisesSmartHost"] = "mail.contoso.com",
            };
            Section("org/HybridConfiguration", new JArray(config), orgStyle, wrap: false);
        }

        foreach (var s in org.Servers)
        {
            var omit = s.OmitSections ?? [];
            var baseDir = $"servers/{s.Name}/";
            // The organisation's server object of an Edge, or an Edge's AD LDS copy of a Mailbox server: only the AD value.
            var orgCopyOnly = s.Role is "EdgeOrgCopy" or "MailboxCopy";
            if (!orgCopyOnly && !omit.Contains("TransportService"))
            {
                var ts = new JObject
                {
                    ["Name"] = s.Name,
                    ["Identity"] = s.Name,
                    ["InternalTransportCertificateThumbprint"] = s.TransportThumbprint,
                };
                Section(baseDir + "TransportService", new JArray(ts), s.Style, wrap: false);
            }

            if (!orgCopyOnly && !omit.Contains("ReceiveConnector"))
            {
                var rc = new JArray(s.Connectors.Select(c => ReceiveConnector(c, s)));
                Section(baseDir + "ReceiveConnector", rc, s.Style, wrap: s.Style == Style.Ps51);
            }

            if (!orgCopyOnly && !omit.Contains("ExchangeCertificate"))
            {
                var cs = s.CertStyle ?? s.Style;
                var certs = new JArray(s.Store.Select(c => Certificate(c, cs, s.RemoteKeepsHasPrivateKeyFalse)));
                Section(baseDir + "ExchangeCertificate", certs, cs, wrap: false);
            }

            if (s.Addresses is { } addresses)
            {
                // [System.Net.Dns]::GetHostAddressesAsync of the server's FQDN, sorted by IPAddressToString as the collector writes it.
                var rows = new JArray(addresses.Order(StringComparer.Ordinal).Select(a => new JObject
                {
                    ["HostName"] = s.Fqdn,
                    ["IPAddressToString"] = a,
                    ["AddressFamily"] = a.Contains(':', StringComparison.Ordinal) ? "InterNetworkV6" : "InterNetwork",
                    ["AddressFamilyValue"] = a.Contains(':', StringComparison.Ordinal) ? 23 : 2,
                }));
                Section(baseDir + "HostAddress", rows, s.Style, wrap: false);
            }

            if (!omit.Contains("InternalTransportCertificate") && s.Ad != AdKind.ManifestError)
            {
                Save(dir, baseDir + "InternalTransportCertificate.json", AdValue(s), s.Style, styles);
            }
        }

        return styles;
    }

    private static JToken Shape(JArray items, Style style, bool wrap)
    {
        // Windows PowerShell and PowerShell 7 write a single result as a bare object; the collector always writes arrays.
        if (style != Style.Collector && items.Count == 1)
        {
            return items[0];
        }

        if (wrap)
        {
            return new JObject { ["value"] = items, ["Count"] = items.Count };
        }

        return items;
    }

    private static JToken Date(DateTimeOffset d, Style style, bool wrapped)
    {
        if (style == Style.Ps51)
        {
            var ms = d.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            var raw = new JRaw($"\"\\/Date({ms})\\/\"");
            if (!wrapped)
            {
                return raw;
            }

            return new JObject
            {
                ["value"] = raw,
                ["DisplayHint"] = 2,
                ["DateTime"] = d.UtcDateTime.ToString("dddd, MMMM d, yyyy h:mm:ss tt", EnUs),
            };
        }

        return style == Style.Ps7
            ? d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static void Enum(JObject o, string name, int value, string text, Style style)
    {
        if (style == Style.Ps51)
        {
            o[name] = value;
            return;
        }

        o[name] = text;
        if (style == Style.Collector)
        {
            o[name + "Value"] = value;
        }
    }

    private static JObject ReceiveConnector(RecvConn c, Server s)
    {
        var style = s.Style;
        var o = new JObject
        {
            ["Identity"] = c.Identity,
            ["Name"] = c.Name,
        };
        if (style == Style.Ps51)
        {
            // Depth 2: the server's ADObjectId still expands one level, its own members become strings.
            o["Server"] = new JObject
            {
                ["Name"] = c.Server,
                ["DistinguishedName"] = AdDn(c.Server),
                ["Rdn"] = "CN=" + c.Server,
            };
        }
        else
        {
            o["Server"] = c.Server;
        }

        Enum(o, "AuthMechanism", c.Auth, Flags(AuthNames, c.Auth), style);
        Enum(o, "PermissionGroups", c.Perms, Flags(PermNames, c.Perms), style);
        Enum(o, "TransportRole", RoleValues[c.Role], c.Role, style);
        o["SuppressXAnonymousTls"] = c.Suppress;
        o["RequireTLS"] = c.RequireTls;
        o["Enabled"] = true;
        o["Fqdn"] = c.Fqdn;
        o["TlsCertificateName"] = c.TlsCertificateName;
        o["TlsDomainCapabilities"] = c.TlsDomainCapabilities is null ? null : new JArray(c.TlsDomainCapabilities);
        o["Bindings"] = s.BindingsAsTypeName ? "System.Object[]" : new JArray(c.Bindings.Cast<object>().ToArray());
        if (c.RemoteIPRanges is { } ranges)
        {
            o["RemoteIPRanges"] = new JArray(ranges.Cast<object>().ToArray());
        }

        return o;
    }

    private static JObject SendConnector(SendConn c, Style style)
    {
        var o = new JObject
        {
            ["Identity"] = c.Name,
            ["Name"] = c.Name,
            ["AddressSpaces"] = new JArray(c.AddressSpaces.Cast<object>().ToArray()),
            ["SmartHosts"] = new JArray((c.SmartHosts ?? []).Cast<object>().ToArray()),
            ["SourceTransportServers"] = new JArray(c.Sources.Cast<object>().ToArray()),
            ["DNSRoutingEnabled"] = c.SmartHosts is null || c.SmartHosts.Length == 0,
        };
        Enum(o, "SmartHostAuthMechanism", SmartHostAuthValues[c.SmartHostAuth], c.SmartHostAuth, style);
        o["TlsCertificateName"] = c.TlsCertificateName;
        o["Fqdn"] = c.Fqdn;
        o["RequireTLS"] = c.RequireTls;
        if (c.TlsAuthLevel is null)
        {
            o["TlsAuthLevel"] = null;
        }
        else
        {
            Enum(o, "TlsAuthLevel", TlsAuthLevelValues[c.TlsAuthLevel], c.TlsAuthLevel, style);
        }

        o["TlsDomain"] = c.TlsDomain;
        o["CloudServicesMailEnabled"] = c.Cloud;
        o["Enabled"] = true;
        if (c.IgnoreStartTls is { } ignore)
        {
            o["IgnoreSTARTTLS"] = ignore;
        }

        if (c.FrontendProxyEnabled is { } proxy)
        {
            o["FrontendProxyEnabled"] = proxy;
        }

        return o;
    }

    private static JObject Certificate(StoreCert c, Style style, bool remoteHasPrivateKeyFalse)
    {
        var thumb = c.ThumbprintOverride ?? c.Cert.Thumbprint;
        if (style == Style.Remote)
        {
            var r = new JObject
            {
                ["Thumbprint"] = thumb,
                ["Subject"] = c.Cert.Subject,
                ["RawData"] = Convert.ToBase64String(c.Cert.RawData),
            };
            if (remoteHasPrivateKeyFalse)
            {
                r["HasPrivateKey"] = false;
            }

            return r;
        }

        var o = new JObject
        {
            ["Thumbprint"] = thumb,
            ["Subject"] = c.Cert.Subject,
            ["Issuer"] = c.Cert.Issuer,
            ["NotBefore"] = Date(c.Cert.NotBefore.ToUniversalTime(), style, wrapped: false),
            ["NotAfter"] = Date(c.Cert.NotAfter.ToUniversalTime(), style, wrapped: true),
        };
        Enum(o, "Services", c.Services, Flags(ServiceNames, c.Services), style);
        Enum(o, "Status", StatusValues[c.Status], c.Status, style);
        o["HasPrivateKey"] = c.HasPrivateKey;
        o["IsSelfSigned"] = string.Equals(c.Cert.Subject, c.Cert.Issuer, StringComparison.Ordinal);
        o["FriendlyName"] = c.FriendlyName;
        o["CertificateDomains"] = new JArray(Certs.DnsNames(c.Cert).Cast<object>().ToArray());
        o["PublicKeySize"] = c.Cert.PublicKey.GetRSAPublicKey()?.KeySize;
        o["Version"] = c.Cert.Version;
        o["SignatureAlgorithm"] = new JObject
        {
            ["Value"] = c.Cert.SignatureAlgorithm.Value,
            ["FriendlyName"] = c.Cert.SignatureAlgorithm.FriendlyName,
        };
        o["SerialNumber"] = c.Cert.SerialNumber;
        o["RawData"] = style == Style.Ps51
            ? new JArray(c.Cert.RawData.Select(b => (object)(int)b).ToArray())
            : Convert.ToBase64String(c.Cert.RawData);
        return o;
    }

    public static string AdDn(string server) =>
        $"CN={server},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com";

    private static readonly byte[] CorruptBytes =
        [0x30, 0x82, 0x03, 0x1F, 0x30, 0x82, 0x02, 0x07, 0xA0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

    private static JObject AdValue(Server s)
    {
        JToken value = s.Ad switch
        {
            AdKind.Certificate => s.Style == Style.Ps51
                ? new JArray(s.AdCert!.RawData.Select(b => (object)(int)b).ToArray())
                : Convert.ToBase64String(s.AdCert!.RawData),
            AdKind.Corrupt => Convert.ToBase64String(CorruptBytes),
            _ => JValue.CreateNull(),
        };
        return new JObject
        {
            ["server"] = s.Name,
            ["distinguishedName"] = AdDn(s.Name),
            ["msExchServerInternalTLSCert"] = value,
            ["readError"] = s.Ad == AdKind.ReadError ? "Insufficient access rights to perform the operation. (0x80072098)" : null,
        };
    }

    private static void Save(string dir, string rel, JToken token, Style style, SortedDictionary<string, string> styles)
    {
        var path = Path.Combine(dir, rel.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var sb = new StringBuilder();
        using (var sw = new StringWriter(sb, CultureInfo.InvariantCulture))
        using (var jw = new JsonTextWriter(sw) { Formatting = Formatting.Indented, Indentation = style == Style.Ps51 ? 4 : 2 })
        {
            token.WriteTo(jw);
        }

        var text = sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        byte[] bytes;
        switch (style)
        {
            case Style.Ps51:
                // `ConvertTo-Json ... > file.json` in Windows PowerShell: UTF-16 LE with BOM, CRLF, trailing newline.
                text = text.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n";
                bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
                break;
            case Style.Ps7:
            case Style.Remote:
                text = text.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n";
                bytes = new UTF8Encoding(false).GetBytes(text);
                break;
            default:
                bytes = new UTF8Encoding(false).GetBytes(text + "\n");
                break;
        }

        File.WriteAllBytes(path, bytes);
        styles[rel] = style.ToString().ToLowerInvariant();
    }
}
