using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2001Tests
{
    private const ReceiveAuthMechanism WithoutExchangeServer =
        ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated | ReceiveAuthMechanism.BasicAuth | ReceiveAuthMechanism.BasicAuthRequireTLS;

    [Fact]
    public void Fires_on_connectors_for_Exchange_servers_without_ExchangeServer_auth_but_not_on_Client_Frontend_or_disabled_ones()
    {
        var server = Build.Mailbox("EX02").WithConnectors(
            Build.Receive("EX02", "Default EX02", auth: WithoutExchangeServer),
            Build.Receive("EX02", "Disabled EX02", auth: WithoutExchangeServer) with { Enabled = false },
            Build.Receive("EX02", "Client Frontend EX02", auth: WithoutExchangeServer, permissions: PermissionGroups.ExchangeUsers),
            Build.Receive("EX02", "Healthy EX02"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2001, Build.Org(server),
            fires: ["EX02\\Default EX02"], passes: ["EX02\\Disabled EX02", "EX02\\Client Frontend EX02", "EX02\\Healthy EX02"]));

        Assert.Equal(FindingTargetKind.ReceiveConnector, d.Target.Kind);
        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EX02", "EX02\\Default EX02")], d.Impacts.ToArray());
        Assert.Contains("AuthMechanism (Tls,Integrated,BasicAuth,BasicAuthRequireTLS)", d.Message, StringComparison.Ordinal);
        Assert.Contains("-AuthMechanism 'Tls,Integrated,BasicAuth,BasicAuthRequireTLS,ExchangeServer' -WhatIf", d.Remediation, StringComparison.Ordinal);
    }
}
