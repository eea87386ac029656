using System.Collections.Immutable;

namespace Extls.Model;

public enum SectionState
{
    /// <summary>The file was read.</summary>
    Collected,

    /// <summary>The collector recorded a failure for it in manifest.json errors.</summary>
    Failed,

    /// <summary>No file, and nothing recorded: we do not know.</summary>
    Absent,

    /// <summary>The file is there but could not be read (an import problem names it).</summary>
    Unreadable,
}

/// <summary>One section of the dump (a file), with whether it was collected.</summary>
public sealed record Section<T>
{
    public required SectionState State { get; init; }

    public ImmutableArray<T> Items { get; init; } = ImmutableArray<T>.Empty;

    /// <summary>The collector's error (Failed), as it recorded it.</summary>
    public string? Error { get; init; }

    /// <summary>Why the file could not be read (Unreadable).</summary>
    public ImportProblem? Problem { get; init; }

    /// <summary>The file the section was (or would have been) read from.</summary>
    public SourceLocation? Location { get; init; }

    public bool IsKnown => State == SectionState.Collected;

    public static Section<T> Collected(ImmutableArray<T> items, SourceLocation? location) =>
        new() { State = SectionState.Collected, Items = items, Location = location };

    public static Section<T> Missing(SectionState state, string? error, SourceLocation? location) =>
        new() { State = state, Error = error, Location = location };

    /// <summary>A file that is there but cannot be read, and why.</summary>
    public static Section<T> Unreadable(ImportProblem problem, SourceLocation? location) =>
        new() { State = SectionState.Unreadable, Problem = problem, Location = location };
}

/// <summary>Get-TransportService for one server.</summary>
public sealed record TransportService
{
    /// <summary>InternalTransportCertificateThumbprint; "" when empty, null when the dump does not carry it.</summary>
    public string? InternalTransportCertificateThumbprint { get; init; }

    /// <summary>Whether the implicit intra-organisation send connector logs (sessions to other Exchange servers); null when unknown.</summary>
    public ProtocolLoggingLevel? IntraOrgConnectorProtocolLoggingLevel { get; init; }

    public required SourceLocation Location { get; init; }
}

/// <summary>Everything the dump says about one Exchange server.</summary>
public sealed record ServerSnapshot
{
    public required string Name { get; init; }

    public string? Fqdn { get; init; }

    public TransportServerRole Role { get; init; }

    /// <summary>ServerRole as Get-ExchangeServer wrote it, e.g. "Mailbox" or "Edge".</summary>
    public string? ServerRoleText { get; init; }

    public string? AdminDisplayVersion { get; init; }

    public string? Site { get; init; }

    /// <summary>Location of the server's Get-ExchangeServer entry, if any.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Get-ExchangeServer's role flags; null when the dump does not carry them.</summary>
    public ExchangeServerFlags Flags { get; init; } = ExchangeServerFlags.Unknown;

    /// <summary>The server object's distinguished name, as Get-ExchangeServer gave it.</summary>
    public string? DistinguishedName { get; init; }

    /// <summary>The domain controller Exchange read the server object from (on an Edge, the Edge itself).</summary>
    public string? OriginatingServer { get; init; }

    /// <summary>The addresses its FQDN resolved to (HostAddress.json); what other servers reach it on and send from.</summary>
    public Section<HostAddress> HostAddresses { get; init; } = Section<HostAddress>.Missing(SectionState.Absent, null, null);

    public required Section<TransportService> TransportService { get; init; }

    public required Section<ReceiveConnector> ReceiveConnectors { get; init; }

    public required Section<StoreCertificate> Certificates { get; init; }

    public required AdInternalCertificate InternalCertificate { get; init; }

    /// <summary>
    /// For an Edge server dumped on its own and joined with the organisation's dump: the certificate
    /// the organisation's AD holds for its subscription (EXTLS5002). Null when not known.
    /// </summary>
    public AdInternalCertificate? SubscriptionCertificate { get; init; }

    /// <summary>The name of the dump this server came from (several dumps may be joined).</summary>
    public string? DumpName { get; init; }

    public TransportService? TransportServiceItem => TransportService.Items.IsDefaultOrEmpty ? null : TransportService.Items[0];
}

/// <summary>Get-ExchangeServer's Is*Server flags; null is unknown.</summary>
public sealed record ExchangeServerFlags(bool? IsHubTransportServer, bool? IsFrontendTransportServer, bool? IsEdgeServer, bool? IsMailboxServer, bool? IsClientAccessServer)
{
    public static ExchangeServerFlags Unknown { get; } = new(null, null, null, null, null);

    public bool AnyKnown => IsHubTransportServer is not null || IsFrontendTransportServer is not null || IsEdgeServer is not null
        || IsMailboxServer is not null || IsClientAccessServer is not null;
}

public sealed record CollectorInfo(string? Name, string? Version, string? Host, string? User, string? PowerShellVersion);

public sealed record CollectionError(string? Server, string? Section, string Message);

/// <summary>What kind of contradiction a <see cref="SnapshotInconsistency"/> is.</summary>
public enum InconsistencyKind
{
    /// <summary>A server's store lists the same thumbprint twice.</summary>
    DuplicateCertificate,

    /// <summary>A certificate's own property (Subject, NotAfter, …) disagrees with its DER.</summary>
    CertificatePropertyMismatch,

    /// <summary>A receive connector's Server names another server than the one whose dump holds it.</summary>
    ConnectorOnUnknownServer,

    /// <summary>
    /// Two joined dumps hold copies of one object (an EdgeSync send connector, a server object EdgeSync copied
    /// into an Edge's AD LDS) that disagree; the organisation's copy is kept for configuration.
    /// </summary>
    JoinedCopiesDiffer,
}

/// <summary>The stable codes of <see cref="InconsistencyKind"/> in snapshot files and finding targets.</summary>
public static class InconsistencyKinds
{
    public static string ToId(this InconsistencyKind kind) => kind switch
    {
        InconsistencyKind.DuplicateCertificate => "DuplicateCertificate",
        InconsistencyKind.CertificatePropertyMismatch => "CertificatePropertyMismatch",
        InconsistencyKind.ConnectorOnUnknownServer => "ConnectorOnUnknownServer",
        InconsistencyKind.JoinedCopiesDiffer => "JoinedCopiesDiffer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? id, out InconsistencyKind kind)
    {
        foreach (var k in Enum.GetValues<InconsistencyKind>())
        {
            if (string.Equals(k.ToId(), id, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>A contradiction inside the snapshot (EXTLS9004), described by data only; the rule's descriptor words it.</summary>
/// <param name="Kind">What kind of contradiction it is.</param>
/// <param name="Subject">What the contradiction is about (a thumbprint, a connector identity).</param>
/// <param name="Property">The Exchange property that disagrees, when there is one.</param>
/// <param name="DumpValue">What the dump's own property said.</param>
/// <param name="ActualValue">What the DER (or the rest of the snapshot) says.</param>
public sealed record SnapshotInconsistency(
    InconsistencyKind Kind,
    string? Server,
    string Subject,
    string? Property,
    string? DumpValue,
    string? ActualValue,
    SourceLocation? Location);

/// <summary>A problem reading the input: names the file, line and JSON path. Any one makes the exit code 3.</summary>
/// <summary>A whole organisation (one or more dumps joined), normalised.</summary>
public sealed record OrganizationSnapshot
{
    public const string CurrentFormat = "extls-snapshot/1";

    public DateTimeOffset? CollectedAt { get; init; }

    public string? Organization { get; init; }

    public CollectorInfo? Collector { get; init; }

    /// <summary>Servers, sorted by name (ordinal, case-insensitive).</summary>
    public ImmutableArray<ServerSnapshot> Servers { get; init; } = ImmutableArray<ServerSnapshot>.Empty;

    public required Section<SendConnector> SendConnectors { get; init; }

    public required Section<EdgeSubscription> EdgeSubscriptions { get; init; }

    /// <summary>Get-HybridConfiguration: none or one; collected and empty when the organisation has no hybrid configuration.</summary>
    public Section<HybridConfiguration> HybridConfigurations { get; init; } = Section<HybridConfiguration>.Missing(SectionState.Absent, null, null);

    public Section<TransportConfig> TransportConfig { get; init; } = Section<TransportConfig>.Missing(SectionState.Absent, null, null);

    public Section<AcceptedDomain> AcceptedDomains { get; init; } = Section<AcceptedDomain>.Missing(SectionState.Absent, null, null);

    /// <summary>How the collection run went (complete, interrupted, servers skipped, timings).</summary>
    public CollectionRun Run { get; init; } = CollectionRun.Unknown;

    public ImmutableArray<CollectionError> CollectionErrors { get; init; } = ImmutableArray<CollectionError>.Empty;

    public ImmutableArray<SnapshotInconsistency> Inconsistencies { get; init; } = ImmutableArray<SnapshotInconsistency>.Empty;

    /// <summary>The paths the snapshot was read from, as given.</summary>
    public ImmutableArray<string> Sources { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>The server of that name (case-insensitive; the first when a name repeats), or null. A dictionary built once per server list, not a scan.</summary>
    public ServerSnapshot? FindServer(string name) =>
        name is not null && ServerIndex.For(Servers).TryGetValue(name, out var server) ? server : null;
}

/// <summary>
/// Servers by name, built once for each server list and kept beside it, not inside the record: a cache
/// field would take part in the record's equality and be copied by <c>with</c> onto another list.
/// </summary>
internal static class ServerIndex
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ServerSnapshot[], Dictionary<string, ServerSnapshot>> Indexes = new();

    private static readonly Dictionary<string, ServerSnapshot> Empty = new(StringComparer.OrdinalIgnoreCase);

    public static Dictionary<string, ServerSnapshot> For(ImmutableArray<ServerSnapshot> servers)
    {
        if (servers.IsDefaultOrEmpty)
        {
            return Empty;
        }

        var array = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(servers)!;
        return Indexes.GetValue(array, Build);
    }

    private static Dictionary<string, ServerSnapshot> Build(ServerSnapshot[] servers)
    {
        var index = new Dictionary<string, ServerSnapshot>(servers.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var server in servers)
        {
            if (server?.Name is { } name)
            {
                index.TryAdd(name, server);
            }
        }

        return index;
    }
}
