using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3001Tests
{
    [Fact]
    public void One_finding_per_connector_and_source_server_that_lacks_the_named_certificate()
    {
        var mail = Build.Cert(Build.ThumbprintFor("mail"), "CN=mail.contoso.com", "CN=Contoso CA", dnsNames: ["mail.contoso.com"]);
        var ex02 = Build.Mailbox("EX02");
        ex02 = ex02.WithStore(Build.InStore(ex02.InternalCertificate.Certificate!), Build.InStore(mail));
        var org = Build.Org(Build.Mailbox("EX01"), ex02).WithSendConnectors(
            Build.Send("To Partner", "EX01", "EX02") with { TlsCertificateName = "<I>CN=Contoso CA<S>CN=mail.contoso.com" },
            Build.Send("Malformed", "EX01") with { TlsCertificateName = "CN=mail.contoso.com" },
            Build.Send("Internet", "EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS3001, org,
            fires: ["To Partner@EX01"], passes: ["To Partner@EX02", "Malformed@EX01", "Internet@EX01"]));

        Assert.Equal(FindingTargetKind.SendConnector, d.Target.Kind);
        Assert.Equal("EX01", d.Server);
        Assert.Equal([new Impact(Scenario.OutboundStartTls, "EX01", "To Partner")], d.Impacts.ToArray());
        Assert.Contains("<I>CN=Contoso CA<S>CN=mail.contoso.com", d.Message, StringComparison.Ordinal);
    }
}
