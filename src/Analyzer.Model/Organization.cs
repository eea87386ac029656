using System.Collections.Immutable;
using System.Net;

namespace Extls.Model;

/// <summary>Get-HybridConfiguration: what the Hybrid Configuration Wizard set up. Null properties are unknown.</summary>
public sealed record HybridConfiguration
{
    public required string Identity { get; init; }

    public string? Name { get; init; }

    /// <summary>"&lt;I&gt;issuer&lt;S&gt;subject" as written; "" when not set.</summary>
    public string? TlsCertificateName { get; init; }

    /// <summary>The servers that send to Exchange Online (server names).</summary>
    public ImmutableArray<string>? SendingTransportServers { get; init; }

    /// <summary>The servers that receive from Exchange Online (server names).</summary>
    public ImmutableArray<string>? ReceivingTransportServers { get; init; }

    public ImmutableArray<string>? EdgeTransportServers { get; init; }

    public ImmutableArray<string>? Domains { get; init; }

    /// <summary>Feature names as Exchange writes them (FreeBusy, SecureMail, CentralizedTransport, …).</summary>
    public ImmutableArray<string>? Features { get; init; }

    public string? OnPremisesSmartHost { get; init; }

    public required SourceLocation Location { get; init; }
}

/// <summary>Get-TransportConfig (the organisation's transport settings). Null properties are unknown.</summary>
public sealed record TransportConfig
{
    public required string Identity { get; init; }

    public ImmutableArray<string>? TlsSendDomainSecureList { get; init; }

    public ImmutableArray<string>? TlsReceiveDomainSecureList { get; init; }

    public ImmutableArray<IPRange>? InternalSmtpServers { get; init; }

    public required SourceLocation Location { get; init; }
}

/// <summary>Get-AcceptedDomain DomainType.</summary>
public enum AcceptedDomainType
{
    Authoritative = 0,
    ExternalRelay = 1,
    InternalRelay = 2,
}

/// <summary>Get-AcceptedDomain. Null properties are unknown.</summary>
public sealed record AcceptedDomain
{
    public required string Identity { get; init; }

    public string? Name { get; init; }

    /// <summary>The domain, possibly a wildcard (*.contoso.com).</summary>
    public string? DomainName { get; init; }

    public AcceptedDomainType? DomainType { get; init; }

    public bool? Default { get; init; }

    public required SourceLocation Location { get; init; }
}

/// <summary>One address a server's FQDN resolved to when the dump was collected (HostAddress.json).</summary>
public sealed record HostAddress
{
    /// <summary>The name that was resolved.</summary>
    public string? HostName { get; init; }

    public required IPAddress Address { get; init; }

    public required SourceLocation Location { get; init; }
}

/// <summary>A server the collector left out, and why (manifest skippedServers).</summary>
public sealed record SkippedServer(string Server, string Reason);

/// <summary>How long the collector spent on one server (manifest serverTimings).</summary>
public sealed record ServerTiming(string Server, double Seconds, bool Completed);

/// <summary>How long one collection step took (manifest sectionTimings); Server null for an organisation step.</summary>
public sealed record SectionTiming(string? Server, string Section, double Seconds);

/// <summary>
/// How the collection run went, as its manifest says. Null properties are unknown (a dump made by hand, or
/// by a collector before 1.1.0, says nothing of them).
/// </summary>
public sealed record CollectionRun
{
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True only when every step of the run ran; false when it was interrupted.</summary>
    public bool? Complete { get; init; }

    /// <summary>What ended an incomplete run.</summary>
    public string? Interruption { get; init; }

    /// <summary>Whether the collector ran on an Edge Transport server.</summary>
    public bool? EdgeTransport { get; init; }

    public int? TimeoutSeconds { get; init; }

    public ImmutableArray<SkippedServer> SkippedServers { get; init; } = ImmutableArray<SkippedServer>.Empty;

    public ImmutableArray<ServerTiming> ServerTimings { get; init; } = ImmutableArray<ServerTiming>.Empty;

    public ImmutableArray<SectionTiming> SectionTimings { get; init; } = ImmutableArray<SectionTiming>.Empty;

    /// <summary>The manifest the run was read from.</summary>
    public SourceLocation? Location { get; init; }

    public static CollectionRun Unknown { get; } = new();
}
