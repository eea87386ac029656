using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3003Tests
{
    private static readonly CertificateInfo Old = Build.Cert(Build.ThumbprintFor("old"), "CN=mail.contoso.com", "CN=Contoso CA",
        notAfter: Build.AsOf.AddDays(-1));

    [Fact]
    public void Fires_on_the_expired_certificate_a_send_connector_presents()
    {
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"), Build.InStore(Old));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "Outbound to Office 365", SelectionOutcome.SelectedExpired, Old.Thumbprint),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.SelectedExpired, Old.Thumbprint));

        var d = Assert.Single(RuleTestKit.Run(new SendCertificateExpired(), context));

        Assert.Equal(new FindingTarget(FindingTargetKind.Certificate, $"EX01/{Old.Thumbprint}"), d.Target);
        Assert.Equal("2026-05-31T00:00:00Z", RuleTestKit.Render(d, "notAfter"));
        Assert.Equal("Outbound to Office 365", RuleTestKit.Render(d, "connectors"));
    }

    [Fact]
    public void Silent_when_the_send_certificate_is_valid()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "Outbound to Office 365", SelectionOutcome.Selected, Build.ThumbprintFor("EX01")));

        Assert.Empty(RuleTestKit.Run(new SendCertificateExpired(), context));
    }
}
