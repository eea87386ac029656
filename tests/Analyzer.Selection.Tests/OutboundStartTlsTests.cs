using Extls.Model;
using Extls.TestKit;

namespace Extls.Selection.Tests;

public class OutboundStartTlsTests
{
    private const string CaName = "<I>CN=Contoso Issuing CA, DC=contoso, DC=com<S>CN=mail.contoso.com, O=Contoso, C=JP";

    private static SelectionResult Single4(OrganizationSnapshot org, string server) =>
        Replay.OutboundStartTls(org, T.Options).Single(r => r.Server == server);

    [Fact]
    public void One_result_per_source_server_and_TlsCertificateName_missing_on_one_gives_454()
    {
        var ca = T.CaCert("ca");
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(ca)))
            .Server(ServerBuilder.Mailbox("EX02"))
            .Send(Build.Send("To Internet", "EX01", "EX02") with { TlsCertificateName = CaName })
            .Done();
        var results = Replay.OutboundStartTls(org, T.Options);

        T.Seq(["EX01", "EX02"], results.Select(r => r.Server));
        var ok = results[0];
        Assert.Equal(SelectionOutcome.Selected, ok.Outcome);
        Assert.True(ok.Advertised);
        Assert.Equal(ca.Thumbprint, ok.Certificate);
        Assert.Equal("To Internet", ok.Connector);
        Assert.Equal(2, ok.EndedAtStep);
        Assert.Contains(Assumption.A8, ok.Assumptions);
        Assert.Empty(ok.Events);
        // Process 4 folds candidates to expiry into its step 2, then checks the name on the source (3), SMTP (4), Exchange Online (5), RequireTLS (6).
        T.Seq(
            [
                (StepKind.Key, 1), (StepKind.Candidates, 2), (StepKind.Eligible, 2), (StepKind.Rank, 2), (StepKind.Choose, 2), (StepKind.Expiry, 2),
                (StepKind.TlsCertificateNameOnSource, 3), (StepKind.SmtpService, 4), (StepKind.ExchangeOnline, 5), (StepKind.RequireTls, 6),
            ],
            ok.Trace.Select(t => (t.Kind, t.Number)));
        Assert.Equal(StepReason.KeyIsTlsCertificateName, ok.Trace[0].Reason);
        Assert.Equal(StepReason.TlsCertificateNameOnSource, T.Step(ok, StepKind.TlsCertificateNameOnSource).Reason);
        Assert.All(ok.Trace, t => Assert.Null(t.Event));

        var missing = results[1];
        Assert.Equal(SelectionOutcome.SendCertificateNotFound, missing.Outcome);
        Assert.False(missing.Advertised);
        Assert.Equal(3, missing.EndedAtStep);
        Assert.Equal(StepReason.NoCandidateForTlsCertificateName, T.Step(missing, StepKind.Candidates).Reason);
        Assert.Equal((StepKind.TlsCertificateNameOnSource, StepReason.TlsCertificateNameNotOnSource), (missing.Trace[^1].Kind, missing.Trace[^1].Reason));
        Assert.Equal(new TextValue("EX02"), missing.Trace[^1].Value(TraceField.SourceServer));
        Assert.Equal(CaName, missing.MatchKey);
        Assert.False(missing.KeyMalformed);
    }

    [Fact]
    public void Malformed_TlsCertificateName_is_not_found_and_marked()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Send(Build.Send("To Internet", "EX01") with { TlsCertificateName = "mail.contoso.com" })
            .Done();
        var r = Single4(org, "EX01");

        Assert.Equal(SelectionOutcome.SendCertificateNotFound, r.Outcome);
        Assert.True(r.KeyMalformed);
        Assert.Equal("mail.contoso.com", r.MatchKey);
        T.Seq([StepReason.TlsCertificateNameMalformed, StepReason.TlsCertificateNameNotOnSource], T.Reasons(r));
    }

    [Fact]
    public void Connector_Fqdn_is_the_key_before_the_server_FQDN()
    {
        var ca = T.CaCert("ca");
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(ca)))
            .Send(Build.Send("To Internet", "EX01") with { Fqdn = "mail.contoso.com" })
            .Done();
        var r = Single4(org, "EX01");

        Assert.Equal("mail.contoso.com", r.MatchKey);
        Assert.Equal(ca.Thumbprint, r.Certificate);
        Assert.False(r.ImplicitHybridCertificate);
        Assert.Equal(StepReason.KeyIsConnectorFqdn, r.Trace[0].Reason);
        Assert.Equal(StepReason.NotExchangeOnline, T.Step(r, StepKind.ExchangeOnline).Reason);
    }

    [Fact]
    public void Without_name_or_Fqdn_the_server_FQDN_picks_the_certificate()
    {
        var server = ServerBuilder.Mailbox("EX01");
        var org = new OrgBuilder().Server(server).Send(Build.Send("To Internet", "EX01")).Done();
        var r = Single4(org, "EX01");

        Assert.Equal("ex01.contoso.com", r.MatchKey);
        Assert.Equal(server.InternalCertificate.Thumbprint, r.Certificate);
        Assert.False(r.ImplicitHybridCertificate);
        Assert.Equal(StepReason.KeyIsServerFqdn, r.Trace[0].Reason);
        Assert.Equal(new KeyValue("ex01.contoso.com", KeySource.ServerFqdn, null, null), r.Trace[0].Value(TraceField.Key));
    }

    [Theory]
    [InlineData(true, "smarthost.contoso.com")]
    [InlineData(false, "contoso-com.MAIL.protection.outlook.com")]
    public void Hybrid_connector_without_name_or_Fqdn_is_implicit(bool cloudEnabled, string smartHost)
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Send(Build.Send("Outbound to Office 365", "EX01") with { CloudServicesMailEnabled = cloudEnabled, SmartHosts = [smartHost] })
            .Done();
        var r = Single4(org, "EX01");

        Assert.True(r.ImplicitHybridCertificate);
        Assert.Equal(5, r.EndedAtStep);
        var step = Assert.Single(r.Trace, t => t.Number == 5);
        Assert.Equal((StepKind.ExchangeOnline, StepReason.ImplicitHybridCertificate), (step.Kind, step.Reason));
        Assert.Equal(new FlagValue(cloudEnabled), step.Value(TraceField.CloudServicesMailEnabled));
        Assert.Equal(new KeyValue("ex01.contoso.com", KeySource.ServerFqdn, null, null), step.Value(TraceField.Key));
    }

    [Fact]
    public void Unknown_cloud_flag_matters_only_when_the_server_FQDN_is_the_key()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(T.CaCert("ca"))))
            .Send(Build.Send("Implicit", "EX01") with { CloudServicesMailEnabled = null })
            .Send(Build.Send("Named", "EX01") with { CloudServicesMailEnabled = null, Fqdn = "mail.contoso.com" })
            .Done();
        var results = Replay.OutboundStartTls(org, T.Options);

        T.Seq([ReplayProperty.CloudServicesMailEnabled], results.Single(r => r.Connector == "Implicit").Unknowns);
        Assert.Empty(results.Single(r => r.Connector == "Named").Unknowns);
        Assert.All(results, r => Assert.False(r.ImplicitHybridCertificate));
    }

    [Fact]
    public void Hybrid_connector_with_Fqdn_is_not_implicit()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(T.CaCert("ca"))))
            .Send(Build.Send("Outbound to Office 365", "EX01") with { CloudServicesMailEnabled = true, Fqdn = "mail.contoso.com" })
            .Done();

        var r = Single4(org, "EX01");
        Assert.False(r.ImplicitHybridCertificate);
        Assert.Equal(StepReason.ExchangeOnlineNamedCertificate, T.Step(r, StepKind.ExchangeOnline).Reason);
    }

    [Fact]
    public void RequireTLS_settings_are_read_into_the_trace()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Send(Build.Send("Partner", "EX01") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.DomainValidation, TlsDomain = null })
            .Done();
        var step = Assert.Single(Single4(org, "EX01").Trace, t => t.Number == 6);

        Assert.Equal(StepKind.RequireTls, step.Kind);
        T.Seq(
            [
                new TraceRead(TraceField.RequireTls, new FlagValue(true)),
                new TraceRead(TraceField.TlsAuthLevel, new EnumValue(TlsAuthLevel.DomainValidation)),
                new TraceRead(TraceField.TlsDomain, new TextValue(null)),
            ],
            step.Reads);
        Assert.Equal(StepReason.DomainValidationWithoutTlsDomain, step.Reason);
    }

    [Fact]
    public void RequireTLS_is_in_the_trace_even_when_the_replay_stops_early()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Send(Build.Send("Partner", "EX01") with { RequireTls = true, TlsCertificateName = CaName })
            .Done();
        var r = Single4(org, "EX01");

        Assert.Equal(SelectionOutcome.SendCertificateNotFound, r.Outcome);
        Assert.Contains(new TraceRead(TraceField.RequireTls, new FlagValue(true)), r.Trace[0].Reads);
    }

    [Fact]
    public void Chosen_certificate_without_SMTP_fails_the_handshake()
    {
        var ca = T.CaCert("ca");
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(ca, services: CertificateServices.IIS)))
            .Send(Build.Send("To Internet", "EX01") with { TlsCertificateName = CaName })
            .Done();
        var r = Single4(org, "EX01");

        Assert.True(r.HandshakeFails);
        Assert.Equal(4, r.EndedAtStep);
        Assert.True(r.Advertised);
        Assert.Equal(StepReason.NotEnabledForSmtp, Assert.Single(r.Trace, t => t.Number == 4).Reason);
    }

    [Fact]
    public void Expiry_is_reported_without_events_outbound()
    {
        var ca = T.CaCert("ca", notBefore: Build.AsOf.AddYears(-2), notAfter: Build.AsOf.AddDays(-1));
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(ca)))
            .Send(Build.Send("To Internet", "EX01") with { TlsCertificateName = CaName })
            .Done();
        var r = Single4(org, "EX01");

        Assert.Equal(SelectionOutcome.SelectedExpired, r.Outcome);
        Assert.Empty(r.Events);
        var expiry = T.Step(r, StepKind.Expiry);
        Assert.Equal((StepReason.Expired, (int?)null), (expiry.Reason, expiry.Event));
    }

    [Fact]
    public void Candidates_refused_give_no_eligible_certificate_and_reuse_the_inbound_verdicts()
    {
        var ca = T.CaCert("ca");
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(ca, key: false)))
            .Send(Build.Send("To Internet", "EX01") with { TlsCertificateName = CaName })
            .Done();
        var r = Single4(org, "EX01");

        Assert.Equal(SelectionOutcome.NoEligibleCertificate, r.Outcome);
        Assert.Equal(2, r.EndedAtStep);
        T.Seq([RefusalReason.NoPrivateKey], Assert.Single(r.Candidates).RefusedBecause);
        Assert.Equal(StepReason.NoneEligibleForTlsCertificateName, r.Trace[^1].Reason);
    }

    [Fact]
    public void No_candidate_for_an_FQDN_key_is_no_matching_certificate()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Send(Build.Send("To Internet", "EX01") with { Fqdn = "mail.contoso.com" })
            .Done();
        var r = Single4(org, "EX01");

        Assert.Equal(SelectionOutcome.NoMatchingCertificate, r.Outcome);
        Assert.Equal(2, r.EndedAtStep);
        Assert.Equal((StepKind.Candidates, StepReason.NoCandidate, (int?)null), (r.Trace[^1].Kind, r.Trace[^1].Reason, r.Trace[^1].Event));
    }

    [Fact]
    public void Source_server_absent_from_the_snapshot_is_undetermined()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Send(Build.Send("To Internet", "EX09") with { TlsCertificateName = CaName })
            .Done();
        var r = Single4(org, "EX09");

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.False(r.Advertised);
        T.Seq([ReplayProperty.Server], r.Unknowns);
        Assert.Equal((StepKind.Candidates, StepReason.SourceServerNotInSnapshot), (r.Trace[^1].Kind, r.Trace[^1].Reason));
        Assert.Equal(new TextValue("EX09"), r.Trace[^1].Value(TraceField.SourceServer));
    }

    [Fact]
    public void Source_server_store_not_collected_is_undetermined()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").StoreMissing())
            .Send(Build.Send("To Internet", "EX01"))
            .Done();
        var r = Single4(org, "EX01");

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(2, r.EndedAtStep);
        T.Seq([ReplayProperty.Certificates], r.Unknowns);
        Assert.Equal(StepReason.StoreNotCollected, r.Trace[^1].Reason);
    }

    [Fact]
    public void Unknown_TlsCertificateName_is_undetermined_at_step_1()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01"))
            .Send(Build.Send("To Internet", "EX01") with { TlsCertificateName = null })
            .Done();
        var r = Single4(org, "EX01");

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(1, r.EndedAtStep);
        Assert.Equal((StepKind.Key, StepReason.TlsCertificateNameUnknown), (r.Trace[^1].Kind, r.Trace[^1].Reason));
    }

    [Fact]
    public void Edge_own_connector_is_replayed_once_for_that_Edge()
    {
        ServerSnapshot edge = ServerBuilder.Edge("EDGE01");
        var own = Build.Send("To Internet", "EDGE01") with { DumpServer = "EDGE01", Identity = "EDGE01 To Internet" };
        var ownWithoutSources = Build.Send("Local", []) with { DumpServer = "EDGE01", Identity = "EDGE01 Local", SourceTransportServers = null };
        var org = new OrgBuilder().Server(edge).Send(own).Send(ownWithoutSources).Done();
        var results = Replay.OutboundStartTls(org, T.Options);

        T.Seq(["EDGE01 Local", "EDGE01 To Internet"], results.Select(r => r.Connector!));
        Assert.All(results, r => Assert.Equal("EDGE01", r.Server));
        Assert.All(results, r => Assert.Equal("edge01.dmz.contoso.com", r.MatchKey));
    }

    [Fact]
    public void Without_send_connectors_section_there_is_nothing_to_replay()
    {
        var org = new OrgBuilder().Server(ServerBuilder.Mailbox("EX01")).SendConnectorsMissing().Done();

        Assert.Empty(Replay.OutboundStartTls(org, T.Options));
    }
}
