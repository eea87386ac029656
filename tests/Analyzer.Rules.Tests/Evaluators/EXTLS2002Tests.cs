using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2002Tests
{
    [Fact]
    public void Fires_on_connectors_with_ExchangeServer_auth_that_suppress_X_ANONYMOUSTLS()
    {
        var server = Build.Mailbox("EX01").WithConnectors(
            Build.Receive("EX01", "Default EX01", suppress: true),
            Build.Receive("EX01", "Relay EX01", auth: ReceiveAuthMechanism.Tls, permissions: PermissionGroups.AnonymousUsers, suppress: true),
            Build.Receive("EX01", "Healthy EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2002, Build.Org(server),
            fires: ["EX01\\Default EX01"], passes: ["EX01\\Relay EX01", "EX01\\Healthy EX01"]));

        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default EX01")], d.Impacts.ToArray());
        Assert.Contains("A1", d.Assumptions);
    }
}
