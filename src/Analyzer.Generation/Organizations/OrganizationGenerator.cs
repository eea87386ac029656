using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Extls.Generation.Organizations;

/// <summary>Where a generated organisation's Edge servers go.</summary>
public enum EdgeLayout
{
    /// <summary>In the organisation's dump, as one folder (what <c>extls import</c> of the joined dumps describes).</summary>
    Joined,

    /// <summary>
    /// As a collector writes them: the organisation's dump in <c>organization/</c> (holding only each Edge's server object and
    /// the certificate its subscription published) and each Edge's own dump in a folder named after it.
    /// </summary>
    Separate,
}

/// <summary>What to generate.</summary>
public sealed record GenerationOptions
{
    /// <summary>Transport servers in all, Edge servers included.</summary>
    public required int Servers { get; init; }

    /// <summary>How many of them are Edge servers; null: one per hundred servers, and one from five servers up.</summary>
    public int? EdgeServers { get; init; }

    /// <summary>Chooses the broken servers and their kinds, and is part of every certificate's name: one seed, one set of bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The share of Mailbox servers broken, from 0 to 1.</summary>
    public double BrokenShare { get; init; } = 0.1;

    /// <summary>The kinds of break to deal out to the broken servers in turn.</summary>
    public ImmutableArray<BreakKind> Kinds { get; init; } = BreakKinds.All;

    public DumpStyle Style { get; init; } = DumpStyle.Ps7;

    public EdgeLayout EdgeLayout { get; init; } = EdgeLayout.Joined;

    public int EdgeCount => EdgeServers ?? (Servers < 5 ? 0 : Math.Max(1, Servers / 100));
}

/// <summary>What was written: the dump folders to analyse together, and what the analysis must find.</summary>
public sealed record GeneratedOrganization(
    ImmutableArray<string> Dumps,
    ImmutableArray<string> MailboxServers,
    ImmutableArray<string> EdgeServers,
    ImmutableArray<BrokenServer> Broken,
    int Files,
    long Bytes)
{
    /// <summary>Every finding other than EXTLS5001 the analysis reports: exactly these, one per root cause.</summary>
    public ImmutableArray<ExpectedFinding> Findings => [.. Broken.SelectMany(b => b.Findings)];
}

/// <summary>
/// Writes a synthetic Exchange organisation as raw dumps in the layout a collector writes, with real
/// certificates from <see cref="CertificateFactory"/>: every Mailbox server healthy (two certificates, the three
/// default receive connectors, a source of the Internet send connector), Edge servers subscribed, and a
/// chosen share of Mailbox servers broken in the ways of <see cref="BreakKind"/>. The same options give the
/// same bytes.
/// </summary>
public static class OrganizationGenerator
{
    public const string Organization = "Contoso";
    public const string Domain = "contoso.com";
    public static readonly DateTimeOffset CollectedAt = new(2026, 5, 31, 22, 0, 0, TimeSpan.Zero);

    private const string Site = "contoso.com/Configuration/Sites/Default-First-Site-Name";
    private const string RootSubject = "CN=Contoso Test Root CA";
    private const string EdgeSyncInbound = "EdgeSync - Inbound to Default-First-Site-Name";
    private const string EdgeSyncInternet = "EdgeSync - Default-First-Site-Name to Internet";
    private const string Internet = "Outbound to Internet";

    // Keys are the slow part (derived, not random: see README.md); a few shared keys make a thousand servers cheap,
    // and nothing extls reads depends on which 2048-bit key a certificate carries.
    private const int KeyPool = 6;

    // AuthMechanism: Tls 1, Integrated 2, BasicAuth 4, BasicAuthRequireTLS 8, ExchangeServer 16.
    private const int AuthDefault = 31, AuthClient = 15, AuthEdge = 17;

    // PermissionGroups: AnonymousUsers 1, ExchangeUsers 2, ExchangeServers 4, ExchangeLegacyServers 8, Partners 16.
    private const int PermsHub = 14, PermsFrontend = 13, PermsClient = 2, PermsEdge = 21;

    // Services: IMAP 1, POP 2, IIS 8, SMTP 16.
    private const int ServicesExchangeDefault = 1 | 2 | 8 | 16, ServicesIisSmtp = 8 | 16;

    private static readonly (int Bit, string Name)[] AuthNames =
        [(1, "Tls"), (2, "Integrated"), (4, "BasicAuth"), (8, "BasicAuthRequireTLS"), (16, "ExchangeServer"), (32, "ExternalAuthoritative")];

    private static readonly (int Bit, string Name)[] PermNames =
        [(1, "AnonymousUsers"), (2, "ExchangeUsers"), (4, "ExchangeServers"), (8, "ExchangeLegacyServers"), (16, "Partners"), (32, "Custom")];

    private static readonly (int Bit, string Name)[] ServiceNames =
        [(1, "IMAP"), (2, "POP"), (4, "UM"), (8, "IIS"), (16, "SMTP"), (32, "Federation"), (64, "UMCallRouter")];

    private static readonly Dictionary<string, int> StatusValues = new(StringComparer.Ordinal) { ["Valid"] = 1, ["DateInvalid"] = 3 };

    private static readonly Dictionary<string, int> RoleValues = new(StringComparer.Ordinal) { ["HubTransport"] = 32, ["FrontendTransport"] = 16384 };

    private static readonly Dictionary<string, int> SmartHostAuthValues = new(StringComparer.Ordinal) { ["None"] = 0, ["ExchangeServer"] = 8 };

    private static DateTimeOffset D(int y, int m, int d) => new(y, m, d, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the organisation under <paramref name="folder"/>, which must be empty or absent.</summary>
    public static GeneratedOrganization Write(GenerationOptions options, string folder)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var plan = Plan.Make(options);
        var factory = new CertificateFactory(KeyPool);
        var root = factory.Create(new CertificateSpec
        {
            Name = plan.CertName("root"), Subject = RootSubject, IsAuthority = true, Extensions = CertificateExtensions.Authority,
            NotBefore = D(2020, 1, 1), NotAfter = D(2040, 1, 1),
        });
        var servers = plan.Mailboxes.Select(m => Mailbox(plan, m)).Concat(plan.Edges.Select(e => Edge(plan, e))).ToList();
        factory.PrepareKeys(servers.SelectMany(s => s.Certificates));
        var built = new GenServer[servers.Count];
        Parallel.For(0, servers.Count, i => built[i] = servers[i].Build(factory, root));

        var writer = new FileSink(folder);
        var orgFolder = options.EdgeLayout == EdgeLayout.Separate && plan.Edges.Length > 0 ? "organization" : "";
        var inOrg = options.EdgeLayout == EdgeLayout.Joined ? built : built.Where(s => !s.Edge).ToArray();
        WriteDump(writer, orgFolder, options.Style, built, inOrg, built.Where(s => s.Edge && options.EdgeLayout == EdgeLayout.Separate).ToArray(),
            options.EdgeLayout == EdgeLayout.Joined || plan.Edges.Length == 0, edgeSubscriptions: plan.Edges);
        var dumps = ImmutableArray.CreateBuilder<string>();
        dumps.Add(orgFolder.Length == 0 ? folder : Path.Combine(folder, orgFolder));
        if (options.EdgeLayout == EdgeLayout.Separate)
        {
            foreach (var edge in built.Where(s => s.Edge))
            {
                // Every Edge's AD LDS holds the same EdgeSync connectors, sourced by every Edge of the site.
                WriteDump(writer, edge.Name, options.Style, [.. built.Where(s => s.Edge)], [edge], [], includeEdgeSync: true, edgeSubscriptions: []);
                dumps.Add(Path.Combine(folder, edge.Name));
            }
        }

        var byName = built.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var broken = plan.Breaks.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => Expect(b.Key, b.Value, byName[b.Key])).ToImmutableArray();
        return new GeneratedOrganization(dumps.ToImmutable(), plan.Mailboxes, plan.Edges, broken, writer.Files, writer.Bytes);
    }

    private static void Validate(GenerationOptions o)
    {
        if (o.Servers < 1)
        {
            throw new ArgumentException("An organisation needs at least one transport server.", nameof(o));
        }

        if (o.EdgeCount < 0 || o.EdgeCount >= o.Servers)
        {
            throw new ArgumentException($"{o.EdgeCount} Edge servers leave no Mailbox server among {o.Servers}.", nameof(o));
        }

        if (o.BrokenShare is < 0 or > 1 || double.IsNaN(o.BrokenShare))
        {
            throw new ArgumentException("The broken share is a number from 0 to 1.", nameof(o));
        }

        if (o.BrokenShare > 0 && o.Kinds.IsDefaultOrEmpty)
        {
            throw new ArgumentException("Servers are to be broken but no kind of break is allowed.", nameof(o));
        }
    }

    /// <summary>Names, and who is broken how: everything the seed decides, before a certificate is made.</summary>
    private sealed record Plan(GenerationOptions Options, ImmutableArray<string> Mailboxes, ImmutableArray<string> Edges, ImmutableDictionary<string, BreakKind> Breaks)
    {
        public string CertName(string what) => $"extls-generate/{Options.Seed.ToString(CultureInfo.InvariantCulture)}/{what}";

        public static Plan Make(GenerationOptions o)
        {
            var edges = o.EdgeCount;
            var mailboxCount = o.Servers - edges;
            var width = Math.Max(2, mailboxCount.ToString(CultureInfo.InvariantCulture).Length);
            var mailboxes = Enumerable.Range(1, mailboxCount).Select(i => "EX" + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')).ToImmutableArray();
            var edgeNames = Enumerable.Range(1, edges).Select(i => "EDGE" + i.ToString(CultureInfo.InvariantCulture).PadLeft(2, '0')).ToImmutableArray();

            // System.Random with a seed runs the same algorithm on every .NET version, so a seed is a stable name for a dump.
            var random = new Random(o.Seed);
            var count = (int)Math.Round(o.BrokenShare * mailboxCount, MidpointRounding.AwayFromZero);
            if (o.BrokenShare > 0 && count == 0)
            {
                count = 1;
            }

            var order = mailboxes.ToArray();
            random.Shuffle(order);
            var kinds = o.Kinds.IsDefaultOrEmpty ? [] : o.Kinds.Distinct().ToArray();
            random.Shuffle(kinds);
            var breaks = order.Take(count).Select((server, i) => (server, kind: kinds[i % kinds.Length]))
                .ToImmutableDictionary(x => x.server, x => x.kind, StringComparer.Ordinal);
            return new Plan(o, mailboxes, edgeNames, breaks);
        }
    }

    /// <summary>A server before its certificates exist: the specs to make, and how to assemble the server from them.</summary>
    private sealed record PendingServer(IReadOnlyList<CertificateSpec> Certificates, Func<CertificateFactory, GeneratedCertificate, GenServer> Build);

    private static string Fqdn(string server) => server.ToLowerInvariant() + "." + Domain;

    private static CertificateSpec SelfSignedSpec(Plan plan, string server) => new()
    {
        Name = plan.CertName(server + "/self-signed"), Subject = "CN=" + server, DnsNames = [server, Fqdn(server)],
        NotBefore = D(2023, 2, 1), NotAfter = D(2028, 2, 1),
    };

    private static CertificateSpec SmtpSpec(Plan plan, string server, bool expired) => new()
    {
        Name = plan.CertName(server + (expired ? "/smtp-expired" : "/smtp")),
        Subject = $"CN={Fqdn(server)}, O=Contoso Ltd, C=US",
        DnsNames = [Fqdn(server), "mail." + Domain, "autodiscover." + Domain],
        NotBefore = expired ? D(2025, 5, 1) : D(2026, 2, 1),
        NotAfter = expired ? D(2026, 5, 1) : D(2028, 8, 1),
    };

    private static CertificateSpec RenewedMailSpec(Plan plan, string server) => new()
    {
        Name = plan.CertName(server + "/mail-renewed"), Subject = "CN=mail.contoso.com, O=Contoso Ltd, C=US",
        DnsNames = ["mail." + Domain, "autodiscover." + Domain], NotBefore = D(2026, 2, 1), NotAfter = D(2028, 8, 1),
    };

    private static PendingServer Mailbox(Plan plan, string name)
    {
        BreakKind? kind = plan.Breaks.TryGetValue(name, out var k) ? k : null;
        var selfSigned = SelfSignedSpec(plan, name);
        var smtp = SmtpSpec(plan, name, expired: kind == BreakKind.ExpiredStartTlsCertificate);
        var renewed = kind == BreakKind.StaleTlsCertificateName ? RenewedMailSpec(plan, name) : null;
        var specs = new List<CertificateSpec> { selfSigned, smtp };
        if (renewed is not null)
        {
            specs.Add(renewed);
        }

        return new PendingServer(specs, (factory, root) =>
        {
            var ss = factory.Create(selfSigned);
            var ca = factory.Create(smtp, root);
            var fqdn = Fqdn(name);
            var connectors = new List<GenConnector>
            {
                new($"Default {name}", kind == BreakKind.ExchangeServerAuthRemoved ? AuthClient : AuthDefault, PermsHub, "HubTransport", ["[::]:2525", "0.0.0.0:2525"], fqdn),
                new($"Default Frontend {name}", AuthDefault, PermsFrontend, "FrontendTransport", ["[::]:25", "0.0.0.0:25"], fqdn,
                    kind == BreakKind.StaleTlsCertificateName ? $"<I>{RootSubject}<S>CN=mail.contoso.com, O=Contoso, C=US" : null),
                new($"Client Frontend {name}", AuthClient, PermsClient, "FrontendTransport", ["[::]:587", "0.0.0.0:587"], fqdn),
            };
            var store = new List<GenStoreCert>();
            if (kind != BreakKind.CertificateNotInStore)
            {
                store.Add(new GenStoreCert(ss, ServicesExchangeDefault, "Valid", "Microsoft Exchange"));
            }

            store.Add(new GenStoreCert(ca, ServicesIisSmtp, kind == BreakKind.ExpiredStartTlsCertificate ? "DateInvalid" : "Valid",
                "Contoso SMTP " + ca.Spec.NotBefore.Year.ToString(CultureInfo.InvariantCulture)));
            if (renewed is not null)
            {
                store.Add(new GenStoreCert(factory.Create(renewed, root), ServicesIisSmtp, "Valid", "Contoso mail 2026"));
            }

            var adEmpty = kind == BreakKind.AdValueEmpty;
            var transport = adEmpty ? "" : kind == BreakKind.TransportThumbprintOutOfSync ? ca.Thumbprint : ss.Thumbprint;
            return new GenServer(name, false, connectors, store, adEmpty ? null : ss, transport);
        });
    }

    private static PendingServer Edge(Plan plan, string name)
    {
        var selfSigned = SelfSignedSpec(plan, name);
        var smtp = SmtpSpec(plan, name, expired: false);
        return new PendingServer([selfSigned, smtp], (factory, root) =>
        {
            var ss = factory.Create(selfSigned);
            var ca = factory.Create(smtp, root);
            return new GenServer(name, true,
                [new($"Default internal receive connector {name}", AuthEdge, PermsEdge, "HubTransport", ["0.0.0.0:25"], Fqdn(name))],
                [new GenStoreCert(ss, ServicesExchangeDefault, "Valid", "Microsoft Exchange"), new GenStoreCert(ca, ServicesIisSmtp, "Valid", "Contoso SMTP 2026")],
                ss, ss.Thumbprint);
        });
    }

    /// <summary>What each broken server implies, in the terms the analysis reports.</summary>
    internal static BrokenServer Expect(string server, BreakKind kind, GenServer built) => kind switch
    {
        BreakKind.CertificateNotInStore => new(server, kind, [new("EXTLS1004", server, "server", server)], true, true),
        BreakKind.ExchangeServerAuthRemoved => new(server, kind, [new("EXTLS2001", server, "receiveConnector", $"{server}\\Default {server}")], true, false),
        BreakKind.AdValueEmpty => new(server, kind, [new("EXTLS1002", server, "server", server)], true, true),
        BreakKind.StaleTlsCertificateName => new(server, kind, [new("EXTLS2004", server, "receiveConnector", $"{server}\\Default Frontend {server}")], false, false),
        BreakKind.ExpiredStartTlsCertificate => new(server, kind,
        [
            new("EXTLS2007", server, "certificate", $"{server}/{built.Store.Single(c => c.Status == "DateInvalid").Cert.Thumbprint}"),
            new("EXTLS3003", server, "certificate", $"{server}/{built.Store.Single(c => c.Status == "DateInvalid").Cert.Thumbprint}"),
        ], false, false),
        BreakKind.TransportThumbprintOutOfSync => new(server, kind, [new("EXTLS1008", server, "server", server)], false, false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static void WriteDump(FileSink sink, string dump, DumpStyle style, IReadOnlyList<GenServer> all, IReadOnlyList<GenServer> full,
        IReadOnlyList<GenServer> stubs, bool includeEdgeSync, IReadOnlyList<string> edgeSubscriptions)
    {
        var names = full.Concat(stubs).Select(s => s.Name).Order(StringComparer.Ordinal).ToArray();
        var manifest = new JsonObject
        {
            ["format"] = "extls-raw/1",
            ["collectedAt"] = CollectedAt.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture),
            ["organization"] = Organization,
            ["collector"] = new JsonObject
            {
                ["name"] = "manual export",
                ["version"] = null,
                ["host"] = names[0],
                ["user"] = "CONTOSO\\exadmin",
                ["powershellVersion"] = style == DumpStyle.Ps51 ? "5.1.17763.6414" : "7.4.6",
            },
            ["servers"] = new JsonArray([.. names.Select(n => (JsonNode)n)]),
            ["errors"] = new JsonArray(),
        };
        // The manifest is the collector's own file (UTF-8, ISO dates) whatever wrote the sections.
        sink.Write(dump, "manifest.json", PowerShellJson.Encode(manifest, DumpStyle.Ps7));

        var exchangeServers = full.Concat(stubs).OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => (JsonNode)new JsonObject
        {
            ["Name"] = s.Name,
            ["Identity"] = s.Name,
            ["Fqdn"] = Fqdn(s.Name),
            ["ServerRole"] = s.Edge ? "Edge" : "Mailbox",
            ["Site"] = s.Edge ? null : Site,
            ["AdminDisplayVersion"] = "Version 15.2 (Build 1544.4)",
            ["IsEdgeServer"] = s.Edge,
        });
        sink.Write(dump, "org/ExchangeServer.json", Section([.. exchangeServers], style));

        var mailboxes = all.Where(s => !s.Edge).Select(s => s.Name).ToArray();
        var edges = all.Where(s => s.Edge).Select(s => s.Name).ToArray();
        var sendConnectors = new List<JsonNode>();
        if (full.Any(s => !s.Edge))
        {
            sendConnectors.Add(SendConnector(Internet, "SMTP:*;1", mailboxes, null, "None", style));
        }

        if (includeEdgeSync && edges.Length > 0 && full.Any(s => s.Edge))
        {
            var sources = edges;
            sendConnectors.Add(SendConnector(EdgeSyncInbound, "smtp:--;100", sources, ["--"], "ExchangeServer", style));
            sendConnectors.Add(SendConnector(EdgeSyncInternet, "smtp:*;100", sources, null, "None", style));
        }

        sink.Write(dump, "org/SendConnector.json", Section(sendConnectors, style));
        if (edgeSubscriptions.Count > 0)
        {
            sink.Write(dump, "org/EdgeSubscription.json", Section([.. edgeSubscriptions.Select(e => (JsonNode)new JsonObject
            {
                ["Name"] = e, ["Identity"] = e, ["Site"] = Site, ["Domain"] = Domain,
            })], style));
        }

        Parallel.ForEach(full, s =>
        {
            var dir = $"servers/{s.Name}/";
            sink.Write(dump, dir + "TransportService.json", Section([new JsonObject
            {
                ["Name"] = s.Name,
                ["Identity"] = s.Name,
                ["InternalTransportCertificateThumbprint"] = s.TransportThumbprint,
            }], style));
            sink.Write(dump, dir + "ReceiveConnector.json", Section([.. s.Connectors.Select(c => ReceiveConnector(s.Name, c, style))], style, wrap: style == DumpStyle.Ps51));
            sink.Write(dump, dir + "ExchangeCertificate.json", Section([.. s.Store.Select(c => Certificate(c, style))], style));
            sink.Write(dump, dir + "InternalTransportCertificate.json", PowerShellJson.Encode(AdValue(s, style), style));
        });

        foreach (var s in stubs)
        {
            // The organisation's AD holds the Edge's server object with the certificate its subscription published.
            sink.Write(dump, $"servers/{s.Name}/InternalTransportCertificate.json", PowerShellJson.Encode(AdValue(s, style), style));
        }
    }

    /// <summary>A section file as ConvertTo-Json writes it: one result as a bare object, several as an array (5.1's InputObject form wraps it in value/Count).</summary>
    private static byte[] Section(List<JsonNode> items, DumpStyle style, bool wrap = false)
    {
        JsonNode node = items.Count == 1 ? items[0] : wrap ? new JsonObject { ["value"] = Array(items), ["Count"] = items.Count } : Array(items);
        return PowerShellJson.Encode(node, style);
    }

    private static JsonArray Array(IEnumerable<JsonNode> items) => new([.. items]);

    private static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)i)]);

    private static string Flags((int Bit, string Name)[] names, int value) =>
        value == 0 ? "None" : string.Join(", ", names.Where(n => (value & n.Bit) != 0).Select(n => n.Name));

    private static JsonNode Enum(int value, string name, DumpStyle style) => style == DumpStyle.Ps51 ? JsonValue.Create(value) : JsonValue.Create(name)!;

    // With the source-generated type information: the overload without it would have System.Text.Json build it by reflection.
    private static JsonValue Date(DateTimeOffset value, bool wrapped = false) => JsonValue.Create(new PsDate(value, wrapped), PsDateJson.Default.PsDate)!;

    private static JsonObject ReceiveConnector(string server, GenConnector c, DumpStyle style) => new()
    {
        ["Identity"] = $"{server}\\{c.Name}",
        ["Name"] = c.Name,
        // Past the default depth of 2, Windows PowerShell writes the server's ADObjectId one level deep, its members as text.
        ["Server"] = style == DumpStyle.Ps51
            ? new JsonObject { ["Name"] = server, ["DistinguishedName"] = AdDn(server), ["Rdn"] = "CN=" + server }
            : server,
        ["AuthMechanism"] = Enum(c.Auth, Flags(AuthNames, c.Auth), style),
        ["PermissionGroups"] = Enum(c.Perms, Flags(PermNames, c.Perms), style),
        ["TransportRole"] = Enum(RoleValues[c.Role], c.Role, style),
        ["SuppressXAnonymousTls"] = false,
        ["RequireTLS"] = false,
        ["Enabled"] = true,
        ["Fqdn"] = c.Fqdn,
        ["TlsCertificateName"] = c.TlsCertificateName,
        ["TlsDomainCapabilities"] = null,
        ["Bindings"] = Strings(c.Bindings),
    };

    private static JsonObject SendConnector(string name, string addressSpace, string[] sources, string[]? smartHosts, string smartHostAuth, DumpStyle style) => new()
    {
        ["Identity"] = name,
        ["Name"] = name,
        ["AddressSpaces"] = Strings([addressSpace]),
        ["SmartHosts"] = Strings(smartHosts ?? []),
        ["SourceTransportServers"] = Strings(sources),
        ["DNSRoutingEnabled"] = smartHosts is null,
        ["SmartHostAuthMechanism"] = Enum(SmartHostAuthValues[smartHostAuth], smartHostAuth, style),
        ["TlsCertificateName"] = null,
        ["Fqdn"] = null,
        ["RequireTLS"] = false,
        ["TlsAuthLevel"] = null,
        ["TlsDomain"] = null,
        ["CloudServicesMailEnabled"] = false,
        ["Enabled"] = true,
    };

    private static JsonObject Certificate(GenStoreCert c, DumpStyle style)
    {
        var x = c.Cert.Certificate;
        return new JsonObject
        {
            ["Thumbprint"] = c.Cert.Thumbprint,
            ["Subject"] = x.Subject,
            ["Issuer"] = x.Issuer,
            ["NotBefore"] = Date(c.Cert.Spec.NotBefore),
            ["NotAfter"] = Date(c.Cert.Spec.NotAfter, wrapped: true),
            ["Services"] = Enum(c.Services, Flags(ServiceNames, c.Services), style),
            ["Status"] = Enum(StatusValues[c.Status], c.Status, style),
            ["HasPrivateKey"] = true,
            ["IsSelfSigned"] = c.Cert.Issuer is null,
            ["FriendlyName"] = c.FriendlyName,
            ["CertificateDomains"] = Strings(c.Cert.Spec.DnsNames),
            ["PublicKeySize"] = c.Cert.Spec.KeySize,
            ["Version"] = c.Cert.Spec.Version,
            ["SignatureAlgorithm"] = new JsonObject { ["Value"] = "1.2.840.113549.1.1.11", ["FriendlyName"] = "sha256RSA" },
            ["SerialNumber"] = x.SerialNumber,
            ["RawData"] = Bytes(c.Cert.GetRawData(), style),
        };
    }

    private static JsonNode Bytes(byte[] bytes, DumpStyle style) =>
        style == DumpStyle.Ps51 ? new JsonArray([.. bytes.Select(b => (JsonNode)(int)b)]) : Convert.ToBase64String(bytes);

    private static string AdDn(string server) =>
        $"CN={server},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com";

    private static JsonObject AdValue(GenServer s, DumpStyle style) => new()
    {
        ["server"] = s.Name,
        ["distinguishedName"] = AdDn(s.Name),
        ["msExchServerInternalTLSCert"] = s.AdCertificate is { } cert ? Bytes(cert.GetRawData(), style) : null,
        ["readError"] = null,
    };

    /// <summary>Writes the files, counting them; safe from several threads.</summary>
    private sealed class FileSink(string root)
    {
        private int files;
        private long bytes;

        public int Files => files;

        public long Bytes => Interlocked.Read(ref bytes);

        public void Write(string dump, string relative, byte[] content)
        {
            var path = Path.Combine(root, dump, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
            Interlocked.Increment(ref files);
            Interlocked.Add(ref bytes, content.LongLength);
        }
    }
}

internal sealed record GenConnector(string Name, int Auth, int Perms, string Role, string[] Bindings, string Fqdn, string? TlsCertificateName = null);

internal sealed record GenStoreCert(GeneratedCertificate Cert, int Services, string Status, string FriendlyName);

/// <param name="AdCertificate">msExchServerInternalTLSCert; null when empty.</param>
internal sealed record GenServer(string Name, bool Edge, IReadOnlyList<GenConnector> Connectors, IReadOnlyList<GenStoreCert> Store, GeneratedCertificate? AdCertificate, string TransportThumbprint);
