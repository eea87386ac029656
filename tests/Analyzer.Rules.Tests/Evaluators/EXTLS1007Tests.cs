using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1007Tests
{
    private static readonly InternalTransportCertificateWithoutPrivateKey Rule = new();

    private static Extls.Model.ServerSnapshot WithKey(string name, bool? hasKey)
    {
        var server = Build.Mailbox(name);
        return server.WithStore(Build.InStore(server.InternalCertificate.Certificate!, hasPrivateKey: hasKey));
    }

    [Fact]
    public void Fires_only_when_the_store_copy_is_known_to_lack_its_key()
    {
        var snapshot = Build.Org(WithKey("EX01", false), WithKey("EX02", null), WithKey("EX03", true));
        var context = RuleTestKit.Context(
            snapshot,
            RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.Selected, Build.ThumbprintFor("EX01")),
            RuleTestKit.Outbound("EX01", SelectionOutcome.Selected, Build.ThumbprintFor("EX01")),
            RuleTestKit.Inbound("EX01", "Client Frontend EX01", SelectionOutcome.ExchangeServerAuthMissing));

        var d = Assert.Single(RuleTestKit.RunSorted(Rule, context));

        Assert.Equal("EX01", d.Target.Id);
        Assert.Equal(Build.ThumbprintFor("EX01"), RuleTestKit.Render(d, "thumbprint"));
        Assert.Equal(RemediationVariant.NoCandidate, d.RemediationVariant);
        Assert.Equal(
            [new Impact(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default EX01"), new Impact(Scenario.OutboundAnonymousTls, "EX01", null)],
            d.Impacts.ToArray());
    }

    [Fact]
    public void Silent_when_the_key_is_present_or_unknown() =>
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(WithKey("EX02", null), WithKey("EX03", true)))));
}
