using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;

namespace Extls.Evidence;

/// <summary>
/// Puts each selection beside what the servers' logs say about it: the sessions of its connector, direction and
/// TLS mode, the certificates they presented, the failed negotiations and the events of its kind. Its own step
/// after the replay, which knows nothing of logs.
/// </summary>
public static class EvidenceMatcher
{
    /// <summary>The section names under which the collector records that a server's evidence could not be read.</summary>
    public const string ProtocolLogSection = "ProtocolLog";

    public const string EventsSection = "TransportEvents";

    /// <summary>The events that concern processes 1 and 2 (the internal transport certificate) on a server.</summary>
    public static readonly ImmutableSortedSet<int> AnonymousTlsEvents = [12012, 12013, 12015, 12017, 12022, 12023, 12024];

    /// <summary>The events that concern process 3 on one receive connector (their text names it).</summary>
    public static readonly ImmutableSortedSet<int> StartTlsEvents = [12014, 12016, 12018];

    public static EvidenceReport Match(OrganizationSnapshot snapshot, ImmutableArray<SelectionResult> selections, EvidenceSet? set)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (set is null || !set.HasEvidence)
        {
            return new EvidenceReport(set ?? EvidenceSet.Empty, [], snapshot.CollectedAt);
        }

        var byKey = set.Observations
            .GroupBy(o => (Server: Canonical(snapshot, o.Server), o.Direction, o.Mode))
            .ToDictionary(g => g.Key, g => g.ToList());
        var events = set.Events
            .GroupBy(e => Canonical(snapshot, e.Server) ?? "", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Events).ToList(), StringComparer.OrdinalIgnoreCase);
        var logs = (Receive: Canonicals(snapshot, set.ReceiveLogServers), Send: Canonicals(snapshot, set.SendLogServers));

        var verdicts = ImmutableArray.CreateBuilder<SelectionEvidence>(selections.Length);
        foreach (var selection in selections.IsDefault ? [] : selections)
        {
            verdicts.Add(Judge(snapshot, selection, byKey, events, logs));
        }

        return new EvidenceReport(set, verdicts.ToImmutable(), snapshot.CollectedAt);
    }

    private static string? Canonical(OrganizationSnapshot snapshot, string? name) =>
        name is null ? null : snapshot.FindServer(name)?.Name ?? name;

    private static HashSet<string> Canonicals(OrganizationSnapshot snapshot, IEnumerable<string> names) =>
        names.Select(n => Canonical(snapshot, n)!).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static SelectionEvidence Judge(
        OrganizationSnapshot snapshot,
        SelectionResult selection,
        Dictionary<(string? Server, LogDirection Direction, TlsMode Mode), List<ConnectorObservation>> observations,
        Dictionary<string, List<TransportEvent>> events,
        (HashSet<string> Receive, HashSet<string> Send) logs)
    {
        var server = snapshot.FindServer(selection.Server);
        var (direction, mode) = selection.Scenario switch
        {
            Scenario.InboundAnonymousTls => (LogDirection.Receive, TlsMode.AnonymousTls),
            Scenario.InboundStartTls => (LogDirection.Receive, TlsMode.StartTls),
            Scenario.OutboundAnonymousTls => (LogDirection.Send, TlsMode.AnonymousTls),
            _ => (LogDirection.Send, TlsMode.StartTls),
        };

        var sendConnector = selection.Scenario == Scenario.OutboundStartTls ? FindSendConnector(snapshot, selection.Connector) : null;
        var mine = (observations.GetValueOrDefault((server?.Name ?? selection.Server, direction, mode)) ?? [])
            .Where(o => selection.Scenario switch
            {
                // X-ANONYMOUSTLS from a server goes out on the implicit intra-organisation connector, or an EdgeSync one: every send connector counts.
                Scenario.OutboundAnonymousTls => true,
                Scenario.OutboundStartTls => NameOrder.Same(o.Connector, selection.Connector ?? "")
                                             || (sendConnector is not null && NameOrder.Same(o.Connector, sendConnector.Name)),
                _ => NameOrder.Same(o.Connector, selection.Connector ?? ""),
            })
            .ToList();

        var certificates = Merge(mine.SelectMany(o => o.Certificates), c => c.Thumbprint,
            g => new ObservedCertificate(g.Key, g.Sum(c => c.Sessions), g.Min(c => c.FirstSeen), g.Max(c => c.LastSeen)), StringComparer.Ordinal);
        var failures = Merge(mine.SelectMany(o => o.Failures), f => f.Error,
            g => new ObservedFailure(g.First().Error, g.Sum(c => c.Count), g.Min(c => c.FirstSeen), g.Max(c => c.LastSeen)), StringComparer.OrdinalIgnoreCase);
        long offered = mine.Sum(o => o.Offered), notOffered = mine.Sum(o => o.NotOffered);

        var level = selection.Scenario switch
        {
            Scenario.InboundAnonymousTls or Scenario.InboundStartTls =>
                server?.ReceiveConnectors.Items.FirstOrDefault(c => NameOrder.Same(c.Identity, selection.Connector ?? ""))?.ProtocolLoggingLevel,
            Scenario.OutboundAnonymousTls => server?.TransportServiceItem?.IntraOrgConnectorProtocolLoggingLevel,
            _ => sendConnector?.ProtocolLoggingLevel,
        };
        var logsRead = (direction == LogDirection.Receive ? logs.Receive : logs.Send).Contains(server?.Name ?? selection.Server);
        var unreadable = snapshot.CollectionErrors.Any(e => NameOrder.Same(e.Server ?? "", selection.Server)
                                                            && string.Equals(e.Section, ProtocolLogSection, StringComparison.OrdinalIgnoreCase));

        var (verdict, reason) = Decide(selection, certificates, offered, notOffered, level, logsRead, unreadable);
        return new SelectionEvidence
        {
            Scenario = selection.Scenario,
            Server = selection.Server,
            Connector = selection.Connector,
            Verdict = verdict,
            Reason = reason,
            ObservedCertificates = certificates,
            Failures = failures,
            Events = Events(selection, server, events),
            Offered = offered,
            NotOffered = notOffered,
        };
    }

    private static (EvidenceVerdict, EvidenceReason) Decide(
        SelectionResult selection,
        ImmutableArray<ObservedCertificate> certificates,
        long offered,
        long notOffered,
        ProtocolLoggingLevel? level,
        bool logsRead,
        bool unreadable)
    {
        var predicted = selection.Advertised ? selection.Certificate : null;
        if (!certificates.IsEmpty)
        {
            if (predicted is null)
            {
                return (EvidenceVerdict.Contradicted, EvidenceReason.UsedThoughNotPredicted);
            }

            return certificates.All(c => string.Equals(c.Thumbprint, predicted, StringComparison.OrdinalIgnoreCase))
                ? (EvidenceVerdict.Confirmed, EvidenceReason.PresentedPredictedCertificate)
                : (EvidenceVerdict.Contradicted, EvidenceReason.OtherCertificatePresented);
        }

        // No certificate seen: for a receive connector the EHLO answers still say whether the verb was offered.
        if (offered + notOffered > 0)
        {
            if (!selection.Advertised)
            {
                return offered == 0
                    ? (EvidenceVerdict.Confirmed, EvidenceReason.NotOfferedAsPredicted)
                    : (EvidenceVerdict.Contradicted, EvidenceReason.UsedThoughNotPredicted);
            }

            if (offered == 0)
            {
                return (EvidenceVerdict.Contradicted, EvidenceReason.NotOfferedThoughPredicted);
            }
        }

        if (level == ProtocolLoggingLevel.None)
        {
            return (EvidenceVerdict.Unobserved, EvidenceReason.LoggingDisabled);
        }

        if (!logsRead)
        {
            return (EvidenceVerdict.Unobserved, unreadable ? EvidenceReason.LogUnreadable : EvidenceReason.NoLogCollected);
        }

        return (EvidenceVerdict.Unobserved, EvidenceReason.NoSessions);
    }

    private static ImmutableArray<T> Merge<T>(IEnumerable<T> items, Func<T, string> key, Func<IGrouping<string, T>, T> merge, StringComparer comparer) =>
        [.. items.GroupBy(key, comparer).Select(merge).OrderBy(key, comparer)];

    private static SendConnector? FindSendConnector(OrganizationSnapshot snapshot, string? identity) =>
        identity is null || !snapshot.SendConnectors.IsKnown ? null
        : snapshot.SendConnectors.Items.FirstOrDefault(c => NameOrder.Same(c.Identity, identity) || NameOrder.Same(c.Name, identity));

    private static ImmutableArray<ObservedEvent> Events(SelectionResult selection, ServerSnapshot? server, Dictionary<string, List<TransportEvent>> events)
    {
        if (!events.TryGetValue(server?.Name ?? selection.Server, out var logged))
        {
            return [];
        }

        var kind = selection.Scenario switch
        {
            Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls => AnonymousTlsEvents,
            Scenario.InboundStartTls => StartTlsEvents,
            _ => [],
        };
        var relevant = logged.Where(e => kind.Contains(e.Id)
                                         && (selection.Scenario != Scenario.InboundStartTls || NameOrder.Same(ConnectorOf(e, server) ?? "", selection.Connector ?? "")))
            .ToList();
        var predicted = (selection.Events.IsDefault ? [] : selection.Events).ToHashSet();
        return [.. predicted.Concat(relevant.Select(e => e.Id)).Distinct().Order().Select(id =>
        {
            var these = relevant.Where(e => e.Id == id).ToList();
            var times = these.Where(e => e.TimeCreated is not null).Select(e => e.TimeCreated!.Value).ToList();
            return new ObservedEvent(id, predicted.Contains(id), these.Count, times.Count == 0 ? null : times.Min(), times.Count == 0 ? null : times.Max());
        })];
    }

    /// <summary>
    /// The receive connector (identity) an event's text names: 12014, 12016 and 12018 say "for the connector &lt;name&gt;".
    /// The longest name of the server's connectors found in the text wins, so "Client Frontend EX01" is not read as "Frontend EX01".
    /// </summary>
    public static string? ConnectorOf(TransportEvent e, ServerSnapshot? server)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Message is not { } text || server is null || !server.ReceiveConnectors.IsKnown)
        {
            return null;
        }

        return server.ReceiveConnectors.Items
            .Where(c => text.Contains(c.Name, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(c => c.Name.Length)
            .FirstOrDefault()?.Identity;
    }
}
