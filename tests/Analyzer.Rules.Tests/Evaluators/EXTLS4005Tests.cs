using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4005Tests
{
    private static CertificateInfo Ca(string label) => Build.Cert(Build.ThumbprintFor(label), $"CN={label}.contoso.com", "CN=Contoso CA");

    [Fact]
    public void Fires_on_chosen_certificates_with_a_bad_status_listing_every_selection()
    {
        var revoked = Ca("revoked");
        var idle = Ca("idle");
        var unknown = Ca("unknown");
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"),
            Build.InStore(revoked, status: CertificateStatus.Revoked),
            Build.InStore(idle, status: CertificateStatus.Untrusted),
            Build.InStore(unknown, status: null));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, revoked.Thumbprint),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "To Partner", SelectionOutcome.Selected, revoked.Thumbprint),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "Other", SelectionOutcome.Selected, unknown.Thumbprint));

        var d = Assert.Single(RuleTestKit.Run(new CertificateStatusNotValid(), context));

        Assert.Equal(new FindingTarget(FindingTargetKind.Certificate, $"EX01/{revoked.Thumbprint}"), d.Target);
        Assert.Equal("Revoked", RuleTestKit.Render(d, "status"));
        Assert.Equal(
            [new Impact(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01"), new Impact(Scenario.OutboundStartTls, "EX01", "To Partner")],
            d.Impacts.ToArray());
    }

    [Fact]
    public void Silent_when_the_chosen_certificate_is_valid()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default EX01", SelectionOutcome.Selected, Build.ThumbprintFor("EX01")));

        Assert.Empty(RuleTestKit.Run(new CertificateStatusNotValid(), context));
    }
}
