using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Planning;

/// <summary>New-, Remove- and Get-EdgeSubscription.</summary>
internal sealed partial class PlanRunner
{
    /// <summary>Subscription files the plan writes on an Edge (New-EdgeSubscription -FileName), by file name: the Edge and its certificate then.</summary>
    private readonly Dictionary<string, (string Edge, AdInternalCertificate Certificate)> subscriptionFiles = new(StringComparer.OrdinalIgnoreCase);

    private static string FileKey(string written) => written.Replace('\\', '/').Split('/').Last();

    private List<ServerSnapshot> Edges => [.. Snapshot.Servers.Where(s => s.Role == TransportServerRole.Edge)];

    /// <summary>
    /// The Edge a subscription file belongs to: the one the plan wrote it on, else the only Edge of the snapshot, else
    /// the Edge whose name the file name carries (C:\Temp\EDGE01-EdgeSubscription.xml). New-EdgeSubscription has no
    /// -Server: it runs on the Edge the shell is on, which the plan does not otherwise say.
    /// </summary>
    private ServerSnapshot EdgeFor(string written, System.Management.Automation.Language.Ast at)
    {
        if (subscriptionFiles.TryGetValue(FileKey(written), out var known))
        {
            return Current(known.Edge);
        }

        var edges = Edges;
        if (edges.Count == 1)
        {
            return edges[0];
        }

        var named = edges.Where(e => FileKey(written).Contains(e.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count == 1
            ? named[0]
            : throw (edges.Count == 0
                ? Fail(at, PlanProblemKind.NoEdgeServer)
                : Fail(at, PlanProblemKind.EdgeForFileUnknown, new() { Value = written, Names = [.. edges.Select(e => e.Name)] }));
    }

    private Value NewEdgeSubscription(Bound bound, Value? input)
    {
        if (input is not null)
        {
            throw Fail(bound.Command, PlanProblemKind.NoPipelineInput, new() { Command = bound.Spec.Name });
        }

        if (Text(bound, "FileName") is { } written && !bound.Has("FileData"))
        {
            // On the Edge: the file carries the Edge's certificate as it is now.
            var edge = EdgeFor(written, bound["FileName"]!.At);
            subscriptionFiles[FileKey(written)] = (edge.Name, edge.InternalCertificate);
            Note(ChangeKind.SubscriptionFileWritten, bound.Command, bound.Spec.Name, edge.Name, written, after: edge.InternalCertificate.Thumbprint);
            return NullValue.Instance;
        }

        var file = ValueOf(bound, "FileData") switch
        {
            FileValue f => f.Path,
            null => throw Fail(bound.Command, PlanProblemKind.SubscriptionFileMissing),
            _ => throw Fail(bound["FileData"]!.At, PlanProblemKind.FileDataNotFile),
        };
        var site = Text(bound, "Site") ?? throw Fail(bound.Command, PlanProblemKind.SiteMissing);
        var target = EdgeFor(file, bound["FileData"]!.At);
        var certificate = subscriptionFiles.TryGetValue(FileKey(file), out var written2) ? written2.Certificate : target.InternalCertificate;

        // The organisation's AD takes the Edge's certificate: what an Edge joined from its own dump keeps as its
        // subscription certificate, and what an Edge known only from the organisation's dump holds as its own.
        var subscribed = target.SubscriptionCertificate is not null || target.Certificates.IsKnown
            ? target with { SubscriptionCertificate = certificate }
            : target with { InternalCertificate = certificate };
        Replace(target, subscribed);

        var siteName = site.Replace('\\', '/').TrimEnd('/').Split('/').Last();
        var subscriptions = Snapshot.EdgeSubscriptions.Items.IsDefault ? [] : Snapshot.EdgeSubscriptions.Items;
        var entry = new EdgeSubscription { Name = target.Name, Site = site, Location = Here(bound.Command) };
        subscriptions = subscriptions.FirstOrDefault(s => NameOrder.Same(s.Name, target.Name)) is { } existing
            ? subscriptions.Replace(existing, existing with { Site = site })
            : subscriptions.Add(entry);
        Snapshot = Snapshot with { EdgeSubscriptions = Snapshot.EdgeSubscriptions.IsKnown ? Snapshot.EdgeSubscriptions with { Items = subscriptions } : Section<EdgeSubscription>.Collected(subscriptions, null) };
        Note(ChangeKind.EdgeSubscribed, bound.Command, bound.Spec.Name, target.Name, target.Name, "Site", null, site);

        // EdgeSync's two send connectors, created unless the plan says otherwise.
        if (Boolean(bound, "CreateInboundSendConnector") != false)
        {
            EnsureSendConnector(bound, new SendConnector
            {
                Identity = $"EdgeSync - Inbound to {siteName}",
                Name = $"EdgeSync - Inbound to {siteName}",
                SourceTransportServers = [target.Name],
                SmartHosts = ["--"],
                AddressSpaces = ["smtp:--;100"],
                SmartHostAuthMechanism = SmartHostAuthMechanism.ExchangeServer,
                Enabled = true,
                DumpServer = target.Name,
                Location = Here(bound.Command),
            });
        }

        if (Boolean(bound, "CreateInternetSendConnector") != false)
        {
            EnsureSendConnector(bound, new SendConnector
            {
                Identity = $"EdgeSync - {siteName} to Internet",
                Name = $"EdgeSync - {siteName} to Internet",
                SourceTransportServers = [target.Name],
                AddressSpaces = ["smtp:*;100"],
                SmartHostAuthMechanism = SmartHostAuthMechanism.None,
                Enabled = true,
                DumpServer = target.Name,
                Location = Here(bound.Command),
            });
        }

        return new SubscriptionObject(target.Name);
    }

    private void EnsureSendConnector(Bound bound, SendConnector connector)
    {
        var items = Snapshot.SendConnectors.IsKnown ? Snapshot.SendConnectors.Items : [];
        if (items.FirstOrDefault(c => NameOrder.Same(c.Name, connector.Name)) is { } existing)
        {
            // Subscribing again synchronises the connector as EdgeSync makes it.
            var synced = existing with
            {
                SmartHostAuthMechanism = connector.SmartHostAuthMechanism,
                SmartHosts = connector.SmartHosts ?? existing.SmartHosts,
                SourceTransportServers = connector.SourceTransportServers,
            };
            if (synced != existing)
            {
                items = items.Replace(existing, synced);
                Note(ChangeKind.SendConnectorChanged, bound.Command, bound.Spec.Name, null, existing.Identity, "SmartHostAuthMechanism",
                    existing.SmartHostAuthMechanism?.ToString(), synced.SmartHostAuthMechanism?.ToString());
            }
        }
        else
        {
            items = items.Add(connector);
            Note(ChangeKind.SendConnectorCreated, bound.Command, bound.Spec.Name, null, connector.Identity);
        }

        Snapshot = Snapshot with { SendConnectors = Snapshot.SendConnectors.IsKnown ? Snapshot.SendConnectors with { Items = items } : Section<SendConnector>.Collected(items, null) };
    }

    private Value RemoveEdgeSubscription(Bound bound, Value? input)
    {
        var name = input switch
        {
            SubscriptionObject s => s.Edge,
            null => Text(bound, "Identity") ?? throw Fail(bound.Command, PlanProblemKind.EdgeSubscriptionIdentityMissing),
            _ => throw Fail(bound.Command, PlanProblemKind.WrongPipelineInput, new() { Command = bound.Spec.Name, Takes = PlanObjectKind.EdgeSubscription, Object = Kind(input) }),
        };
        var edge = Server(name, bound.Command);
        if (edge.Role != TransportServerRole.Edge)
        {
            throw Fail(bound.Command, PlanProblemKind.NotAnEdge, new() { Name = edge.Name });
        }

        var subscriptions = Snapshot.EdgeSubscriptions.IsKnown ? Snapshot.EdgeSubscriptions.Items : [];
        Snapshot = Snapshot with
        {
            EdgeSubscriptions = Snapshot.EdgeSubscriptions with { Items = subscriptions.RemoveAll(s => NameOrder.Same(s.Name, edge.Name)) },
        };
        Replace(edge, edge with { SubscriptionCertificate = null });
        Note(ChangeKind.EdgeUnsubscribed, bound.Command, bound.Spec.Name, edge.Name, edge.Name);

        // The connectors EdgeSync made for the Edge go with its subscription.
        if (Snapshot.SendConnectors.IsKnown)
        {
            var gone = Snapshot.SendConnectors.Items.Where(c => c.Name.StartsWith("EdgeSync - ", StringComparison.OrdinalIgnoreCase)
                && (NameOrder.Same(c.DumpServer, edge.Name) || (c.SourceTransportServers ?? []).Any(s => NameOrder.Same(s, edge.Name)))).ToList();
            Snapshot = Snapshot with { SendConnectors = Snapshot.SendConnectors with { Items = Snapshot.SendConnectors.Items.RemoveAll(gone.Contains) } };
            foreach (var c in gone)
            {
                Note(ChangeKind.SendConnectorRemoved, bound.Command, bound.Spec.Name, null, c.Identity);
            }
        }

        return NullValue.Instance;
    }

    private Value GetEdgeSubscription(Bound bound, Value? input)
    {
        if (input is not null)
        {
            throw Fail(bound.Command, PlanProblemKind.NoPipelineInput, new() { Command = bound.Spec.Name });
        }

        var subscriptions = Snapshot.EdgeSubscriptions.IsKnown ? Snapshot.EdgeSubscriptions.Items : ImmutableArray<EdgeSubscription>.Empty;
        if (Text(bound, "Identity") is { } identity)
        {
            var found = subscriptions.FirstOrDefault(s => NameOrder.Same(s.Name, identity)) ?? throw Fail(bound.Command, PlanProblemKind.UnknownEdgeSubscription, new() { Name = identity });
            return new SubscriptionObject(found.Name);
        }

        return new ListValue([.. subscriptions.Select(s => (Value)new SubscriptionObject(s.Name))]);
    }
}
