using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1005Tests
{
    [Fact]
    public void Fires_when_anonymous_TLS_runs_on_an_expired_certificate_and_offers_a_valid_replacement()
    {
        var expired = Build.Cert(Build.ThumbprintFor("expired"), "CN=EX02", notBefore: Build.AsOf.AddYears(-5), notAfter: Build.AsOf.AddDays(-3), dnsNames: ["EX02", "ex02.contoso.com"]);
        var fresh = Build.Cert(Build.ThumbprintFor("fresh"), "CN=EX02", dnsNames: ["EX02", "ex02.contoso.com"]);
        var server = Build.Mailbox("EX02", internalCert: expired);
        server = server.WithStore(Build.InStore(expired), Build.InStore(fresh));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS1005, Build.Org(Build.Mailbox("EX01"), server), fires: ["EX02"], passes: ["EX01"]));

        Assert.Equal(12015, d.EventId);
        Assert.Contains("2026-05-29", d.Message, StringComparison.Ordinal);
        Assert.Contains($"-Thumbprint '{fresh.Thumbprint}'", d.Remediation, StringComparison.Ordinal);
        Assert.Contains(d.Impacts, i => i.Scenario == Scenario.OutboundAnonymousTls);
    }
}
