using System.Collections.Immutable;
using Extls.Model;
using static Extls.Selection.TraceText;

namespace Extls.Selection;

/// <summary>Processes 1 (inbound) and 2 (outbound) of selection.md: X-ANONYMOUSTLS with the internal transport certificate.</summary>
internal static class AnonymousTlsReplay
{
    private const int EventAdUnreadable = 12012;
    private const int EventNotInStore = 12013;
    private const int EventExpired = 12015;
    private const int EventExpiresSoon = 12017;
    private const int EventCorrupt = 12022;

    /// <summary>Process 1 on one receive connector of the receiving server.</summary>
    public static SelectionResult Inbound(ServerSnapshot server, ReceiveConnector connector, ReplayOptions options)
    {
        var run = new ReplayRun(Scenario.InboundAnonymousTls, server.Name, connector.Identity, connector.Location);
        run.Step(1, "Load", $"A session to {connector.Identity} starts; transport begins loading a certificate for it.",
            Read("Connector", connector.Identity));

        const string title = "ExchangeServer authentication";
        var auth = connector.AuthMechanism;
        var suppress = connector.SuppressXAnonymousTls;
        var reads = new[] { Read("AuthMechanism", auth), Read("SuppressXAnonymousTls", suppress) };
        if (auth is not { } mechanism)
        {
            return run.Undetermined(2, title, ReplayUnknowns.AuthMechanism,
                "The dump does not carry the connector's AuthMechanism: whether X-ANONYMOUSTLS is advertised cannot be told.", reads);
        }

        if (!mechanism.HasFlag(ReceiveAuthMechanism.ExchangeServer))
        {
            run.Step(2, title, $"ExchangeServer is not in AuthMechanism ({mechanism}): X-ANONYMOUSTLS is not advertised.", reads);
            return run.End(SelectionOutcome.ExchangeServerAuthMissing, 2);
        }

        // A1: the suppression flag is checked right after the authentication check, so it wins over everything that follows.
        if (suppress == true)
        {
            run.Assume("A1");
            run.Step(2, title,
                $"ExchangeServer is in AuthMechanism ({mechanism}), but SuppressXAnonymousTls is True: X-ANONYMOUSTLS is not advertised.", reads);
            return run.End(SelectionOutcome.AnonymousTlsSuppressed, 2);
        }

        if (suppress is null)
        {
            run.Unknown(ReplayUnknowns.SuppressXAnonymousTls);
        }

        run.Step(2, title, suppress is null
            ? $"ExchangeServer is in AuthMechanism ({mechanism}); SuppressXAnonymousTls is unknown and taken as not set: continue."
            : $"ExchangeServer is in AuthMechanism ({mechanism}) and SuppressXAnonymousTls is not set: continue.", reads);

        return InternalCertificate(run, server, options, firstStep: 3, "X-ANONYMOUSTLS is not advertised");
    }

    /// <summary>Process 2 on one sending transport server.</summary>
    public static SelectionResult Outbound(OrganizationSnapshot snapshot, ServerSnapshot server, ReplayOptions options)
    {
        var run = new ReplayRun(Scenario.OutboundAnonymousTls, server.Name, null,
            server.TransportServiceItem?.Location ?? server.Location ?? server.TransportService.Location);
        const string title = "Start, by role";
        const string notUsed = "the server does not use anonymous TLS when it sends";
        var role = TransportRoles.Of(server);
        var roleRead = Read("Role", role == TransportServerRole.Unknown ? null : role.ToString());
        var roleText = Read("ServerRole", server.ServerRoleText);

        if (role == TransportServerRole.Unknown)
        {
            return run.Undetermined(1, title, ReplayUnknowns.Role,
                "The dump says neither the server's role nor its TransportService: which checks apply cannot be told.", roleRead, roleText);
        }

        if (role == TransportServerRole.Edge)
        {
            var stop = EdgeConnectorCheck(run, snapshot, server, title);
            if (stop is not null)
            {
                return stop;
            }
        }
        else
        {
            run.Assume("A3");
        }

        var thumbprint = server.TransportServiceItem?.InternalTransportCertificateThumbprint;
        var thumbRead = Read("InternalTransportCertificateThumbprint", thumbprint);
        if (thumbprint is null)
        {
            return run.Undetermined(1, title, ReplayUnknowns.InternalTransportCertificateThumbprint,
                "The dump does not carry Get-TransportService's InternalTransportCertificateThumbprint: whether anonymous TLS is used cannot be told.",
                roleRead, thumbRead);
        }

        if (Thumbprints.Normalize(thumbprint).Length == 0)
        {
            run.Step(1, title, $"{role} server with an empty InternalTransportCertificateThumbprint: {notUsed}.", roleRead, thumbRead);
            return run.End(SelectionOutcome.TransportThumbprintEmpty, 1);
        }

        run.Step(1, title, role == TransportServerRole.Mailbox
            ? "Mailbox server with an InternalTransportCertificateThumbprint; the queue's DeliveryType is not consulted (A3): continue."
            : "Edge server with a usable EdgeSync send connector and an InternalTransportCertificateThumbprint: continue.",
            roleRead, thumbRead);

        return InternalCertificate(run, server, options, firstStep: 2, notUsed);
    }

    private static SelectionResult? EdgeConnectorCheck(ReplayRun run, OrganizationSnapshot snapshot, ServerSnapshot edge, string title)
    {
        var section = snapshot.SendConnectors;
        if (!section.IsKnown)
        {
            return run.Undetermined(1, title, ReplayUnknowns.SendConnectors,
                "The send connectors were not collected: whether the Edge has a usable EdgeSync connector cannot be told.",
                Read("SendConnectors", section.State.ToString()));
        }

        var edgeSync = Items(section.Items)
            .Where(c => IsEdgeOwn(c, edge.Name))
            .Where(c => Items(c.SmartHosts).Any(SmartHosts.IsEdgeSyncPlaceholder)
                     || Items(c.AddressSpaces).Any(SmartHosts.IsEdgeSyncPlaceholder))
            .OrderBy(c => c.Identity, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Identity, StringComparer.Ordinal)
            .ToList();
        var reads = edgeSync.Count == 0
            ? new[] { Read("EdgeSyncConnectors", Array.Empty<string>()) }
            : edgeSync.Select(c => Read($"{c.Identity}.SmartHostAuthMechanism", c.SmartHostAuthMechanism)).ToArray();

        var usable = edgeSync.FirstOrDefault(c => c.SmartHostAuthMechanism == SmartHostAuthMechanism.ExchangeServer);
        if (usable is not null)
        {
            run.Connector = usable.Identity;
            run.Location = usable.Location;
            return null;
        }

        if (edgeSync.Count == 0)
        {
            run.Step(1, title,
                $"The Edge has no send connector with the EdgeSync placeholder \"--\" as smart host or address space: anonymous TLS is not used towards the Mailbox servers.",
                reads);
            return run.End(SelectionOutcome.EdgeSyncConnectorNotUsable, 1);
        }

        run.Connector = edgeSync[0].Identity;
        run.Location = edgeSync[0].Location;
        if (edgeSync.Any(c => c.SmartHostAuthMechanism is null))
        {
            return run.Undetermined(1, title, ReplayUnknowns.SmartHostAuthMechanism,
                "The dump does not carry SmartHostAuthMechanism of the Edge's EdgeSync connector: whether anonymous TLS is used cannot be told.",
                reads);
        }

        run.Step(1, title,
            $"No EdgeSync send connector of the Edge has SmartHostAuthMechanism ExchangeServer ({edgeSync[0].Identity} has {edgeSync[0].SmartHostAuthMechanism}): anonymous TLS is not used towards the Mailbox servers.",
            reads);
        return run.End(SelectionOutcome.EdgeSyncConnectorNotUsable, 1);
    }

    /// <summary>A send connector from the Edge's own dump, or one the organisation assigns to the Edge.</summary>
    internal static bool IsEdgeOwn(SendConnector connector, string edgeName) =>
        string.Equals(connector.DumpServer, edgeName, StringComparison.OrdinalIgnoreCase)
        || Items(connector.SourceTransportServers).Any(s => string.Equals(s, edgeName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The shared tail of processes 1 and 2: read AD, find in store, expiry.</summary>
    private static SelectionResult InternalCertificate(ReplayRun run, ServerSnapshot server, ReplayOptions options, int firstStep, string failure)
    {
        var adStep = firstStep;
        var storeStep = firstStep + 1;
        var expiryStep = firstStep + 2;
        const string adTitle = "Read AD";
        var ad = server.InternalCertificate;
        var adRead = Read("msExchServerInternalTLSCert", ad.State.ToString());
        switch (ad.State)
        {
            case AdCertificateState.Present when ad.Certificate is not null:
                break;
            case AdCertificateState.Unreadable:
                run.Event(EventAdUnreadable);
                run.Step(adStep, adTitle,
                    $"msExchServerInternalTLSCert could not be read ({ad.ReadError ?? "no detail recorded"}): {failure}, and event 12012 is logged at Transport service start-up.",
                    adRead, Read("ReadError", ad.ReadError));
                return run.End(SelectionOutcome.AdValueUnreadable, adStep);
            case AdCertificateState.Empty:
                run.Event(EventAdUnreadable);
                run.Step(adStep, adTitle,
                    $"msExchServerInternalTLSCert is empty: {failure}, and event 12012 is logged at Transport service start-up.", adRead);
                return run.End(SelectionOutcome.AdValueEmpty, adStep);
            case AdCertificateState.Corrupt:
                run.Event(EventCorrupt);
                run.Step(adStep, adTitle,
                    $"msExchServerInternalTLSCert holds bytes that are not a certificate ({ad.CorruptReason ?? "no detail recorded"}): {failure}; event 12022.",
                    adRead, Read("CorruptReason", ad.CorruptReason));
                return run.End(SelectionOutcome.AdValueCorrupt, adStep);
            default:
                return run.Undetermined(adStep, adTitle, ReplayUnknowns.InternalCertificate,
                    "The dump does not carry msExchServerInternalTLSCert for this server: which internal transport certificate it uses cannot be told.",
                    adRead);
        }

        var thumbprint = Thumbprints.Normalize(ad.Certificate.Thumbprint);
        run.Step(adStep, adTitle, $"msExchServerInternalTLSCert holds a certificate with thumbprint {thumbprint}: continue.",
            adRead, Read("Thumbprint", thumbprint), Read("Subject", ad.Certificate.Subject));

        const string storeTitle = "Find in store";
        if (!server.Certificates.IsKnown)
        {
            return run.Undetermined(storeStep, storeTitle, ReplayUnknowns.Certificates,
                $"The server's certificate store was not collected ({server.Certificates.State}): whether {thumbprint} is there cannot be told.",
                Read("Thumbprint", thumbprint), Read("Store", server.Certificates.State.ToString()));
        }

        var store = Items(server.Certificates.Items);
        var found = store.FirstOrDefault(c => Thumbprints.AreEqual(c.Thumbprint, thumbprint));
        var storeReads = new[] { Read("Thumbprint", thumbprint), Read("StoreCertificates", store.Length) };
        if (found is null)
        {
            run.Assume("A2");
            run.Event(EventNotInStore);
            run.Step(storeStep, storeTitle,
                $"No certificate with thumbprint {thumbprint} in Local Computer\\Personal: {failure}; event 12013. "
                + "Exchange's event catalogue also defines fall-backs (12023: a certificate matching the server FQDN; 12024: an ephemeral self-signed certificate); "
                + "the replay follows the article and assumes no fall-back (A2).",
                storeReads);
            return run.End(SelectionOutcome.CertificateNotInStore, storeStep);
        }

        run.Step(storeStep, storeTitle, $"The store holds {thumbprint}: continue.", storeReads);

        var chosen = Thumbprints.Normalize(found.Thumbprint);
        var notAfter = found.Certificate.NotAfter;
        var expiryReads = new[] { Read("NotAfter", notAfter), Read("AsOf", options.AsOf), Read("WarningDays", options.WarningDays) };
        const string expiryTitle = "Expiry";
        switch (Expiry.Classify(notAfter, options))
        {
            case ExpiryState.Expired:
                run.Event(EventExpired);
                run.Step(expiryStep, expiryTitle,
                    $"The certificate expired on {Date(notAfter)}: event 12015, but anonymous TLS is still used with it. Renew it.", expiryReads);
                return run.End(SelectionOutcome.SelectedExpired, expiryStep, advertised: true, chosen);
            case ExpiryState.ExpiresSoon:
                run.Event(EventExpiresSoon);
                run.Step(expiryStep, expiryTitle,
                    Inv($"The certificate expires on {Date(notAfter)}, within {options.WarningDays} days: anonymous TLS is used with it; event 12017 is expected."),
                    expiryReads);
                return run.End(SelectionOutcome.SelectedExpiresSoon, expiryStep, advertised: true, chosen);
            default:
                run.Step(expiryStep, expiryTitle, $"The certificate is valid until {Date(notAfter)}: anonymous TLS is used with it.", expiryReads);
                return run.End(SelectionOutcome.Selected, expiryStep, advertised: true, chosen);
        }
    }

    // A record built in code may leave an ImmutableArray at its default, which throws on enumeration; the replay reads it as empty.
    internal static ImmutableArray<T> Items<T>(ImmutableArray<T> items) =>
        items.IsDefault ? [] : items;

    internal static ImmutableArray<T> Items<T>(ImmutableArray<T>? items) =>
        items is { IsDefault: false } value ? value : [];
}

/// <summary>Where a certificate stands against the as-of time and the warning window.</summary>
public enum ExpiryState
{
    Valid,
    ExpiresSoon,
    Expired,
}

/// <summary>The one definition of "expired" and "expires soon", shared by the replay and the hygiene rules.</summary>
public static class Expiry
{
    /// <summary>
    /// X.509 validity includes its NotAfter instant, so a certificate is expired only strictly after it.
    /// "Soon" is NotAfter − as-of ≤ the warning window.
    /// </summary>
    public static ExpiryState Classify(DateTimeOffset notAfter, ReplayOptions options)
    {
        if (notAfter < options.AsOf)
        {
            return ExpiryState.Expired;
        }

        return notAfter - options.AsOf <= TimeSpan.FromDays(Math.Max(0, options.WarningDays))
            ? ExpiryState.ExpiresSoon
            : ExpiryState.Valid;
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
