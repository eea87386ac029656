using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS5002Tests
{
    private static ServerSnapshot Edge(string name, string? subscriptionThumbprint) =>
        Build.Mailbox(name) with
        {
            Role = TransportServerRole.Edge,
            ServerRoleText = "Edge",
            SubscriptionCertificate = subscriptionThumbprint is null ? null : Build.Ad(Build.Cert(subscriptionThumbprint, $"CN={name}")),
        };

    [Fact]
    public void Fires_on_an_Edge_whose_certificate_is_not_the_one_its_subscription_holds()
    {
        var org = Build.Org(Build.Mailbox("EX01"), Edge("EDGE01", Build.ThumbprintFor("old-edge")), Edge("EDGE02", Build.ThumbprintFor("EDGE02")), Edge("EDGE03", null));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS5002, org, fires: ["EDGE01"], passes: ["EDGE02", "EDGE03", "EX01"]));

        Assert.Contains(Build.ThumbprintFor("old-edge"), d.Message, StringComparison.Ordinal);
        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EDGE01", null), new Impact(Scenario.OutboundAnonymousTls, "EDGE01", null)], d.Impacts.ToArray());
        // No subscription names the site: the remediation says what to fill in.
        Assert.Contains("-Site '<the Active Directory site of the subscription>'", d.Remediation, StringComparison.Ordinal);
    }
}
