using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3001Tests
{
    private const string Name = "<I>CN=Contoso CA<S>CN=mail.contoso.com";

    [Fact]
    public void Fires_per_source_server_that_lacks_the_certificate()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02")),
            Build.Send("To Partner", "EX01", "EX02") with { TlsCertificateName = Name });
        var context = RuleTestKit.Context(org,
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX02", "To Partner", SelectionOutcome.SendCertificateNotFound, matchKey: Name),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "To Partner", SelectionOutcome.Selected, Build.ThumbprintFor("ca")));

        var d = Assert.Single(RuleTestKit.Run(new SendTlsCertificateNotFound(), context));

        Assert.Equal(new FindingTarget(FindingTargetKind.SendConnector, "To Partner@EX02"), d.Target);
        Assert.Equal("EX02", d.Server);
        Assert.Equal(Name, RuleTestKit.Render(d, "tlsCertificateName"));
        Assert.Equal("org/SendConnector.json", d.Location?.File);
    }

    [Fact]
    public void Silent_on_a_malformed_TlsCertificateName_which_is_EXTLS3008s_alone()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02")),
            Build.Send("A Malformed", "EX01", "EX02") with { TlsCertificateName = "mail.contoso.com" },
            Build.Send("B Absent", "EX01") with { TlsCertificateName = "<I>CN=Nobody CA<S>CN=nowhere.contoso.com" });
        var replays = Replay.OutboundStartTls(org, new ReplayOptions(Build.AsOf, 30)).ToArray();
        Assert.Equal(3, replays.Count(r => r.Outcome == SelectionOutcome.SendCertificateNotFound));

        var found = RuleTestKit.Run(new SendTlsCertificateNotFound(), RuleTestKit.Context(org, replays));

        Assert.Equal(["B Absent@EX01"], found.Select(d => d.Target.Id));
    }

    [Fact]
    public void Silent_when_every_source_server_has_it()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.OutboundStartTls, "EX01", "To Partner", SelectionOutcome.Selected, Build.ThumbprintFor("ca")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.NoMatchingCertificate));

        Assert.Empty(RuleTestKit.Run(new SendTlsCertificateNotFound(), context));
    }
}
