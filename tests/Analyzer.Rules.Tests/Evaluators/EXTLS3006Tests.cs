using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3006Tests
{
    private static ServerSnapshot Edge() => Build.Mailbox("EDGE01") with { Role = TransportServerRole.Edge, ServerRoleText = "Edge" };

    [Fact]
    public void Fires_on_EdgeSync_connectors_without_ExchangeServer_auth()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01"), Edge()),
            Build.Send("A Inbound Smart Host", "EDGE01") with { SmartHosts = ["--"], DumpServer = "EDGE01" },
            Build.Send("B Inbound Address Space", "EDGE01") with { AddressSpaces = ["smtp:--;1"], SmartHostAuthMechanism = SmartHostAuthMechanism.BasicAuth },
            Build.Send("C Correct", "EDGE01") with { SmartHosts = ["--"], SmartHostAuthMechanism = SmartHostAuthMechanism.ExchangeServer },
            Build.Send("D To Internet", "EDGE01"),
            Build.Send("E Unknown Auth", "EDGE01") with { SmartHosts = ["--"], SmartHostAuthMechanism = null });

        var found = RuleTestKit.Run(new EdgeSyncConnectorWithoutExchangeServerAuth(), RuleTestKit.Context(org));

        Assert.Equal(["A Inbound Smart Host", "B Inbound Address Space"], found.Select(d => d.Target.Id));
        Assert.Equal("None", RuleTestKit.Render(found[0], "smartHostAuthMechanism"));
        Assert.Equal("BasicAuth", RuleTestKit.Render(found[1], "smartHostAuthMechanism"));
        Assert.All(found, d => Assert.Equal("EDGE01", RuleTestKit.Render(d, "edge")));

        // The Edge's own copy is filed under the Edge; the organisation's copy under no server.
        Assert.Equal("EDGE01", found[0].Server);
        Assert.Null(found[1].Server);
        Assert.All(found, d => Assert.Equal([new Impact(Scenario.OutboundAnonymousTls, "EDGE01", null)], d.Impacts.ToArray()));
    }

    [Fact]
    public void Silent_when_the_EdgeSync_connector_uses_ExchangeServer()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Edge()),
            Build.Send("EdgeSync - Inbound to Default-First-Site-Name", "EDGE01") with { SmartHosts = ["--"], SmartHostAuthMechanism = SmartHostAuthMechanism.ExchangeServer });

        Assert.Empty(RuleTestKit.Run(new EdgeSyncConnectorWithoutExchangeServerAuth(), RuleTestKit.Context(org)));
    }
}
