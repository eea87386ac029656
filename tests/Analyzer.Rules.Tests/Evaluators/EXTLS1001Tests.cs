using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1001Tests
{
    private static readonly InternalTransportCertificateUnreadable Rule = new();

    private static ServerSnapshot Unreadable(string name) =>
        Build.Mailbox(name) with { InternalCertificate = Build.Ad(null, AdCertificateState.Unreadable, "Access is denied") };

    [Fact]
    public void Fires_once_per_server_whose_AD_value_is_unreadable_with_the_selections_it_stopped()
    {
        var snapshot = Build.Org(Build.Mailbox("EX01"), Unreadable("EX02"));
        var context = RuleTestKit.Context(
            snapshot,
            RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.Selected),
            RuleTestKit.Inbound("EX02", "Default EX02", SelectionOutcome.AdValueUnreadable),
            RuleTestKit.Inbound("EX02", "Client Frontend EX02", SelectionOutcome.ExchangeServerAuthMissing),
            RuleTestKit.Outbound("EX02", SelectionOutcome.AdValueUnreadable));

        var d = Assert.Single(RuleTestKit.RunSorted(Rule, context));

        Assert.Equal(new FindingTarget(FindingTargetKind.Server, "EX02"), d.Target);
        Assert.Equal("Access is denied", RuleTestKit.Render(d, "readError"));
        Assert.Equal(Build.ThumbprintFor("EX02"), RuleTestKit.Render(d, "candidateThumbprint"));
        Assert.Null(d.RemediationVariant);
        Assert.Equal(
            [new Impact(Scenario.InboundAnonymousTls, "EX02", "EX02\\Default EX02"), new Impact(Scenario.OutboundAnonymousTls, "EX02", null)],
            d.Impacts.ToArray());
        Assert.Equal("servers/EX01/InternalTransportCertificate.json", d.Location?.File);
    }

    [Fact]
    public void Fires_from_the_AD_state_even_before_any_selection_reads_it()
    {
        var d = Assert.Single(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(Unreadable("EX02")))));
        Assert.Equal("EX02", d.Server);
        Assert.Empty(d.Impacts);
    }

    [Fact]
    public void Offers_a_new_certificate_when_the_store_has_nothing_to_publish()
    {
        var server = Unreadable("EX02").WithStore();
        var finding = Assert.Single(Findings.Of(RuleIds.EXTLS1001, Build.Org(server)));
        Assert.Contains(
            "New-ExchangeCertificate -Server EX02 -SubjectName \"CN=EX02\" -DomainName ex02.contoso.com -Services SMTP -PrivateKeyExportable $true -WhatIf",
            finding.Remediation,
            StringComparison.Ordinal);
        Assert.Contains("Access is denied", finding.Message, StringComparison.Ordinal);
        Assert.Equal(12012, finding.EventId);
    }

    [Fact]
    public void Silent_when_AD_is_readable()
    {
        var context = RuleTestKit.Context(
            Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02") with { InternalCertificate = Build.Ad(null) }),
            RuleTestKit.Outbound("EX01", SelectionOutcome.Selected));
        Assert.Empty(RuleTestKit.RunSorted(Rule, context));
    }
}
