using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1002Tests
{
    [Fact]
    public void Fires_on_each_server_whose_AD_value_is_empty()
    {
        var empty = Build.Mailbox("EX02") with { InternalCertificate = Build.Ad(null) };
        var alsoEmpty = Build.Mailbox("EX03").WithStore() with { InternalCertificate = Build.Ad(null) };
        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS1002, Build.Org(Build.Mailbox("EX01"), empty, alsoEmpty), fires: ["EX02", "EX03"], passes: ["EX01"]);

        Assert.All(found, f => Assert.Equal(12012, f.EventId));
        Assert.Contains(found[0].Impacts, i => i.Scenario == Scenario.OutboundAnonymousTls && i.Server == "EX02");
        Assert.Contains($"-Thumbprint '{Build.ThumbprintFor("EX02")}'", found[0].Remediation, StringComparison.Ordinal);
        Assert.Contains("New-ExchangeCertificate -Server 'EX03' -WhatIf", found[1].Remediation, StringComparison.Ordinal);
    }
}
