using System.Collections.Immutable;
using System.Net;

namespace Extls.Model;

/// <summary>A receive connector (Get-ReceiveConnector). Null properties are unknown.</summary>
public sealed record ReceiveConnector
{
    /// <summary>"SERVER\Name" as Exchange writes it.</summary>
    public required string Identity { get; init; }

    public required string Name { get; init; }

    public required string Server { get; init; }

    public ReceiveAuthMechanism? AuthMechanism { get; init; }

    public PermissionGroups? PermissionGroups { get; init; }

    public bool? SuppressXAnonymousTls { get; init; }

    public bool? RequireTls { get; init; }

    public bool? Enabled { get; init; }

    /// <summary>The connector's Fqdn; "" when set to nothing.</summary>
    public string? Fqdn { get; init; }

    /// <summary>"&lt;I&gt;issuer&lt;S&gt;subject" as written; "" when not set.</summary>
    public string? TlsCertificateName { get; init; }

    public string? TlsDomainCapabilities { get; init; }

    /// <summary>Verbose when Exchange writes this connector's sessions to the protocol log; null when unknown.</summary>
    public ProtocolLoggingLevel? ProtocolLoggingLevel { get; init; }

    public ConnectorTransportRole? TransportRole { get; init; }

    /// <summary>The local addresses and ports it listens on ("[::]:25", "0.0.0.0:2525").</summary>
    public ImmutableArray<IPBinding>? Bindings { get; init; }

    /// <summary>The remote addresses it accepts sessions from; Exchange gives a session to the connector whose range holds the sender most specifically.</summary>
    public ImmutableArray<IPRange>? RemoteIPRanges { get; init; }

    public bool? DomainSecureEnabled { get; init; }

    public required SourceLocation Location { get; init; }
}

/// <summary>A send connector (Get-SendConnector). Null properties are unknown.</summary>
public sealed record SendConnector
{
    public required string Identity { get; init; }

    public required string Name { get; init; }

    public ImmutableArray<string>? SourceTransportServers { get; init; }

    public ImmutableArray<string>? SmartHosts { get; init; }

    public ImmutableArray<string>? AddressSpaces { get; init; }

    public SmartHostAuthMechanism? SmartHostAuthMechanism { get; init; }

    public string? TlsCertificateName { get; init; }

    public string? Fqdn { get; init; }

    /// <summary>Verbose when Exchange writes this connector's sessions to the send protocol log; null when unknown.</summary>
    public ProtocolLoggingLevel? ProtocolLoggingLevel { get; init; }

    public bool? RequireTls { get; init; }

    public TlsAuthLevel? TlsAuthLevel { get; init; }

    public string? TlsDomain { get; init; }

    public bool? CloudServicesMailEnabled { get; init; }

    public bool? Enabled { get; init; }

    /// <summary>The TCP port it connects to (25 unless changed).</summary>
    public int? Port { get; init; }

    public bool? DnsRoutingEnabled { get; init; }

    /// <summary>When true the connector does not use STARTTLS even if the remote server offers it.</summary>
    public bool? IgnoreStartTls { get; init; }

    /// <summary>When true the Transport service sends through a Front End Transport service (outbound proxy, port 717).</summary>
    public bool? FrontendProxyEnabled { get; init; }

    /// <summary>The local address it connects from; 0.0.0.0 (any) when unset.</summary>
    public IPAddress? SourceIPAddress { get; init; }

    public bool? DomainSecureEnabled { get; init; }

    /// <summary>Which dump it came from: the organisation's, or an Edge server's own (its name).</summary>
    public string? DumpServer { get; init; }

    public required SourceLocation Location { get; init; }
}

/// <summary>Get-EdgeSubscription in the organisation.</summary>
public sealed record EdgeSubscription
{
    /// <summary>The Edge server's name.</summary>
    public required string Name { get; init; }

    public string? Site { get; init; }

    public required SourceLocation Location { get; init; }
}
