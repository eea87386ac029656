using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2005Tests
{
    [Fact]
    public void Lists_every_refused_candidate_with_its_reasons()
    {
        var a = Build.ThumbprintFor("a");
        var b = Build.ThumbprintFor("b");
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.NoEligibleCertificate, matchKey: "mail.contoso.com",
                candidates:
                [
                    RuleTestKit.Candidate(b, Build.AsOf.AddDays(-10), Build.AsOf.AddDays(300), eligible: false, refused: ["NotV3"]),
                    RuleTestKit.Candidate(a, Build.AsOf.AddDays(-5), Build.AsOf.AddDays(300), eligible: false, refused: ["NoPrivateKey", "NameNotInCertificate"]),
                ]),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default EX01", SelectionOutcome.NoMatchingCertificate));

        var d = Assert.Single(RuleTestKit.Run(new StartTlsNoEligibleCertificate(), context));

        Assert.Equal(new FindingTarget(FindingTargetKind.ReceiveConnector, "EX01\\Default Frontend EX01"), d.Target);
        var expected = new[] { $"{a} (CN=mail.contoso.com): NoPrivateKey, NameNotInCertificate", $"{b} (CN=mail.contoso.com): NotV3" }
            .OrderBy(s => s, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(string.Join("; ", expected), RuleTestKit.Render(d, "candidates"));
    }

    [Fact]
    public void Silent_when_a_candidate_was_eligible()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, certificate: Build.ThumbprintFor("EX01")));

        Assert.Empty(RuleTestKit.Run(new StartTlsNoEligibleCertificate(), context));
    }
}
