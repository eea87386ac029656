using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2012Tests
{
    [Fact]
    public void Fires_on_an_ExchangeServer_connector_whose_Fqdn_is_neither_the_servers_FQDN_nor_its_name()
    {
        var server = Build.Mailbox("EX01").WithConnectors(
            Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com"),
            Build.Receive("EX01", "Fqdn EX01", fqdn: "EX01.contoso.com."),
            Build.Receive("EX01", "Netbios EX01", fqdn: "ex01"),
            Build.Receive("EX01", "Anonymous EX01", fqdn: "mail.contoso.com", auth: ReceiveAuthMechanism.Tls, permissions: PermissionGroups.AnonymousUsers));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2012, Build.Org(server),
            fires: ["EX01\\Mail EX01"], passes: ["EX01\\Fqdn EX01", "EX01\\Netbios EX01", "EX01\\Anonymous EX01"]));
        Assert.Contains("mail.contoso.com", d.Message, StringComparison.Ordinal);
        Assert.Contains("ex01.contoso.com", d.Message, StringComparison.Ordinal);
    }
}
