using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

// Fed by the real process 4, so that the rule and SelectionResult.ImplicitHybridCertificate cannot drift apart.
public sealed class EXTLS3005Tests
{
    private static AnalysisContext Replayed(Extls.Model.OrganizationSnapshot org) =>
        RuleTestKit.Context(org, [.. Replay.OutboundStartTls(org, new ReplayOptions(Build.AsOf, 30))]);

    [Fact]
    public void Fires_on_hybrid_connectors_that_name_no_certificate()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02")),
            Build.Send("A Cloud", "EX01", "EX02") with { CloudServicesMailEnabled = true },
            Build.Send("B Smart Host", "EX01") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"] },
            Build.Send("C Named", "EX01") with { CloudServicesMailEnabled = true, TlsCertificateName = "<I>CN=CA<S>CN=mail.contoso.com" },
            Build.Send("D Fqdn", "EX01") with { CloudServicesMailEnabled = true, Fqdn = "mail.contoso.com" },
            Build.Send("E Internet", "EX01"),
            Build.Send("G Disabled Cloud", "EX01") with { CloudServicesMailEnabled = true, Enabled = false },
            Build.Send("F Lookalike", "EX01") with { SmartHosts = ["mail.protection.outlook.com.evil.example"] },
            Build.Send("H Uncollected Name", "EX01") with { CloudServicesMailEnabled = true, TlsCertificateName = null });

        var found = RuleTestKit.Run(new HybridConnectorImplicitCertificate(), Replayed(org));

        Assert.Equal(["A Cloud", "B Smart Host"], found.Select(d => d.Target.Id));
        Assert.All(found, d => Assert.Equal(FindingTargetKind.SendConnector, d.Target.Kind));
        Assert.Equal("CloudServicesMailEnabled", RuleTestKit.Render(found[0], "hybridBecause"));
        Assert.Equal("contoso-com.mail.protection.outlook.com", RuleTestKit.Render(found[1], "hybridBecause"));
        Assert.Equal(["EX01", "EX02"], found[0].Impacts.Select(i => i.Server));
        Assert.All(found[0].Impacts, i => Assert.Equal((Scenario.OutboundStartTls, "A Cloud"), (i.Scenario, i.Connector)));
        Assert.Contains("A8", found[0].Assumptions);
        // A send connector is an organisation object: no server even with a single source server.
        Assert.All(found, d => Assert.Null(d.Server));
    }

    [Fact]
    public void A_hybrid_connector_without_source_servers_is_reported_without_impacts()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01")),
            Build.Send("A Cloud Unassigned") with { CloudServicesMailEnabled = true },
            Build.Send("B Cloud Unassigned Named") with { CloudServicesMailEnabled = true, Fqdn = "mail.contoso.com" },
            Build.Send("C Cloud Unassigned Uncollected") with { CloudServicesMailEnabled = true, Fqdn = null });

        var d = Assert.Single(RuleTestKit.Run(new HybridConnectorImplicitCertificate(), Replayed(org)));

        Assert.Equal("A Cloud Unassigned", d.Target.Id);
        Assert.Empty(d.Impacts);
        Assert.Equal(["A8"], d.Assumptions.ToArray());
    }

    [Fact]
    public void Silent_without_hybrid_connectors()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01")), Build.Send("Internet", "EX01"));

        Assert.Empty(RuleTestKit.Run(new HybridConnectorImplicitCertificate(), Replayed(org)));
    }
}
