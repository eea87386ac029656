using Extls.Model;
using static Extls.Selection.AnonymousTlsReplay;
using static Extls.Selection.TraceText;

namespace Extls.Selection;

/// <summary>Processes 3 (inbound, per receive connector) and 4 (outbound, per send connector and source server) of selection.md.</summary>
internal static class StartTlsReplay
{
    private const int EventNoCertificate = 12014;
    private const int EventExpired = 12016;
    private const int EventExpiresSoon = 12018;

    /// <summary>Process 3 on one receive connector.</summary>
    public static SelectionResult Inbound(ServerSnapshot server, ReceiveConnector connector, ReplayOptions options)
    {
        var run = new ReplayRun(Scenario.InboundStartTls, server.Name, connector.Identity, connector.Location);
        run.Step(1, "Load", $"A session to {connector.Identity} starts.", Read("Connector", connector.Identity));

        const string offeredTitle = "TLS offered?";
        var authRead = Read("AuthMechanism", connector.AuthMechanism);
        if (connector.AuthMechanism is not { } auth)
        {
            return run.Undetermined(2, offeredTitle, ReplayUnknowns.AuthMechanism,
                "The dump does not carry the connector's AuthMechanism: whether STARTTLS is advertised cannot be told.", authRead);
        }

        if (!auth.HasFlag(ReceiveAuthMechanism.Tls))
        {
            run.Step(2, offeredTitle, $"Tls is not in AuthMechanism ({auth}): STARTTLS is not advertised.", authRead);
            return run.End(SelectionOutcome.TlsNotOffered, 2);
        }

        run.Step(2, offeredTitle, $"Tls is in AuthMechanism ({auth}): continue.", authRead);

        // Steps 3-5: the key.
        MatchKey key;
        var name = connector.TlsCertificateName;
        var nameRead = Read("TlsCertificateName", name);
        if (name is null)
        {
            return run.Undetermined(3, "Match key: TlsCertificateName", ReplayUnknowns.TlsCertificateName,
                "The dump does not carry the connector's TlsCertificateName: the key cannot be told.", nameRead);
        }

        if (name.Trim().Length > 0)
        {
            key = MatchKey.ForName(name);
            if (key.Malformed)
            {
                // Exchange does not validate the value: it searches with it at step 6, finds nothing and
                // logs 12014 there. The replay ends where Exchange would, and flags the cause.
                run.Step(3, "Match key: TlsCertificateName",
                    $"TlsCertificateName \"{name}\" is neither <I>issuer<S>subject nor [I]issuer[S]subject: no certificate can match it.",
                    nameRead);
                run.Event(EventNoCertificate);
                run.Step(6, "Candidates", $"No certificate matches the malformed key \"{name}\": STARTTLS is not advertised; event 12014.",
                    Read("Key", name));
                return run.End(SelectionOutcome.NoMatchingCertificate, 6) with { MatchKey = name, KeyMalformed = true };
            }

            run.Step(3, "Match key: TlsCertificateName", $"TlsCertificateName is set: the key is issuer \"{key.Dn!.Issuer}\" and subject \"{key.Dn.Subject}\".", nameRead);
        }
        else
        {
            run.Step(3, "Match key: TlsCertificateName", "TlsCertificateName is not set: continue with the connector's Fqdn.", nameRead);
            var fqdn = connector.Fqdn;
            var fqdnRead = Read("Fqdn", fqdn);
            if (fqdn is null)
            {
                return run.Undetermined(4, "Match key: connector Fqdn", ReplayUnknowns.Fqdn,
                    "The dump does not carry the connector's Fqdn: the key cannot be told.", fqdnRead);
            }

            if (fqdn.Trim().Length > 0)
            {
                key = MatchKey.ForHost(fqdn, KeySource.ConnectorFqdn);
                run.Step(4, "Match key: connector Fqdn", $"The key is the connector's Fqdn, {key.Text}.", fqdnRead);
            }
            else
            {
                run.Step(4, "Match key: connector Fqdn", "Fqdn is not set: continue with the server's FQDN.", fqdnRead);
                var serverRead = Read("ServerFqdn", server.Fqdn);
                if (string.IsNullOrWhiteSpace(server.Fqdn))
                {
                    return run.Undetermined(5, "Match key: server FQDN", ReplayUnknowns.ServerFqdn,
                        "The dump does not carry the server's FQDN: the key cannot be told.", serverRead);
                }

                key = MatchKey.ForHost(server.Fqdn, KeySource.ServerFqdn);
                run.Step(5, "Match key: server FQDN", $"The key is the server's FQDN, {key.Text}.", serverRead);
            }
        }

        if (!server.Certificates.IsKnown)
        {
            return run.Undetermined(6, "Candidates", ReplayUnknowns.Certificates,
                $"The server's certificate store was not collected ({server.Certificates.State}): no certificate can be matched.",
                Read("Key", key.Text), Read("Store", server.Certificates.State.ToString())) with { MatchKey = key.Text };
        }

        var none = $"STARTTLS is not advertised; event 12014 names the key {key.Text}.";
        var choice = CertificateChooser.Choose(run, Items(server.Certificates.Items), key, options, new(6, 7, 8, 9), none, none);
        SelectionResult Finish(SelectionResult r) => r with { MatchKey = key.Text, Candidates = choice.Candidates };
        switch (choice.Stop)
        {
            case ChoiceStop.NoCandidate:
                run.Event(EventNoCertificate);
                return Finish(run.End(SelectionOutcome.NoMatchingCertificate, 6));
            case ChoiceStop.NoneEligible:
                run.Event(EventNoCertificate);
                return Finish(run.End(SelectionOutcome.NoEligibleCertificate, 7));
        }

        var chosen = choice.Chosen!;
        var outcome = ChosenExpiry(run, chosen, options, 10, events: true, "STARTTLS");
        var handshakeFails = SmtpCheck(run, chosen, 11, "STARTTLS is advertised");
        // The replay ends at the step whose outcome decided the result: the choice (10), or the SMTP
        // check beyond the article (11) when that is what makes the session fail.
        return Finish(run.End(outcome, handshakeFails ? 11 : 10, advertised: true, Thumbprints.Normalize(chosen.Thumbprint)))
            with { HandshakeFails = handshakeFails };
    }

    /// <summary>Process 4 for one send connector on one source transport server (A8).</summary>
    public static SelectionResult Outbound(OrganizationSnapshot snapshot, SendConnector connector, string sourceServer, ReplayOptions options)
    {
        var server = FindServer(snapshot, sourceServer);
        var run = new ReplayRun(Scenario.OutboundStartTls, server?.Name ?? sourceServer, connector.Identity, connector.Location);
        run.Assume("A8");

        var hybrid = connector.CloudServicesMailEnabled == true
            || Items(connector.SmartHosts).Any(SmartHosts.IsExchangeOnline);
        const string keyTitle = "Key";
        var name = connector.TlsCertificateName;
        var fqdn = connector.Fqdn;
        // RequireTLS and its companions are read here too, so that a trace that stops early still shows whether TLS was mandatory.
        var keyReads = new[]
        {
            Read("TlsCertificateName", name), Read("Fqdn", fqdn), Read("ServerFqdn", server?.Fqdn),
            Read("RequireTLS", connector.RequireTls), Read("TlsAuthLevel", connector.TlsAuthLevel), Read("TlsDomain", connector.TlsDomain),
        };
        MatchKey key;
        string keyWhy;
        if (name is null)
        {
            return run.Undetermined(1, keyTitle, ReplayUnknowns.TlsCertificateName,
                "The dump does not carry the connector's TlsCertificateName: the key cannot be told.", keyReads);
        }

        if (name.Trim().Length > 0)
        {
            key = MatchKey.ForName(name);
            if (key.Malformed)
            {
                run.Step(1, keyTitle,
                    $"TlsCertificateName \"{name}\" is neither <I>issuer<S>subject nor [I]issuer[S]subject: no certificate can match it.", keyReads);
                run.Step(3, "TlsCertificateName not found", NotFoundSentence(server?.Name ?? sourceServer));
                return run.End(SelectionOutcome.SendCertificateNotFound, 3) with { MatchKey = name, KeyMalformed = true };
            }

            keyWhy = $"The key is TlsCertificateName: issuer \"{key.Dn!.Issuer}\" and subject \"{key.Dn.Subject}\".";
        }
        else if (fqdn is null)
        {
            return run.Undetermined(1, keyTitle, ReplayUnknowns.Fqdn,
                "TlsCertificateName is not set and the dump does not carry the connector's Fqdn: the key cannot be told.", keyReads);
        }
        else if (fqdn.Trim().Length > 0)
        {
            key = MatchKey.ForHost(fqdn, KeySource.ConnectorFqdn);
            keyWhy = $"TlsCertificateName is not set: the key is the connector's Fqdn, {key.Text}.";
        }
        else if (server is null || string.IsNullOrWhiteSpace(server.Fqdn))
        {
            var missing = server is null ? ReplayUnknowns.Server : ReplayUnknowns.ServerFqdn;
            return run.Undetermined(1, keyTitle, missing,
                $"Neither TlsCertificateName nor Fqdn is set, and the FQDN of {sourceServer} is not in the snapshot: the key cannot be told.",
                keyReads) with { ImplicitHybridCertificate = hybrid };
        }
        else
        {
            key = MatchKey.ForHost(server.Fqdn, KeySource.ServerFqdn);
            keyWhy = $"Neither TlsCertificateName nor Fqdn is set: the key is the source server's FQDN, {key.Text}.";
        }

        var implicitHybrid = hybrid && key.Source == KeySource.ServerFqdn;
        if (!hybrid && key.Source == KeySource.ServerFqdn && connector.CloudServicesMailEnabled is null)
        {
            // Only here does the flag decide anything: whether the implicit certificate breaks hybrid mail flow.
            run.Unknown(ReplayUnknowns.CloudServicesMailEnabled);
        }
        run.Step(1, keyTitle, keyWhy, keyReads);

        SelectionResult Finish(SelectionResult r, Choice? choice) => r with
        {
            MatchKey = key.Text,
            Candidates = choice?.Candidates ?? [],
            ImplicitHybridCertificate = implicitHybrid,
        };

        if (server is null)
        {
            return Finish(run.Undetermined(2, "Candidates", ReplayUnknowns.Server,
                $"The source server {sourceServer} is not in the snapshot: its certificate store is unknown.",
                Read("SourceServer", sourceServer)), null);
        }

        if (!server.Certificates.IsKnown)
        {
            return Finish(run.Undetermined(2, "Candidates", ReplayUnknowns.Certificates,
                $"The certificate store of {server.Name} was not collected ({server.Certificates.State}): no certificate can be matched.",
                Read("Key", key.Text), Read("Store", server.Certificates.State.ToString())), null);
        }

        var noCertificate = $"No certificate is chosen: sessions from {server.Name} through this connector offer no certificate of their own.";
        var choice = CertificateChooser.Choose(
            run, Items(server.Certificates.Items), key, options, new(2, 2, 2, 2),
            key.Source == KeySource.TlsCertificateName ? string.Empty : noCertificate,
            key.Source == KeySource.TlsCertificateName
                ? $"No certificate is chosen: sessions from {server.Name} are expected to fail with 454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found."
                : noCertificate);
        if (choice.Stop == ChoiceStop.NoCandidate && key.Source == KeySource.TlsCertificateName)
        {
            run.Step(3, "TlsCertificateName not found", NotFoundSentence(server.Name));
            return Finish(run.End(SelectionOutcome.SendCertificateNotFound, 3), choice);
        }

        if (choice.Stop == ChoiceStop.NoCandidate)
        {
            return Finish(run.End(SelectionOutcome.NoMatchingCertificate, 2), choice);
        }

        if (choice.Stop == ChoiceStop.NoneEligible)
        {
            return Finish(run.End(SelectionOutcome.NoEligibleCertificate, 2), choice);
        }

        var chosen = choice.Chosen!;
        var outcome = ChosenExpiry(run, chosen, options, 2, events: false, "outbound STARTTLS");
        if (key.Source == KeySource.TlsCertificateName)
        {
            run.Step(3, "TlsCertificateName found", $"The certificate named by TlsCertificateName is on {server.Name}: no 454 4.7.5.");
        }

        var handshakeFails = SmtpCheck(run, chosen, 4, "STARTTLS is used");

        var smartHosts = Read("SmartHosts", connector.SmartHosts is null ? null : Items(connector.SmartHosts));
        var cloud = Read("CloudServicesMailEnabled", connector.CloudServicesMailEnabled);
        run.Step(5, "Exchange Online", implicitHybrid
            ? $"The connector sends to Exchange Online with neither TlsCertificateName nor Fqdn: the certificate is chosen by the server's own FQDN ({key.Text}), and hybrid mail flow breaks. Set TlsCertificateName."
            : hybrid
                ? "The connector sends to Exchange Online and names its certificate explicitly."
                : "The connector does not send to Exchange Online.",
            cloud, smartHosts);

        run.Step(6, "RequireTLS", RequireTlsSentence(connector),
            Read("RequireTLS", connector.RequireTls), Read("TlsAuthLevel", connector.TlsAuthLevel), Read("TlsDomain", connector.TlsDomain));

        // As in process 3, the step that decided the result: the choice (2), the SMTP check (4), or the
        // hybrid check (5). Step 6 judges the remote certificate, not this one, so it never ends the replay.
        var decidedAt = handshakeFails ? 4 : implicitHybrid ? 5 : 2;
        return Finish(run.End(outcome, decidedAt, advertised: true, Thumbprints.Normalize(chosen.Thumbprint)), choice)
            with { HandshakeFails = handshakeFails };
    }

    private static ServerSnapshot? FindServer(OrganizationSnapshot snapshot, string name) =>
        snapshot.FindServer(name)
        ?? Items(snapshot.Servers).FirstOrDefault(s => string.Equals(s.Fqdn, name, StringComparison.OrdinalIgnoreCase));

    private static string NotFoundSentence(string server) =>
        $"The certificate named by TlsCertificateName is not on {server}: sessions from it fail with "
        + "454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.";

    private static string RequireTlsSentence(SendConnector c)
    {
        if (c.RequireTls != true)
        {
            var opportunistic = c.RequireTls is null
                ? "RequireTLS is unknown; without it TLS is opportunistic and a failure falls back to plain SMTP."
                : "RequireTLS is off: TLS is opportunistic and a failure falls back to plain SMTP.";
            return c.TlsAuthLevel is null ? opportunistic : $"{opportunistic} TlsAuthLevel {c.TlsAuthLevel} has no effect without RequireTLS.";
        }

        return c.TlsAuthLevel switch
        {
            TlsAuthLevel.DomainValidation when string.IsNullOrWhiteSpace(c.TlsDomain) =>
                "RequireTLS is on with TlsAuthLevel DomainValidation but no TlsDomain: the remote certificate's domain cannot be checked.",
            TlsAuthLevel.DomainValidation => $"RequireTLS is on: the remote certificate must be trusted and issued for {c.TlsDomain}.",
            TlsAuthLevel.CertificateValidation => "RequireTLS is on: the remote certificate must be trusted.",
            TlsAuthLevel.EncryptionOnly => "RequireTLS is on: the session must be encrypted; the remote certificate is not checked.",
            _ => "RequireTLS is on: a session that cannot use TLS is not sent.",
        };
    }

    /// <summary>Step 10 of process 3, also process 4's; only the inbound side predicts events.</summary>
    private static SelectionOutcome ChosenExpiry(ReplayRun run, StoreCertificate chosen, ReplayOptions options, int step, bool events, string what)
    {
        var notAfter = chosen.Certificate.NotAfter;
        var reads = new[] { Read("NotAfter", notAfter), Read("AsOf", options.AsOf), Read("WarningDays", options.WarningDays) };
        switch (Expiry.Classify(notAfter, options))
        {
            case ExpiryState.Expired:
                if (events)
                {
                    run.Event(EventExpired);
                }

                run.Step(step, "Expiry", $"The chosen certificate expired on {Date(notAfter)}{(events ? ": event 12016" : string.Empty)}; {what} still uses it. Renew it.", reads);
                return SelectionOutcome.SelectedExpired;
            case ExpiryState.ExpiresSoon:
                if (events)
                {
                    run.Event(EventExpiresSoon);
                }

                run.Step(step, "Expiry",
                    Inv($"The chosen certificate expires on {Date(notAfter)}, within {options.WarningDays} days{(events ? "; event 12018 is expected" : string.Empty)}."),
                    reads);
                return SelectionOutcome.SelectedExpiresSoon;
            default:
                run.Step(step, "Expiry", $"The chosen certificate is valid until {Date(notAfter)}.", reads);
                return SelectionOutcome.Selected;
        }
    }

    /// <summary>A6: a certificate without SMTP is still chosen; the handshake then fails with UnknownCredentials.</summary>
    private static bool SmtpCheck(ReplayRun run, StoreCertificate chosen, int step, string used)
    {
        const string title = "SMTP service";
        var known = StoreFacts.Services(chosen);
        var read = Read("Services", known);
        if (known is not { } services)
        {
            run.Unknown(ReplayUnknowns.Services);
            run.Step(step, title, $"The dump does not say which services the chosen certificate is enabled for: {used}; whether the handshake succeeds cannot be told.", read);
            return false;
        }

        if (!services.HasFlag(CertificateServices.SMTP))
        {
            run.Assume("A6");
            run.Step(step, title,
                $"The chosen certificate is not enabled for SMTP ({services}): {used}, but the handshake will fail (TLS negotiation failed with error UnknownCredentials).",
                read);
            return true;
        }

        run.Step(step, title, $"The chosen certificate is enabled for SMTP: {used} with it.", read);
        return false;
    }
}
