using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3002Tests
{
    private static readonly CertificateInfo Iis = Build.Cert(Build.ThumbprintFor("iis"), "CN=mail.contoso.com", "CN=Contoso CA");

    [Fact]
    public void One_finding_per_source_server_and_certificate()
    {
        var ex01 = SnapshotChanges.WithStore(Build.Mailbox("EX01"), Build.InStore(Iis, services: CertificateServices.IIS));
        var ex02 = SnapshotChanges.WithStore(Build.Mailbox("EX02"), Build.InStore(Iis, services: CertificateServices.IIS));
        var context = RuleTestKit.Context(Build.Org(ex01, ex02),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "To Partner", SelectionOutcome.Selected, Iis.Thumbprint, handshakeFails: true),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "Outbound to Office 365", SelectionOutcome.Selected, Iis.Thumbprint, handshakeFails: true),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX02", "To Partner", SelectionOutcome.Selected, Iis.Thumbprint, handshakeFails: true),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX02", "EX02\\Default Frontend EX02", SelectionOutcome.Selected, Iis.Thumbprint, handshakeFails: true));

        var found = RuleTestKit.Run(new SendCertificateNotSmtpEnabled(), context);

        Assert.Equal([$"EX01/{Iis.Thumbprint}", $"EX02/{Iis.Thumbprint}"], found.Select(d => d.Target.Id));
        Assert.Equal("Outbound to Office 365, To Partner", RuleTestKit.Render(found[0], "connectors"));
        Assert.Equal("To Partner", RuleTestKit.Render(found[1], "connectors"));
        Assert.All(found, d => Assert.All(d.Impacts, i => Assert.Equal(Scenario.OutboundStartTls, i.Scenario)));
    }

    [Fact]
    public void Silent_when_the_handshake_succeeds()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "To Partner", SelectionOutcome.Selected, Build.ThumbprintFor("EX01")));

        Assert.Empty(RuleTestKit.Run(new SendCertificateNotSmtpEnabled(), context));
    }
}
