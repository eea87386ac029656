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
    public static ImmutableArray<SelectionResult> All(OrganizationSnapshot snapshot, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<SelectionResult>();
        var memo = new ChoiceMemo();
        var internalCertificates = new InternalCertificateMemo();
        var servers = Items(snapshot.Servers).Where(s => s is not null).ToList();
        foreach (var server in servers)
        {
            var connectors = server.ReceiveConnectors.IsKnown ? Items(server.ReceiveConnectors.Items) : [];
            foreach (var connector in connectors.Where(c => c is not null))
            {
                results.Add(AnonymousTlsReplay.Inbound(server, connector, options, internalCertificates));
                results.Add(StartTlsReplay.Inbound(server, connector, options, memo));
            }

            results.Add(OutboundAnonymousTls(snapshot, server, options));
        }

        results.AddRange(OutboundStartTls(snapshot, options, memo));
        return Sort(results);
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
    public static ImmutableArray<SelectionResult> OutboundStartTls(OrganizationSnapshot snapshot, ReplayOptions options) =>
        OutboundStartTls(snapshot, options, new ChoiceMemo());

    private static ImmutableArray<SelectionResult> OutboundStartTls(OrganizationSnapshot snapshot, ReplayOptions options, ChoiceMemo memo)
    {
        if (!snapshot.SendConnectors.IsKnown)
        {
            return [];
        }

        var edges = Items(snapshot.Servers).Where(s => s is not null && TransportRoles.Of(s) == TransportServerRole.Edge).ToList();
        var results = new List<SelectionResult>();
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
                results.Add(StartTlsReplay.Outbound(snapshot, connector, source, options, memo));
            }
        }

        return Sort(results);
    }

    private static ImmutableArray<SelectionResult> Sort(IEnumerable<SelectionResult> results) => [.. results.Order(SelectionOrder.Instance)];
}
