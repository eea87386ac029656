using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Selection;

/// <summary>
/// One ordered pair of transport servers ("Between two servers" in selection.md): process 2 on the
/// sender and process 1 on the receiver's connector that accepts the session.
/// </summary>
public sealed record ServerPairResult
{
    public required string Sender { get; init; }

    public required string Receiver { get; init; }

    /// <summary>"Mailbox->Mailbox", "Mailbox->Edge" or "Edge->Mailbox".</summary>
    public required string Path { get; init; }

    /// <summary>The receiver's connector that accepts the session ("EX02\Default EX02"), or null when none exists.</summary>
    public string? ReceiveConnector { get; init; }

    /// <summary>True when both sides succeed; null when either side is undetermined.</summary>
    public bool? AnonymousTlsWorks { get; init; }

    public SelectionResult? SenderResult { get; init; }

    public SelectionResult? ReceiverResult { get; init; }
}

/// <remarks>
/// Which pairs exist: every ordered pair of Mailbox servers; and between a Mailbox server and an Edge,
/// both directions when the Edge is subscribed. An Edge counts as subscribed when Get-EdgeSubscription
/// lists it, or, when that section was not collected, when it is simply in the snapshot (an Edge dump
/// joined to the organisation's says the administrator means it). When both the subscription's site
/// and the Mailbox server's site are known and differ, the pair does not exist: an Edge exchanges mail
/// with the Mailbox servers of its subscribed site only. Edge→Edge is never a pair. A server of
/// unknown role counts as Mailbox when it has a TransportService section, as process 2 does.
/// A receive connector with Enabled = false accepts nothing, so it is never the accepting connector.
/// </remarks>
public static class MailFlowMatrix
{
    public const string MailboxToMailbox = "Mailbox->Mailbox";
    public const string MailboxToEdge = "Mailbox->Edge";
    public const string EdgeToMailbox = "Edge->Mailbox";

    /// <summary>Every ordered pair of transport servers, sorted by sender then receiver.</summary>
    public static ImmutableArray<ServerPairResult> Compute(OrganizationSnapshot snapshot, ImmutableArray<SelectionResult> selections)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var all = selections.IsDefault ? [] : selections;
        var servers = (snapshot.Servers.IsDefault ? [] : snapshot.Servers).Where(s => s is not null).ToList();
        var mailboxes = servers.Where(s => TransportRoles.Of(s) == TransportServerRole.Mailbox).ToList();
        var edges = servers.Where(s => TransportRoles.Of(s) == TransportServerRole.Edge)
            .Select(e => (Edge: e, Subscribed: Subscription(snapshot, e)))
            .Where(e => e.Subscribed.Subscribed)
            .ToList();

        var pairs = new List<ServerPairResult>();
        foreach (var sender in mailboxes)
        {
            foreach (var receiver in mailboxes.Where(r => !ReferenceEquals(r, sender)))
            {
                pairs.Add(Pair(sender, receiver, MailboxToMailbox, all, HubConnector));
            }

            foreach (var (edge, sub) in edges.Where(e => SameSite(e.Subscribed.Site, sender)))
            {
                pairs.Add(Pair(sender, edge, MailboxToEdge, all, EdgeInternalConnector));
                pairs.Add(Pair(edge, sender, EdgeToMailbox, all, FrontendConnector));
            }
        }

        return [.. pairs
            .OrderBy(p => p.Sender, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Receiver, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Sender, StringComparer.Ordinal)
            .ThenBy(p => p.Receiver, StringComparer.Ordinal)];
    }

    private static (bool Subscribed, string? Site) Subscription(OrganizationSnapshot snapshot, ServerSnapshot edge)
    {
        if (!snapshot.EdgeSubscriptions.IsKnown)
        {
            return (true, edge.Site);
        }

        var items = snapshot.EdgeSubscriptions.Items.IsDefault ? [] : snapshot.EdgeSubscriptions.Items;
        var sub = items.FirstOrDefault(s => s is not null && string.Equals(s.Name, edge.Name, StringComparison.OrdinalIgnoreCase));
        return sub is null ? (false, null) : (true, sub.Site);
    }

    private static bool SameSite(string? edgeSite, ServerSnapshot mailbox) =>
        string.IsNullOrWhiteSpace(edgeSite) || string.IsNullOrWhiteSpace(mailbox.Site)
        || string.Equals(edgeSite.Trim(), mailbox.Site.Trim(), StringComparison.OrdinalIgnoreCase)
        || SiteLeaf(edgeSite).Equals(SiteLeaf(mailbox.Site), StringComparison.OrdinalIgnoreCase);

    // Get-EdgeSubscription writes the site as an AD path ("contoso.com/Configuration/Sites/Default-First-Site-Name")
    // where Get-ExchangeServer writes the same; the leaf is what both agree on.
    private static string SiteLeaf(string site)
    {
        var trimmed = site.Trim().TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    private static ServerPairResult Pair(
        ServerSnapshot sender,
        ServerSnapshot receiver,
        string path,
        ImmutableArray<SelectionResult> selections,
        Func<ServerSnapshot, ReceiveConnector?> acceptingConnector)
    {
        var senderResult = selections.FirstOrDefault(r =>
            r.Scenario == Scenario.OutboundAnonymousTls && string.Equals(r.Server, sender.Name, StringComparison.OrdinalIgnoreCase));
        var pair = new ServerPairResult { Sender = sender.Name, Receiver = receiver.Name, Path = path, SenderResult = senderResult };

        if (!receiver.ReceiveConnectors.IsKnown)
        {
            return pair;
        }

        var connector = acceptingConnector(receiver);
        if (connector is null)
        {
            // Nothing on the receiver accepts the session: anonymous TLS certainly fails.
            return pair with { AnonymousTlsWorks = false };
        }

        var receiverResult = selections.FirstOrDefault(r =>
            r.Scenario == Scenario.InboundAnonymousTls
            && string.Equals(r.Server, receiver.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Connector, connector.Identity, StringComparison.OrdinalIgnoreCase));
        bool? works = senderResult is null || receiverResult is null
            || senderResult.Outcome == SelectionOutcome.Undetermined || receiverResult.Outcome == SelectionOutcome.Undetermined
            ? null
            : senderResult.Advertised && receiverResult.Advertised;
        return pair with { ReceiveConnector = connector.Identity, ReceiverResult = receiverResult, AnonymousTlsWorks = works };
    }

    /// <summary>Mailbox→Mailbox lands on "Default &lt;receiver&gt;"; failing that name, a HubTransport connector bound to port 2525.</summary>
    private static ReceiveConnector? HubConnector(ServerSnapshot receiver) =>
        ByName(receiver, $"Default {receiver.Name}")
        ?? ByRoleAndPort(receiver, ConnectorTransportRole.HubTransport, 2525);

    /// <summary>Edge→Mailbox lands on "Default Frontend &lt;receiver&gt;"; failing that name, a FrontendTransport connector bound to port 25.</summary>
    private static ReceiveConnector? FrontendConnector(ServerSnapshot receiver) =>
        ByName(receiver, $"Default Frontend {receiver.Name}")
        ?? ByRoleAndPort(receiver, ConnectorTransportRole.FrontendTransport, 25);

    /// <summary>Mailbox→Edge lands on "Default internal receive connector &lt;edge&gt;"; failing that name, a connector with ExchangeServer authentication bound to port 25.</summary>
    private static ReceiveConnector? EdgeInternalConnector(ServerSnapshot receiver) =>
        ByName(receiver, $"Default internal receive connector {receiver.Name}")
        ?? Connectors(receiver).FirstOrDefault(c =>
            c.AuthMechanism is { } a && a.HasFlag(ReceiveAuthMechanism.ExchangeServer) && BindsPort(c, 25));

    private static ReceiveConnector? ByName(ServerSnapshot server, string name) =>
        Connectors(server).FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ReceiveConnector? ByRoleAndPort(ServerSnapshot server, ConnectorTransportRole role, int port) =>
        Connectors(server).FirstOrDefault(c => c.TransportRole == role && BindsPort(c, port));

    private static IEnumerable<ReceiveConnector> Connectors(ServerSnapshot server) =>
        (server.ReceiveConnectors.Items.IsDefault ? [] : server.ReceiveConnectors.Items)
            .Where(c => c is not null && c.Enabled != false)
            .OrderBy(c => c.Identity, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Identity, StringComparer.Ordinal);

    private static bool BindsPort(ReceiveConnector connector, int port) =>
        connector.Bindings is { IsDefault: false } bindings && bindings.Any(b => b is not null && b.Port == port);
}
