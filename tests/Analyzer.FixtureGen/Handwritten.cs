using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Extls.Generation;
using Newtonsoft.Json.Linq;

namespace Extls.FixtureGen;

/// <summary>
/// snapshots/handwritten: six two-server organisations (EX01, EX02, Exchange 2019 Mailbox), each isolating one branch
/// of process 1, in the shape <c>Get-X | ConvertTo-Json</c> gives in Windows PowerShell 5.1 with every property of the
/// real objects (depth 2, nested ADObjectIds, TimeSpans and Unlimited values as property bags), saved three ways.
/// Written by a writer of their own (<see cref="Ps51Json"/>, not <see cref="DumpWriter"/>) and with expectations worked
/// out by a small model of processes 1 and 2 here, not by <see cref="Expect"/>: they check the generator's reading of
/// the spec as much as the importer.
/// </summary>
internal static class Handwritten
{
    private const string OrgDn = "CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com";
    private const string AgDn = "CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups," + OrgDn;
    private const string RunspaceId = "3f6e2b1a-0c4d-4e5f-8a9b-1c2d3e4f5a6b";
    private const string PartitionGuid = "59ce2f71-eaa2-4ddf-a4fa-f25069d0b324";
    private const string ExchangeBuild = "0.1 (8.0.535.0)";
    private const string CaName = "CN=Contoso-CA, DC=contoso, DC=com";
    private const string AsOfText = "2026-06-01T00:00:00Z";
    private const string Inbound = "inbound-anonymous-tls", Outbound = "outbound-anonymous-tls";

    private static readonly DateTimeOffset CollectedAt = new(2026, 5, 31, 22, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Servers = ["EX01", "EX02"];

    // RFC 4122 appendix C: the name space of URLs, for the name-based (version 5) GUIDs of AD objects.
    private static readonly byte[] UrlNamespace = Convert.FromHexString("6ba7b8119dad11d180b400c04fd430c8");

    private enum Saved
    {
        /// <summary><c>&gt; file.json</c>: UTF-16 LE with BOM.</summary>
        Utf16,

        /// <summary><c>Set-Content</c>: ANSI, code page 1252.</summary>
        Ansi,

        /// <summary><c>Out-File -Encoding utf8</c>: UTF-8 with BOM.</summary>
        Utf8Bom,
    }

    private sealed record Case(string Slug, Saved Saved, string Branch, string Notes)
    {
        public string Name => Slug[(Slug.IndexOf('-', StringComparison.Ordinal) + 1)..];
    }

    private sealed record Cert(X509Certificate2 Der, bool SelfSigned, string Server, string[] Sans)
    {
        public string Thumbprint => Der.Thumbprint;
    }

    private static readonly Case[] Cases =
    [
        new("01-no-exchangeserver-auth", Saved.Utf16, "process 1 step 2: Default EX02 lacks ExchangeServer in AuthMechanism (31 -> 15)",
            "AuthMechanism 15 (Tls|Integrated|BasicAuth|BasicAuthRequireTLS) on Default EX02, whose PermissionGroups 14 include "
            + "ExchangeServers: step 2 ends it, no event; EXTLS2001, and one 5001 naming it (EX01->EX02 only)."),
        new("02-ad-empty", Saved.Ansi, "process 1 step 3: msExchServerInternalTLSCert of EX02 is empty (written with Set-Content, ANSI)",
            "Every file written with Set-Content (ANSI, cp1252, with non-ASCII text in the Comment). The AD value is null, and "
            + "Get-TransportService's thumbprint is empty too (it reads the same attribute), so process 2 on EX02 ends at step 1 "
            + "without an event; 12012 on the inbound selections; 1002, and one 5001 naming it (both ways). 1008 does not fire: empty equals empty."),
        new("03-not-in-store", Saved.Utf16, "process 1 step 4: EX02's AD value is a certificate that is not in EX02's store",
            "The AD value (base64, as [Convert]::ToBase64String writes it) is an older CN=EX02 certificate (2020-2025) that is no "
            + "longer in the store; Get-TransportService names the same thumbprint. A2: no fall-back. 1004 (12013), and one 5001 naming it (both ways)."),
        new("04-expired", Saved.Utf8Bom, "process 1 step 5: EX02's internal certificate expired (written with Out-File -Encoding utf8)",
            "Every file written with Out-File -Encoding utf8 (UTF-8 with BOM). EX02's CN=EX02 certificate 2021-03-01..2026-03-01: "
            + "12015, still advertised (step 5); 1005 only (4002 is the same root cause). STARTTLS keeps the CA certificate."),
        new("05-expires-soon", Saved.Utf16, "process 1 step 5 (window): EX02's internal certificate expires 2026-06-20, inside 30 days",
            "EX02's CN=EX02 certificate ends 2026-06-20, 19 days after the as-of time: 12017, 1006 (warning), exit code 0. "
            + "EX02's Get-ExchangeCertificate is written in the {value, Count} wrapper; manifest collectedAt is a bare \\/Date()\\/."),
        new("06-suppressed", Saved.Utf16, "process 1 step 2 (A1): SuppressXAnonymousTls on Default EX02",
            "SuppressXAnonymousTls true on Default EX02 (A1: ends at step 2, no certificate, no event); 2002, and one 5001 naming it (EX01->EX02)."),
    ];

    /// <summary>The rules whose findings EXTLS5001 names as the root cause of a broken server.</summary>
    private static readonly HashSet<string> RootCauseRules =
        ["EXTLS1001", "EXTLS1002", "EXTLS1003", "EXTLS1004", "EXTLS1008", "EXTLS2001", "EXTLS2002", "EXTLS3006"];

    private const string GeneralNotes =
        "Hand-written in the shape of Windows PowerShell 5.1 `Get-X | ConvertTo-Json` (depth 2, enums as numbers, "
        + "\\/Date()\\/, one result as a bare object); expectation from selection.md process 1/2 and rules.md only. "
        + "Five receive connectors per server as Exchange 2019 creates them; Client Frontend has no ExchangeServer auth. "
        + "Mailbox->Mailbox goes to the receiver's Default connector (2525). EXTLS5001 is one finding per root cause, filed "
        + "under the broken server and naming the root-cause finding (rules.md: it names the root-cause finding). ";

    /// <summary>Rewrites every case folder under <paramref name="dir"/> (its README.md stays).</summary>
    public static void Emit(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var old in Directory.GetDirectories(dir))
        {
            Directory.Delete(old, recursive: true);
        }

        foreach (var c in Cases)
        {
            var expected = Build(Path.Combine(dir, c.Slug), c);
            Program.WriteJson(Path.Combine(dir, c.Slug, "expected.json"), expected);
        }
    }

    private static DateTimeOffset D(int y, int m, int d) => new(y, m, d, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset D(int y, int m, int d, int h, int min, int s) => new(y, m, d, h, min, s, TimeSpan.Zero);

    // The CA that issued the servers' certificates; only its name and signature appear in the dumps.
    private static GeneratedCertificate Authority() => Certs.Create(new CertificateSpec
    {
        Name = "handwritten/contoso-ca",
        Subject = CaName,
        NotBefore = D(2020, 1, 1),
        NotAfter = D(2040, 1, 1),
        IsAuthority = true,
        Extensions = CertificateExtensions.Authority,
    });

    /// <summary>
    /// Exchange setup's self-signed CN=&lt;server&gt; certificate, or the CA-issued CN=&lt;fqdn&gt; one. Certificates of one
    /// server, kind and year share a key, as they did when these dumps were first made.
    /// </summary>
    private static Cert MakeCert(bool selfSigned, string server, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var fqdn = server.ToLowerInvariant() + ".contoso.com";
        var kind = selfSigned ? "self" : "ca";
        string[] sans = selfSigned ? [server, fqdn] : [fqdn, "mail.contoso.com", "autodiscover.contoso.com"];
        var spec = new CertificateSpec
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"handwritten/{server}-{kind}-{notBefore:yyyy-MM-dd}-{notAfter:yyyy-MM-dd}"),
            Subject = "CN=" + (selfSigned ? server : fqdn),
            DnsNames = sans,
            NotBefore = notBefore,
            NotAfter = notAfter,
            KeyName = string.Create(CultureInfo.InvariantCulture, $"handwritten/{server}-{kind}-{notBefore:yyyy}"),
            Extensions = CertificateExtensions.SubjectAlternativeName | CertificateExtensions.ServerAuthentication,
        };
        var cert = Certs.Create(spec, selfSigned ? null : Authority());
        return new Cert(cert.Certificate, selfSigned, server, sans);
    }

    private static string MsDate(DateTimeOffset t) => string.Create(CultureInfo.InvariantCulture, $"\\/Date({t.ToUnixTimeMilliseconds()})\\/");

    /// <summary>The name-based GUID (RFC 4122 version 5, URL name space) of an AD object, from its DN: stable and unique.</summary>
    private static string Guid(string dn)
    {
        var hash = SHA1.HashData([.. UrlNamespace, .. Encoding.UTF8.GetBytes(dn)]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash, 0, 16);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static string ServerDn(string server) => $"CN={server},CN=Servers,{AgDn}";

    /// <summary>
    /// An ADObjectId as <c>ConvertTo-Json -Depth 2</c> writes it at <paramref name="level"/>: from level 2 on, every
    /// nested object is its ToString() (the DN, or the domain's name).
    /// </summary>
    private static JObject AdObjectId(string dn, string name, int level = 1)
    {
        var comma = dn.IndexOf(',', StringComparison.Ordinal);
        var rdn = dn[..comma];
        var parent = dn[(comma + 1)..];
        var prefix = rdn[..rdn.IndexOf('=', StringComparison.Ordinal)];
        var rdnValue = rdn[(prefix.Length + 1)..];
        var parentRdn = parent.Split(',')[0];
        var parentName = parentRdn[(parentRdn.IndexOf('=', StringComparison.Ordinal) + 1)..];
        return new JObject
        {
            ["IsDeleted"] = false,
            ["Rdn"] = level >= 2 ? rdn : new JObject { ["UnescapedName"] = rdnValue, ["EscapedName"] = rdnValue, ["Prefix"] = prefix },
            ["Parent"] = level >= 2 ? parent : AdObjectId(parent, parentName, level + 1),
            ["Depth"] = dn.Count(c => c == '=') - 1,
            ["DistinguishedName"] = dn,
            ["IsRelativeDn"] = false,
            ["DomainId"] = level >= 2 ? "contoso.com" : AdObjectId("DC=contoso,DC=com", "contoso", level + 1),
            ["PartitionGuid"] = PartitionGuid,
            ["PartitionFQDN"] = "contoso.com",
            ["ObjectGuid"] = Guid(dn),
            ["Name"] = name,
        };
    }

    /// <summary>A System.TimeSpan's property bag.</summary>
    private static JObject TimeSpanBag(long ticks, int days, int hours, int minutes, int seconds, JToken totalDays, JToken totalHours, long totalMilliseconds, JToken totalMinutes, long totalSeconds) => new()
    {
        ["Ticks"] = ticks,
        ["Days"] = days,
        ["Hours"] = hours,
        ["Milliseconds"] = 0,
        ["Minutes"] = minutes,
        ["Seconds"] = seconds,
        ["TotalDays"] = totalDays,
        ["TotalHours"] = totalHours,
        ["TotalMilliseconds"] = totalMilliseconds,
        ["TotalMinutes"] = totalMinutes,
        ["TotalSeconds"] = totalSeconds,
    };

    private static JObject Unlimited(JToken? value) => new() { ["IsUnlimited"] = value is null, ["Value"] = value };

    private static JObject ExchangeVersion() => new() { ["ExchangeBuild"] = ExchangeBuild, ["IsOlderThan"] = null };

    private static JObject ReceiveConnector(string server, string name, int auth, int perms, int role, string? fqdn, bool suppress = false, JObject? tlsName = null)
    {
        var dn = $"CN={name},CN=SMTP Receive Connectors,CN=Protocols,{ServerDn(server)}";
        var identity = AdObjectId(dn, name);
        return new JObject
        {
            ["RunspaceId"] = RunspaceId,
            ["AuthMechanism"] = auth,
            ["Banner"] = null,
            ["BinaryMimeEnabled"] = true,
            ["Bindings"] = "System.Object[]",
            ["ChunkingEnabled"] = true,
            ["DefaultDomain"] = null,
            ["DeliveryStatusNotificationEnabled"] = true,
            ["EightBitMimeEnabled"] = true,
            ["SmtpUtf8Enabled"] = true,
            ["BareLinefeedRejectionEnabled"] = false,
            ["DomainSecureEnabled"] = role == 32,
            ["EnhancedStatusCodesEnabled"] = true,
            ["LongAddressesEnabled"] = false,
            ["OrarEnabled"] = false,
            ["SuppressXAnonymousTls"] = suppress,
            ["ProxyEnabled"] = false,
            ["AdvertiseClientSettings"] = false,
            ["Fqdn"] = fqdn is null ? null : new JObject { ["Domain"] = fqdn, ["IsIPv6"] = false },
            ["ServiceDiscoveryFqdn"] = null,
            ["TlsCertificateName"] = tlsName,

            // Non-ASCII text, so that the ANSI (Set-Content) dump really is code page 1252 and not ASCII.
            ["Comment"] = name.StartsWith("Default ", StringComparison.Ordinal) ? "Réception par défaut – géré par l'équipe messagerie" : null,
            ["Enabled"] = true,
            ["ConnectionTimeout"] = TimeSpanBag(6000000000, 0, 0, 10, 0, 0.006944444444444444, 0.16666666666666666, 600000, 10, 600),
            ["ConnectionInactivityTimeout"] = TimeSpanBag(3000000000, 0, 0, 5, 0, 0.003472222222222222, 0.08333333333333333, 300000, 5, 300),
            ["MessageRateLimit"] = Unlimited(null),
            ["MessageRateSource"] = 1,
            ["MaxInboundConnection"] = Unlimited(5000),
            ["MaxInboundConnectionPerSource"] = Unlimited(null),
            ["MaxInboundConnectionPercentagePerSource"] = 100,
            ["MaxHeaderSize"] = Unlimited("256 KB (262,144 bytes)"),
            ["MaxHopCount"] = 60,
            ["MaxLocalHopCount"] = 12,
            ["MaxLogonFailures"] = 3,
            ["MaxMessageSize"] = Unlimited("36 MB (37,748,736 bytes)"),
            ["MaxProtocolErrors"] = Unlimited(5),
            ["MaxRecipientsPerMessage"] = 5000,
            ["PermissionGroups"] = perms,
            ["PipeliningEnabled"] = true,
            ["ProtocolLoggingLevel"] = 0,
            ["RemoteIPRanges"] = "System.Object[]",
            ["RequireEHLODomain"] = false,
            ["RequireTLS"] = false,
            ["EnableAuthGSSAPI"] = false,
            ["ExtendedProtectionPolicy"] = 0,
            ["LiveCredentialEnabled"] = false,
            ["TlsDomainCapabilities"] = new JArray(),
            ["Server"] = AdObjectId(ServerDn(server), server),
            ["TransportRole"] = role,
            ["RejectReservedTopLevelRecipientDomains"] = false,
            ["RejectReservedSecondLevelRecipientDomains"] = false,
            ["RejectSingleLabelRecipientDomains"] = false,
            ["SizeEnabled"] = 1,
            ["TarpitInterval"] = TimeSpanBag(50000000, 0, 0, 0, 5, 5.7870370370370366E-05, 0.001388888888888889, 5000, 0.08333333333333333, 5),
            ["MaxAcknowledgementDelay"] = TimeSpanBag(300000000, 0, 0, 0, 30, 0.00034722222222222224, 0.008333333333333333, 30000, 0.5, 30),
            ["AdminDisplayName"] = null,
            ["ExchangeVersion"] = ExchangeVersion(),
            ["Name"] = name,
            ["DistinguishedName"] = dn,
            ["Identity"] = identity,
            ["Guid"] = identity["ObjectGuid"]!.DeepClone(),
            ["ObjectCategory"] = new JObject
            {
                ["IsDeleted"] = false,
                ["Rdn"] = "CN=ms-Exch-Smtp-Receive-Connector",
                ["Parent"] = "CN=Schema,CN=Configuration,DC=contoso,DC=com",
                ["Depth"] = 4,
                ["DistinguishedName"] = "CN=ms-Exch-Smtp-Receive-Connector,CN=Schema,CN=Configuration,DC=contoso,DC=com",
                ["IsRelativeDn"] = false,
                ["DomainId"] = "contoso.com",
                ["PartitionGuid"] = PartitionGuid,
                ["PartitionFQDN"] = "contoso.com",
                ["ObjectGuid"] = "00000000-0000-0000-0000-000000000000",
                ["Name"] = "ms-Exch-Smtp-Receive-Connector",
            },
            ["ObjectClass"] = new JArray("top", "msExchSmtpReceiveConnector"),
            ["WhenChanged"] = MsDate(D(2026, 1, 15, 9, 12, 44)),
            ["WhenCreated"] = MsDate(D(2023, 2, 1, 10, 3, 11)),
            ["WhenChangedUTC"] = MsDate(D(2026, 1, 15, 9, 12, 44)),
            ["WhenCreatedUTC"] = MsDate(D(2023, 2, 1, 10, 3, 11)),
            ["OrganizationId"] = "",
            ["Id"] = identity.DeepClone(),
            ["OriginatingServer"] = "dc01.contoso.com",
            ["IsValid"] = true,
            ["ObjectState"] = 0,
        };
    }

    /// <summary>The five receive connectors Exchange 2019 setup creates on a Mailbox server.</summary>
    private static JArray ReceiveConnectors(string server, Case c)
    {
        var fqdn = server.ToLowerInvariant() + ".contoso.com";
        // Tls|Integrated|BasicAuth|BasicAuthRequireTLS|ExchangeServer = 1+2+4+8+16; without ExchangeServer 15.
        var defaultAuth = c.Name == "no-exchangeserver-auth" && server == "EX02" ? 15 : 31;
        return
        [
            ReceiveConnector(server, $"Default {server}", defaultAuth, 14, 32, fqdn, suppress: c.Name == "suppressed" && server == "EX02"),
            ReceiveConnector(server, $"Client Proxy {server}", 23, 6, 32, fqdn),
            ReceiveConnector(server, $"Default Frontend {server}", 31, 13, 16384, fqdn,
                tlsName: new JObject { ["CertificateIssuer"] = CaName, ["CertificateSubject"] = "CN=" + fqdn }),
            ReceiveConnector(server, $"Outbound Proxy Frontend {server}", 31, 12, 16384, fqdn),
            ReceiveConnector(server, $"Client Frontend {server}", 15, 2, 16384, fqdn),
        ];
    }

    private static JObject ExchangeCertificate(Cert c)
    {
        var der = c.Der.RawData;
        return new JObject
        {
            ["AccessRules"] = new JArray("System.Security.AccessControl.CryptoKeyAccessRule", "System.Security.AccessControl.CryptoKeyAccessRule"),

            // SmtpDomainWithSubdomains at depth 2: its SmtpDomain (depth 3) is already a ToString().
            ["CertificateDomains"] = new JArray(c.Sans.Select(n => new JObject
            {
                ["IncludeSubDomains"] = false, ["IsStar"] = false, ["Address"] = n, ["Domain"] = n, ["SmtpDomain"] = n,
            })),
            ["HasPrivateKey"] = true,
            ["IsSelfSigned"] = c.SelfSigned,
            ["Issuer"] = c.Der.Issuer,
            ["NotAfter"] = MsDate(c.Der.NotAfter.ToUniversalTime()),
            ["NotBefore"] = MsDate(c.Der.NotBefore.ToUniversalTime()),
            ["PublicKeySize"] = c.Der.GetRSAPublicKey()!.KeySize,
            ["RootCAType"] = c.SelfSigned ? 3 : 1,
            ["SerialNumber"] = c.Der.SerialNumber,

            // IMAP|POP|IIS|SMTP = 1+2+8+16 for setup's certificate; IIS|SMTP = 8+16 for the CA one. Status 1: Valid.
            ["Services"] = c.SelfSigned ? 27 : 24,
            ["Status"] = 1,
            ["Subject"] = c.Der.Subject,
            ["Thumbprint"] = c.Thumbprint,
            ["Identity"] = c.Server + "\\" + c.Thumbprint,
            ["IisServices"] = new JArray(),
            ["IsElevated"] = false,
            ["PrivateKeyExportable"] = false,
            ["ServicesStringForm"] = c.SelfSigned ? "IP.WS" : ".WS..",
            ["EnhancedKeyUsageList"] = new JArray("Server Authentication (1.3.6.1.5.5.7.3.1)"),
            ["DirectoryPrivateKeyPublicKeyPresent"] = false,
            ["FriendlyName"] = c.SelfSigned ? "Microsoft Exchange" : "",
            ["KeyIdentifier"] = Convert.ToHexString(SHA1.HashData(der.AsSpan(0, 64))),
            ["Archived"] = false,
            ["Extensions"] = new JArray("System.Security.Cryptography.Oid", "System.Security.Cryptography.Oid"),
            ["IssuerName"] = new JObject { ["Name"] = c.Der.Issuer, ["Oid"] = "System.Security.Cryptography.Oid", ["RawData"] = new JArray(48, 0) },
            ["PrivateKey"] = "System.Security.Cryptography.RSACryptoServiceProvider",
            ["PublicKey"] = new JObject
            {
                ["EncodedKeyValue"] = "System.Security.Cryptography.AsnEncodedData",
                ["EncodedParameters"] = "System.Security.Cryptography.AsnEncodedData",
                ["Key"] = "System.Security.Cryptography.RSACryptoServiceProvider",
                ["Oid"] = "System.Security.Cryptography.Oid",
            },
            ["RawData"] = Bytes(der),
            ["SignatureAlgorithm"] = new JObject { ["Value"] = c.Der.SignatureAlgorithm.Value, ["FriendlyName"] = c.Der.SignatureAlgorithm.FriendlyName },
            ["SubjectName"] = new JObject { ["Name"] = c.Der.Subject, ["Oid"] = "System.Security.Cryptography.Oid", ["RawData"] = new JArray(48, 0) },
            ["Version"] = c.Der.Version,
            ["Handle"] = new JObject { ["value"] = 2374658473296 },
        };
    }

    /// <summary>A byte[] as ConvertTo-Json writes it: an array of numbers.</summary>
    private static JArray Bytes(byte[] der) => new(der.Select(b => (object)(int)b).ToArray());

    private static JObject TransportService(string server, string? thumbprint)
    {
        var dn = ServerDn(server);
        const string logs = "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\Hub\\ProtocolLog\\";
        return new JObject
        {
            ["RunspaceId"] = RunspaceId,
            ["Name"] = server,
            ["AntispamAgentsEnabled"] = false,
            ["ConnectivityLogEnabled"] = true,
            ["ExternalDNSAdapterEnabled"] = true,
            ["ExternalDNSAdapterGuid"] = "00000000-0000-0000-0000-000000000000",
            ["ExternalDNSProtocolOption"] = 0,
            ["ExternalDNSServers"] = new JArray(),
            ["ExternalIPAddress"] = null,
            ["InternalDNSAdapterEnabled"] = true,
            ["InternalDNSServers"] = new JArray(),
            ["InternalTransportCertificateThumbprint"] = thumbprint,
            ["IntraOrgConnectorProtocolLoggingLevel"] = 1,
            ["MaxConcurrentMailboxDeliveries"] = 20,
            ["MaxConcurrentMailboxSubmissions"] = 20,
            ["MaxOutboundConnections"] = Unlimited(1000),
            ["MaxPerDomainOutboundConnections"] = Unlimited(20),
            ["MessageExpirationTimeout"] = TimeSpanBag(17280000000000, 2, 0, 0, 0, 2, 48, 172800000, 2880, 172800),
            ["ReceiveProtocolLogPath"] = logs + "SmtpReceive",
            ["SendProtocolLogPath"] = logs + "SmtpSend",
            ["TransportSyncEnabled"] = false,
            ["UseDowngradedExchangeServerAuth"] = false,
            ["ExchangeVersion"] = ExchangeVersion(),
            ["DistinguishedName"] = dn,
            ["Identity"] = AdObjectId(dn, server),
            ["Guid"] = Guid(dn),
            ["ObjectClass"] = new JArray("top", "server", "msExchExchangeServer"),
            ["WhenChanged"] = MsDate(D(2026, 2, 1, 8, 0, 0)),
            ["WhenCreated"] = MsDate(D(2023, 2, 1, 9, 0, 0)),
            ["WhenChangedUTC"] = MsDate(D(2026, 2, 1, 8, 0, 0)),
            ["WhenCreatedUTC"] = MsDate(D(2023, 2, 1, 9, 0, 0)),
            ["OrganizationId"] = "",
            ["Id"] = AdObjectId(dn, server),
            ["OriginatingServer"] = "dc01.contoso.com",
            ["IsValid"] = true,
            ["ObjectState"] = 0,
        };
    }

    private static JObject ExchangeServer(string server)
    {
        var dn = ServerDn(server);
        var fqdn = server.ToLowerInvariant() + ".contoso.com";
        return new JObject
        {
            ["RunspaceId"] = RunspaceId,
            ["Name"] = server,
            ["DataPath"] = "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Mailbox",
            ["Domain"] = "contoso.com",
            ["Edition"] = 2,
            ["ExchangeLegacyDN"] = $"/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn={server}",
            ["ExchangeLegacyServerRole"] = 0,
            ["Fqdn"] = fqdn,
            ["CustomerFeedbackEnabled"] = null,
            ["InternetWebProxy"] = null,
            ["InternetWebProxyBypassList"] = new JArray(),
            ["IsHubTransportServer"] = true,
            ["IsClientAccessServer"] = true,
            ["IsExchange2007OrLater"] = true,
            ["IsEdgeServer"] = false,
            ["IsMailboxServer"] = true,
            ["IsE14OrLater"] = true,
            ["IsE15OrLater"] = true,
            ["IsProvisionedServer"] = false,
            ["IsUnifiedMessagingServer"] = false,
            ["IsFrontendTransportServer"] = true,
            ["NetworkAddress"] = new JArray($"ncacn_vns_spp:{server}", $"netbios:{server}", $"ncacn_np:{server}", $"ncacn_spx:{server}", $"ncacn_ip_tcp:{fqdn}", $"ncalrpc:{server}"),
            ["OrganizationalUnit"] = "contoso.com/" + server,
            ["AdminDisplayVersion"] = new JObject { ["Major"] = 15, ["Minor"] = 2, ["Build"] = 1544, ["Revision"] = 4, ["MajorRevision"] = 0, ["MinorRevision"] = 4 },
            ["Site"] = AdObjectId("CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=contoso,DC=com", "Default-First-Site-Name"),

            // Mailbox|ClientAccess|UnifiedMessaging|HubTransport|FrontendTransport as Exchange 2019 stores it.
            ["ServerRole"] = 16439,
            ["ErrorReportingEnabled"] = null,
            ["StaticDomainControllers"] = new JArray(),
            ["StaticGlobalCatalogs"] = new JArray(),
            ["StaticConfigDomainController"] = null,
            ["StaticExcludedDomainControllers"] = new JArray(),
            ["CurrentDomainControllers"] = new JArray(),
            ["CurrentGlobalCatalogs"] = new JArray(),
            ["CurrentConfigDomainController"] = null,
            ["ProductID"] = null,
            ["IsExchangeTrialEdition"] = false,
            ["IsExpiredExchangeTrialEdition"] = false,
            ["MailboxProvisioningAttributes"] = null,
            ["RemainingTrialPeriod"] = TimeSpanBag(0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            ["IsValid"] = true,
            ["ExchangeVersion"] = ExchangeVersion(),
            ["DistinguishedName"] = dn,
            ["Identity"] = AdObjectId(dn, server),
            ["Guid"] = Guid(dn),
            ["ObjectCategory"] = "contoso.com/Configuration/Schema/ms-Exch-Exchange-Server",
            ["ObjectClass"] = new JArray("top", "server", "msExchExchangeServer"),
            ["WhenChanged"] = MsDate(D(2026, 2, 1, 8, 0, 0)),
            ["WhenCreated"] = MsDate(D(2023, 2, 1, 9, 0, 0)),
            ["WhenChangedUTC"] = MsDate(D(2026, 2, 1, 8, 0, 0)),
            ["WhenCreatedUTC"] = MsDate(D(2023, 2, 1, 9, 0, 0)),
            ["OrganizationId"] = "",
            ["Id"] = AdObjectId(dn, server),
            ["OriginatingServer"] = "dc01.contoso.com",
            ["ObjectState"] = 0,
        };
    }

    private static JObject SendConnector()
    {
        var dn = "CN=Outbound to Internet,CN=Connections,CN=Exchange Routing Group (DWBGZMFD01QNBJR),CN=Routing Groups," + AgDn;
        return new JObject
        {
            ["RunspaceId"] = RunspaceId,
            ["AddressSpaces"] = new JArray("SMTP:*;1"),
            ["AuthenticationCredential"] = null,
            ["CloudServicesMailEnabled"] = false,
            ["Comment"] = null,
            ["ConnectedDomains"] = new JArray(),
            ["ConnectionInactivityTimeOut"] = TimeSpanBag(6000000000, 0, 0, 10, 0, 0.006944444444444444, 0.16666666666666666, 600000, 10, 600),
            ["ConnectorType"] = 0,
            ["DNSRoutingEnabled"] = true,
            ["DomainSecureEnabled"] = false,
            ["Enabled"] = true,
            ["ErrorPolicies"] = 0,
            ["ForceHELO"] = false,
            ["Fqdn"] = null,
            ["FrontendProxyEnabled"] = false,
            ["HomeMTA"] = "Microsoft MTA",
            ["HomeMtaServerId"] = "EX01",
            ["Identity"] = "Outbound to Internet",
            ["IgnoreSTARTTLS"] = false,
            ["IsScopedConnector"] = false,
            ["IsSmtpConnector"] = true,
            ["MaxMessageSize"] = Unlimited("35 MB (36,700,160 bytes)"),
            ["Name"] = "Outbound to Internet",
            ["Port"] = 25,
            ["ProtocolLoggingLevel"] = 0,
            ["RequireOorg"] = false,
            ["RequireTLS"] = false,
            ["SmartHostAuthMechanism"] = 0,
            ["SmartHosts"] = new JArray(),
            ["SmartHostsString"] = "",
            ["SmtpMaxMessagesPerConnection"] = 20,
            ["SourceIPAddress"] = "0.0.0.0",
            ["SourceRoutingGroup"] = "Exchange Routing Group (DWBGZMFD01QNBJR)",
            ["SourceTransportServers"] = new JArray("EX01", "EX02"),
            ["TlsAuthLevel"] = null,
            ["TlsDomain"] = null,
            ["UseExternalDNSServersEnabled"] = false,
            ["TlsCertificateName"] = null,
            ["SmtpUtf8Enabled"] = true,
            ["AdminDisplayName"] = null,
            ["ExchangeVersion"] = ExchangeVersion(),
            ["DistinguishedName"] = dn,
            ["Guid"] = Guid(dn),
            ["ObjectClass"] = new JArray("top", "msExchRoutingSMTPConnector"),
            ["WhenChanged"] = MsDate(D(2023, 3, 1, 12, 0, 0)),
            ["WhenCreated"] = MsDate(D(2023, 3, 1, 12, 0, 0)),
            ["WhenChangedUTC"] = MsDate(D(2023, 3, 1, 12, 0, 0)),
            ["WhenCreatedUTC"] = MsDate(D(2023, 3, 1, 12, 0, 0)),
            ["OrganizationId"] = "",
            ["Id"] = "Outbound to Internet",
            ["OriginatingServer"] = "dc01.contoso.com",
            ["IsValid"] = true,
            ["ObjectState"] = 0,
        };
    }

    /// <summary>
    /// Writes one cmdlet's output: the pipeline unrolls a single result into a bare object; <paramref name="wrapped"/>
    /// is <c>ConvertTo-Json -InputObject $list</c> of a PSObject-wrapped array, which 5.1 writes with its ETS members.
    /// </summary>
    private static void Save(string path, JToken value, Saved saved, bool wrapped = false)
    {
        if (wrapped)
        {
            value = new JObject { ["value"] = value, ["Count"] = ((JArray)value).Count };
        }
        else if (value is JArray { Count: 1 } single)
        {
            value = single[0];
        }

        var text = Ps51Json.Write(value).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n";
        byte[] bytes = saved switch
        {
            Saved.Utf16 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            Saved.Ansi => Cp1252.GetBytes(text),
            _ => [.. Encoding.UTF8.GetPreamble(), .. new UTF8Encoding(false).GetBytes(text)],
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    // Strict: a character Windows-1252 cannot hold is a bug in the fixture, not a '?' in the file.
    private static readonly Encoding Cp1252 = CodePage1252();

    private static Encoding CodePage1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static JObject Build(string dir, Case c)
    {
        var certs = new Dictionary<string, Cert[]>(StringComparer.Ordinal);
        var internalCert = new Dictionary<string, Cert?>(StringComparer.Ordinal);
        var ad = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var server in Servers)
        {
            var (nb, na) = (server, c.Name) switch
            {
                ("EX02", "expired") => (D(2021, 3, 1), D(2026, 3, 1)),
                ("EX02", "expires-soon") => (D(2021, 6, 20), D(2026, 6, 20)),
                _ => (D(2023, 2, 1), D(2028, 2, 1)),
            };
            var self = MakeCert(true, server, nb, na);
            certs[server] = [self, MakeCert(false, server, D(2026, 2, 1), D(2028, 8, 1))];
            internalCert[server] = self;
            ad[server] = self.Der.RawData;
        }

        var transportThumbprint = Servers.ToDictionary(s => s, s => (string?)internalCert[s]!.Thumbprint, StringComparer.Ordinal);
        if (c.Name == "ad-empty")
        {
            // Get-TransportService reads the same attribute, so it is empty too.
            ad["EX02"] = null;
            transportThumbprint["EX02"] = null;
        }

        if (c.Name == "not-in-store")
        {
            var gone = MakeCert(true, "EX02", D(2020, 1, 10), D(2025, 1, 10));
            ad["EX02"] = gone.Der.RawData;
            transportThumbprint["EX02"] = gone.Thumbprint;
            internalCert["EX02"] = null;
        }

        // [pscustomobject]@{...} | ConvertTo-Json > manifest.json; collectedAt from Get-Date (a PSObject-wrapped DateTime)
        // in most dumps, from (Get-Date).ToUniversalTime() (a bare DateTime) in one.
        var manifest = new JObject
        {
            ["format"] = "extls-raw/1",
            ["collectedAt"] = c.Name == "expires-soon"
                ? MsDate(CollectedAt)
                : new JObject { ["value"] = MsDate(CollectedAt), ["DisplayHint"] = 2, ["DateTime"] = "Sunday, May 31, 2026 10:00:00 PM" },
            ["organization"] = "Contoso",
            ["collector"] = new JObject
            {
                ["name"] = "manual export", ["version"] = null, ["host"] = "EX01", ["user"] = "CONTOSO\\exadmin", ["powershellVersion"] = "5.1.17763.6414",
            },
            ["servers"] = new JArray(Servers),
            ["errors"] = new JArray(),
        };
        Save(Path.Combine(dir, "manifest.json"), manifest, c.Saved);
        Save(Path.Combine(dir, "org", "ExchangeServer.json"), new JArray(Servers.Select(ExchangeServer)), c.Saved);
        Save(Path.Combine(dir, "org", "SendConnector.json"), new JArray(SendConnector()), c.Saved);
        foreach (var server in Servers)
        {
            var serverDir = Path.Combine(dir, "servers", server);
            Save(Path.Combine(serverDir, "TransportService.json"), new JArray(TransportService(server, transportThumbprint[server])), c.Saved);
            Save(Path.Combine(serverDir, "ReceiveConnector.json"), ReceiveConnectors(server, c), c.Saved);
            Save(Path.Combine(serverDir, "ExchangeCertificate.json"), new JArray(certs[server].Select(ExchangeCertificate)), c.Saved, wrapped: c.Name == "expires-soon");

            // The AD value as ADSI hands it over: a byte array, which ConvertTo-Json writes as numbers; one dump was
            // made with [Convert]::ToBase64String instead.
            JToken? value = ad[server] is not { } der ? null : c.Name == "not-in-store" ? Convert.ToBase64String(der) : Bytes(der);
            Save(Path.Combine(serverDir, "InternalTransportCertificate.json"), new JObject
            {
                ["server"] = server, ["distinguishedName"] = ServerDn(server), ["msExchServerInternalTLSCert"] = value, ["readError"] = null,
            }, c.Saved);
        }

        return Expected(c, internalCert, transportThumbprint);
    }

    /// <summary>Processes 1 and 2 of selection.md worked out for these organisations; findings from rules.md.</summary>
    private static JObject Expected(Case c, Dictionary<string, Cert?> internalCert, Dictionary<string, string?> transportThumbprint)
    {
        var selections = new JArray();
        var findings = new JArray();
        var brokenIn = new HashSet<string>(StringComparer.Ordinal);
        var brokenOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in Servers)
        {
            var cert = internalCert[server];
            var adState = (server, c.Name) switch
            {
                ("EX02", "ad-empty") => "empty",
                ("EX02", "not-in-store") => "missing",
                _ => "ok",
            };
            int[] events = cert is null ? []
                : cert.Der.NotAfter.ToUniversalTime() <= AsOf ? [12015]
                : cert.Der.NotAfter.ToUniversalTime() <= AsOf.AddDays(30) ? [12017]
                : [];

            // Client Frontend lacks ExchangeServer auth; Client Proxy's 23 is Tls|Integrated|BasicAuth|ExchangeServer.
            foreach (var (name, exchangeServerAuth) in new[] { ("Client Frontend", false), ("Client Proxy", true), ("Default", true), ("Default Frontend", true), ("Outbound Proxy Frontend", true) })
            {
                var connector = $"{server}\\{name} {server}";
                var hasAuth = exchangeServerAuth && !(name == "Default" && server == "EX02" && c.Name is "no-exchangeserver-auth" or "suppressed");
                selections.Add(!hasAuth ? Selection(server, connector, Inbound, false, null, [], 2)
                    : adState == "empty" ? Selection(server, connector, Inbound, false, null, [12012], 3)
                    : adState == "missing" ? Selection(server, connector, Inbound, false, null, [12013], 4)
                    : Selection(server, connector, Inbound, true, cert!.Thumbprint, events, 5));
            }

            if (transportThumbprint[server] is null)
            {
                selections.Add(Selection(server, null, Outbound, false, null, [], 1));
                brokenOut.Add(server);
            }
            else if (adState == "missing")
            {
                selections.Add(Selection(server, null, Outbound, false, null, [12013], 3));
                brokenOut.Add(server);
            }
            else
            {
                selections.Add(Selection(server, null, Outbound, true, cert!.Thumbprint, events, 4));
            }

            if (adState == "empty")
            {
                findings.Add(Finding("EXTLS1002", server, "server", server, 12012));
                brokenIn.Add(server);
            }

            if (adState == "missing")
            {
                findings.Add(Finding("EXTLS1004", server, "server", server, 12013));
                brokenIn.Add(server);
            }

            if (events is [12015])
            {
                findings.Add(Finding("EXTLS1005", server, "server", server, 12015));
            }

            if (events is [12017])
            {
                findings.Add(Finding("EXTLS1006", server, "server", server, 12017, "warning"));
            }
        }

        if (c.Name == "no-exchangeserver-auth")
        {
            findings.Add(Finding("EXTLS2001", "EX02", "receiveConnector", "EX02\\Default EX02", null));
            brokenIn.Add("EX02");
        }

        if (c.Name == "suppressed")
        {
            findings.Add(Finding("EXTLS2002", "EX02", "receiveConnector", "EX02\\Default EX02", null, "warning"));
            brokenIn.Add("EX02");
        }

        // Mailbox -> Mailbox goes to the receiver's Default connector (port 2525). EXTLS5001 is one finding per
        // root-cause finding of a broken server, never one per pair: filed under that server, target RULE/TARGET.
        var rootCauses = findings
            .Where(f => RootCauseRules.Contains((string)f["ruleId"]!) && (brokenIn.Contains((string)f["server"]!) || brokenOut.Contains((string)f["server"]!)))
            .ToList();
        foreach (var root in rootCauses)
        {
            findings.Add(Finding("EXTLS5001", (string)root["server"]!, "mailFlow", $"{root["ruleId"]}/{root["target"]!["id"]}", null));
        }

        return new JObject
        {
            ["description"] = c.Branch,
            ["branch"] = c.Branch,
            ["inputs"] = new JArray("."),
            ["asOf"] = AsOfText,
            ["warningDays"] = 30,
            ["scenarios"] = new JArray(Inbound, Outbound),
            ["selections"] = selections,
            ["findings"] = findings,
            ["exitCode"] = findings.Any(f => (string?)f["severity"] == "error") ? 1 : 0,
            ["encoding"] = c.Saved switch { Saved.Utf16 => "utf16", Saved.Ansi => "ansi", _ => "utf8bom" },
            ["notes"] = GeneralNotes + c.Notes,
        };
    }

    private static JObject Selection(string server, string? connector, string scenario, bool advertised, string? certificate, int[] events, int step) => new()
    {
        ["server"] = server,
        ["connector"] = connector,
        ["scenario"] = scenario,
        ["advertised"] = advertised,
        ["certificate"] = certificate,
        ["events"] = new JArray(events),
        ["endedAtStep"] = step,
    };

    private static JObject Finding(string rule, string server, string kind, string id, int? eventId, string severity = "error") => new()
    {
        ["ruleId"] = rule,
        ["server"] = server,
        ["target"] = new JObject { ["kind"] = kind, ["id"] = id },
        ["eventId"] = eventId,
        ["severity"] = severity,
    };
}
