namespace Extls.Model;

/// <summary>A connector's or a service's ProtocolLoggingLevel: whether Exchange writes its protocol log.</summary>
public enum ProtocolLoggingLevel
{
    None = 0,
    Verbose = 1,
}

/// <summary>
/// One Application log event of the transport certificate family (12012–12024) as Get-WinEvent exported it
/// (TransportEvents.json): what a server itself logged, to check the replay's predicted events against.
/// </summary>
public sealed record TransportEvent
{
    /// <summary>When it was logged (UTC); null when the export lost it.</summary>
    public DateTimeOffset? TimeCreated { get; init; }

    public required int Id { get; init; }

    /// <summary>MSExchangeTransport or MSExchangeFrontEndTransport.</summary>
    public string? ProviderName { get; init; }

    public string? LevelDisplayName { get; init; }

    public string? Message { get; init; }

    /// <summary>The computer that logged it (usually the FQDN).</summary>
    public string? MachineName { get; init; }

    public required SourceLocation Location { get; init; }
}
