using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2012Tests
{
    [Fact]
    public void Fires_on_an_ExchangeServer_connector_announcing_another_name()
    {
        var server = SnapshotChanges.WithConnectors(Build.Mailbox("EX01"),
            Build.Receive("EX01", "Default EX01", fqdn: "mail.contoso.com"),
            Build.Receive("EX01", "NetBIOS", fqdn: "ex01"),
            Build.Receive("EX01", "Own FQDN", fqdn: "EX01.contoso.com"),
            Build.Receive("EX01", "Empty", fqdn: ""),
            Build.Receive("EX01", "Client Frontend EX01", auth: ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.BasicAuth, fqdn: "mail.contoso.com"));

        var d = Assert.Single(RuleTestKit.Run(new ExchangeServerAuthFqdnMismatch(), RuleTestKit.Context(Build.Org(server))));

        Assert.Equal(new FindingTarget(FindingTargetKind.ReceiveConnector, "EX01\\Default EX01"), d.Target);
        Assert.Equal("mail.contoso.com", RuleTestKit.Render(d, "fqdn"));
        Assert.Equal("ex01.contoso.com", RuleTestKit.Render(d, "serverFqdn"));
    }

    [Fact]
    public void Silent_when_the_server_FQDN_is_unknown()
    {
        var server = SnapshotChanges.WithConnectors(Build.Mailbox("EX01") with { Fqdn = null },
            Build.Receive("EX01", "Default EX01", fqdn: "mail.contoso.com"));

        Assert.Empty(RuleTestKit.Run(new ExchangeServerAuthFqdnMismatch(), RuleTestKit.Context(Build.Org(server))));
    }
}
