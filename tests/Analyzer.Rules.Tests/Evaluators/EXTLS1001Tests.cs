using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1001Tests
{
    private static ServerSnapshot Unreadable(string name) =>
        Build.Mailbox(name) with { InternalCertificate = Build.Ad(null, AdCertificateState.Unreadable, "Access is denied") };

    [Fact]
    public void Fires_on_the_server_whose_AD_value_is_unreadable_with_the_replays_it_stopped()
    {
        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS1001, Build.Org(Build.Mailbox("EX01"), Unreadable("EX02")), fires: ["EX02"], passes: ["EX01"]));

        Assert.Equal(FindingTargetKind.Server, d.Target.Kind);
        Assert.Equal(12012, d.EventId);
        Assert.Contains("Access is denied", d.Message, StringComparison.Ordinal);
        // Client Frontend EX02 stops earlier (no ExchangeServer authentication), so it is no impact of this root cause.
        Assert.Equal(
            [new Impact(Scenario.InboundAnonymousTls, "EX02", "EX02\\Default EX02"), new Impact(Scenario.InboundAnonymousTls, "EX02", "EX02\\Default Frontend EX02"), new Impact(Scenario.OutboundAnonymousTls, "EX02", null)],
            d.Impacts.ToArray());
        Assert.Contains($"Enable-ExchangeCertificate -Server 'EX02' -Thumbprint '{Build.ThumbprintFor("EX02")}'", d.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Offers_a_new_certificate_when_the_store_has_nothing_to_publish()
    {
        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS1001, Build.Org(Unreadable("EX02").WithStore()), fires: ["EX02"], passes: []));
        Assert.Contains("New-ExchangeCertificate -Server 'EX02' -Force -WhatIf", d.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_error_without_text_reads_as_a_dash_in_every_language()
    {
        var server = Build.Mailbox("EX02") with { InternalCertificate = Build.Ad(null, AdCertificateState.Unreadable, " ") };
        var en = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS1001, Build.Org(server)));
        var ja = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS1001, Build.Org(server), RuleTestKit.Options() with { Culture = "ja" }));
        Assert.Contains("(msExchServerInternalTLSCert: -)", en.Message, StringComparison.Ordinal);
        Assert.NotEqual(en.Message, ja.Message);
    }
}
