using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2009Tests
{
    [Fact]
    public void Fires_on_connectors_outside_senders_use_that_present_a_self_signed_certificate()
    {
        var server = Build.Mailbox("EX01").WithConnectors(
            Build.Receive("EX01", "Internet EX01", permissions: PermissionGroups.AnonymousUsers | PermissionGroups.ExchangeServers),
            Build.Receive("EX01", "Hybrid EX01") with { TlsDomainCapabilities = "mail.protection.outlook.com:AcceptCloudServicesMail" },
            Build.Receive("EX01", "Default EX01"));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS2009, Build.Org(server),
            fires: ["EX01\\Hybrid EX01", "EX01\\Internet EX01"], passes: ["EX01\\Default EX01"]);

        Assert.Contains("(TlsDomainCapabilities)", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("(AnonymousUsers)", found[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_when_the_connector_presents_a_CA_issued_certificate()
    {
        var mail = Build.Cert(Build.ThumbprintFor("ca"), "CN=mail.contoso.com", "CN=Contoso CA", dnsNames: ["mail.contoso.com"]);
        var server = Build.Mailbox("EX01")
            .WithStore(Build.InStore(Build.Mailbox("EX01").InternalCertificate.Certificate!), Build.InStore(mail))
            .WithConnectors(Build.Receive("EX01", "Internet EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers));
        RuleTestKit.AssertTargets(RuleIds.EXTLS2009, Build.Org(server), fires: [], passes: ["EX01\\Internet EX01"]);
    }
}
