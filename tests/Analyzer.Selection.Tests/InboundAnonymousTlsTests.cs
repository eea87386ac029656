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
        T.Seq(["Load", "ExchangeServer authentication", "Read AD", "Find in store", "Expiry"], T.Titles(r));
        T.Seq([1, 2, 3, 4, 5], r.Trace.Select(t => t.Step));
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
        Assert.Equal(
            "ExchangeServer is not in AuthMechanism (Tls, Integrated): X-ANONYMOUSTLS is not advertised.",
            r.Trace[^1].Outcome);
        Assert.Contains(new TraceValue("AuthMechanism", "Tls, Integrated"), r.Trace[^1].Reads);
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
        T.Seq(["A1"], r.Assumptions);
    }

    [Fact]
    public void Unknown_suppression_flag_is_taken_as_not_set_and_reported_unknown()
    {
        var server = ServerBuilder.Mailbox("EX01").Connector("Default EX01", c => c with { SuppressXAnonymousTls = null });
        var r = Replay1(server);

        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        T.Seq([ReplayUnknowns.SuppressXAnonymousTls], r.Unknowns);
        Assert.True(r.Uncertain);
    }

    [Fact]
    public void Unknown_AuthMechanism_is_undetermined_at_step_2()
    {
        var server = ServerBuilder.Mailbox("EX01").Connector("Default EX01", c => c with { AuthMechanism = null });
        var r = Replay1(server);

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Equal(2, r.EndedAtStep);
        T.Seq([ReplayUnknowns.AuthMechanism], r.Unknowns);
    }

    [Theory]
    [InlineData(AdCertificateState.Unreadable, SelectionOutcome.AdValueUnreadable, 12012)]
    [InlineData(AdCertificateState.Empty, SelectionOutcome.AdValueEmpty, 12012)]
    [InlineData(AdCertificateState.Corrupt, SelectionOutcome.AdValueCorrupt, 12022)]
    public void AD_problems_stop_at_step_3_with_their_event(AdCertificateState state, SelectionOutcome outcome, int eventId)
    {
        var server = ServerBuilder.Mailbox("EX01").Ad(state, error: "LDAP error 0x32");
        var r = Replay1(server);

        Assert.Equal(outcome, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Null(r.Certificate);
        Assert.Equal(3, r.EndedAtStep);
        T.Seq([eventId], r.Events);
        Assert.Empty(r.Unknowns);
    }

    [Fact]
    public void AD_value_not_collected_is_undetermined_at_step_3()
    {
        var r = Replay1(ServerBuilder.Mailbox("EX01").Ad(AdCertificateState.NotCollected));

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(3, r.EndedAtStep);
        T.Seq([ReplayUnknowns.InternalCertificate], r.Unknowns);
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
        T.Seq([ReplayUnknowns.Certificates], r.Unknowns);
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
        T.Seq(["A2"], r.Assumptions);
        Assert.Contains("12023", r.Trace[^1].Outcome);
        Assert.Contains("12024", r.Trace[^1].Outcome);
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
        Assert.Contains(new TraceValue("NotAfter", "2026-05-31T23:59:59Z"), r.Trace[^1].Reads);
        Assert.Contains(new TraceValue("AsOf", "2026-06-01T00:00:00Z"), r.Trace[^1].Reads);
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
