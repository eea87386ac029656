using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;

namespace Extls.Import.Joining;

/// <summary>
/// Joins the dumps of one organisation (its own dump, and each Edge Transport server's own dump) into one
/// snapshot in which every object exists once.
/// </summary>
/// <remarks>
/// An Edge subscription creates the EdgeSync send connectors in the organisation's AD and EdgeSync copies
/// them into the Edge's AD LDS; the organisation keeps a server object for the Edge (holding the certificate
/// the subscription published), and EdgeSync copies the Mailbox servers' objects into AD LDS. So the same
/// object can arrive from two dumps. Copies are merged by identity: the organisation's copy is authoritative
/// for configuration (EdgeSync overwrites the Edge's copy with it), the Edge's own dump for what the Edge
/// itself uses (its store, its connectors, its AD LDS internal certificate). A difference between two copies
/// is an <see cref="InconsistencyKind.JoinedCopiesDiffer"/>, not a second object.
/// </remarks>
internal static class DumpJoin
{
    /// <summary>A dump and what the join learnt of it.</summary>
    private sealed record Part(OrganizationSnapshot Snapshot, string Label, string? OwnEdge)
    {
        public bool IsEdgeDump => OwnEdge is not null;
    }

    public static OrganizationSnapshot Join(IReadOnlyList<OrganizationSnapshot> snapshots, List<ImportProblem> problems)
    {
        var parts = snapshots.Select(s => Classify(s)).ToList();
        var inconsistencies = new List<SnapshotInconsistency>();

        // The organisation's dump (the first that is not an Edge's) gives the organisation's own facts.
        var baseIndex = parts.FindIndex(p => !p.IsEdgeDump);
        var first = parts[baseIndex < 0 ? 0 : baseIndex];
        var ordered = new List<Part> { first };
        ordered.AddRange(parts.Where(p => !ReferenceEquals(p, first)));

        var servers = JoinServers(ordered, problems, inconsistencies);
        var sendConnectors = JoinSendConnectors(ordered, inconsistencies);
        var subscriptions = JoinSections(ordered.Select(p => p.Snapshot.EdgeSubscriptions), (a, b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));

        var result = first.Snapshot with
        {
            Servers = [.. servers],
            // Found by part, not by LINQ over the nullable dates: LINQ over a struct is compiled at run time on every start.
            CollectedAt = ordered.Find(p => p.Snapshot.CollectedAt is not null)?.Snapshot.CollectedAt,
            Organization = ordered.Select(p => p.Snapshot.Organization).FirstOrDefault(o => o is not null),
            Collector = ordered.Select(p => p.Snapshot.Collector).FirstOrDefault(c => c is not null),
            SendConnectors = sendConnectors,
            EdgeSubscriptions = subscriptions,

            // The organisation's configuration objects: EdgeSync copies them to an Edge, so the first collected copy (the organisation's) is kept.
            HybridConfigurations = First(ordered.Select(p => p.Snapshot.HybridConfigurations)),
            TransportConfig = First(ordered.Select(p => p.Snapshot.TransportConfig)),
            AcceptedDomains = First(ordered.Select(p => p.Snapshot.AcceptedDomains)),
            Run = ordered.Skip(1).Aggregate(first.Snapshot.Run, (run, p) => JoinRuns(run, p.Snapshot.Run)),
            CollectionErrors = [.. ordered.SelectMany(p => p.Snapshot.CollectionErrors)],
            Inconsistencies = [.. ordered.SelectMany(p => p.Snapshot.Inconsistencies), .. inconsistencies],
        };
        return result;
    }

    /// <summary>
    /// The Edge an Edge dump belongs to: its one Edge server with sections of its own (a store, connectors, a
    /// transport service), when every other server of the dump is only a copy EdgeSync made (a server object
    /// without any of them). A dump of one Edge server and nothing else is an Edge dump too.
    /// </summary>
    private static Part Classify(OrganizationSnapshot s)
    {
        var label = s.Sources.FirstOrDefault() ?? string.Empty;
        var own = s.Servers.Where(HasOwnSections).ToList();
        if (own.Count == 1 && own[0].Role == TransportServerRole.Edge)
        {
            return new Part(s, label, own[0].Name);
        }

        if (s.Servers.Length == 1 && s.Servers[0].Role == TransportServerRole.Edge)
        {
            return new Part(s, label, s.Servers[0].Name);
        }

        return new Part(s, label, null);
    }

    /// <summary>
    /// Whether the dump was taken on the server itself: a section file exists for it. (The organisation's
    /// collector records the sections of a subscribed Edge as failed: they live in the Edge's AD LDS.)
    /// </summary>
    private static bool HasOwnSections(ServerSnapshot s) =>
        s.TransportService.State is SectionState.Collected or SectionState.Unreadable
        || s.ReceiveConnectors.State is SectionState.Collected or SectionState.Unreadable
        || s.Certificates.State is SectionState.Collected or SectionState.Unreadable;

    private static List<ServerSnapshot> JoinServers(List<Part> parts, List<ImportProblem> problems, List<SnapshotInconsistency> inconsistencies)
    {
        // Every copy of each server, in input order, the organisation's dump first.
        var copies = new Dictionary<string, List<(Part Part, ServerSnapshot Server)>>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var part in parts)
        {
            foreach (var server in part.Snapshot.Servers)
            {
                if (!copies.TryGetValue(server.Name, out var list))
                {
                    copies[server.Name] = list = [];
                    names.Add(server.Name);
                }

                list.Add((part, server));
            }
        }

        var result = new List<ServerSnapshot>(names.Count);
        foreach (var name in names)
        {
            var list = copies[name];
            if (list.Count == 1)
            {
                result.Add(list[0].Server);
                continue;
            }

            // The server's own dump, when one of the dumps was taken on it (an Edge); else the first full copy.
            var ownCopies = list.Where(c => c.Part.OwnEdge is { } e && string.Equals(e, name, StringComparison.OrdinalIgnoreCase)).ToList();
            var orgCopies = list.Where(c => !c.Part.IsEdgeDump).ToList();
            var edgeCopies = list.Where(c => c.Part.IsEdgeDump && !ownCopies.Contains(c)).ToList();

            foreach (var extra in ownCopies.Skip(1).Concat(orgCopies.Skip(1)).Where(c => HasOwnSections(c.Server) || c.Part.OwnEdge is not null))
            {
                problems.Add(new ImportProblem(extra.Part.Label, 0, "$", ProblemKind.ServerInSeveralDumps, new() { Name = name }));
            }

            ServerSnapshot joined;
            if (ownCopies.Count > 0)
            {
                var own = ownCopies[0].Server;
                joined = orgCopies.Count > 0 ? MergeEdge(own, orgCopies[0].Server, inconsistencies) : own;
            }
            else
            {
                joined = orgCopies.Count > 0 ? orgCopies[0].Server : edgeCopies[0].Server;
            }

            // What EdgeSync copied into an Edge's AD LDS of another server: the server's own dump (or the
            // organisation's) is authoritative; a copy that differs is what the Edge will trust, so it is reported.
            foreach (var copy in edgeCopies.Where(c => !ReferenceEquals(c.Server, joined)))
            {
                CompareCopy(joined, copy.Server, copy.Part.OwnEdge!, inconsistencies);
            }

            result.Add(joined);
        }

        return result;
    }

    /// <summary>
    /// The Edge from its own dump, with what only the organisation holds: its site and the certificate its
    /// subscription published (EXTLS5002 compares the two). A property both copies carry and that differs is reported.
    /// </summary>
    private static ServerSnapshot MergeEdge(ServerSnapshot own, ServerSnapshot org, List<SnapshotInconsistency> inconsistencies)
    {
        Differ(own.Name, own.Name, "Fqdn", own.Fqdn, org.Fqdn, own.Location ?? org.Location, inconsistencies);
        Differ(own.Name, own.Name, "ServerRole", own.ServerRoleText, org.ServerRoleText, own.Location ?? org.Location, inconsistencies);
        Differ(own.Name, own.Name, "AdminDisplayVersion", own.AdminDisplayVersion, org.AdminDisplayVersion, own.Location ?? org.Location, inconsistencies);
        return own with
        {
            Name = org.Name,
            Fqdn = own.Fqdn ?? org.Fqdn,
            Site = org.Site ?? own.Site,
            AdminDisplayVersion = own.AdminDisplayVersion ?? org.AdminDisplayVersion,
            ServerRoleText = own.ServerRoleText ?? org.ServerRoleText,
            Location = own.Location ?? org.Location,
            Flags = own.Flags.AnyKnown ? own.Flags : org.Flags,
            DistinguishedName = own.DistinguishedName ?? org.DistinguishedName,
            OriginatingServer = own.OriginatingServer ?? org.OriginatingServer,

            // The Mailbox servers reach the Edge on the addresses the organisation resolves for it.
            HostAddresses = org.HostAddresses.IsKnown ? org.HostAddresses : own.HostAddresses,
            SubscriptionCertificate = org.InternalCertificate,
        };
    }

    /// <summary>The first collected section, else the first (whatever its state).</summary>
    private static Section<T> First<T>(IEnumerable<Section<T>> sections)
    {
        var all = sections.ToList();
        return all.FirstOrDefault(s => s.IsKnown) ?? all[0];
    }

    /// <summary>Complete only when every run was; the skipped servers and timings of all runs.</summary>
    private static CollectionRun JoinRuns(CollectionRun a, CollectionRun b) => a with
    {
        Complete = a.Complete == false || b.Complete == false ? false : a.Complete is null || b.Complete is null ? null : true,
        Interruption = a.Complete == false ? a.Interruption : b.Complete == false ? b.Interruption : a.Interruption,
        Location = a.Complete == false ? a.Location : b.Complete == false ? b.Location : a.Location ?? b.Location,
        FinishedAt = a.FinishedAt ?? b.FinishedAt,
        SkippedServers = a.SkippedServers.AddRange(b.SkippedServers),
        ServerTimings = a.ServerTimings.AddRange(b.ServerTimings),
        SectionTimings = a.SectionTimings.AddRange(b.SectionTimings),
    };

    /// <summary>An Edge's AD LDS copy of another server compared with the server itself.</summary>
    private static void CompareCopy(ServerSnapshot server, ServerSnapshot copy, string edge, List<SnapshotInconsistency> inconsistencies)
    {
        var location = copy.InternalCertificate.Location ?? copy.Location;
        Differ(edge, server.Name, "Fqdn", copy.Fqdn, server.Fqdn, copy.Location ?? location, inconsistencies);
        if (copy.InternalCertificate.State == AdCertificateState.Present && server.InternalCertificate.State == AdCertificateState.Present)
        {
            Differ(edge, server.Name, "msExchServerInternalTLSCert", copy.InternalCertificate.Thumbprint, server.InternalCertificate.Thumbprint, location, inconsistencies);
        }
        else if (copy.InternalCertificate.State is AdCertificateState.Present or AdCertificateState.Empty
                 && server.InternalCertificate.State is AdCertificateState.Present or AdCertificateState.Empty
                 && copy.InternalCertificate.State != server.InternalCertificate.State)
        {
            Differ(edge, server.Name, "msExchServerInternalTLSCert", copy.InternalCertificate.Thumbprint ?? "(empty)", server.InternalCertificate.Thumbprint ?? "(empty)", location, inconsistencies);
        }
    }

    private static Section<SendConnector> JoinSendConnectors(List<Part> parts, List<SnapshotInconsistency> inconsistencies)
    {
        var sections = parts.Select(p => p.Snapshot.SendConnectors).ToList();
        var state = JoinedState(sections);
        var byIdentity = new Dictionary<string, List<Copy>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var part in parts)
        {
            foreach (var connector in part.Snapshot.SendConnectors.Items)
            {
                if (!byIdentity.TryGetValue(connector.Identity, out var list))
                {
                    byIdentity[connector.Identity] = list = [];
                    order.Add(connector.Identity);
                }

                list.Add(new Copy(part, connector));
            }
        }

        var items = ImmutableArray.CreateBuilder<SendConnector>(order.Count);
        foreach (var identity in order)
        {
            var copies = byIdentity[identity];

            // Configuration from the organisation's copy, which EdgeSync writes over the Edge's; the connector is the
            // Edge's own when an Edge's dump carries it (the first such Edge by name, for a connector several share).
            var authoritative = copies.Find(c => !c.Part.IsEdgeDump) ?? copies[0];

            var edge = copies.Where(c => c.Part.IsEdgeDump).Select(c => c.Part.OwnEdge!).Order(StringComparer.OrdinalIgnoreCase).FirstOrDefault()
                ?? authoritative.Connector.DumpServer;
            foreach (var copy in copies.Where(c => !ReferenceEquals(c.Connector, authoritative.Connector)))
            {
                foreach (var (property, copyValue, value) in DifferingProperties(copy.Connector, authoritative.Connector))
                {
                    inconsistencies.Add(new SnapshotInconsistency(InconsistencyKind.JoinedCopiesDiffer, copy.Part.OwnEdge, identity, property, copyValue, value, copy.Connector.Location));
                }
            }

            items.Add(authoritative.Connector with { DumpServer = edge });
        }

        return sections[0] with { State = state.State, Error = state.Error, Problem = state.Problem, Location = state.Location, Items = items.ToImmutable() };
    }

    // One copy of a send connector and the dump part it came from; a class, not a value tuple, because LINQ and lists over
    // a value tuple are compiled at run time on every start (ReadyToRun cannot precompile a framework generic over a struct).
    private sealed record Copy(Part Part, SendConnector Connector);

    /// <summary>
    /// Every copy's items, each once. The organisation's section keeps its state when it was not read (its
    /// objects are then not known, whatever an Edge's copy lists); an absent one takes the first other that was read.
    /// </summary>
    private static Section<T> JoinSections<T>(IEnumerable<Section<T>> sections, Func<T, T, bool> same)
    {
        var list = sections.ToList();
        var state = JoinedState(list);
        var items = new List<T>();
        foreach (var item in list.SelectMany(s => s.Items))
        {
            if (!items.Any(i => same(i, item)))
            {
                items.Add(item);
            }
        }

        return list[0] with { State = state.State, Error = state.Error, Problem = state.Problem, Location = state.Location, Items = [.. items] };
    }

    // The section whose state, error, problem and location the joined one takes: the section itself, not a value tuple of
    // those, which would be compiled at run time for every section type.
    private static Section<T> JoinedState<T>(List<Section<T>> sections)
    {
        var first = sections[0];
        if (first.State != SectionState.Absent)
        {
            return first;
        }

        return sections.FirstOrDefault(s => s.State == SectionState.Collected) ?? first;
    }

    private static void Differ(string? server, string subject, string property, string? copy, string? authoritative, SourceLocation? location, List<SnapshotInconsistency> inconsistencies)
    {
        if (copy is not null && authoritative is not null && !string.Equals(copy, authoritative, StringComparison.OrdinalIgnoreCase))
        {
            inconsistencies.Add(new SnapshotInconsistency(InconsistencyKind.JoinedCopiesDiffer, server, subject, property, copy, authoritative, location));
        }
    }

    /// <summary>
    /// The Exchange properties of a send connector that two copies are compared on, by name in ordinal order: every
    /// public property except those that say where a copy was read (<see cref="SendConnector.Location"/>,
    /// <see cref="SendConnector.DumpServer"/>). Written out rather than read by reflection, which a native build does not
    /// keep for the model's records; a test compares the list with the record's properties, so a property added later
    /// cannot be left out.
    /// </summary>
    internal static readonly ImmutableArray<(string Name, Func<SendConnector, object?> Value)> ComparedProperties =
    [
        (nameof(SendConnector.AddressSpaces), c => c.AddressSpaces),
        (nameof(SendConnector.CloudServicesMailEnabled), c => c.CloudServicesMailEnabled),
        (nameof(SendConnector.DnsRoutingEnabled), c => c.DnsRoutingEnabled),
        (nameof(SendConnector.DomainSecureEnabled), c => c.DomainSecureEnabled),
        (nameof(SendConnector.Enabled), c => c.Enabled),
        (nameof(SendConnector.Fqdn), c => c.Fqdn),
        (nameof(SendConnector.FrontendProxyEnabled), c => c.FrontendProxyEnabled),
        (nameof(SendConnector.Identity), c => c.Identity),
        (nameof(SendConnector.IgnoreStartTls), c => c.IgnoreStartTls),
        (nameof(SendConnector.Name), c => c.Name),
        (nameof(SendConnector.Port), c => c.Port),
        (nameof(SendConnector.ProtocolLoggingLevel), c => c.ProtocolLoggingLevel),
        (nameof(SendConnector.RequireTls), c => c.RequireTls),
        (nameof(SendConnector.SmartHostAuthMechanism), c => c.SmartHostAuthMechanism),
        (nameof(SendConnector.SmartHosts), c => c.SmartHosts),
        (nameof(SendConnector.SourceIPAddress), c => c.SourceIPAddress),
        (nameof(SendConnector.SourceTransportServers), c => c.SourceTransportServers),
        (nameof(SendConnector.TlsAuthLevel), c => c.TlsAuthLevel),
        (nameof(SendConnector.TlsCertificateName), c => c.TlsCertificateName),
        (nameof(SendConnector.TlsDomain), c => c.TlsDomain),
    ];

    /// <summary>
    /// The Exchange properties on which two copies of a send connector disagree, as text (<see cref="ComparedProperties"/>);
    /// an unknown value on either side is no disagreement: a shallower export may lack what the other carries.
    /// </summary>
    internal static IEnumerable<(string Property, string Copy, string Authoritative)> DifferingProperties(SendConnector copy, SendConnector authoritative)
    {
        foreach (var (name, value) in ComparedProperties)
        {
            var a = Text(value(copy));
            var b = Text(value(authoritative));
            if (a is not null && b is not null && !string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
            {
                yield return (name, a, b);
            }
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => EnumerableText(e),
        _ => value.ToString(),
    };

    private static string? EnumerableText(IEnumerable e)
    {
        // A default ImmutableArray (no value) enumerates by throwing: it is unknown.
        if (e is ImmutableArray<string> { IsDefault: true })
        {
            return null;
        }

        return string.Join(", ", e.Cast<object?>().Select(x => Text(x) ?? string.Empty).Order(StringComparer.OrdinalIgnoreCase));
    }
}
