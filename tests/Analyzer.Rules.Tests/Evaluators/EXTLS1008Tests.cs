using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1008Tests
{
    [Fact]
    public void Fires_when_Get_TransportService_shows_another_or_an_empty_thumbprint_and_not_when_it_is_unknown()
    {
        var org = Build.Org(
            Build.Mailbox("EX01"),
            Build.Mailbox("EX02").WithTransportThumbprint(Build.ThumbprintFor("stale")),
            Build.Mailbox("EX03").WithTransportThumbprint(""),
            Build.Mailbox("EX04").WithTransportThumbprint(null),
            Build.Mailbox("EX05").WithTransportThumbprint(Build.ThumbprintFor("EX05").ToLowerInvariant()));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS1008, org, fires: ["EX02", "EX03"], passes: ["EX01", "EX04", "EX05"]);

        Assert.Contains(Build.ThumbprintFor("stale"), found[0].Message, StringComparison.Ordinal);
        Assert.Contains("shows (empty) as", found[1].Message, StringComparison.Ordinal);
        var ja = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS1008, Build.Org(Build.Mailbox("EX03").WithTransportThumbprint("")), RuleTestKit.Options() with { Culture = "ja" }));
        Assert.Contains("(空)", ja.Message, StringComparison.Ordinal);
    }
}
