using Extls.Model;
using static Extls.Selection.AnonymousTlsReplay;
using static Extls.Selection.Reads;

namespace Extls.Selection;

/// <summary>Processes 3 (inbound, per receive connector) and 4 (outbound, per send connector and source server).</summary>
internal static class StartTlsReplay
{
    private const int EventNoCertificate = 12014;
    private static readonly ExpiryEvents InboundExpiryEvents = new(Expired: 12016, ExpiresSoon: 12018);

    /// <summary>Process 3 on one receive connector.</summary>
    /// <param name="memo">The choices already made in this replay, or null to make this one alone.</param>
    public static SelectionResult Inbound(ServerSnapshot server, ReceiveConnector connector, ReplayOptions options, ChoiceMemo? memo = null)
    {
        var run = new ReplayRun(Scenario.InboundStartTls, server.Name, connector.Identity, connector.Location, options.Sharing);
        run.Step(StepKind.Load, StepReason.SessionStarts, Text(TraceField.Connector, connector.Identity));

        var authRead = EnumOf(TraceField.AuthMechanism, connector.AuthMechanism);
        if (connector.AuthMechanism is not { } auth)
        {
            return run.Undetermined(StepKind.TlsOffered, ReplayProperty.AuthMechanism, StepReason.AuthMechanismUnknown, authRead);
        }

        if (!auth.HasFlag(ReceiveAuthMechanism.Tls))
        {
            run.Step(StepKind.TlsOffered, StepReason.TlsNotInAuthMechanism, authRead);
            return run.End(SelectionOutcome.TlsNotOffered, StepKind.TlsOffered);
        }

        run.Step(StepKind.TlsOffered, StepReason.TlsInAuthMechanism, authRead);

        // Steps 3 to 5: one step per stage of the key chain, each with the value it read.
        var resolved = KeyResolution.Resolve(connector.TlsCertificateName, connector.Fqdn, server);
        foreach (var stage in resolved.Stages)
        {
            TraceRead read = stage.Kind switch
            {
                StepKind.KeyTlsCertificateName => Text(TraceField.TlsCertificateName, connector.TlsCertificateName),
                StepKind.KeyConnectorFqdn => Text(TraceField.Fqdn, connector.Fqdn),
                _ => Text(TraceField.ServerFqdn, server.Fqdn),
            };
            TraceRead[] reads = ReferenceEquals(stage, resolved.Last) && resolved.Key is { Malformed: false } found ? [read, Key(found)] : [read];
            if (stage.Missing is { } missing)
            {
                return run.Undetermined(stage.Kind, missing, stage.Reason, reads);
            }

            run.Step(stage.Kind, stage.Reason, reads);
        }

        // The chain stops at its first stage that gives a key; the later stages are passed over.
        // A loop, not LINQ's Where over the step kinds, which would be compiled at run time on every start.
        foreach (var later in (ReadOnlySpan<StepKind>)[StepKind.KeyConnectorFqdn, StepKind.KeyServerFqdn])
        {
            if (ProcessSteps.NumberOf(Scenario.InboundStartTls, later) > resolved.Last.Step())
            {
                run.Skip(later, SkipReason.KeyAlreadyFound);
            }
        }

        var key = resolved.Key!;
        if (key.Malformed)
        {
            // Exchange searches with the value at step 6, finds nothing and logs 12014 there; the replay ends where Exchange would.
            run.Step(StepKind.Candidates, StepReason.MalformedKeyMatchesNothing, EventNoCertificate, Key(key));
            return run.End(SelectionOutcome.NoMatchingCertificate, StepKind.Candidates) with { MatchKey = key.Text, KeyMalformed = true };
        }

        if (!server.Certificates.IsKnown)
        {
            return run.Undetermined(StepKind.Candidates, ReplayProperty.Certificates, StepReason.StoreNotCollected,
                Key(key), Section(TraceField.Store, server.Certificates.State)) with { MatchKey = key.Text };
        }

        var none = new NothingChosen(StepReason.NoCandidate, StepReason.NoneEligible, EventNoCertificate);
        var choice = memo is null
            ? CertificateChooser.Choose(run, Items(server.Certificates.Items), key, options, none)
            : memo.Choose(run, Items(server.Certificates.Items), key, options, none);
        SelectionResult Finish(SelectionResult r) => r with { MatchKey = key.Text, Candidates = choice.Candidates };
        switch (choice.Stop)
        {
            case ChoiceStop.NoCandidate:
                return Finish(run.End(SelectionOutcome.NoMatchingCertificate, StepKind.Candidates));
            case ChoiceStop.NoneEligible:
                return Finish(run.End(SelectionOutcome.NoEligibleCertificate, StepKind.Eligible));
        }

        var chosen = choice.Chosen!;
        var outcome = ExpiryStep.Run(run, chosen.Certificate.NotAfter, options, InboundExpiryEvents);
        var handshakeFails = SmtpCheck(run, chosen);
        // The replay ends at the step whose outcome decided the result: the expiry of the choice (10), or the
        // SMTP check beyond the article (11) when that is what makes the session fail.
        return Finish(run.End(outcome, handshakeFails ? StepKind.SmtpService : StepKind.Expiry, advertised: true, Thumbprints.Normalize(chosen.Thumbprint)))
            with { HandshakeFails = handshakeFails };
    }

    /// <summary>Process 4 for one send connector on one source transport server (A8).</summary>
    /// <param name="memo">The choices already made in this replay, or null to make this one alone.</param>
    public static SelectionResult Outbound(OrganizationSnapshot snapshot, SendConnector connector, string sourceServer, ReplayOptions options, ChoiceMemo? memo = null)
    {
        var server = FindServer(snapshot, sourceServer);
        var source = server?.Name ?? sourceServer;
        var run = new ReplayRun(Scenario.OutboundStartTls, source, connector.Identity, connector.Location, options.Sharing);
        run.Assume(Assumption.A8);

        var hybrid = connector.CloudServicesMailEnabled == true
            || Items(connector.SmartHosts).Any(SmartHosts.IsExchangeOnline);
        var name = connector.TlsCertificateName;

        // Step 1 is the whole key chain in one step. RequireTLS and its companions are read here too, so that
        // a trace that stops early still shows whether TLS was mandatory.
        var resolved = KeyResolution.Resolve(name, connector.Fqdn, server);
        var last = resolved.Last;
        TraceRead[] keyReads =
        [
            Text(TraceField.TlsCertificateName, name), Text(TraceField.Fqdn, connector.Fqdn), Text(TraceField.ServerFqdn, server?.Fqdn),
            Flag(TraceField.RequireTls, connector.RequireTls), EnumOf(TraceField.TlsAuthLevel, connector.TlsAuthLevel), Text(TraceField.TlsDomain, connector.TlsDomain),
            .. resolved.Key is { Malformed: false } found ? [Key(found)] : Array.Empty<TraceRead>(),
            .. last.Reason == StepReason.SourceServerNotInSnapshot ? [Text(TraceField.SourceServer, sourceServer)] : Array.Empty<TraceRead>(),
        ];
        if (last.Missing is { } missing)
        {
            return run.Undetermined(StepKind.Key, missing, last.Reason, keyReads)
                with { ImplicitHybridCertificate = hybrid && last.Kind == StepKind.KeyServerFqdn };
        }

        var key = resolved.Key!;
        var sourceRead = Text(TraceField.SourceServer, source);
        if (key.Malformed)
        {
            run.Step(StepKind.Key, last.Reason, keyReads);
            run.Skip(StepKind.Candidates, SkipReason.KeyMalformed);
            run.Step(StepKind.TlsCertificateNameOnSource, StepReason.TlsCertificateNameNotOnSource, sourceRead);
            return run.End(SelectionOutcome.SendCertificateNotFound, StepKind.TlsCertificateNameOnSource) with { MatchKey = name, KeyMalformed = true };
        }

        var implicitHybrid = hybrid && key.Source == KeySource.ServerFqdn;
        if (!hybrid && key.Source == KeySource.ServerFqdn && connector.CloudServicesMailEnabled is null)
        {
            // Only here does the flag decide anything: whether the implicit certificate breaks hybrid mail flow.
            run.Unknown(ReplayProperty.CloudServicesMailEnabled);
        }

        run.Step(StepKind.Key, last.Reason, keyReads);

        SelectionResult Finish(SelectionResult r, Choice? choice) => r with
        {
            MatchKey = key.Text,
            Candidates = choice?.Candidates ?? [],
            ImplicitHybridCertificate = implicitHybrid,
        };

        if (server is null)
        {
            return Finish(run.Undetermined(StepKind.Candidates, ReplayProperty.Server, StepReason.SourceServerNotInSnapshot, sourceRead), null);
        }

        if (!server.Certificates.IsKnown)
        {
            return Finish(run.Undetermined(StepKind.Candidates, ReplayProperty.Certificates, StepReason.StoreNotCollected,
                Key(key), Section(TraceField.Store, server.Certificates.State)), null);
        }

        var named = key.Source == KeySource.TlsCertificateName;
        var none = named
            ? new NothingChosen(StepReason.NoCandidateForTlsCertificateName, StepReason.NoneEligibleForTlsCertificateName, null)
            : new NothingChosen(StepReason.NoCandidate, StepReason.NoneEligible, null);
        var choice = memo is null
            ? CertificateChooser.Choose(run, Items(server.Certificates.Items), key, options, none)
            : memo.Choose(run, Items(server.Certificates.Items), key, options, none);
        switch (choice.Stop)
        {
            case ChoiceStop.NoCandidate when named:
                run.Step(StepKind.TlsCertificateNameOnSource, StepReason.TlsCertificateNameNotOnSource, sourceRead);
                return Finish(run.End(SelectionOutcome.SendCertificateNotFound, StepKind.TlsCertificateNameOnSource), choice);
            case ChoiceStop.NoCandidate:
                return Finish(run.End(SelectionOutcome.NoMatchingCertificate, StepKind.Candidates), choice);
            case ChoiceStop.NoneEligible:
                return Finish(run.End(SelectionOutcome.NoEligibleCertificate, StepKind.Eligible), choice);
        }

        var chosen = choice.Chosen!;
        // Only the receiving side logs expiry events; the sender still uses the certificate.
        var outcome = ExpiryStep.Run(run, chosen.Certificate.NotAfter, options, events: null);
        if (named)
        {
            run.Step(StepKind.TlsCertificateNameOnSource, StepReason.TlsCertificateNameOnSource, sourceRead);
        }
        else
        {
            run.Skip(StepKind.TlsCertificateNameOnSource, SkipReason.KeyNotFromTlsCertificateName);
        }

        var handshakeFails = SmtpCheck(run, chosen);

        run.Step(StepKind.ExchangeOnline,
            implicitHybrid ? StepReason.ImplicitHybridCertificate : hybrid ? StepReason.ExchangeOnlineNamedCertificate : StepReason.NotExchangeOnline,
            [
                Flag(TraceField.CloudServicesMailEnabled, connector.CloudServicesMailEnabled),
                Texts(TraceField.SmartHosts, connector.SmartHosts is null ? null : Items(connector.SmartHosts)),
                .. implicitHybrid ? [Key(key)] : Array.Empty<TraceRead>(),
            ]);

        run.Step(StepKind.RequireTls, RequireTlsReason(connector),
            Flag(TraceField.RequireTls, connector.RequireTls), EnumOf(TraceField.TlsAuthLevel, connector.TlsAuthLevel), Text(TraceField.TlsDomain, connector.TlsDomain));

        // As in process 3, the step that decided the result: the expiry of the choice (2), the SMTP check (4), or
        // the hybrid check (5). Step 6 judges the remote certificate, not this one, so it never ends the replay.
        var decidedAt = handshakeFails ? StepKind.SmtpService : implicitHybrid ? StepKind.ExchangeOnline : StepKind.Expiry;
        return Finish(run.End(outcome, decidedAt, advertised: true, Thumbprints.Normalize(chosen.Thumbprint)), choice)
            with { HandshakeFails = handshakeFails };
    }

    private static ServerSnapshot? FindServer(OrganizationSnapshot snapshot, string name) =>
        snapshot.FindServer(name)
        ?? Items(snapshot.Servers).FirstOrDefault(s => string.Equals(s.Fqdn, name, StringComparison.OrdinalIgnoreCase));

    private static StepReason RequireTlsReason(SendConnector c)
    {
        if (c.RequireTls != true)
        {
            // A TlsAuthLevel without RequireTLS is worth saying: the administrator who set it expects it to apply.
            var ignored = c.TlsAuthLevel is not null;
            return c.RequireTls is null
                ? ignored ? StepReason.RequireTlsUnknownAuthLevelIgnored : StepReason.RequireTlsUnknown
                : ignored ? StepReason.RequireTlsOffAuthLevelIgnored : StepReason.RequireTlsOff;
        }

        return c.TlsAuthLevel switch
        {
            TlsAuthLevel.DomainValidation when string.IsNullOrWhiteSpace(c.TlsDomain) => StepReason.DomainValidationWithoutTlsDomain,
            TlsAuthLevel.DomainValidation => StepReason.DomainValidation,
            TlsAuthLevel.CertificateValidation => StepReason.CertificateValidation,
            TlsAuthLevel.EncryptionOnly => StepReason.EncryptionOnly,
            _ => StepReason.RequireTlsWithoutAuthLevel,
        };
    }

    /// <summary>A6: a certificate without SMTP is still chosen; the handshake then fails with UnknownCredentials.</summary>
    private static bool SmtpCheck(ReplayRun run, StoreCertificate chosen)
    {
        var known = StoreFacts.Services(chosen);
        var read = EnumOf(TraceField.Services, known);
        if (known is not { } services)
        {
            run.Unknown(ReplayProperty.Services);
            run.Step(StepKind.SmtpService, StepReason.ServicesUnknown, read);
            return false;
        }

        if (!services.HasFlag(CertificateServices.SMTP))
        {
            run.Assume(Assumption.A6);
            run.Step(StepKind.SmtpService, StepReason.NotEnabledForSmtp, read);
            return true;
        }

        run.Step(StepKind.SmtpService, StepReason.EnabledForSmtp, read);
        return false;
    }
}
