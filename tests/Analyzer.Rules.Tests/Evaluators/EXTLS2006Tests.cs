using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2006Tests
{
    [Fact]
    public void One_finding_per_chosen_certificate_without_SMTP_listing_every_connector_that_chose_it()
    {
        var iis = Build.Cert(Build.ThumbprintFor("iis"), "CN=mail.contoso.com", "CN=Contoso CA", dnsNames: ["mail.contoso.com"]);
        var server = Build.Mailbox("EX01")
            .WithStore(Build.InStore(Build.Mailbox("EX01").InternalCertificate.Certificate!), Build.InStore(iis, services: CertificateServices.IIS))
            .WithConnectors(
                Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers),
                Build.Receive("EX01", "Mail2 EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.Partners),
                Build.Receive("EX01", "Default EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2006, Build.Org(server),
            fires: [$"EX01/{iis.Thumbprint}"], passes: [$"EX01/{Build.ThumbprintFor("EX01")}"]));

        Assert.Equal(FindingTargetKind.Certificate, d.Target.Kind);
        Assert.Equal(["EX01\\Mail EX01", "EX01\\Mail2 EX01"], d.Impacts.Select(i => i.Connector));
        Assert.All(d.Impacts, i => Assert.Equal(Scenario.InboundStartTls, i.Scenario));
        Assert.Contains("EX01\\Mail EX01, EX01\\Mail2 EX01", d.Message, StringComparison.Ordinal);
    }
}
