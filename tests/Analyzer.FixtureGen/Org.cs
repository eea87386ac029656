using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;

namespace Extls.FixtureGen;

/// <summary>How a dump file is written: the PowerShell flavour that produced it.</summary>
internal enum Style
{
    Collector,
    Ps7,
    Ps51,
    Remote,
}

internal enum AdKind
{
    Certificate,
    Empty,
    Corrupt,
    ReadError,
    ManifestError,
}

internal sealed record StoreCert(
    X509Certificate2 Cert,
    int Services,
    string Status = "Valid",
    bool HasPrivateKey = true,
    string FriendlyName = "",
    string? ThumbprintOverride = null);

internal sealed record RecvConn(
    string Server,
    string Name,
    int Auth,
    int Perms,
    string Role,
    string[] Bindings,
    string? Fqdn,
    string? TlsCertificateName = null,
    bool Suppress = false,
    bool RequireTls = false,
    string[]? RemoteIPRanges = null,
    string? TlsDomainCapabilities = null)
{
    public string Identity => $"{Server}\\{Name}";
}

internal sealed record SendConn(
    string Name,
    string[] AddressSpaces,
    string[] Sources,
    string[]? SmartHosts = null,
    string SmartHostAuth = "None",
    string? TlsCertificateName = null,
    string? Fqdn = null,
    bool RequireTls = false,
    string? TlsAuthLevel = null,
    string? TlsDomain = null,
    bool Cloud = false,
    bool? IgnoreStartTls = null,
    bool? FrontendProxyEnabled = null);

/// <summary>Get-HybridConfiguration as the Hybrid Configuration Wizard leaves it.</summary>
internal sealed record HybridDef(string TlsCertificateName, string[] Sending, string[] Receiving);

internal sealed record Server(
    string Name,
    string Role,
    ImmutableList<RecvConn> Connectors,
    ImmutableList<StoreCert> Store,
    AdKind Ad,
    X509Certificate2? AdCert,
    string? TransportThumbprint,
    Style Style = Style.Collector,
    Style? CertStyle = null,
    bool RemoteKeepsHasPrivateKeyFalse = false,
    ImmutableHashSet<string>? OmitSections = null,
    bool BindingsAsTypeName = false,
    string[]? Addresses = null)
{
    public string Fqdn => Name.ToLowerInvariant() + ".contoso.com";
}

internal sealed record ManifestError(string Server, string Section, string Message);

internal sealed record Org(
    ImmutableList<Server> Servers,
    ImmutableList<SendConn> SendConnectors,
    ImmutableList<string> EdgeSubscriptions,
    ImmutableList<ManifestError> Errors,
    Style OrgStyle = Style.Collector,
    bool EdgeSubscriptionFile = false,
    HybridDef? Hybrid = null)
{
    public Org WithServer(string name, Func<Server, Server> change) =>
        this with { Servers = Servers.Select(s => s.Name == name ? change(s) : s).ToImmutableList() };

    public Server this[string name] => Servers.Single(s => s.Name == name);
}

internal static class Baseline
{
    public const int Imap = 1, Pop = 2, Iis = 8, Smtp = 16;
    public const int ExchangeDefaultServices = Imap | Pop | Iis | Smtp;

    // AuthMechanism: Tls 1, Integrated 2, BasicAuth 4, BasicAuthRequireTLS 8, ExchangeServer 16.
    public const int AuthDefault = 31, AuthClient = 15;

    // PermissionGroups: AnonymousUsers 1, ExchangeUsers 2, ExchangeServers 4, ExchangeLegacyServers 8.
    public const int PermsHub = 14, PermsFrontend = 13, PermsClient = 2;

    public static X509Certificate2 SelfSigned(string server) =>
        Certs.SelfSigned("ss-" + server, server, server.ToLowerInvariant() + ".contoso.com", Certs.D(2023, 2, 1), Certs.D(2028, 2, 1));

    public static X509Certificate2 CaCert(string server) =>
        Certs.Issued("ca-" + server, $"CN={server.ToLowerInvariant()}.contoso.com, O=Contoso Ltd, C=US",
            [server.ToLowerInvariant() + ".contoso.com", "mail.contoso.com", "autodiscover.contoso.com"], Certs.D(2026, 2, 1), Certs.D(2028, 8, 1));

    public static StoreCert InternalInStore(X509Certificate2 c) => new(c, ExchangeDefaultServices, FriendlyName: "Microsoft Exchange");

    public static StoreCert SmtpCa(X509Certificate2 c) => new(c, Iis | Smtp, FriendlyName: "Contoso SMTP " + c.NotBefore.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static ImmutableList<RecvConn> MailboxConnectors(string s) =>
    [
        new(s, $"Default {s}", AuthDefault, PermsHub, "HubTransport", ["[::]:2525", "0.0.0.0:2525"], s.ToLowerInvariant() + ".contoso.com"),
        new(s, $"Default Frontend {s}", AuthDefault, PermsFrontend, "FrontendTransport", ["[::]:25", "0.0.0.0:25"], s.ToLowerInvariant() + ".contoso.com"),
        new(s, $"Client Frontend {s}", AuthClient, PermsClient, "FrontendTransport", ["[::]:587", "0.0.0.0:587"], s.ToLowerInvariant() + ".contoso.com"),
    ];

    public static Server Mailbox(string name, Style style = Style.Collector)
    {
        var ss = SelfSigned(name);
        return new Server(name, "Mailbox", MailboxConnectors(name), [InternalInStore(ss), SmtpCa(CaCert(name))], AdKind.Certificate, ss, ss.Thumbprint, style);
    }

    public static SendConn Internet(params string[] sources) => new("Outbound to Internet", ["SMTP:*;1"], sources);

    public static Org TwoMailbox(Style style = Style.Collector) =>
        new([Mailbox("EX01", style), Mailbox("EX02", style)], [Internet("EX01", "EX02")], [], [], style);
}
