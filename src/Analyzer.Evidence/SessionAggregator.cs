using System.Collections.Immutable;

namespace Extls.Evidence;

/// <summary>
/// Folds finished sessions into per-connector counts as they end: what grows is the number of connectors,
/// certificates and error kinds, never the number of sessions.
/// </summary>
internal sealed class SessionAggregator(Func<LogSession, string?> resolveSendServer, DateTimeOffset? since)
{
    // Keyed by a class, not a value tuple: every analysis makes an aggregator, log or no log, and a dictionary keyed by a
    // value tuple (with LINQ sorting it by the enums) is framework code compiled at run time on every start, which
    // ReadyToRun cannot precompile with the tool.
    private readonly Dictionary<Key, Accumulator> accumulators = new(KeyComparer.Instance);

    public long Sessions { get; private set; }

    public long TlsSessions { get; private set; }

    public SortedSet<string> ReceiveServers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SortedSet<string> SendServers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The server a receive log names in its connector id ("EX01\Default EX01").</summary>
    internal static string? ReceiveServer(string connector)
    {
        var slash = connector.IndexOf('\\', StringComparison.Ordinal);
        return slash > 0 ? connector[..slash] : null;
    }

    public void Add(LogSession session)
    {
        var server = session.Direction == LogDirection.Receive
            ? ReceiveServer(session.Connector) ?? session.ServerHint
            : session.ServerHint ?? resolveSendServer(session);
        if (server is not null)
        {
            (session.Direction == LogDirection.Receive ? ReceiveServers : SendServers).Add(server);
        }

        if (since is { } s && session.First < s)
        {
            return;
        }

        Sessions++;
        if (session.Direction == LogDirection.Receive && session.SawEhloAnswer)
        {
            Get(server, session, TlsMode.StartTls).Offer(session.OffersStartTls, session.First);
            Get(server, session, TlsMode.AnonymousTls).Offer(session.OffersAnonymousTls, session.First);
        }

        if (session.Mode is not { } mode)
        {
            return;
        }

        TlsSessions++;
        var acc = Get(server, session, mode);
        acc.Session(session.First);
        if (session.Thumbprint is { } thumbprint)
        {
            acc.Certificate(thumbprint, session.PresentedAt ?? session.First);
        }

        if (session.Failure is { } error)
        {
            acc.Failure(error, session.FailedAt ?? session.First);
        }
    }

    private Accumulator Get(string? server, LogSession session, TlsMode mode)
    {
        var key = new Key(server ?? "", session.Direction, session.Connector, mode);
        if (!accumulators.TryGetValue(key, out var acc))
        {
            acc = new Accumulator();
            accumulators[key] = acc;
        }

        return acc;
    }

    /// <summary>Every connector's counts, by server, direction, connector and TLS mode.</summary>
    public ImmutableArray<ConnectorObservation> Observations()
    {
        // The keys are distinct under the order's comparison (the dictionary compares them the same way), so an
        // unstable sort gives the same order as a stable one.
        var keys = new Key[accumulators.Count];
        accumulators.Keys.CopyTo(keys, 0);
        Array.Sort(keys, KeyOrder.Instance);
        var observations = ImmutableArray.CreateBuilder<ConnectorObservation>(keys.Length);
        foreach (var key in keys)
        {
            observations.Add(accumulators[key].ToObservation(key.Server.Length == 0 ? null : key.Server, key.Direction, key.Connector, key.Mode));
        }

        return observations.MoveToImmutable();
    }

    private sealed record Key(string Server, LogDirection Direction, string Connector, TlsMode Mode);

    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key? x, Key? y) =>
            ReferenceEquals(x, y)
            || (x is not null && y is not null && x.Direction == y.Direction && x.Mode == y.Mode
                && StringComparer.OrdinalIgnoreCase.Equals(x.Server, y.Server) && StringComparer.OrdinalIgnoreCase.Equals(x.Connector, y.Connector));

        public int GetHashCode(Key obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Server), (int)obj.Direction, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Connector), (int)obj.Mode);
    }

    /// <summary>Server (case-insensitive), direction, connector (case-insensitive), mode.</summary>
    private sealed class KeyOrder : IComparer<Key>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(Key? x, Key? y)
        {
            if (x is null || y is null)
            {
                return x is null ? (y is null ? 0 : -1) : 1;
            }

            var c = StringComparer.OrdinalIgnoreCase.Compare(x.Server, y.Server);
            if (c == 0)
            {
                c = ((int)x.Direction).CompareTo((int)y.Direction);
            }

            if (c == 0)
            {
                c = StringComparer.OrdinalIgnoreCase.Compare(x.Connector, y.Connector);
            }

            return c != 0 ? c : ((int)x.Mode).CompareTo((int)y.Mode);
        }
    }

    private sealed class Accumulator
    {
        private readonly Dictionary<string, Span> certificates = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Span> failures = new(StringComparer.OrdinalIgnoreCase);
        private long sessions;
        private long offered;
        private long notOffered;
        private DateTimeOffset? first;
        private DateTimeOffset? last;

        public void Offer(bool yes, DateTimeOffset at)
        {
            if (yes)
            {
                offered++;
            }
            else
            {
                notOffered++;
            }

            Seen(at);
        }

        public void Session(DateTimeOffset at)
        {
            sessions++;
            Seen(at);
        }

        public void Certificate(string thumbprint, DateTimeOffset at) => Count(certificates, thumbprint, at);

        public void Failure(string error, DateTimeOffset at) => Count(failures, error, at);

        private static void Count(Dictionary<string, Span> map, string key, DateTimeOffset at)
        {
            map[key] = map.TryGetValue(key, out var span)
                ? new Span(span.Count + 1, at < span.First ? at : span.First, at > span.Last ? at : span.Last)
                : new Span(1, at, at);
        }

        private void Seen(DateTimeOffset at)
        {
            first = first is { } f && f <= at ? f : at;
            last = last is { } l && l >= at ? l : at;
        }

        public ConnectorObservation ToObservation(string? server, LogDirection direction, string connector, TlsMode mode) => new()
        {
            Server = server,
            Direction = direction,
            Connector = connector,
            Mode = mode,
            Sessions = sessions,
            Offered = offered,
            NotOffered = notOffered,
            FirstSeen = first,
            LastSeen = last,
            Certificates = [.. certificates.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ObservedCertificate(c.Key, c.Value.Count, c.Value.First, c.Value.Last))],
            Failures = [.. failures.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase).Select(c => new ObservedFailure(c.Key, c.Value.Count, c.Value.First, c.Value.Last))],
        };

        private readonly record struct Span(long Count, DateTimeOffset First, DateTimeOffset Last);
    }
}
