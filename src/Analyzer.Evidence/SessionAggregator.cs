using System.Collections.Immutable;

namespace Extls.Evidence;

/// <summary>
/// Folds finished sessions into per-connector counts as they end: what grows is the number of connectors,
/// certificates and error kinds, never the number of sessions.
/// </summary>
internal sealed class SessionAggregator(Func<LogSession, string?> resolveSendServer, DateTimeOffset? since)
{
    private readonly Dictionary<(string Server, LogDirection Direction, string Connector, TlsMode Mode), Accumulator> accumulators = new(KeyComparer.Instance);

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
        var key = (server ?? "", session.Direction, session.Connector, mode);
        if (!accumulators.TryGetValue(key, out var acc))
        {
            acc = new Accumulator();
            accumulators[key] = acc;
        }

        return acc;
    }

    public ImmutableArray<ConnectorObservation> Observations() =>
        [.. accumulators
            .OrderBy(a => a.Key.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.Key.Direction)
            .ThenBy(a => a.Key.Connector, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.Key.Mode)
            .Select(a => a.Value.ToObservation(a.Key.Server.Length == 0 ? null : a.Key.Server, a.Key.Direction, a.Key.Connector, a.Key.Mode))];

    private sealed class KeyComparer : IEqualityComparer<(string Server, LogDirection Direction, string Connector, TlsMode Mode)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Server, LogDirection Direction, string Connector, TlsMode Mode) x, (string Server, LogDirection Direction, string Connector, TlsMode Mode) y) =>
            x.Direction == y.Direction && x.Mode == y.Mode
            && StringComparer.OrdinalIgnoreCase.Equals(x.Server, y.Server) && StringComparer.OrdinalIgnoreCase.Equals(x.Connector, y.Connector);

        public int GetHashCode((string Server, LogDirection Direction, string Connector, TlsMode Mode) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Server), obj.Direction, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Connector), obj.Mode);
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
