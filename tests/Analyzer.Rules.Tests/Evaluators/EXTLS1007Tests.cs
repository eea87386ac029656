using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1007Tests
{
    [Fact]
    public void Fires_when_the_store_copy_is_known_to_lack_its_private_key_and_not_when_that_is_unknown()
    {
        var noKey = Build.Mailbox("EX02");
        noKey = noKey.WithStore(Build.InStore(noKey.InternalCertificate.Certificate!, hasPrivateKey: false));
        var unknown = Build.Mailbox("EX03");
        unknown = unknown.WithStore(Build.InStore(unknown.InternalCertificate.Certificate!, hasPrivateKey: null));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS1007, Build.Org(Build.Mailbox("EX01"), noKey, unknown), fires: ["EX02"], passes: ["EX01", "EX03"]));
        Assert.Contains(Build.ThumbprintFor("EX02"), d.Message, StringComparison.Ordinal);
        Assert.Contains(d.Impacts, i => i.Scenario == Scenario.InboundAnonymousTls && i.Connector == "EX02\\Default EX02");
    }
}
