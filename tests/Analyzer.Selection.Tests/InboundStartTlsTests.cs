using Extls.Model;
using Extls.TestKit;

namespace Extls.Selection.Tests;

public class InboundStartTlsTests
{
    private const string Frontend = "Default Frontend EX01";
    private const string CaName = "<I>CN=Contoso Issuing CA, DC=contoso, DC=com<S>CN=mail.contoso.com, O=Contoso, C=JP";

    private static SelectionResult Replay3(ServerBuilder server, string connector = Frontend, ReplayOptions? options = null) =>
        Replay.InboundStartTls(server, server.ConnectorNamed(connector), options ?? T.Options);

    private static ServerBuilder WithName(string? tlsCertificateName, string? fqdn = "") =>
        ServerBuilder.Mailbox("EX01").Connector(Frontend, c => c with { TlsCertificateName = tlsCertificateName, Fqdn = fqdn });

    [Fact]
    public void Without_Tls_in_AuthMechanism_STARTTLS_is_not_offered()
    {
        var server = ServerBuilder.Mailbox("EX01").Connector(Frontend, c => c with { AuthMechanism = ReceiveAuthMechanism.ExchangeServer });
        var r = Replay3(server);

        Assert.Equal(SelectionOutcome.TlsNotOffered, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Equal(2, r.EndedAtStep);
        Assert.Empty(r.Events);
        Assert.Equal(StepReason.TlsNotInAuthMechanism, r.Trace[^1].Reason);
    }

    [Fact]
    public void Unknown_AuthMechanism_is_undetermined_at_step_2()
    {
        var r = Replay3(ServerBuilder.Mailbox("EX01").Connector(Frontend, c => c with { AuthMechanism = null }));

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(2, r.EndedAtStep);
        T.Seq([ReplayProperty.AuthMechanism], r.Unknowns);
    }

    [Fact]
    public void Default_connector_falls_to_the_server_FQDN_and_its_self_signed_certificate()
    {
        var server = ServerBuilder.Mailbox("EX01");
        var r = Replay3(server);

        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        Assert.True(r.Advertised);
        Assert.Equal("ex01.contoso.com", r.MatchKey);
        Assert.Equal(server.InternalCertificate.Thumbprint, r.Certificate);
        Assert.Equal(10, r.EndedAtStep);
        T.Seq([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], r.Trace.Select(t => t.Number));
        T.Seq(
            [
                StepReason.SessionStarts, StepReason.TlsInAuthMechanism, StepReason.TlsCertificateNameNotSet, StepReason.FqdnNotSet,
                StepReason.KeyIsServerFqdn, StepReason.CandidatesFound, StepReason.SomeEligible, StepReason.Ranked,
                StepReason.FirstSelfSigned, StepReason.NotExpired, StepReason.EnabledForSmtp,
            ],
            T.Reasons(r));
        Assert.Equal(
            new KeyValue("ex01.contoso.com", KeySource.ServerFqdn, null, null),
            T.Step(r, StepKind.KeyServerFqdn).Value(TraceField.Key));
        Assert.Equal(new ThumbprintValue(server.InternalCertificate.Thumbprint), T.Step(r, StepKind.Choose).Value(TraceField.Chosen));
        Assert.Equal(
            new StandingValue(server.InternalCertificate.Thumbprint, CertificateStanding.SelfSigned),
            T.Step(r, StepKind.Choose).Value(TraceField.Standing));
        T.Seq([Assumption.A5, Assumption.A7], r.Assumptions);
        var only = Assert.Single(r.Candidates);
        Assert.True(only.Chosen);
        Assert.True(only.SelfSigned);
        Assert.Equal(1, only.Rank);
        Assert.False(r.HandshakeFails);
    }

    [Fact]
    public void TlsCertificateName_matches_after_normalising_spaces_and_case_under_A4()
    {
        var ca = T.CaCert("ca");
        var server = WithName("<I>cn=Contoso Issuing CA,DC=contoso,DC=com<S>CN = MAIL.contoso.com,O=Contoso,C=JP")
            .AddToStore(T.Store(ca));
        var r = Replay3(server);

        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        Assert.Equal(ca.Thumbprint, r.Certificate);
        Assert.Contains(Assumption.A4, r.Assumptions);
        Assert.DoesNotContain(Assumption.A5, r.Assumptions);
        // The key is found at step 3, so steps 4 and 5 do not run.
        var key = Assert.Single(r.Trace, t => t.Kind is StepKind.KeyTlsCertificateName or StepKind.KeyConnectorFqdn or StepKind.KeyServerFqdn);
        Assert.Equal(StepReason.KeyIsTlsCertificateName, key.Reason);
        var value = Assert.IsType<KeyValue>(key.Value(TraceField.Key));
        Assert.Equal((KeySource.TlsCertificateName, "cn=Contoso Issuing CA,DC=contoso,DC=com", "CN = MAIL.contoso.com,O=Contoso,C=JP"), (value.Source, value.Issuer, value.Subject));
    }

    [Fact]
    public void Bracket_form_of_TlsCertificateName_is_accepted()
    {
        var ca = T.CaCert("ca");
        var server = WithName("[I]CN=Contoso Issuing CA, DC=contoso, DC=com[S]CN=mail.contoso.com, O=Contoso, C=JP").AddToStore(T.Store(ca));

        Assert.Equal(ca.Thumbprint, Replay3(server).Certificate);
    }

    [Fact]
    public void Malformed_TlsCertificateName_matches_nothing_and_is_marked()
    {
        var r = Replay3(WithName("CN=mail.contoso.com").AddToStore(T.Store(T.CaCert("ca"))));

        Assert.Equal(SelectionOutcome.NoMatchingCertificate, r.Outcome);
        Assert.True(r.KeyMalformed);
        Assert.False(r.Advertised);
        Assert.Equal("CN=mail.contoso.com", r.MatchKey);
        Assert.Equal(6, r.EndedAtStep);
        T.Seq([12014], r.Events);
        Assert.Equal(StepReason.TlsCertificateNameMalformed, T.Step(r, StepKind.KeyTlsCertificateName).Reason);
        var candidates = T.Step(r, StepKind.Candidates);
        Assert.Equal((StepReason.MalformedKeyMatchesNothing, 12014), (candidates.Reason, candidates.Event));
        Assert.Equal(new KeyValue("CN=mail.contoso.com", KeySource.TlsCertificateName, null, null), candidates.Value(TraceField.Key));
    }

    [Fact]
    public void Stale_TlsCertificateName_finds_no_candidate_12014()
    {
        var r = Replay3(WithName(CaName));

        Assert.Equal(SelectionOutcome.NoMatchingCertificate, r.Outcome);
        Assert.False(r.KeyMalformed);
        Assert.False(r.Advertised);
        Assert.Equal(6, r.EndedAtStep);
        T.Seq([12014], r.Events);
        Assert.Equal(CaName, r.MatchKey);
        Assert.Equal((StepKind.Candidates, StepReason.NoCandidate, 12014), (r.Trace[^1].Kind, r.Trace[^1].Reason, r.Trace[^1].Event));
        Assert.Equal(CaName, Assert.IsType<KeyValue>(r.Trace[^1].Value(TraceField.Key)).Text);
        Assert.Empty(Assert.IsType<ListValue>(r.Trace[^1].Value(TraceField.Candidates)).Items!.Value);
        Assert.Empty(r.Candidates);
    }

    [Fact]
    public void Connector_Fqdn_is_the_key_when_TlsCertificateName_is_empty()
    {
        var ca = T.CaCert("ca");
        var r = Replay3(WithName("", "mail.contoso.com").AddToStore(T.Store(ca)));

        Assert.Equal("mail.contoso.com", r.MatchKey);
        Assert.Equal(ca.Thumbprint, r.Certificate);
        Assert.DoesNotContain(r.Trace, t => t.Kind == StepKind.KeyServerFqdn);
        Assert.Equal(StepReason.KeyIsConnectorFqdn, T.Step(r, StepKind.KeyConnectorFqdn).Reason);
    }

    [Fact]
    public void Wildcard_certificate_matches_a_one_label_FQDN()
    {
        var wildcard = T.CaCert("wild", "CN=*.contoso.com", dnsNames: ["*.contoso.com"]);
        var r = Replay3(WithName("", "mail.contoso.com").AddToStore(T.Store(wildcard)));

        Assert.Equal(wildcard.Thumbprint, r.Certificate);
        Assert.Contains(Assumption.A5, r.Assumptions);
    }

    [Fact]
    public void Wildcard_certificate_does_not_match_two_labels()
    {
        var wildcard = T.CaCert("wild", "CN=*.contoso.com", dnsNames: ["*.contoso.com"]);
        var r = Replay3(WithName("", "smtp.eu.contoso.com").AddToStore(T.Store(wildcard)));

        Assert.Equal(SelectionOutcome.NoMatchingCertificate, r.Outcome);
        T.Seq([12014], r.Events);
    }

    [Fact]
    public void Unknown_TlsCertificateName_is_undetermined_at_step_3()
    {
        var r = Replay3(WithName(null));

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(3, r.EndedAtStep);
        T.Seq([ReplayProperty.TlsCertificateName], r.Unknowns);
        Assert.Equal(StepReason.TlsCertificateNameUnknown, r.Trace[^1].Reason);
    }

    [Fact]
    public void Unknown_connector_Fqdn_is_undetermined_at_step_4()
    {
        var r = Replay3(WithName("", null));

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(4, r.EndedAtStep);
        T.Seq([ReplayProperty.Fqdn], r.Unknowns);
        Assert.Equal(StepReason.FqdnUnknown, r.Trace[^1].Reason);
    }

    [Fact]
    public void Unknown_server_FQDN_is_undetermined_at_step_5()
    {
        var r = Replay3(ServerBuilder.Mailbox("EX01").Fqdn(null));

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(5, r.EndedAtStep);
        T.Seq([ReplayProperty.ServerFqdn], r.Unknowns);
        Assert.Equal(StepReason.ServerFqdnUnknown, r.Trace[^1].Reason);
    }

    [Fact]
    public void Store_not_collected_is_undetermined_at_step_6()
    {
        var r = Replay3(ServerBuilder.Mailbox("EX01").StoreMissing());

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(6, r.EndedAtStep);
        Assert.Equal("ex01.contoso.com", r.MatchKey);
        T.Seq([ReplayProperty.Certificates], r.Unknowns);
    }

    [Fact]
    public void No_eligible_candidate_lists_why_each_was_refused()
    {
        var v1 = T.CaCert("v1", version: 1);
        var noKey = T.CaCert("nokey", notBefore: Build.AsOf.AddDays(-10));
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(v1), T.Store(noKey, key: false)));

        Assert.Equal(SelectionOutcome.NoEligibleCertificate, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Equal(7, r.EndedAtStep);
        T.Seq([12014], r.Events);
        Assert.Equal(2, r.Candidates.Length);
        T.Seq([RefusalReason.NotV3], r.Candidates.Single(c => c.Thumbprint == v1.Thumbprint).RefusedBecause);
        T.Seq([RefusalReason.NoPrivateKey], r.Candidates.Single(c => c.Thumbprint == noKey.Thumbprint).RefusedBecause);
        Assert.All(r.Candidates, c => Assert.Null(c.Rank));
        var eligible = T.Step(r, StepKind.Eligible);
        Assert.Equal((StepReason.NoneEligible, 12014), (eligible.Reason, eligible.Event));
        var verdicts = eligible.Reads.Select(x => Assert.IsType<CandidateValue>(x.Value)).ToDictionary(c => c.Thumbprint);
        T.Seq([RefusalReason.NotV3], verdicts[v1.Thumbprint].Refused);
        T.Seq([RefusalReason.NoPrivateKey], verdicts[noKey.Thumbprint].Refused);
    }

    [Fact]
    public void Unknown_private_key_is_not_refused_but_reported_unknown()
    {
        var ca = T.CaCert("ca");
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(ca, key: null)));

        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        Assert.Equal(ca.Thumbprint, r.Certificate);
        Assert.Contains(ReplayProperty.HasPrivateKey, r.Unknowns);
        var c = Assert.Single(r.Candidates);
        Assert.True(c.Eligible);
        Assert.Contains(ReplayProperty.HasPrivateKey, c.Unknowns);
    }

    [Fact]
    public void Properties_the_import_marked_unknown_are_unknown_whatever_their_value()
    {
        var ca = T.CaCert("ca");
        var rebuilt = T.Store(ca, key: false, services: CertificateServices.None) with { UnknownProperties = ["HasPrivateKey", "Services", "Status"] };
        var r = Replay3(WithName("", "mail.contoso.com").Store(rebuilt));

        Assert.Equal(ca.Thumbprint, r.Certificate);
        Assert.False(r.HandshakeFails);
        T.Seq([ReplayProperty.HasPrivateKey, ReplayProperty.Services, ReplayProperty.Status], r.Unknowns);
    }

    [Fact]
    public void Unknowns_of_a_refused_candidate_do_not_make_the_answer_uncertain()
    {
        var ca = T.CaCert("ca");
        var v1 = T.CaCert("v1", version: 1);
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(ca), T.Store(v1, key: null)));

        Assert.Equal(ca.Thumbprint, r.Certificate);
        Assert.Empty(r.Unknowns);
        T.Seq([ReplayProperty.HasPrivateKey], r.Candidates.Single(c => c.Thumbprint == v1.Thumbprint).Unknowns);
    }

    [Fact]
    public void Unknown_version_is_eligible_but_unknown()
    {
        var ca = T.CaCert("ca", version: null);
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(ca)));

        Assert.Equal(ca.Thumbprint, r.Certificate);
        Assert.Contains(ReplayProperty.Version, r.Unknowns);
    }

    [Fact]
    public void Subject_key_whose_name_the_certificate_does_not_carry_is_refused()
    {
        // A subject with no CN and no DNS names: nothing for a client to check the name against.
        var nameless = Build.Cert(T.Thumb("nameless"), "O=Contoso, C=JP", issuer: "CN=Contoso Issuing CA", dnsNames: [], selfSigned: false);
        var r = Replay3(WithName("<I>CN=Contoso Issuing CA<S>O=Contoso, C=JP").Store(T.Store(nameless)));

        Assert.Equal(SelectionOutcome.NoEligibleCertificate, r.Outcome);
        T.Seq([RefusalReason.NameNotInCertificate], Assert.Single(r.Candidates).RefusedBecause);
    }

    [Fact]
    public void Renewal_keeps_the_newer_NotBefore_although_the_other_expires_later()
    {
        var longer = T.CaCert("longer", notBefore: Build.AsOf.AddMonths(-6), notAfter: Build.AsOf.AddYears(3));
        var renewed = T.CaCert("renewed", notBefore: Build.AsOf.AddDays(-1), notAfter: Build.AsOf.AddYears(1));
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(longer), T.Store(renewed)));

        Assert.Equal(renewed.Thumbprint, r.Certificate);
        T.Seq([renewed.Thumbprint, longer.Thumbprint], r.Candidates.Select(c => c.Thumbprint));
        T.Seq<int?>([1, 2], r.Candidates.Select(c => c.Rank));
        T.Seq([true, false], r.Candidates.Select(c => c.Chosen));
    }

    [Fact]
    public void Valid_CA_certificate_wins_over_a_newer_self_signed_one()
    {
        var ca = T.CaCert("ca", notBefore: Build.AsOf.AddYears(-1));
        var self = Build.Cert(T.Thumb("self"), "CN=mail.contoso.com", notBefore: Build.AsOf.AddDays(-1), dnsNames: ["mail.contoso.com"]);
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(self), T.Store(ca)));

        Assert.Equal(ca.Thumbprint, r.Certificate);
        Assert.Equal(2, r.Candidates.Single(c => c.Chosen).Rank);
        Assert.True(r.Candidates.Single(c => c.Chosen).ValidCaIssued);
    }

    [Fact]
    public void Self_signed_is_the_fallback_when_no_CA_certificate_is_valid()
    {
        var revoked = T.CaCert("revoked", notBefore: Build.AsOf.AddDays(-1));
        var future = T.CaCert("future", notBefore: Build.AsOf.AddDays(1));
        var self = Build.Cert(T.Thumb("self"), "CN=mail.contoso.com", notBefore: Build.AsOf.AddYears(-2), dnsNames: ["mail.contoso.com"]);
        var r = Replay3(WithName("", "mail.contoso.com")
            .Store(T.Store(revoked, status: CertificateStatus.Revoked), T.Store(future), T.Store(self)));

        Assert.Equal(self.Thumbprint, r.Certificate);
        Assert.Equal(StepReason.FirstSelfSigned, T.Step(r, StepKind.Choose).Reason);
        T.Seq(
            [CertificateStanding.CaIssuedNotValid, CertificateStanding.CaIssuedNotValid, CertificateStanding.SelfSigned],
            T.Step(r, StepKind.Choose).Reads.Select(x => x.Value).OfType<StandingValue>().Select(s => s.Standing));
        Assert.Contains(Assumption.A7, r.Assumptions);
    }

    [Fact]
    public void Without_valid_CA_or_self_signed_the_first_eligible_is_taken_and_said_so()
    {
        var untrusted = T.CaCert("untrusted", notBefore: Build.AsOf.AddDays(-1));
        var invalid = T.CaCert("invalid", notBefore: Build.AsOf.AddDays(-5));
        var r = Replay3(WithName("", "mail.contoso.com")
            .Store(T.Store(invalid, status: CertificateStatus.Invalid), T.Store(untrusted, status: CertificateStatus.Untrusted)));

        Assert.Equal(untrusted.Thumbprint, r.Certificate);
        Assert.Equal(StepReason.FirstEligible, T.Step(r, StepKind.Choose).Reason);
        Assert.Equal(new ThumbprintValue(untrusted.Thumbprint), T.Step(r, StepKind.Choose).Value(TraceField.Chosen));
    }

    [Fact]
    public void Expired_chosen_certificate_is_still_advertised_with_12016()
    {
        var ca = T.CaCert("ca", notBefore: Build.AsOf.AddYears(-2), notAfter: Build.AsOf.AddTicks(-1));
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(ca)));

        Assert.Equal(SelectionOutcome.SelectedExpired, r.Outcome);
        Assert.True(r.Advertised);
        T.Seq([12016], r.Events);
        Assert.Equal((StepReason.Expired, 12016, 10), (T.Step(r, StepKind.Expiry).Reason, T.Step(r, StepKind.Expiry).Event, T.Step(r, StepKind.Expiry).Number));
    }

    [Fact]
    public void Chosen_certificate_expiring_at_as_of_is_inside_the_window_12018()
    {
        var ca = T.CaCert("ca", notBefore: Build.AsOf.AddYears(-2), notAfter: Build.AsOf);
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(ca)));

        Assert.Equal(SelectionOutcome.SelectedExpiresSoon, r.Outcome);
        T.Seq([12018], r.Events);
        Assert.Equal((StepReason.ExpiresSoon, 12018), (T.Step(r, StepKind.Expiry).Reason, T.Step(r, StepKind.Expiry).Event));
    }

    [Fact]
    public void Chosen_certificate_without_SMTP_is_advertised_but_the_handshake_fails_under_A6()
    {
        var ca = T.CaCert("ca");
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(ca, services: CertificateServices.IIS)));

        Assert.Equal(ca.Thumbprint, r.Certificate);
        Assert.True(r.Advertised);
        Assert.True(r.HandshakeFails);
        Assert.Equal(11, r.EndedAtStep);
        Assert.Contains(Assumption.A6, r.Assumptions);
        Assert.Equal(StepReason.SomeEligibleWithoutSmtp, T.Step(r, StepKind.Eligible).Reason);
        Assert.Equal((StepKind.SmtpService, StepReason.NotEnabledForSmtp), (r.Trace[^1].Kind, r.Trace[^1].Reason));
        Assert.Equal(new EnumValue(CertificateServices.IIS), r.Trace[^1].Value(TraceField.Services));
    }

    [Fact]
    public void Unknown_services_on_the_chosen_certificate_is_not_a_failure_but_unknown()
    {
        var ca = T.CaCert("ca");
        var r = Replay3(WithName("", "mail.contoso.com").Store(T.Store(ca, services: null)));

        Assert.False(r.HandshakeFails);
        Assert.Contains(ReplayProperty.Services, r.Unknowns);
        Assert.DoesNotContain(Assumption.A6, r.Assumptions);
        Assert.Equal(StepReason.ServicesUnknown, T.Step(r, StepKind.SmtpService).Reason);
        Assert.Equal(new EnumValue(null), T.Step(r, StepKind.SmtpService).Value(TraceField.Services));
    }

    [Fact]
    public void Trace_reads_are_typed_values()
    {
        var server = ServerBuilder.Mailbox("EX01");
        var r = Replay3(server);
        var expiry = T.Step(r, StepKind.Expiry);

        Assert.Equal(new DateValue(server.InternalCertificate.NotAfter), expiry.Value(TraceField.NotAfter));
        Assert.Equal(new DateValue(Build.AsOf), expiry.Value(TraceField.AsOf));
        Assert.Equal(new NumberValue(30), expiry.Value(TraceField.WarningDays));
        Assert.Equal(new EnumValue(CertificateServices.SMTP), T.Step(r, StepKind.SmtpService).Value(TraceField.Services));
        Assert.Equal(StepReason.SomeEligible, T.Step(r, StepKind.Eligible).Reason);
        Assert.Equal(new NumberValue(1), T.Step(r, StepKind.Candidates).Value(TraceField.StoreCertificates));
        var ranked = Assert.IsType<RankedValue>(T.Step(r, StepKind.Rank).Value(TraceField.Ranked));
        Assert.Equal((1, server.InternalCertificate.Thumbprint, server.InternalCertificate.NotBefore), (ranked.Rank, ranked.Thumbprint, ranked.NotBefore));
    }
}
