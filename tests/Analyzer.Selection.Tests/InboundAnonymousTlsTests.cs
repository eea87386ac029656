using Extls.Model;
using Extls.TestKit;

namespace Extls.Selection.Tests;

public class InboundAnonymousTlsTests
{
    private static SelectionResult Replay1(ServerBuilder server, string connector = "Default EX01", ReplayOptions? options = null) =>
        Replay.InboundAnonymousTls(server, server.ConnectorNamed(connector), options ?? T.Options);

    [Fact]
    public void Healthy_connector_advertises_with_the_internal_certificate()
    {
        var server = ServerBuilder.Mailbox("EX01");
        var r = Replay1(server);

        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        Assert.True(r.Advertised);
        Assert.Equal(server.InternalCertificate.Thumbprint, r.Certificate);
        Assert.Equal(5, r.EndedAtStep);
        Assert.Empty(r.Events);
        Assert.Empty(r.Assumptions);
        Assert.Empty(r.Unknowns);
        Assert.Equal("EX01\\Default EX01", r.Connector);
        T.Seq([StepKind.Load, StepKind.ExchangeServerAuthentication, StepKind.ReadAd, StepKind.FindInStore, StepKind.Expiry], T.Kinds(r));
        T.Seq([1, 2, 3, 4, 5], r.Trace.Select(t => t.Number));
        T.Seq(
            [StepReason.SessionStarts, StepReason.ExchangeServerInAuthMechanism, StepReason.AdValueHoldsCertificate, StepReason.InStore, StepReason.NotExpired],
            T.Reasons(r));
        Assert.All(r.Trace, t => Assert.Null(t.Event));
        Assert.Equal(new TextValue("EX01\\Default EX01"), r.Trace[0].Value(TraceField.Connector));
        Assert.Equal(new ThumbprintValue(server.InternalCertificate.Thumbprint), T.Step(r, StepKind.ReadAd).Value(TraceField.Thumbprint));
    }

    [Fact]
    public void Without_ExchangeServer_auth_nothing_is_advertised_at_step_2()
    {
        var server = ServerBuilder.Mailbox("EX01").Connector("Default EX01",
            c => c with { AuthMechanism = ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated });
        var r = Replay1(server);

        Assert.Equal(SelectionOutcome.ExchangeServerAuthMissing, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Null(r.Certificate);
        Assert.Equal(2, r.EndedAtStep);
        Assert.Empty(r.Events);
        Assert.Equal(StepReason.ExchangeServerNotInAuthMechanism, r.Trace[^1].Reason);
        Assert.Equal(new EnumValue(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated), r.Trace[^1].Value(TraceField.AuthMechanism));
        Assert.Equal(new FlagValue(false), r.Trace[^1].Value(TraceField.SuppressXAnonymousTls));
    }

    [Fact]
    public void SuppressXAnonymousTls_stops_right_after_step_2_under_A1()
    {
        var server = ServerBuilder.Mailbox("EX01")
            .Connector("Default EX01", c => c with { SuppressXAnonymousTls = true })
            .StoreMissing(); // would be undetermined at step 4 if the check came later
        var r = Replay1(server);

        Assert.Equal(SelectionOutcome.AnonymousTlsSuppressed, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Equal(2, r.EndedAtStep);
        Assert.Equal(StepReason.AnonymousTlsSuppressed, r.Trace[^1].Reason);
        T.Seq([Assumption.A1], r.Assumptions);
    }

    [Fact]
    public void Unknown_suppression_flag_is_taken_as_not_set_and_reported_unknown()
    {
        var server = ServerBuilder.Mailbox("EX01").Connector("Default EX01", c => c with { SuppressXAnonymousTls = null });
        var r = Replay1(server);

        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        T.Seq([ReplayProperty.SuppressXAnonymousTls], r.Unknowns);
        Assert.True(r.Uncertain);
        Assert.Equal(StepReason.ExchangeServerInAuthMechanismSuppressionUnknown, T.Step(r, StepKind.ExchangeServerAuthentication).Reason);
        Assert.Equal(new FlagValue(null), T.Step(r, StepKind.ExchangeServerAuthentication).Value(TraceField.SuppressXAnonymousTls));
    }

    [Fact]
    public void Unknown_AuthMechanism_is_undetermined_at_step_2()
    {
        var server = ServerBuilder.Mailbox("EX01").Connector("Default EX01", c => c with { AuthMechanism = null });
        var r = Replay1(server);

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Equal(2, r.EndedAtStep);
        T.Seq([ReplayProperty.AuthMechanism], r.Unknowns);
        Assert.Equal(StepReason.AuthMechanismUnknown, r.Trace[^1].Reason);
        Assert.Equal(new EnumValue(null), r.Trace[^1].Value(TraceField.AuthMechanism));
    }

    [Theory]
    [InlineData(AdCertificateState.Unreadable, SelectionOutcome.AdValueUnreadable, StepReason.AdValueUnreadable, 12012)]
    [InlineData(AdCertificateState.Empty, SelectionOutcome.AdValueEmpty, StepReason.AdValueEmpty, 12012)]
    [InlineData(AdCertificateState.Corrupt, SelectionOutcome.AdValueCorrupt, StepReason.AdValueCorrupt, 12022)]
    public void AD_problems_stop_at_step_3_with_their_event(AdCertificateState state, SelectionOutcome outcome, StepReason reason, int eventId)
    {
        var server = ServerBuilder.Mailbox("EX01").Ad(state, error: "LDAP error 0x32");
        var r = Replay1(server);

        Assert.Equal(outcome, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Null(r.Certificate);
        Assert.Equal(3, r.EndedAtStep);
        T.Seq([eventId], r.Events);
        Assert.Empty(r.Unknowns);
        var step = r.Trace[^1];
        Assert.Equal((StepKind.ReadAd, reason, eventId), (step.Kind, step.Reason, step.Event));
        Assert.Equal(new AdStateValue(state), step.Value(TraceField.MsExchServerInternalTlsCert));
        if (state != AdCertificateState.Empty)
        {
            // The collector's own words are kept as the dump has them.
            Assert.Contains(new TextValue("LDAP error 0x32"), step.Reads.Select(x => x.Value));
        }
    }

    [Fact]
    public void AD_value_not_collected_is_undetermined_at_step_3()
    {
        var r = Replay1(ServerBuilder.Mailbox("EX01").Ad(AdCertificateState.NotCollected));

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(3, r.EndedAtStep);
        T.Seq([ReplayProperty.InternalCertificate], r.Unknowns);
        Assert.Empty(r.Events);
    }

    [Fact]
    public void AD_value_said_present_without_a_parsed_certificate_is_undetermined_not_a_crash()
    {
        var r = Replay1(ServerBuilder.Mailbox("EX01").Ad(AdCertificateState.Present, certificate: null));

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(3, r.EndedAtStep);
    }

    [Fact]
    public void Store_not_collected_is_undetermined_at_step_4()
    {
        var r = Replay1(ServerBuilder.Mailbox("EX01").StoreMissing(SectionState.Failed));

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Equal(4, r.EndedAtStep);
        T.Seq([ReplayProperty.Certificates], r.Unknowns);
        Assert.Equal(StepReason.StoreNotCollected, r.Trace[^1].Reason);
        Assert.Equal(new SectionStateValue(SectionState.Failed), r.Trace[^1].Value(TraceField.Store));
    }

    [Fact]
    public void Certificate_missing_from_store_does_not_fall_back_under_A2()
    {
        var other = Build.Cert(T.Thumb("other"), "CN=EX01");
        var r = Replay1(ServerBuilder.Mailbox("EX01").Store(T.Store(other)));

        Assert.Equal(SelectionOutcome.CertificateNotInStore, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Null(r.Certificate);
        Assert.Equal(4, r.EndedAtStep);
        T.Seq([12013], r.Events);
        T.Seq([Assumption.A2], r.Assumptions);
        var step = r.Trace[^1];
        Assert.Equal((StepKind.FindInStore, StepReason.NotInStore, 12013), (step.Kind, step.Reason, step.Event));
        Assert.Equal(new ThumbprintValue(Build.ThumbprintFor("EX01")), step.Value(TraceField.Thumbprint));
        Assert.Equal(new NumberValue(1), step.Value(TraceField.StoreCertificates));
    }

    [Fact]
    public void Thumbprint_match_in_store_ignores_case()
    {
        var server = ServerBuilder.Mailbox("EX01");
        var cert = server.InternalCertificate;
        server.Store(T.Store(cert with { Thumbprint = cert.Thumbprint.ToLowerInvariant() }));
        var r = Replay1(server);

        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        Assert.Equal(cert.Thumbprint, r.Certificate);
    }

    [Fact]
    public void Expired_certificate_is_still_advertised_with_12015()
    {
        var cert = Build.Cert(T.Thumb("old"), "CN=EX01", notBefore: Build.AsOf.AddYears(-5), notAfter: Build.AsOf.AddSeconds(-1));
        var server = ServerBuilder.Mailbox("EX01").AdCertificate(cert).Store(T.Store(cert));
        var r = Replay1(server);

        Assert.Equal(SelectionOutcome.SelectedExpired, r.Outcome);
        Assert.True(r.Advertised);
        Assert.Equal(cert.Thumbprint, r.Certificate);
        T.Seq([12015], r.Events);
        Assert.Equal(5, r.EndedAtStep);
        var expiry = r.Trace[^1];
        Assert.Equal((StepKind.Expiry, StepReason.Expired, 12015), (expiry.Kind, expiry.Reason, expiry.Event));
        Assert.Equal(new DateValue(Build.AsOf.AddSeconds(-1)), expiry.Value(TraceField.NotAfter));
        Assert.Equal(new DateValue(Build.AsOf), expiry.Value(TraceField.AsOf));
        Assert.Equal(new NumberValue(30), expiry.Value(TraceField.WarningDays));
    }

    [Fact]
    public void Certificate_expiring_exactly_at_as_of_is_not_expired_but_inside_the_window()
    {
        var cert = Build.Cert(T.Thumb("edge"), "CN=EX01", notAfter: Build.AsOf);
        var r = Replay1(ServerBuilder.Mailbox("EX01").AdCertificate(cert).Store(T.Store(cert)));

        Assert.Equal(SelectionOutcome.SelectedExpiresSoon, r.Outcome);
        T.Seq([12017], r.Events);
        Assert.True(r.Advertised);
    }

    [Theory]
    [InlineData(0, SelectionOutcome.SelectedExpiresSoon)]
    [InlineData(1, SelectionOutcome.Selected)]
    public void Warning_window_includes_its_last_instant(int secondsBeyond, SelectionOutcome outcome)
    {
        var cert = Build.Cert(T.Thumb("window"), "CN=EX01", notAfter: Build.AsOf.AddDays(30).AddSeconds(secondsBeyond));
        var r = Replay1(ServerBuilder.Mailbox("EX01").AdCertificate(cert).Store(T.Store(cert)));

        Assert.Equal(outcome, r.Outcome);
        T.Seq(outcome == SelectionOutcome.Selected ? [] : [12017], r.Events);
    }

    [Fact]
    public void As_of_time_decides_not_the_clock()
    {
        var server = ServerBuilder.Mailbox("EX01");
        var later = new ReplayOptions(server.InternalCertificate.NotAfter.AddDays(1), 30);

        Assert.Equal(SelectionOutcome.SelectedExpired, Replay1(server, options: later).Outcome);
    }
}
