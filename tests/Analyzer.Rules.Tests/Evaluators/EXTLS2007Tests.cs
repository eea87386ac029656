using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2007Tests
{
    private static readonly CertificateInfo Old = Build.Cert(Build.ThumbprintFor("old"), "CN=mail.contoso.com", "CN=Contoso CA",
        notBefore: Build.AsOf.AddYears(-2), notAfter: Build.AsOf.AddDays(-3));

    [Fact]
    public void Fires_on_the_expired_chosen_certificate_with_its_date()
    {
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"), Build.InStore(Old));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.SelectedExpired, Old.Thumbprint),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "To Partner", SelectionOutcome.SelectedExpired, Old.Thumbprint));

        var d = Assert.Single(RuleTestKit.Run(new StartTlsCertificateExpired(), context));

        Assert.Equal(new FindingTarget(FindingTargetKind.Certificate, $"EX01/{Old.Thumbprint}"), d.Target);
        Assert.Equal("2026-05-29T00:00:00Z", RuleTestKit.Render(d, "notAfter"));
        Assert.Equal("EX01\\Default Frontend EX01", RuleTestKit.Render(d, "connectors"));
        Assert.Equal("servers/EX01/ExchangeCertificate.json", d.Location?.File);
    }

    [Fact]
    public void Silent_when_the_chosen_certificate_is_valid_or_only_expiring()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, Build.ThumbprintFor("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default EX01", SelectionOutcome.SelectedExpiresSoon, Build.ThumbprintFor("EX01")));

        Assert.Empty(RuleTestKit.Run(new StartTlsCertificateExpired(), context));
    }
}
