using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2004Tests
{
    [Fact]
    public void Fires_once_per_connector_without_a_matching_certificate()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.NoMatchingCertificate, matchKey: "mail.contoso.com"),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default EX01", SelectionOutcome.Selected, certificate: Build.ThumbprintFor("EX01")),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "To Partner", SelectionOutcome.NoMatchingCertificate, matchKey: "ex01.contoso.com"));

        var found = RuleTestKit.Run(new StartTlsCertificateNotFound(), context);

        var d = Assert.Single(found);
        Assert.Equal(new FindingTarget(FindingTargetKind.ReceiveConnector, "EX01\\Default Frontend EX01"), d.Target);
        Assert.Equal("mail.contoso.com", RuleTestKit.Render(d, "matchKey"));
        Assert.Equal("EX01", d.Server);
        Assert.Equal([new Impact(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01")], d.Impacts.ToArray());
        Assert.Equal("servers/EX01/ReceiveConnector.json", d.Location?.File);
    }

    [Fact]
    public void Silent_on_a_malformed_TlsCertificateName_which_is_EXTLS2011s_alone()
    {
        var server = SnapshotChanges.WithConnectors(Build.Mailbox("EX01"),
            Build.Receive("EX01", "A Malformed", tlsCertificateName: "CN=mail.contoso.com"),
            Build.Receive("EX01", "B Well Formed Absent", tlsCertificateName: "<I>CN=Nobody CA<S>CN=nowhere.contoso.com"));
        var options = new ReplayOptions(Build.AsOf, 30);
        var replays = server.ReceiveConnectors.Items.Select(c => Replay.InboundStartTls(server, c, options)).ToArray();
        Assert.All(replays, r => Assert.Equal(SelectionOutcome.NoMatchingCertificate, r.Outcome));

        var found = RuleTestKit.Run(new StartTlsCertificateNotFound(), RuleTestKit.Context(Build.Org(server), replays));

        Assert.Equal(["EX01\\B Well Formed Absent"], found.Select(d => d.Target.Id));
    }

    [Fact]
    public void Silent_when_every_connector_found_a_certificate()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, certificate: Build.ThumbprintFor("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Client Frontend EX01", SelectionOutcome.NoEligibleCertificate));

        Assert.Empty(RuleTestKit.Run(new StartTlsCertificateNotFound(), context));
    }
}
