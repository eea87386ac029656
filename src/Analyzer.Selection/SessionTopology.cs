using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Extls.Model;

namespace Extls.Selection;

/// <summary>A kind of SMTP session one Exchange server opens to another, with the port it arrives on.</summary>
public enum SessionKind
{
    /// <summary>The Transport service to the Transport service of another Mailbox server (2525).</summary>
    MailboxToMailbox,

    /// <summary>The Front End Transport service proxying inbound mail to another Mailbox server's Transport service (2525).</summary>
    FrontendToMailbox,

    /// <summary>A subscribed Edge to a Mailbox server's Front End Transport service (25).</summary>
    EdgeToMailbox,

    /// <summary>A Mailbox server to a subscribed Edge (25).</summary>
    MailboxToEdge,

    /// <summary>The Transport service to a Front End Transport service, for a send connector with FrontendProxyEnabled (717).</summary>
    OutboundProxy,
}

public static class SessionKinds
{
    /// <summary>How many kinds there are (their values run from 0 without gaps), for arrays indexed by the kind.</summary>
    internal const int Count = (int)SessionKind.OutboundProxy + 1;

    // The arrays first, never written, and the immutable arrays over them: copying one into the other would be compiled
    // at run time on every start.
    private static readonly SessionKind[] MailboxKinds =
        [SessionKind.MailboxToMailbox, SessionKind.FrontendToMailbox, SessionKind.EdgeToMailbox, SessionKind.OutboundProxy];

    private static readonly SessionKind[] EdgeKinds = [SessionKind.MailboxToEdge];

    /// <summary>The kinds that arrive at a Mailbox server.</summary>
    public static ImmutableArray<SessionKind> IntoMailbox { get; } = ImmutableCollectionsMarshal.AsImmutableArray(MailboxKinds);

    /// <summary>The kinds that arrive at an Edge.</summary>
    public static ImmutableArray<SessionKind> IntoEdge { get; } = ImmutableCollectionsMarshal.AsImmutableArray(EdgeKinds);

    public static ImmutableArray<SessionKind> Into(TransportServerRole receiver) => receiver switch
    {
        TransportServerRole.Mailbox => IntoMailbox,
        TransportServerRole.Edge => IntoEdge,
        _ => [],
    };

    /// <summary>
    /// <see cref="Into"/> as a plain array, never written, for the loops over every receiver: enumerating an ImmutableArray
    /// of this assembly's enum is compiled at run time on every start.
    /// </summary>
    internal static SessionKind[] ArrayInto(TransportServerRole receiver) => receiver switch
    {
        TransportServerRole.Mailbox => MailboxKinds,
        TransportServerRole.Edge => EdgeKinds,
        _ => [],
    };

    /// <summary>The TCP port the session arrives on.</summary>
    public static int Port(this SessionKind kind) => kind switch
    {
        SessionKind.MailboxToMailbox or SessionKind.FrontendToMailbox => 2525,
        SessionKind.OutboundProxy => 717,
        _ => 25,
    };

    public static string ToId(this SessionKind kind) => kind switch
    {
        SessionKind.MailboxToMailbox => "mailbox-to-mailbox",
        SessionKind.FrontendToMailbox => "frontend-to-mailbox",
        SessionKind.EdgeToMailbox => "edge-to-mailbox",
        SessionKind.MailboxToEdge => "mailbox-to-edge",
        SessionKind.OutboundProxy => "outbound-proxy",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? text, out SessionKind kind)
    {
        foreach (var k in Enum.GetValues<SessionKind>())
        {
            if (string.Equals(k.ToId(), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The connector Exchange setup creates for the session on <paramref name="receiver"/>.</summary>
    public static string DefaultConnectorName(this SessionKind kind, string receiver) => kind switch
    {
        SessionKind.MailboxToMailbox or SessionKind.FrontendToMailbox => $"Default {receiver}",
        SessionKind.EdgeToMailbox => $"Default Frontend {receiver}",
        SessionKind.MailboxToEdge => $"Default internal receive connector {receiver}",
        SessionKind.OutboundProxy => $"Outbound Proxy Frontend {receiver}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The receive connector role of the service that listens on the kind's port of a server of that role; null on an Edge, where one service owns every connector.</summary>
    internal static ConnectorTransportRole? OwningRole(this SessionKind kind, TransportServerRole receiver) =>
        receiver == TransportServerRole.Edge ? null
        : kind.Port() == 2525 ? ConnectorTransportRole.HubTransport
        : ConnectorTransportRole.FrontendTransport;
}

/// <summary>
/// Which servers open which kinds of sessions to which: the transport servers of the organisation and the
/// sessions between them (selection.md, "Between two servers"). Pure, and linear in servers and send connectors.
/// </summary>
/// <remarks>
/// Mailbox servers open Mailbox→Mailbox and Front End→Mailbox sessions to every other Mailbox server, and
/// outbound-proxy sessions (717) to the Mailbox servers of their site when a send connector they are a source
/// of has FrontendProxyEnabled. A subscribed Edge and the Mailbox servers of its subscribed site exchange
/// Edge→Mailbox and Mailbox→Edge sessions. An Edge is subscribed when Get-EdgeSubscription lists it, or, when
/// that section was not collected, when it is in the snapshot at all. An unknown site matches every site. A
/// server of unknown role counts as Mailbox when it has a TransportService section, as process 2 does.
/// </remarks>
public sealed class SessionTopology
{
    private readonly ImmutableArray<ServerSnapshot> mailboxes;
    // A class per Edge, not a value tuple: an ImmutableArray of tuples is compiled at run time on every start.
    private readonly ImmutableArray<EdgeSite> edges;
    private readonly HashSet<string> proxySenders;
    private readonly HashSet<ServerSnapshot> mailboxSet;

    private SessionTopology(ImmutableArray<ServerSnapshot> mailboxes, ImmutableArray<EdgeSite> edges, HashSet<string> proxySenders)
    {
        this.mailboxes = mailboxes;
        mailboxSet = new HashSet<ServerSnapshot>(mailboxes, ReferenceEqualityComparer.Instance);
        this.edges = edges;
        this.proxySenders = proxySenders;
    }

    public static SessionTopology Of(OrganizationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var servers = (snapshot.Servers.IsDefault ? [] : snapshot.Servers).Where(s => s is not null).ToList();
        var subscriptions = new Dictionary<string, EdgeSubscription>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in snapshot.EdgeSubscriptions.Items.IsDefault ? [] : snapshot.EdgeSubscriptions.Items)
        {
            if (s is not null)
            {
                subscriptions.TryAdd(s.Name, s);
            }
        }

        var mailboxes = servers.Where(s => TransportRoles.Of(s) == TransportServerRole.Mailbox).OrderBy(s => s.Name, NameOrder.Instance).ToImmutableArray();
        var edges = ImmutableArray.CreateBuilder<EdgeSite>();
        foreach (var edge in servers.Where(s => TransportRoles.Of(s) == TransportServerRole.Edge).OrderBy(s => s.Name, NameOrder.Instance))
        {
            if (!snapshot.EdgeSubscriptions.IsKnown)
            {
                edges.Add(new EdgeSite(edge, SiteLeaf(edge.Site)));
            }
            else if (subscriptions.TryGetValue(edge.Name, out var sub))
            {
                edges.Add(new EdgeSite(edge, SiteLeaf(sub.Site)));
            }
        }

        var proxySenders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var connector in snapshot.SendConnectors.IsKnown ? snapshot.SendConnectors.Items : [])
        {
            if (connector is { FrontendProxyEnabled: true } && connector.Enabled != false)
            {
                foreach (var source in connector.SourceTransportServers ?? [])
                {
                    proxySenders.Add(snapshot.FindServer(source.Trim())?.Name ?? source.Trim());
                }
            }
        }

        return new SessionTopology(mailboxes, edges.ToImmutable(), proxySenders);
    }

    /// <summary>The servers that receive sessions: Mailbox servers and subscribed Edges, sorted by name.</summary>
    public IEnumerable<ServerSnapshot> Receivers =>
        mailboxes.Concat(edges.Select(e => e.Edge)).OrderBy(s => s.Name, NameOrder.Instance);

    /// <summary>The servers that open sessions of <paramref name="kind"/> to <paramref name="receiver"/>, sorted by name.</summary>
    public IEnumerable<ServerSnapshot> Senders(ServerSnapshot receiver, SessionKind kind)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        switch (kind)
        {
            case SessionKind.MailboxToMailbox or SessionKind.FrontendToMailbox when IsMailbox(receiver):
                return mailboxes.Where(m => !ReferenceEquals(m, receiver));
            case SessionKind.OutboundProxy when IsMailbox(receiver):
                var site = SiteLeaf(receiver.Site);
                return mailboxes.Where(m => !ReferenceEquals(m, receiver) && proxySenders.Contains(m.Name) && SameSite(site, SiteLeaf(m.Site)));
            case SessionKind.EdgeToMailbox when IsMailbox(receiver):
                var mailboxSite = SiteLeaf(receiver.Site);
                return edges.Where(e => SameSite(e.Site, mailboxSite)).Select(e => e.Edge);
            case SessionKind.MailboxToEdge:
                var edge = edges.FirstOrDefault(e => ReferenceEquals(e.Edge, receiver));
                return edge is null ? [] : mailboxes.Where(m => SameSite(edge.Site, SiteLeaf(m.Site)));
            default:
                return [];
        }
    }

    private sealed record EdgeSite(ServerSnapshot Edge, string? Site);

    private bool IsMailbox(ServerSnapshot server) => mailboxSet.Contains(server);

    // Get-EdgeSubscription writes the site as an AD path ("contoso.com/Configuration/Sites/Default-First-Site-Name")
    // where Get-ExchangeServer may write the same or the leaf alone; the leaf is what both agree on. Null when unknown.
    internal static string? SiteLeaf(string? site)
    {
        if (string.IsNullOrWhiteSpace(site))
        {
            return null;
        }

        var trimmed = site.Trim().TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    /// <summary>An unknown site on either side matches every site.</summary>
    internal static bool SameSite(string? a, string? b) =>
        a is null || b is null || string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
