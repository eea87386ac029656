using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2009Tests
{
    private static readonly string SelfSigned = Build.ThumbprintFor("EX01");

    [Fact]
    public void Fires_on_anonymous_and_hybrid_connectors_only()
    {
        var server = SnapshotChanges.WithConnectors(Build.Mailbox("EX01"),
            [.. Build.DefaultMailboxConnectors("EX01"),
             Build.Receive("EX01", "Hybrid Inbound", permissions: PermissionGroups.ExchangeServers) with { TlsDomainCapabilities = "mail.protection.outlook.com:AcceptCloudServicesMail" }]);
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, SelfSigned),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default EX01", SelectionOutcome.Selected, SelfSigned),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Hybrid Inbound", SelectionOutcome.Selected, SelfSigned));

        var found = RuleTestKit.Run(new StartTlsSelfSignedOnExternalConnector(), context);

        Assert.Equal(["EX01\\Default Frontend EX01", "EX01\\Hybrid Inbound"], found.Select(d => d.Target.Id));
        Assert.Equal("AnonymousUsers", RuleTestKit.Render(found[0], "exposure"));
        Assert.Equal("TlsDomainCapabilities", RuleTestKit.Render(found[1], "exposure"));
        Assert.All(found, d => Assert.Equal(SelfSigned, RuleTestKit.Render(d, "thumbprint")));
    }

    [Fact]
    public void Silent_for_a_CA_issued_certificate_and_when_self_signed_is_unknown()
    {
        var ca = Build.Cert(Build.ThumbprintFor("ca"), "CN=mail.contoso.com", "CN=Contoso CA");
        var unknown = Build.Cert(Build.ThumbprintFor("unknown"), "CN=EX02") with { IsSelfSigned = null };
        var ex01 = SnapshotChanges.WithStore(Build.Mailbox("EX01"), Build.InStore(ca));
        var ex02 = SnapshotChanges.WithStore(Build.Mailbox("EX02"), Build.InStore(unknown));
        var context = RuleTestKit.Context(Build.Org(ex01, ex02),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, ca.Thumbprint),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX02", "EX02\\Default Frontend EX02", SelectionOutcome.Selected, unknown.Thumbprint));

        Assert.Empty(RuleTestKit.Run(new StartTlsSelfSignedOnExternalConnector(), context));
    }
}
