using Extls.Model;
using Extls.TestKit;

namespace Extls.Selection.Tests;

public class OutboundAnonymousTlsTests
{
    private static SelectionResult Replay2(ServerSnapshot server, OrganizationSnapshot? org = null) =>
        Replay.OutboundAnonymousTls(org ?? new OrgBuilder().Server(server).Done(), server, T.Options);

    [Fact]
    public void Mailbox_with_thumbprint_uses_anonymous_tls_under_A3()
    {
        var server = ServerBuilder.Mailbox("EX01");
        var r = Replay2(server);

        Assert.Equal(Scenario.OutboundAnonymousTls, r.Scenario);
        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        Assert.True(r.Advertised);
        Assert.Equal(server.InternalCertificate.Thumbprint, r.Certificate);
        Assert.Equal(4, r.EndedAtStep);
        Assert.Null(r.Connector);
        T.Seq([Assumption.A3], r.Assumptions);
        T.Seq([StepKind.StartByRole, StepKind.ReadAd, StepKind.FindInStore, StepKind.Expiry], T.Kinds(r));
        T.Seq([1, 2, 3, 4], r.Trace.Select(t => t.Number));
        Assert.Equal(StepReason.MailboxWithTransportThumbprint, r.Trace[0].Reason);
        Assert.Equal(new EnumValue(TransportServerRole.Mailbox), r.Trace[0].Value(TraceField.Role));
    }

    [Fact]
    public void Mailbox_with_empty_thumbprint_does_not_use_anonymous_tls()
    {
        var r = Replay2(ServerBuilder.Mailbox("EX01").TransportThumbprint(""));

        Assert.Equal(SelectionOutcome.TransportThumbprintEmpty, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Null(r.Certificate);
        Assert.Equal(1, r.EndedAtStep);
        Assert.Empty(r.Events);
        Assert.Equal(StepReason.TransportThumbprintEmpty, r.Trace[^1].Reason);
        Assert.Equal(new TextValue(""), r.Trace[^1].Value(TraceField.InternalTransportCertificateThumbprint));
    }

    [Fact]
    public void Mailbox_with_unknown_thumbprint_is_undetermined()
    {
        var r = Replay2(ServerBuilder.Mailbox("EX01").TransportThumbprint(null));

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(1, r.EndedAtStep);
        T.Seq([ReplayProperty.InternalTransportCertificateThumbprint], r.Unknowns);
    }

    [Fact]
    public void Unknown_role_with_TransportService_is_replayed_as_Mailbox()
    {
        var r = Replay2(ServerBuilder.Mailbox("EX01").Role(TransportServerRole.Unknown));

        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        T.Seq([Assumption.A3], r.Assumptions);
    }

    [Fact]
    public void Unknown_role_without_TransportService_is_undetermined()
    {
        var r = Replay2(ServerBuilder.Mailbox("EX01").Role(TransportServerRole.Unknown).TransportServiceMissing());

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Equal(1, r.EndedAtStep);
        T.Seq([ReplayProperty.Role], r.Unknowns);
        Assert.Equal(StepReason.RoleUnknown, r.Trace[^1].Reason);
        Assert.Equal(new EnumValue(null), r.Trace[^1].Value(TraceField.Role));
    }

    [Theory]
    [InlineData(AdCertificateState.Unreadable, SelectionOutcome.AdValueUnreadable, 12012)]
    [InlineData(AdCertificateState.Empty, SelectionOutcome.AdValueEmpty, 12012)]
    [InlineData(AdCertificateState.Corrupt, SelectionOutcome.AdValueCorrupt, 12022)]
    public void AD_problems_stop_at_step_2(AdCertificateState state, SelectionOutcome outcome, int eventId)
    {
        var r = Replay2(ServerBuilder.Mailbox("EX01").Ad(state));

        Assert.Equal(outcome, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Equal(2, r.EndedAtStep);
        T.Seq([eventId], r.Events);
        // Processes 1 and 2 share the AD step: the same kind and event, numbered by each process.
        Assert.Equal((StepKind.ReadAd, 2, eventId), (r.Trace[^1].Kind, r.Trace[^1].Number, r.Trace[^1].Event));
    }

    [Fact]
    public void Not_in_store_stops_at_step_3_with_12013()
    {
        var r = Replay2(ServerBuilder.Mailbox("EX01").Store());

        Assert.Equal(SelectionOutcome.CertificateNotInStore, r.Outcome);
        Assert.Equal(3, r.EndedAtStep);
        T.Seq([12013], r.Events);
        T.Seq([Assumption.A2, Assumption.A3], r.Assumptions);
    }

    [Fact]
    public void Expired_internal_certificate_is_still_used_with_12015_at_step_4()
    {
        var cert = Build.Cert(T.Thumb("expired"), "CN=EX01", notAfter: Build.AsOf.AddDays(-3));
        var r = Replay2(ServerBuilder.Mailbox("EX01").AdCertificate(cert).Store(T.Store(cert)).TransportThumbprint(cert.Thumbprint));

        Assert.Equal(SelectionOutcome.SelectedExpired, r.Outcome);
        Assert.True(r.Advertised);
        Assert.Equal(4, r.EndedAtStep);
        T.Seq([12015], r.Events);
    }

    [Fact]
    public void Store_not_collected_is_undetermined_at_step_3()
    {
        var r = Replay2(ServerBuilder.Mailbox("EX01").StoreMissing());

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        Assert.Equal(3, r.EndedAtStep);
        T.Seq([ReplayProperty.Certificates], r.Unknowns);
    }

    [Fact]
    public void Edge_with_EdgeSync_connector_and_ExchangeServer_auth_uses_anonymous_tls()
    {
        ServerSnapshot edge = ServerBuilder.Edge("EDGE01");
        var org = new OrgBuilder().SubscribedEdge(edge).Done();
        var r = Replay2(edge, org);

        Assert.Equal(SelectionOutcome.Selected, r.Outcome);
        Assert.True(r.Advertised);
        Assert.Equal("EdgeSync - Inbound to Default-First-Site-Name", r.Connector);
        Assert.Empty(r.Assumptions);
        var start = r.Trace[0];
        Assert.Equal(StepReason.EdgeWithEdgeSyncAndTransportThumbprint, start.Reason);
        var read = Assert.Single(start.Reads, x => x.Field == TraceField.SmartHostAuthMechanism);
        Assert.Equal(new TraceRead(TraceField.SmartHostAuthMechanism, new EnumValue(SmartHostAuthMechanism.ExchangeServer), "EdgeSync - Inbound to Default-First-Site-Name"), read);
    }

    [Fact]
    public void Edge_connector_recognised_by_its_address_space_only()
    {
        ServerSnapshot edge = ServerBuilder.Edge("EDGE01");
        var org = new OrgBuilder().Server(edge)
            .Send(OrgBuilder.EdgeSync("EDGE01") with { SmartHosts = [], SourceTransportServers = [] })
            .Done();

        Assert.Equal(SelectionOutcome.Selected, Replay2(edge, org).Outcome);
    }

    [Fact]
    public void Edge_EdgeSync_connector_without_ExchangeServer_auth_is_not_usable()
    {
        ServerSnapshot edge = ServerBuilder.Edge("EDGE01");
        var org = new OrgBuilder().SubscribedEdge(edge, SmartHostAuthMechanism.None).Done();
        var r = Replay2(edge, org);

        Assert.Equal(SelectionOutcome.EdgeSyncConnectorNotUsable, r.Outcome);
        Assert.False(r.Advertised);
        Assert.Equal(1, r.EndedAtStep);
        Assert.Equal("EdgeSync - Inbound to Default-First-Site-Name", r.Connector);
        Assert.Equal(StepReason.EdgeSyncWithoutExchangeServerAuthentication, r.Trace[^1].Reason);
        Assert.Contains(new TraceRead(TraceField.SmartHostAuthMechanism, new EnumValue(SmartHostAuthMechanism.None), "EdgeSync - Inbound to Default-First-Site-Name"), r.Trace[^1].Reads);
    }

    [Fact]
    public void Edge_without_any_EdgeSync_connector_is_not_usable()
    {
        ServerSnapshot edge = ServerBuilder.Edge("EDGE01");
        var internet = Build.Send("To Internet", "EDGE01") with { SmartHostAuthMechanism = SmartHostAuthMechanism.ExchangeServer };
        var org = new OrgBuilder().Server(edge).Send(internet).Done();
        var r = Replay2(edge, org);

        Assert.Equal(SelectionOutcome.EdgeSyncConnectorNotUsable, r.Outcome);
        Assert.Null(r.Connector);
        Assert.Equal(StepReason.NoEdgeSyncConnector, r.Trace[^1].Reason);
        Assert.Empty(Assert.IsType<ListValue>(r.Trace[^1].Value(TraceField.EdgeSyncConnectors)).Items!.Value);
    }

    [Fact]
    public void EdgeSync_connector_of_another_Edge_does_not_count()
    {
        ServerSnapshot edge = ServerBuilder.Edge("EDGE01");
        var org = new OrgBuilder().Server(edge).Send(OrgBuilder.EdgeSync("EDGE02")).Done();

        Assert.Equal(SelectionOutcome.EdgeSyncConnectorNotUsable, Replay2(edge, org).Outcome);
    }

    [Fact]
    public void Edge_with_unknown_SmartHostAuthMechanism_is_undetermined()
    {
        ServerSnapshot edge = ServerBuilder.Edge("EDGE01");
        var org = new OrgBuilder().SubscribedEdge(edge, auth: null).Done();
        var r = Replay2(edge, org);

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        T.Seq([ReplayProperty.SmartHostAuthMechanism], r.Unknowns);
        Assert.Equal(StepReason.EdgeSyncAuthenticationUnknown, r.Trace[^1].Reason);
    }

    [Fact]
    public void Edge_without_send_connectors_section_is_undetermined()
    {
        ServerSnapshot edge = ServerBuilder.Edge("EDGE01");
        var org = new OrgBuilder().Server(edge).SendConnectorsMissing().Done();
        var r = Replay2(edge, org);

        Assert.Equal(SelectionOutcome.Undetermined, r.Outcome);
        T.Seq([ReplayProperty.SendConnectors], r.Unknowns);
        Assert.Equal(StepReason.SendConnectorsNotCollected, r.Trace[^1].Reason);
        Assert.Equal(new SectionStateValue(SectionState.Absent), r.Trace[^1].Value(TraceField.SendConnectors));
    }

    [Fact]
    public void Edge_with_empty_thumbprint_does_not_use_anonymous_tls()
    {
        ServerSnapshot edge = ServerBuilder.Edge("EDGE01").TransportThumbprint("");
        var org = new OrgBuilder().SubscribedEdge(edge).Done();
        var r = Replay2(edge, org);

        Assert.Equal(SelectionOutcome.TransportThumbprintEmpty, r.Outcome);
        Assert.Equal("EdgeSync - Inbound to Default-First-Site-Name", r.Connector);
    }
}
