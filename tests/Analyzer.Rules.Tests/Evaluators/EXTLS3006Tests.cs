using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3006Tests
{
    [Fact]
    public void Fires_on_EdgeSync_connectors_whose_SmartHostAuthMechanism_is_not_ExchangeServer()
    {
        var edge = Build.Mailbox("EDGE01") with { Role = TransportServerRole.Edge, ServerRoleText = "Edge" };
        var org = Build.Org(Build.Mailbox("EX01"), edge).WithSendConnectors(
            Build.Send("EdgeSync - Inbound", "EDGE01") with { SmartHosts = ["--"], SmartHostAuthMechanism = SmartHostAuthMechanism.BasicAuth },
            Build.Send("EdgeSync - Healthy", "EDGE01") with { SmartHosts = ["--"], SmartHostAuthMechanism = SmartHostAuthMechanism.ExchangeServer },
            Build.Send("Internet", "EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS3006, org, fires: ["EdgeSync - Inbound"], passes: ["EdgeSync - Healthy", "Internet"]));

        Assert.Contains("of Edge server EDGE01", d.Message, StringComparison.Ordinal);
        Assert.Contains("SmartHostAuthMechanism BasicAuth", d.Message, StringComparison.Ordinal);
        Assert.Equal([new Impact(Scenario.OutboundAnonymousTls, "EDGE01", null)], d.Impacts.ToArray());
        Assert.Null(d.Server);
    }
}
