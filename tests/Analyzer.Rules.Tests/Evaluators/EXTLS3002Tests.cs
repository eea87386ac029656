using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3002Tests
{
    [Fact]
    public void One_finding_per_source_server_and_chosen_certificate_without_SMTP()
    {
        var iis = Build.Cert(Build.ThumbprintFor("iis"), "CN=mail.contoso.com", "CN=Contoso CA", dnsNames: ["mail.contoso.com"]);
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(iis, services: CertificateServices.IIS));
        var org = Build.Org(ex01, Build.Mailbox("EX02")).WithSendConnectors(
            Build.Send("A Partner", "EX01") with { Fqdn = "mail.contoso.com" },
            Build.Send("B Partner", "EX01") with { Fqdn = "mail.contoso.com" },
            Build.Send("Internet", "EX01", "EX02"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS3002, org,
            fires: [$"EX01/{iis.Thumbprint}"], passes: [$"EX01/{Build.ThumbprintFor("EX01")}", $"EX02/{Build.ThumbprintFor("EX02")}"]));

        Assert.Equal(["A Partner", "B Partner"], d.Impacts.Select(i => i.Connector));
        Assert.All(d.Impacts, i => Assert.Equal(Scenario.OutboundStartTls, i.Scenario));
    }
}
