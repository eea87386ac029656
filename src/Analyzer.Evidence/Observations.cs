using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Evidence;

/// <summary>Which protocol log a session was written to: the server received it, or sent it.</summary>
public enum LogDirection
{
    Receive,
    Send,
}

/// <summary>How a session was encrypted: the command that started TLS.</summary>
public enum TlsMode
{
    /// <summary>STARTTLS: a certificate chosen by name (processes 3 and 4).</summary>
    StartTls,

    /// <summary>X-ANONYMOUSTLS: the internal transport certificate (processes 1 and 2).</summary>
    AnonymousTls,
}

/// <summary>A certificate a server presented, by thumbprint (upper-case hex), and in how many sessions.</summary>
public sealed record ObservedCertificate(string Thumbprint, long Sessions, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>TLS negotiations that failed with one error ("UnknownCredentials", "NoCredentials", …).</summary>
public sealed record ObservedFailure(string Error, long Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>
/// What the protocol logs say about one connector of one server in one direction and TLS mode: the sessions
/// that used the mode, the certificates presented in them, the failed negotiations, and (receive logs only)
/// how often the first EHLO answer of a session offered the mode's verb.
/// </summary>
public sealed record ConnectorObservation
{
    /// <summary>The server that wrote the log; null when a send log could not be tied to a server.</summary>
    public string? Server { get; init; }

    public required LogDirection Direction { get; init; }

    /// <summary>The connector as the log names it: "SERVER\Name" for receive connectors, the send connector's name for send logs.</summary>
    public required string Connector { get; init; }

    public required TlsMode Mode { get; init; }

    /// <summary>Sessions in which the mode's command was given.</summary>
    public long Sessions { get; init; }

    /// <summary>Sorted by thumbprint.</summary>
    public ImmutableArray<ObservedCertificate> Certificates { get; init; } = [];

    /// <summary>Sorted by error.</summary>
    public ImmutableArray<ObservedFailure> Failures { get; init; } = [];

    /// <summary>Receive logs: sessions whose first EHLO answer offered the verb (STARTTLS or X-ANONYMOUSTLS).</summary>
    public long Offered { get; init; }

    /// <summary>Receive logs: sessions whose first EHLO answer did not offer it.</summary>
    public long NotOffered { get; init; }

    public DateTimeOffset? FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }
}

/// <summary>The events one server's Application log export holds.</summary>
/// <param name="Server">The server, from the dump's folder or the event's MachineName; null when neither names a known server.</param>
/// <param name="File">The export it was read from.</param>
public sealed record ServerEvents(string? Server, string File, ImmutableArray<TransportEvent> Events);

/// <summary>What was read, for the report and the benchmark: files, bytes, rows, sessions.</summary>
public sealed record EvidenceStatistics(long Files, long Bytes, long Rows, long Sessions, long TlsSessions);

/// <summary>
/// Everything read from the servers' own logs: protocol-log observations aggregated per connector (never per
/// session), the event exports, which servers had logs of each direction, and the problems met on the way.
/// </summary>
public sealed record EvidenceSet
{
    public static EvidenceSet Empty { get; } = new();

    /// <summary>Sorted by server, direction, connector, mode.</summary>
    public ImmutableArray<ConnectorObservation> Observations { get; init; } = [];

    public ImmutableArray<ServerEvents> Events { get; init; } = [];

    /// <summary>Servers (as named in the logs) for which receive logs were read.</summary>
    public ImmutableSortedSet<string> ReceiveLogServers { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Servers for which send logs were read.</summary>
    public ImmutableSortedSet<string> SendLogServers { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rows before this instant were not counted (--evidence-since); null counts everything.</summary>
    public DateTimeOffset? Since { get; init; }

    public EvidenceStatistics Statistics { get; init; } = new(0, 0, 0, 0, 0);

    public ImmutableArray<ImportProblem> Problems { get; init; } = [];

    /// <summary>True when any log or event export was read: only then do selections carry evidence.</summary>
    public bool HasEvidence => Statistics.Files > 0;
}
