using System.Collections.Immutable;

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

    /// <summary>Bindings such as "[::]:25" or "0.0.0.0:2525".</summary>
    public ImmutableArray<string>? Bindings { get; init; }

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
