using System.Collections.Frozen;

namespace Extls.Redaction;

/// <summary>What a value is, and so how it is redacted.</summary>
internal enum ValueKind
{
    /// <summary>Recognised by its shape (see <see cref="Pseudonyms.Generic"/>).</summary>
    Generic,

    /// <summary>An enumeration, a date, a version, a type name: names no one.</summary>
    Keep,

    /// <summary>A DNS name, server name, address or list of them.</summary>
    Host,

    /// <summary>A server's name (also as an ADObjectId's text); declares the server.</summary>
    Server,

    /// <summary>An AD site; declares its words as a site's.</summary>
    Site,

    /// <summary>The organisation's name; declares its words as the organisation's.</summary>
    Organization,

    /// <summary>"DOMAIN\user", "user@domain" or "user"; declares them.</summary>
    User,

    /// <summary>A receive or send connector's name ("Default Frontend EX01", "Outbound to Fabrikam").</summary>
    ConnectorName,

    /// <summary>"SERVER\Name".</summary>
    ConnectorIdentity,

    /// <summary>"SERVER\THUMBPRINT".</summary>
    CertificateIdentity,

    /// <summary>A certificate's subject or issuer.</summary>
    DistinguishedName,

    /// <summary>"&lt;I&gt;issuer&lt;S&gt;subject".</summary>
    TlsCertificateName,

    Thumbprint,

    /// <summary>A serial number or key identifier.</summary>
    Serial,

    /// <summary>DER bytes (base64 text, a byte array, CliXml's &lt;BA&gt;): re-issued, or kept not a certificate.</summary>
    Certificate,

    Guid,

    /// <summary>An address, block or range (RemoteIPRanges, InternalSMTPServers).</summary>
    IpRange,

    /// <summary>"address:port" (Bindings, protocol-log endpoints).</summary>
    Endpoint,

    SmartHost,
    AddressSpace,

    /// <summary>"domain:capability" (TlsDomainCapabilities).</summary>
    DomainCapability,

    /// <summary>Written by a shell or the collector: names inside it are replaced, the rest stays readable.</summary>
    FreeText,

    /// <summary>Written by a person (Comment, Banner): replaced whole.</summary>
    HumanText,

    /// <summary>A name of words (FriendlyName, AcceptedDomain names): only vocabulary words stay.</summary>
    Names,
}

/// <summary>
/// One kind of file of a dump and how its properties are redacted: <see cref="Rows"/> for the properties of its rows
/// (top-level objects), on top of <see cref="FileKinds.Common"/> for every property at any depth. A property named
/// nowhere is recognised by its shape. Adding a new file to the dump format is adding one entry to
/// <see cref="FileKinds.All"/>.
/// </summary>
internal sealed record FileKind(string Name, Func<string, bool> Matches, FrozenDictionary<string, ValueKind> Rows, FileFormat? Format = null);

/// <summary>How a file is parsed; by default from its extension (.json, .csv, .xml).</summary>
internal enum FileFormat
{
    Json,
    Csv,
    CliXml,

    /// <summary>Exchange's protocol logs: '#' header lines with a '#Fields:' line, then CSV rows.</summary>
    ProtocolLog,
}

internal static class FileKinds
{
    private static FrozenDictionary<string, ValueKind> Map(params (string Name, ValueKind Kind)[] entries) =>
        entries.ToFrozenDictionary(e => e.Name, e => e.Kind, StringComparer.OrdinalIgnoreCase);

    private static Func<string, bool> Section(string name) => path =>
    {
        var file = Path.GetFileNameWithoutExtension(path);
        return file.Equals(name, StringComparison.OrdinalIgnoreCase) && IsSectionExtension(path);
    };

    private static bool IsSectionExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".json" or ".csv" or ".xml";

    /// <summary>Properties that mean the same in every file, at any depth.</summary>
    public static readonly FrozenDictionary<string, ValueKind> Common = Map(
        ("format", ValueKind.Keep), ("collectedAt", ValueKind.Keep), ("finishedAt", ValueKind.Keep), ("complete", ValueKind.Keep),
        ("version", ValueKind.Keep), ("powershellVersion", ValueKind.Keep), ("AdminDisplayVersion", ValueKind.Keep),
        ("ExchangeVersion", ValueKind.Keep), ("ExchangeBuild", ValueKind.Keep), ("ServerRole", ValueKind.Keep),
        ("AuthMechanism", ValueKind.Keep), ("PermissionGroups", ValueKind.Keep), ("TransportRole", ValueKind.Keep),
        ("Services", ValueKind.Keep), ("ServicesStringForm", ValueKind.Keep), ("Status", ValueKind.Keep),
        ("SmartHostAuthMechanism", ValueKind.Keep), ("TlsAuthLevel", ValueKind.Keep), ("DomainType", ValueKind.Keep),
        ("Features", ValueKind.Keep), ("Origin", ValueKind.Keep), ("TypeNames", ValueKind.Keep), ("UnknownProperties", ValueKind.Keep),
        ("AddressFamily", ValueKind.Keep), ("ObjectClass", ValueKind.Keep), ("Prefix", ValueKind.Keep), ("DateTime", ValueKind.Keep),
        ("NotBefore", ValueKind.Keep), ("NotAfter", ValueKind.Keep), ("WhenChanged", ValueKind.Keep), ("WhenCreated", ValueKind.Keep),
        ("WhenChangedUTC", ValueKind.Keep), ("WhenCreatedUTC", ValueKind.Keep), ("TimeCreated", ValueKind.Keep),
        ("ProviderName", ValueKind.Keep), ("LevelDisplayName", ValueKind.Keep), ("EnhancedKeyUsageList", ValueKind.Keep),
        ("SignatureAlgorithm", ValueKind.Keep), ("PublicKeySize", ValueKind.Keep), ("ProtocolLoggingLevel", ValueKind.Keep),
        ("section", ValueKind.Keep), ("ToStringForm", ValueKind.Keep),

        ("Fqdn", ValueKind.Host), ("Domain", ValueKind.Host), ("DomainId", ValueKind.Host), ("PartitionFQDN", ValueKind.Host),
        ("OriginatingServer", ValueKind.Host), ("domainController", ValueKind.Host), ("HostName", ValueKind.Host),
        ("PSComputerName", ValueKind.Host), ("DomainName", ValueKind.Host), ("TlsDomain", ValueKind.Host),
        ("SmtpDomain", ValueKind.Host), ("MachineName", ValueKind.Host), ("CertificateDomains", ValueKind.Host),
        ("DnsNameList", ValueKind.Host), ("Domains", ValueKind.Host), ("TLSSendDomainSecureList", ValueKind.Host),
        ("TLSReceiveDomainSecureList", ValueKind.Host), ("ServiceDiscoveryFqdn", ValueKind.Host), ("DefaultDomain", ValueKind.Host),

        ("SourceTransportServers", ValueKind.Server), ("SendingTransportServers", ValueKind.Server),
        ("ReceivingTransportServers", ValueKind.Server), ("EdgeTransportServers", ValueKind.Server),
        ("HomeMtaServerId", ValueKind.Server), ("server", ValueKind.Server), ("servers", ValueKind.Server),
        ("Site", ValueKind.Site), ("organization", ValueKind.Organization), ("user", ValueKind.User),

        ("TlsCertificateName", ValueKind.TlsCertificateName), ("CertificateIssuer", ValueKind.DistinguishedName),
        ("CertificateSubject", ValueKind.DistinguishedName), ("Subject", ValueKind.DistinguishedName), ("Issuer", ValueKind.DistinguishedName),

        ("Thumbprint", ValueKind.Thumbprint), ("InternalTransportCertificateThumbprint", ValueKind.Thumbprint),
        ("CertificateThumbprint", ValueKind.Thumbprint), ("SerialNumber", ValueKind.Serial), ("KeyIdentifier", ValueKind.Serial),
        ("RawData", ValueKind.Certificate), ("msExchServerInternalTLSCert", ValueKind.Certificate),

        ("Guid", ValueKind.Guid), ("ObjectGuid", ValueKind.Guid), ("PartitionGuid", ValueKind.Guid), ("RunspaceId", ValueKind.Guid),
        ("ExternalDNSAdapterGuid", ValueKind.Guid), ("InternalDNSAdapterGuid", ValueKind.Guid),

        ("RemoteIPRanges", ValueKind.IpRange), ("InternalSMTPServers", ValueKind.IpRange), ("IPAddressToString", ValueKind.IpRange),
        ("SourceIPAddress", ValueKind.IpRange), ("Bindings", ValueKind.Endpoint), ("SmartHosts", ValueKind.SmartHost),
        ("OnPremisesSmartHost", ValueKind.SmartHost), ("AddressSpaces", ValueKind.AddressSpace),
        ("TlsDomainCapabilities", ValueKind.DomainCapability),

        ("message", ValueKind.FreeText), ("readError", ValueKind.FreeText), ("reason", ValueKind.FreeText),
        ("interruption", ValueKind.FreeText), ("DataPath", ValueKind.FreeText), ("ReceiveProtocolLogPath", ValueKind.FreeText),
        ("SendProtocolLogPath", ValueKind.FreeText), ("Comment", ValueKind.HumanText), ("Banner", ValueKind.HumanText),
        ("Description", ValueKind.HumanText), ("Notes", ValueKind.HumanText), ("FriendlyName", ValueKind.Names));

    private static readonly FrozenDictionary<string, ValueKind> ServerRows = Map(("Name", ValueKind.Server), ("Identity", ValueKind.Server));

    /// <summary>Every kind of file the dump format has, first match wins; a .json, .csv or .xml file matching none is redacted by <see cref="Other"/>.</summary>
    public static readonly FileKind[] All =
    [
        new("manifest", p => p.Equals("manifest.json", StringComparison.OrdinalIgnoreCase),
            Map(("servers", ValueKind.Server), ("host", ValueKind.Server), ("name", ValueKind.Keep), ("server", ValueKind.Server))),
        new("ExchangeServer", Section("ExchangeServer"), Map(("Name", ValueKind.Server), ("Identity", ValueKind.Server), ("Site", ValueKind.Site))),
        new("TransportService", Section("TransportService"), ServerRows),
        new("ReceiveConnector", Section("ReceiveConnector"),
            Map(("Name", ValueKind.ConnectorName), ("Identity", ValueKind.ConnectorIdentity), ("Server", ValueKind.Server))),
        new("SendConnector", Section("SendConnector"),
            Map(("Name", ValueKind.ConnectorName), ("Identity", ValueKind.ConnectorName), ("Id", ValueKind.ConnectorName))),
        new("EdgeSubscription", Section("EdgeSubscription"), Map(("Name", ValueKind.Server), ("Identity", ValueKind.Server), ("Site", ValueKind.Site))),
        new("ExchangeCertificate", Section("ExchangeCertificate"), Map(("Identity", ValueKind.CertificateIdentity), ("ToString", ValueKind.Thumbprint))),
        new("InternalTransportCertificate", Section("InternalTransportCertificate"), Map(("distinguishedName", ValueKind.Generic))),
        new("HostAddress", Section("HostAddress"), Map(("HostName", ValueKind.Host))),
        new("HybridConfiguration", Section("HybridConfiguration"), Map(("Name", ValueKind.Names), ("Identity", ValueKind.Names))),
        new("TransportConfig", Section("TransportConfig"), Map(("Name", ValueKind.Names), ("Identity", ValueKind.Names))),
        new("AcceptedDomain", Section("AcceptedDomain"), Map(("Name", ValueKind.Names), ("Identity", ValueKind.Names))),

        // Evidence from the servers' own logs.
        new("TransportEvents", Section("TransportEvents"), Map(("Message", ValueKind.FreeText), ("MachineName", ValueKind.Host), ("Id", ValueKind.Keep))),
        new("ProtocolLog", p => p.Contains("/ProtocolLog/", StringComparison.OrdinalIgnoreCase) && p.EndsWith(".log", StringComparison.OrdinalIgnoreCase),
            Map(("connector-id", ValueKind.ConnectorIdentity), ("local-endpoint", ValueKind.Endpoint), ("remote-endpoint", ValueKind.Endpoint),
                ("data", ValueKind.FreeText), ("context", ValueKind.FreeText), ("date-time", ValueKind.Keep), ("session-id", ValueKind.Keep),
                ("sequence-number", ValueKind.Keep), ("event", ValueKind.Keep)),
            FileFormat.ProtocolLog),
    ];

    /// <summary>A section file of a kind this version does not know: every value recognised by its shape.</summary>
    public static readonly FileKind Other = new("other", p => IsSectionExtension(p) && InDumpLayout(p), Map());

    /// <summary>Where the importer looks for sections: org/ and a server's folder; anything else beside them is not part of the dump.</summary>
    private static bool InDumpLayout(string path)
    {
        var parts = path.Split('/');
        return (parts.Length == 2 && parts[0].Equals("org", StringComparison.OrdinalIgnoreCase))
            || (parts.Length == 3 && parts[0].Equals("servers", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The kind of a file (path relative to the dump root), or null for a file that is not part of a dump.</summary>
    public static FileKind? Classify(string path) =>
        All.FirstOrDefault(k => k.Matches(path)) ?? (Other.Matches(path) ? Other : null);

    public static FileFormat FormatOf(FileKind kind, string path) =>
        kind.Format ?? Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => FileFormat.Csv,
            ".xml" => FileFormat.CliXml,
            _ => FileFormat.Json,
        };
}
