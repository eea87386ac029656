using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2006Tests
{
    private static readonly CertificateInfo Iis = Build.Cert(Build.ThumbprintFor("iis"), "CN=mail.contoso.com", "CN=Contoso CA");

    [Fact]
    public void One_finding_per_certificate_listing_every_connector_that_chose_it()
    {
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"), Build.InStore(Iis, services: CertificateServices.IIS));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, Iis.Thumbprint, handshakeFails: true),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Client Frontend EX01", SelectionOutcome.Selected, Iis.Thumbprint, handshakeFails: true),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "To Partner", SelectionOutcome.Selected, Iis.Thumbprint, handshakeFails: true));

        var d = Assert.Single(RuleTestKit.Run(new StartTlsCertificateNotSmtpEnabled(), context));

        Assert.Equal(new FindingTarget(FindingTargetKind.Certificate, $"EX01/{Iis.Thumbprint}"), d.Target);
        Assert.Equal("EX01\\Client Frontend EX01, EX01\\Default Frontend EX01", RuleTestKit.Render(d, "connectors"));
        Assert.Equal("CN=mail.contoso.com", RuleTestKit.Render(d, "subject"));
        Assert.Equal(2, d.Impacts.Length);
        Assert.All(d.Impacts, i => Assert.Equal(Scenario.InboundStartTls, i.Scenario));
    }

    [Fact]
    public void Silent_when_the_handshake_succeeds()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, Build.ThumbprintFor("EX01")));

        Assert.Empty(RuleTestKit.Run(new StartTlsCertificateNotSmtpEnabled(), context));
    }
}
