using System.Collections.Immutable;
using Extls.Model;
using static Extls.Selection.Reads;

namespace Extls.Selection;

/// <summary>Processes 1 (inbound) and 2 (outbound): X-ANONYMOUSTLS with the internal transport certificate.</summary>
internal static class AnonymousTlsReplay
{
    private const int EventAdUnreadable = 12012;
    private const int EventNotInStore = 12013;
    private const int EventCorrupt = 12022;
    private static readonly ExpiryEvents ExpiryEvents = new(Expired: 12015, ExpiresSoon: 12017);

    /// <summary>Process 1 on one receive connector of the receiving server.</summary>
    /// <param name="memo">The internal-certificate steps already replayed for this server in this replay, or null to replay them.</param>
    public static SelectionResult Inbound(ServerSnapshot server, ReceiveConnector connector, ReplayOptions options, InternalCertificateMemo? memo = null)
    {
        var run = new ReplayRun(Scenario.InboundAnonymousTls, server.Name, connector.Identity, connector.Location, options.Sharing);
        run.Step(StepKind.Load, StepReason.SessionStarts, Text(TraceField.Connector, connector.Identity));

        const StepKind step = StepKind.ExchangeServerAuthentication;
        var suppress = connector.SuppressXAnonymousTls;
        TraceRead[] reads = [EnumOf(TraceField.AuthMechanism, connector.AuthMechanism), Flag(TraceField.SuppressXAnonymousTls, suppress)];
        if (connector.AuthMechanism is not { } mechanism)
        {
            return run.Undetermined(step, ReplayProperty.AuthMechanism, StepReason.AuthMechanismUnknown, reads);
        }

        if (!mechanism.HasFlag(ReceiveAuthMechanism.ExchangeServer))
        {
            run.Step(step, StepReason.ExchangeServerNotInAuthMechanism, reads);
            return run.End(SelectionOutcome.ExchangeServerAuthMissing, step);
        }

        // A1: the suppression flag is checked right after the authentication check, so it wins over everything that follows.
        if (suppress == true)
        {
            run.Assume(Assumption.A1);
            run.Step(step, StepReason.AnonymousTlsSuppressed, reads);
            return run.End(SelectionOutcome.AnonymousTlsSuppressed, step);
        }

        if (suppress is null)
        {
            run.Unknown(ReplayProperty.SuppressXAnonymousTls);
        }

        run.Step(step, suppress is null ? StepReason.ExchangeServerInAuthMechanismSuppressionUnknown : StepReason.ExchangeServerInAuthMechanism, reads);
        return memo is null ? InternalCertificate(run, server, options).End(run) : memo.Finish(run, server, options);
    }

    /// <summary>Process 2 on one sending transport server.</summary>
    public static SelectionResult Outbound(OrganizationSnapshot snapshot, ServerSnapshot server, ReplayOptions options)
    {
        var run = new ReplayRun(Scenario.OutboundAnonymousTls, server.Name, null,
            server.TransportServiceItem?.Location ?? server.Location ?? server.TransportService.Location, options.Sharing);
        const StepKind step = StepKind.StartByRole;
        var role = TransportRoles.Of(server);
        var roleRead = EnumOf(TraceField.Role, role == TransportServerRole.Unknown ? null : role);

        if (role == TransportServerRole.Unknown)
        {
            return run.Undetermined(step, ReplayProperty.Role, StepReason.RoleUnknown, roleRead, Text(TraceField.ServerRole, server.ServerRoleText));
        }

        TraceRead? edgeSyncRead = null;
        if (role == TransportServerRole.Edge)
        {
            var (stop, usable) = EdgeConnectorCheck(run, snapshot, server);
            if (stop is not null)
            {
                return stop;
            }

            edgeSyncRead = usable;
        }
        else
        {
            run.Assume(Assumption.A3);
        }

        var thumbprint = server.TransportServiceItem?.InternalTransportCertificateThumbprint;
        TraceRead[] reads = [roleRead, .. edgeSyncRead is null ? Array.Empty<TraceRead>() : [edgeSyncRead], Text(TraceField.InternalTransportCertificateThumbprint, thumbprint)];
        if (thumbprint is null)
        {
            return run.Undetermined(step, ReplayProperty.InternalTransportCertificateThumbprint, StepReason.TransportThumbprintUnknown, reads);
        }

        if (Thumbprints.Normalize(thumbprint).Length == 0)
        {
            run.Step(step, StepReason.TransportThumbprintEmpty, reads);
            return run.End(SelectionOutcome.TransportThumbprintEmpty, step);
        }

        run.Step(step, role == TransportServerRole.Mailbox ? StepReason.MailboxWithTransportThumbprint : StepReason.EdgeWithEdgeSyncAndTransportThumbprint, reads);
        return InternalCertificate(run, server, options).End(run);
    }

    /// <summary>
    /// The Edge's half of process 2 step 1: a send connector with the EdgeSync placeholder and SmartHostAuthMechanism
    /// ExchangeServer. Returns the result when the replay stops here, or the usable connector's read.
    /// </summary>
    private static (SelectionResult? Stop, TraceRead? Usable) EdgeConnectorCheck(ReplayRun run, OrganizationSnapshot snapshot, ServerSnapshot edge)
    {
        const StepKind step = StepKind.StartByRole;
        var roleRead = EnumOf(TraceField.Role, TransportServerRole.Edge);
        var section = snapshot.SendConnectors;
        if (!section.IsKnown)
        {
            return (run.Undetermined(step, ReplayProperty.SendConnectors, StepReason.SendConnectorsNotCollected,
                roleRead, Section(TraceField.SendConnectors, section.State)), null);
        }

        var edgeSync = Items(section.Items)
            .Where(c => IsEdgeOwn(c, edge.Name))
            .Where(c => Items(c.SmartHosts).Any(SmartHosts.IsEdgeSyncPlaceholder)
                     || Items(c.AddressSpaces).Any(SmartHosts.IsEdgeSyncPlaceholder))
            .OrderBy(c => c.Identity, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Identity, StringComparer.Ordinal)
            .ToList();
        static TraceRead AuthOf(SendConnector c) => EnumOf(TraceField.SmartHostAuthMechanism, c.SmartHostAuthMechanism) with { Of = c.Identity };

        var usable = edgeSync.FirstOrDefault(c => c.SmartHostAuthMechanism == SmartHostAuthMechanism.ExchangeServer);
        if (usable is not null)
        {
            run.Connector = usable.Identity;
            run.Location = usable.Location;
            return (null, AuthOf(usable));
        }

        if (edgeSync.Count == 0)
        {
            run.Step(step, StepReason.NoEdgeSyncConnector, roleRead, Texts(TraceField.EdgeSyncConnectors, []));
            return (run.End(SelectionOutcome.EdgeSyncConnectorNotUsable, step), null);
        }

        run.Connector = edgeSync[0].Identity;
        run.Location = edgeSync[0].Location;
        TraceRead[] reads = [roleRead, .. edgeSync.Select(AuthOf)];
        if (edgeSync.Any(c => c.SmartHostAuthMechanism is null))
        {
            return (run.Undetermined(step, ReplayProperty.SmartHostAuthMechanism, StepReason.EdgeSyncAuthenticationUnknown, reads), null);
        }

        run.Step(step, StepReason.EdgeSyncWithoutExchangeServerAuthentication, reads);
        return (run.End(SelectionOutcome.EdgeSyncConnectorNotUsable, step), null);
    }

    /// <summary>A send connector from the Edge's own dump, or one the organisation assigns to the Edge.</summary>
    internal static bool IsEdgeOwn(SendConnector connector, string edgeName) =>
        string.Equals(connector.DumpServer, edgeName, StringComparison.OrdinalIgnoreCase)
        || Items(connector.SourceTransportServers).Any(s => string.Equals(s, edgeName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The shared tail of processes 1 and 2: read AD, find in store, expiry. The process table numbers the steps. It
    /// writes its steps into <paramref name="run"/> and says how the run ends; it reads nothing of the run, so its
    /// steps depend on the server, the options and the process only.
    /// </summary>
    internal static Ending InternalCertificate(ReplayRun run, ServerSnapshot server, ReplayOptions options)
    {
        var ad = server.InternalCertificate;
        var adRead = new TraceRead(TraceField.MsExchServerInternalTlsCert, new AdStateValue(ad.State));
        switch (ad.State)
        {
            case AdCertificateState.Present when ad.Certificate is not null:
                break;
            case AdCertificateState.Unreadable:
                run.Step(StepKind.ReadAd, StepReason.AdValueUnreadable, EventAdUnreadable, adRead, Text(TraceField.ReadError, ad.ReadError));
                return new(SelectionOutcome.AdValueUnreadable, StepKind.ReadAd);
            case AdCertificateState.Empty:
                run.Step(StepKind.ReadAd, StepReason.AdValueEmpty, EventAdUnreadable, adRead);
                return new(SelectionOutcome.AdValueEmpty, StepKind.ReadAd);
            case AdCertificateState.Corrupt:
                run.Step(StepKind.ReadAd, StepReason.AdValueCorrupt, EventCorrupt, adRead, Text(TraceField.CorruptReason, ad.CorruptReason));
                return new(SelectionOutcome.AdValueCorrupt, StepKind.ReadAd);
            default:
                // Not collected, or said present without a certificate the import could parse: nothing can be claimed.
                return Undetermined(run, StepKind.ReadAd, ReplayProperty.InternalCertificate, StepReason.AdValueNotCollected, adRead);
        }

        var thumbprint = Thumbprints.Normalize(ad.Certificate.Thumbprint);
        var thumbRead = Thumbprint(TraceField.Thumbprint, thumbprint);
        run.Step(StepKind.ReadAd, StepReason.AdValueHoldsCertificate, adRead, thumbRead, Text(TraceField.Subject, ad.Certificate.Subject));

        if (!server.Certificates.IsKnown)
        {
            return Undetermined(run, StepKind.FindInStore, ReplayProperty.Certificates, StepReason.StoreNotCollected,
                thumbRead, Section(TraceField.Store, server.Certificates.State));
        }

        var store = Items(server.Certificates.Items);
        var found = store.FirstOrDefault(c => c is not null && Thumbprints.AreEqual(c.Thumbprint, thumbprint));
        TraceRead[] storeReads = [thumbRead, Number(TraceField.StoreCertificates, store.Length), StoreThumbprints(store)];
        if (found is null)
        {
            run.Assume(Assumption.A2);
            run.Step(StepKind.FindInStore, StepReason.NotInStore, EventNotInStore, storeReads);
            return new(SelectionOutcome.CertificateNotInStore, StepKind.FindInStore);
        }

        run.Step(StepKind.FindInStore, StepReason.InStore, storeReads);

        var outcome = ExpiryStep.Run(run, found.Certificate.NotAfter, options, ExpiryEvents);
        return new(outcome, StepKind.Expiry, Advertised: true, Thumbprints.Normalize(found.Thumbprint));
    }

    /// <summary>As <see cref="ReplayRun.Undetermined"/>, for a tail that says how the run ends rather than ending it.</summary>
    private static Ending Undetermined(ReplayRun run, StepKind kind, ReplayProperty missing, StepReason reason, params TraceRead[] reads)
    {
        run.Unknown(missing);
        run.Step(kind, reason, reads);
        return new(SelectionOutcome.Undetermined, kind);
    }

    /// <summary>How a run ends: its outcome, the step that decided it and, when a certificate is advertised, which.</summary>
    internal readonly record struct Ending(SelectionOutcome Outcome, StepKind EndedAt, bool Advertised = false, string? Certificate = null)
    {
        public SelectionResult End(ReplayRun run) => run.End(Outcome, EndedAt, Advertised, Certificate);
    }

    // A record built in code may leave an ImmutableArray at its default, which throws on enumeration; the replay reads it as empty.
    internal static ImmutableArray<T> Items<T>(ImmutableArray<T> items) =>
        items.IsDefault ? [] : items;

    internal static ImmutableArray<T> Items<T>(ImmutableArray<T>? items) =>
        items is { IsDefault: false } value ? value : [];
}

/// <summary>
/// The internal-certificate steps of process 1 already replayed in one replay, by server: every receive connector of a
/// server that gets that far reads the same AD value and the same store, so the steps are replayed once per server and
/// copied into each connector's run.
/// </summary>
internal sealed class InternalCertificateMemo
{
    // By the server object itself: a snapshot record's own equality would compare every field of it. The value is a
    // class, not a value tuple, so the dictionary is the framework's precompiled code over references.
    private readonly Dictionary<ServerSnapshot, Tail> made = new(ReferenceEqualityComparer.Instance);

    /// <summary>Ends a process 1 run with the internal-certificate steps of its server.</summary>
    public SelectionResult Finish(ReplayRun run, ServerSnapshot server, ReplayOptions options)
    {
        if (run.Scenario != Scenario.InboundAnonymousTls)
        {
            throw new ArgumentException(null, nameof(run));
        }

        if (!made.TryGetValue(server, out var tail))
        {
            var steps = new ReplayRun(run.Scenario, run.Server, run.Connector, run.Location, run.Sharing);
            tail = new Tail(steps, AnonymousTlsReplay.InternalCertificate(steps, server, options));
            made.Add(server, tail);
        }

        run.Absorb(tail.Steps);
        return tail.Ending.End(run);
    }

    private sealed class Tail(ReplayRun steps, AnonymousTlsReplay.Ending ending)
    {
        public ReplayRun Steps { get; } = steps;

        public AnonymousTlsReplay.Ending Ending { get; } = ending;
    }
}

/// <summary>Which transport role a server plays in the replay.</summary>
internal static class TransportRoles
{
    /// <summary>A server of unknown role counts as Mailbox when it has a TransportService section (only transport servers do).</summary>
    public static TransportServerRole Of(ServerSnapshot server) => server.Role switch
    {
        TransportServerRole.Mailbox or TransportServerRole.Edge => server.Role,
        _ when server.TransportService.IsKnown && server.TransportServiceItem is not null => TransportServerRole.Mailbox,
        _ => TransportServerRole.Unknown,
    };
}
