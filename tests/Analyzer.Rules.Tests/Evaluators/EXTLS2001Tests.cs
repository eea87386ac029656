using System.Collections.Immutable;
using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2001Tests
{
    private static readonly ExchangeServerAuthMissing Rule = new();

    private const ReceiveAuthMechanism WithoutExchangeServer =
        ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated | ReceiveAuthMechanism.BasicAuth | ReceiveAuthMechanism.BasicAuthRequireTLS;

    private static ServerSnapshot WithConnectors(string name, params ReceiveConnector[] connectors) =>
        Build.Mailbox(name) with { ReceiveConnectors = Section<ReceiveConnector>.Collected(connectors.ToImmutableArray(), Build.Loc()) };

    [Fact]
    public void Fires_for_connectors_meant_for_exchange_servers_that_lack_exchange_server_auth()
    {
        var server = WithConnectors(
            "EX01",
            Build.Receive("EX01", "Default EX01", auth: WithoutExchangeServer),
            Build.Receive("EX01", "Client Frontend EX01", auth: WithoutExchangeServer, permissions: PermissionGroups.ExchangeUsers),
            Build.Receive("EX01", "Default Frontend EX01"),
            Build.Receive("EX01", "Relay", auth: ReceiveAuthMechanism.None, permissions: PermissionGroups.ExchangeServers | PermissionGroups.AnonymousUsers),
            Build.Receive("EX01", "Unknown", auth: null),
            Build.Receive("EX01", "Disabled", auth: WithoutExchangeServer) with { Enabled = false });
        var context = RuleTestKit.Context(
            Build.Org(server),
            RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.ExchangeServerAuthMissing),
            RuleTestKit.Inbound("EX01", "Client Frontend EX01", SelectionOutcome.ExchangeServerAuthMissing));

        var found = RuleTestKit.RunSorted(Rule, context);

        Assert.Equal(["EX01\\Default EX01", "EX01\\Relay"], found.Select(d => d.Target.Id));
        Assert.All(found, d => Assert.Equal(FindingTargetKind.ReceiveConnector, d.Target.Kind));
        Assert.Equal("Tls,Integrated,BasicAuth,BasicAuthRequireTLS", RuleTestKit.Render(found[0], "currentAuthMechanism"));
        Assert.Equal("None", RuleTestKit.Render(found[1], "currentAuthMechanism"));
        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default EX01")], found[0].Impacts.ToArray());
        Assert.Empty(found[1].Impacts);
    }

    [Fact]
    public void Remediation_adds_exchange_server_to_the_current_mechanisms()
    {
        var server = WithConnectors("EX01", Build.Receive("EX01", "Default EX01", auth: WithoutExchangeServer));
        var finding = Assert.Single(Findings.Of(RuleIds.EXTLS2001, Build.Org(server)));
        Assert.Equal("Set-ReceiveConnector \"EX01\\Default EX01\" -AuthMechanism Tls,Integrated,BasicAuth,BasicAuthRequireTLS,ExchangeServer -WhatIf", finding.Remediation);
        Assert.Contains("451 5.7.3 Cannot achieve Exchange Server authentication", finding.Message, StringComparison.Ordinal);
        Assert.Equal("servers/EX01/ReceiveConnector.json", finding.Location?.File);
    }

    [Fact]
    public void Silent_for_the_default_connectors() =>
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02")))));

    [Fact]
    public void Silent_when_the_connectors_were_not_collected()
    {
        var server = Build.Mailbox("EX01") with { ReceiveConnectors = Section<ReceiveConnector>.Missing(SectionState.Failed, "denied", null) };
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(server))));
    }
}
