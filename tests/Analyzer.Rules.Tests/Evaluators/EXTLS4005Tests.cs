using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4005Tests
{
    [Fact]
    public void Fires_on_chosen_certificates_whose_status_peers_do_not_trust_listing_every_selection()
    {
        var revoked = Build.Mailbox("EX01");
        revoked = revoked.WithStore(Build.InStore(revoked.InternalCertificate.Certificate!, status: CertificateStatus.Revoked));
        var unused = Build.Cert(Build.ThumbprintFor("unused"), "CN=old.contoso.com");
        var ex02 = Build.Mailbox("EX02");
        ex02 = ex02.WithStore(Build.InStore(ex02.InternalCertificate.Certificate!, status: null), Build.InStore(unused, status: CertificateStatus.Untrusted));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS4005, Build.Org(revoked, ex02),
            fires: [$"EX01/{Build.ThumbprintFor("EX01")}"], passes: [$"EX02/{Build.ThumbprintFor("EX02")}", $"EX02/{unused.Thumbprint}"]));

        Assert.Contains("status Revoked", d.Message, StringComparison.Ordinal);
        Assert.Contains(d.Impacts, i => i.Scenario == Scenario.InboundAnonymousTls && i.Connector == "EX01\\Default EX01");
        Assert.Contains(d.Impacts, i => i.Scenario == Scenario.OutboundAnonymousTls);
    }
}
