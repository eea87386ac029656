using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2008Tests
{
    private static readonly CertificateInfo Soon = Build.Cert(Build.ThumbprintFor("soon"), "CN=mail.contoso.com", "CN=Contoso CA",
        notAfter: Build.AsOf.AddDays(10));

    [Fact]
    public void Fires_on_the_chosen_certificate_inside_the_window()
    {
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"), Build.InStore(Soon));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.SelectedExpiresSoon, Soon.Thumbprint),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default EX01", SelectionOutcome.Selected, Build.ThumbprintFor("EX01")));

        var d = Assert.Single(RuleTestKit.Run(new StartTlsCertificateExpiresSoon(), context));

        Assert.Equal(new FindingTarget(FindingTargetKind.Certificate, $"EX01/{Soon.Thumbprint}"), d.Target);
        Assert.Equal("2026-06-11T00:00:00Z", RuleTestKit.Render(d, "notAfter"));
    }

    [Fact]
    public void Silent_when_no_chosen_certificate_is_in_the_window()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.SelectedExpired, Build.ThumbprintFor("EX01")),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "To Partner", SelectionOutcome.SelectedExpiresSoon, Build.ThumbprintFor("EX01")));

        Assert.Empty(RuleTestKit.Run(new StartTlsCertificateExpiresSoon(), context));
    }
}
