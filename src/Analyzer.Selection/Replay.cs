using System.Collections.Immutable;
using Extls.Model;
using static Extls.Selection.AnonymousTlsReplay;

namespace Extls.Selection;

/// <summary>Entry point of the replay: every selection process over a whole organisation.</summary>
/// <remarks>
/// Pure: the result depends on the snapshot and the options only. Missing data never throws; it
/// makes the affected result <see cref="SelectionOutcome.Undetermined"/> with its <see cref="SelectionResult.Unknowns"/>.
/// A server whose receive connectors were not collected has no per-connector results (there is
/// nothing to enumerate); the missing section is the rules' to report.
/// <para>
/// An assumption is listed on a result when the answer rests on it: A1 when SuppressXAnonymousTls
/// stopped process 1; A2 when the internal certificate is not in the store; A3 on every Mailbox
/// process 2; A4 / A5 when certificates were matched by issuer/subject or by host name; A6 when an
/// eligible certificate lacks SMTP (filtering on SMTP would have changed the set); A7 whenever a
/// certificate was chosen among eligible ones; A8 on every process 4.
/// </para>
/// </remarks>
public static class Replay
{
    /// <summary>All selections, sorted by scenario, server, connector (ordinal, case-insensitive).</summary>
    /// <remarks>
    /// Each server's replays depend on that server alone (and process 4's on its connector and source), so from
    /// <see cref="ParallelWork.From"/> servers on they run on every core; each server's results are put back in
    /// server order before the one sort, so the result is the same, value for value, as one core's (equal steps, reads and values are one instance, whichever thread made it first).
    /// </remarks>
    public static ImmutableArray<SelectionResult> All(OrganizationSnapshot snapshot, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var servers = Items(snapshot.Servers).Where(s => s is not null).ToList();
        var parallel = ParallelWork.Applies(options.Parallelism, servers.Count);

        // The organisation's replays share their equal steps, reads and values (TraceSharing); the pool goes with this call.
        options = options with { Sharing = new TraceSharing(servers.Count) };
        var perServer = new List<SelectionResult>[servers.Count];
        ParallelWork.For(parallel, servers.Count, i => perServer[i] = OfServer(snapshot, servers[i], options));

        var results = new List<SelectionResult>(perServer.Sum(r => r.Count) + servers.Count);
        foreach (var ofServer in perServer)
        {
            results.AddRange(ofServer);
        }

        results.AddRange(OutboundStartTls(snapshot, options, parallel));
        return Sort(results);
    }

    /// <summary>
    /// Processes 1 and 3 on every receive connector of one server, then process 2. The memos serve this server's
    /// connectors (a choice is keyed by its server's store, and the internal certificate by its server), so one per
    /// server replays exactly what one for the whole organisation would.
    /// </summary>
    private static List<SelectionResult> OfServer(OrganizationSnapshot snapshot, ServerSnapshot server, ReplayOptions options)
    {
        var connectors = server.ReceiveConnectors.IsKnown ? Items(server.ReceiveConnectors.Items) : [];
        var results = new List<SelectionResult>((connectors.Length * 2) + 1);
        var memo = new ChoiceMemo();
        var internalCertificates = new InternalCertificateMemo();
        foreach (var connector in connectors)
        {
            if (connector is null)
            {
                continue;
            }

            results.Add(AnonymousTlsReplay.Inbound(server, connector, options, internalCertificates));
            results.Add(StartTlsReplay.Inbound(server, connector, options, memo));
        }

        results.Add(OutboundAnonymousTls(snapshot, server, options));
        return results;
    }

    /// <summary>Process 1 for one receive connector of <paramref name="server"/>.</summary>
    public static SelectionResult InboundAnonymousTls(ServerSnapshot server, ReceiveConnector connector, ReplayOptions options) =>
        AnonymousTlsReplay.Inbound(server, connector, options);

    /// <summary>Process 2 for one sending server.</summary>
    public static SelectionResult OutboundAnonymousTls(OrganizationSnapshot snapshot, ServerSnapshot server, ReplayOptions options) =>
        AnonymousTlsReplay.Outbound(snapshot, server, options);

    /// <summary>Process 3 for one receive connector of <paramref name="server"/>.</summary>
    public static SelectionResult InboundStartTls(ServerSnapshot server, ReceiveConnector connector, ReplayOptions options) =>
        StartTlsReplay.Inbound(server, connector, options);

    /// <summary>
    /// Process 4 for every (send connector, source server): each entry of SourceTransportServers, and
    /// for a connector from an Edge's own dump, that Edge. A pair is replayed once.
    /// </summary>
    public static ImmutableArray<SelectionResult> OutboundStartTls(OrganizationSnapshot snapshot, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        return OutboundStartTls(snapshot, options, ParallelWork.Applies(options.Parallelism, Items(snapshot.Servers).Length));
    }

    private static ImmutableArray<SelectionResult> OutboundStartTls(OrganizationSnapshot snapshot, ReplayOptions options, bool parallel)
    {
        if (!snapshot.SendConnectors.IsKnown)
        {
            return [];
        }

        var edges = Items(snapshot.Servers).Where(s => s is not null && TransportRoles.Of(s) == TransportServerRole.Edge).ToList();
        var pairs = new List<(SendConnector Connector, string Source)>();
        foreach (var connector in Items(snapshot.SendConnectors.Items).Where(c => c is not null))
        {
            var sources = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var source in Items(connector.SourceTransportServers))
            {
                if (!string.IsNullOrWhiteSpace(source))
                {
                    sources.Add(snapshot.FindServer(source.Trim())?.Name ?? source.Trim());
                }
            }

            var ownEdge = edges.FirstOrDefault(e => string.Equals(connector.DumpServer, e.Name, StringComparison.OrdinalIgnoreCase));
            if (ownEdge is not null)
            {
                sources.Add(ownEdge.Name);
            }

            foreach (var source in sources)
            {
                pairs.Add((connector, source));
            }
        }

        // A choice is keyed by the source's store: pairs of one source on one thread share it, pairs on different
        // threads each make it once, and either way the same steps come out.
        var results = new SelectionResult[pairs.Count];
        if (parallel)
        {
            Parallel.For(0, pairs.Count, () => new ChoiceMemo(), (i, _, memo) =>
            {
                results[i] = StartTlsReplay.Outbound(snapshot, pairs[i].Connector, pairs[i].Source, options, memo);
                return memo;
            }, _ => { });
        }
        else
        {
            var memo = new ChoiceMemo();
            for (var i = 0; i < pairs.Count; i++)
            {
                results[i] = StartTlsReplay.Outbound(snapshot, pairs[i].Connector, pairs[i].Source, options, memo);
            }
        }

        return Sort(results);
    }

    private static ImmutableArray<SelectionResult> Sort(IEnumerable<SelectionResult> results) => [.. results.Order(SelectionOrder.Instance)];
}
