using System.Collections.Immutable;
using Extls.Model;

namespace Extls.TestKit;

/// <summary>
/// Builds model snapshots in code for unit tests, with sensible defaults: a Mailbox server whose AD
/// value, TransportService thumbprint and store agree on one valid self-signed certificate, and the
/// default receive connectors. Tests then change only what they are about.
/// </summary>
public static class Build
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static SourceLocation Loc(string file = "test.json", string path = "$") => new(file, 1, path);

    /// <summary>A certificate made of properties only (no DER), valid around <see cref="AsOf"/> unless told otherwise.</summary>
    public static CertificateInfo Cert(
        string thumbprint,
        string subject = "CN=EX01",
        string? issuer = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        IEnumerable<string>? dnsNames = null,
        bool? selfSigned = null,
        int? version = 3,
        int? keySize = 2048,
        string? signatureAlgorithm = "sha256RSA")
    {
        issuer ??= subject;
        var cn = DistinguishedNames.CommonNameOf(subject);
        return new CertificateInfo
        {
            Thumbprint = thumbprint.ToUpperInvariant(),
            Subject = subject,
            Issuer = issuer,
            NotBefore = notBefore ?? AsOf.AddYears(-1),
            NotAfter = notAfter ?? AsOf.AddYears(4),
            SubjectCommonName = cn,
            DnsNames = (dnsNames ?? (cn is null ? [] : new[] { cn })).ToImmutableArray(),
            Version = version,
            KeyAlgorithm = "RSA",
            KeySize = keySize,
            SignatureAlgorithm = signatureAlgorithm,
            IsSelfSigned = selfSigned ?? string.Equals(subject, issuer, StringComparison.OrdinalIgnoreCase),
            FromDer = false,
        };
    }

    public static StoreCertificate InStore(
        CertificateInfo cert,
        bool? hasPrivateKey = true,
        CertificateServices? services = CertificateServices.SMTP,
        CertificateStatus? status = CertificateStatus.Valid) => new()
    {
        Certificate = cert,
        HasPrivateKey = hasPrivateKey,
        Services = services,
        Status = status,
        Location = Loc("servers/EX01/ExchangeCertificate.json", "$[0]"),
    };

    public static ReceiveConnector Receive(
        string server,
        string name,
        ReceiveAuthMechanism? auth = ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated | ReceiveAuthMechanism.BasicAuth | ReceiveAuthMechanism.BasicAuthRequireTLS | ReceiveAuthMechanism.ExchangeServer,
        PermissionGroups? permissions = PermissionGroups.ExchangeUsers | PermissionGroups.ExchangeServers | PermissionGroups.ExchangeLegacyServers,
        ConnectorTransportRole? role = ConnectorTransportRole.HubTransport,
        string? fqdn = "",
        string? tlsCertificateName = "",
        bool? suppress = false,
        string binding = "0.0.0.0:2525,[::]:2525",
        string[]? remoteIPRanges = null) => new()
    {
        Identity = $"{server}\\{name}",
        Name = name,
        Server = server,
        AuthMechanism = auth,
        PermissionGroups = permissions,
        TransportRole = role,
        Fqdn = fqdn,
        TlsCertificateName = tlsCertificateName,
        SuppressXAnonymousTls = suppress,
        RequireTls = false,
        Enabled = true,
        Bindings = [.. binding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Binding)],
        RemoteIPRanges = [.. (remoteIPRanges ?? EveryAddress).Select(Range)],
        Location = Loc($"servers/{server}/ReceiveConnector.json", "$[0]"),
    };

    /// <summary>The RemoteIPRanges Exchange gives a connector unless told otherwise: every IPv4 and every IPv6 address.</summary>
    public static readonly string[] EveryAddress = ["0.0.0.0-255.255.255.255", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"];

    /// <summary>The server with the addresses its FQDN resolves to (HostAddress.json).</summary>
    public static ServerSnapshot WithAddresses(this ServerSnapshot server, params string[] addresses) => server with
    {
        HostAddresses = Section<HostAddress>.Collected(
            [.. addresses.Select(a => new HostAddress { HostName = server.Fqdn, Address = System.Net.IPAddress.Parse(a), Location = Loc($"servers/{server.Name}/HostAddress.json") })],
            Loc($"servers/{server.Name}/HostAddress.json")),
    };

    /// <summary>The server with one more receive connector.</summary>
    public static ServerSnapshot WithConnector(this ServerSnapshot server, ReceiveConnector connector) => server with
    {
        ReceiveConnectors = server.ReceiveConnectors with { Items = server.ReceiveConnectors.Items.Add(connector) },
    };

    /// <summary>A binding from the text Exchange writes ("[::]:2525", "0.0.0.0:25").</summary>
    public static IPBinding Binding(string text) =>
        IPBinding.TryParse(text, out var binding) ? binding : throw new ArgumentException($"not a binding: {text}", nameof(text));

    /// <summary>A remote IP range from the text Exchange writes ("192.168.1.0/24", "10.0.0.1-10.0.0.50").</summary>
    public static IPRange Range(string text) =>
        IPRange.TryParse(text, out var range) ? range : throw new ArgumentException($"not a range: {text}", nameof(text));

    /// <summary>
    /// An organisation send connector as collected, over the Internet (smtp:*) with no smart host:
    /// TlsCertificateName and Fqdn unset ("", not null, which means not collected).
    /// </summary>
    public static SendConnector Send(string identity, params string[] sourceServers) => new()
    {
        Identity = identity,
        Name = identity,
        SourceTransportServers = [.. sourceServers],
        SmartHosts = [],
        AddressSpaces = ["smtp:*;1"],
        SmartHostAuthMechanism = SmartHostAuthMechanism.None,
        TlsCertificateName = "",
        Fqdn = "",
        RequireTls = false,
        CloudServicesMailEnabled = false,
        Enabled = true,
        Location = Loc("org/SendConnector.json", "$[0]"),
    };

    /// <summary>The default connectors setup creates on a Mailbox server.</summary>
    public static ImmutableArray<ReceiveConnector> DefaultMailboxConnectors(string server) =>
    [
        Receive(server, $"Default {server}"),
        Receive(server, $"Default Frontend {server}",
            auth: ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated | ReceiveAuthMechanism.BasicAuth | ReceiveAuthMechanism.BasicAuthRequireTLS | ReceiveAuthMechanism.ExchangeServer,
            permissions: PermissionGroups.AnonymousUsers | PermissionGroups.ExchangeServers | PermissionGroups.ExchangeLegacyServers,
            role: ConnectorTransportRole.FrontendTransport, binding: "0.0.0.0:25,[::]:25"),
        Receive(server, $"Client Frontend {server}",
            auth: ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated | ReceiveAuthMechanism.BasicAuth | ReceiveAuthMechanism.BasicAuthRequireTLS,
            permissions: PermissionGroups.ExchangeUsers,
            role: ConnectorTransportRole.FrontendTransport, binding: "0.0.0.0:587,[::]:587"),
    ];

    public static AdInternalCertificate Ad(CertificateInfo? cert, AdCertificateState? state = null, string? readError = null) => new()
    {
        State = state ?? (cert is null ? AdCertificateState.Empty : AdCertificateState.Present),
        Certificate = cert,
        ReadError = readError,
        Location = Loc("servers/EX01/InternalTransportCertificate.json", "$.msExchServerInternalTLSCert"),
    };

    /// <summary>A healthy Mailbox server: one self-signed CN=&lt;name&gt; certificate, published in AD and in the store.</summary>
    public static ServerSnapshot Mailbox(string name, string domain = "contoso.com", CertificateInfo? internalCert = null)
    {
        var fqdn = $"{name.ToLowerInvariant()}.{domain}";
        var cert = internalCert ?? Cert(ThumbprintFor(name), $"CN={name}", dnsNames: [name, fqdn]);
        return new ServerSnapshot
        {
            Name = name,
            Fqdn = fqdn,
            Role = TransportServerRole.Mailbox,
            ServerRoleText = "Mailbox",
            TransportService = Section<TransportService>.Collected(
                [new TransportService { InternalTransportCertificateThumbprint = cert.Thumbprint, Location = Loc($"servers/{name}/TransportService.json") }],
                Loc($"servers/{name}/TransportService.json")),
            ReceiveConnectors = Section<ReceiveConnector>.Collected(DefaultMailboxConnectors(name), Loc($"servers/{name}/ReceiveConnector.json")),
            Certificates = Section<StoreCertificate>.Collected([InStore(cert)], Loc($"servers/{name}/ExchangeCertificate.json")),
            InternalCertificate = Ad(cert),
        };
    }

    public static OrganizationSnapshot Org(params ServerSnapshot[] servers) => new()
    {
        CollectedAt = AsOf,
        Organization = "Contoso",
        Servers = servers.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToImmutableArray(),
        SendConnectors = Section<SendConnector>.Collected([], Loc("org/SendConnector.json")),
        EdgeSubscriptions = Section<EdgeSubscription>.Collected([], Loc("org/EdgeSubscription.json")),
    };

    /// <summary>A deterministic 40-hex thumbprint derived from a label, for tests that need distinct ones.</summary>
    public static string ThumbprintFor(string label) =>
        Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(label)));
}
