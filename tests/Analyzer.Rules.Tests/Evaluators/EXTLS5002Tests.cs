using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS5002Tests
{
    private static readonly CertificateInfo Current = Build.Cert(Build.ThumbprintFor("edge-new"), "CN=EDGE01");
    private static readonly CertificateInfo Subscribed = Build.Cert(Build.ThumbprintFor("edge-old"), "CN=EDGE01");

    private static ServerSnapshot Edge(string name, CertificateInfo current, AdInternalCertificate? subscription) =>
        Build.Mailbox(name, internalCert: current) with { Role = TransportServerRole.Edge, ServerRoleText = "Edge", SubscriptionCertificate = subscription };

    [Fact]
    public void Fires_on_an_Edge_whose_certificate_differs_from_its_subscription()
    {
        var org = Build.Org(
            Edge("EDGE01", Current, Build.Ad(Subscribed)),
            Edge("EDGE02", Current, Build.Ad(Current)),
            Build.Mailbox("EX01") with { SubscriptionCertificate = Build.Ad(Subscribed) }) with
        {
            EdgeSubscriptions = Section<EdgeSubscription>.Collected(
                [new EdgeSubscription { Name = "EDGE01", Site = "Tokyo", Location = Build.Loc("org/EdgeSubscription.json") }], null),
        };

        var d = Assert.Single(RuleTestKit.Run(new EdgeSubscriptionCertificateMismatch(), RuleTestKit.Context(org)));

        Assert.Equal(new FindingTarget(FindingTargetKind.Server, "EDGE01"), d.Target);
        Assert.Equal(Current.Thumbprint, RuleTestKit.Render(d, "edgeThumbprint"));
        Assert.Equal(Subscribed.Thumbprint, RuleTestKit.Render(d, "subscriptionThumbprint"));
        Assert.Equal("Tokyo", RuleTestKit.Render(d, "site"));
    }

    [Fact]
    public void Silent_when_the_subscription_certificate_is_unknown_or_not_a_certificate()
    {
        var org = Build.Org(
            Edge("EDGE01", Current, null),
            Edge("EDGE02", Current, Build.Ad(null, AdCertificateState.Corrupt)));

        Assert.Empty(RuleTestKit.Run(new EdgeSubscriptionCertificateMismatch(), RuleTestKit.Context(org)));
    }
}
