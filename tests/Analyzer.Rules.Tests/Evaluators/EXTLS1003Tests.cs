using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1003Tests
{
    private static readonly InternalTransportCertificateCorrupt Rule = new();

    [Fact]
    public void Fires_for_a_corrupt_AD_value_with_its_reason_and_event_12022()
    {
        var corrupt = Build.Mailbox("EX02") with
        {
            InternalCertificate = Build.Ad(null, AdCertificateState.Corrupt) with { CorruptReason = "ASN.1 length out of range" },
        };
        var snapshot = Build.Org(Build.Mailbox("EX01"), corrupt);
        var selections = new[]
        {
            RuleTestKit.Inbound("EX02", "Default EX02", SelectionOutcome.AdValueCorrupt),
            RuleTestKit.Outbound("EX02", SelectionOutcome.AdValueCorrupt),
            RuleTestKit.Outbound("EX01", SelectionOutcome.Selected),
        };

        var d = Assert.Single(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(snapshot, selections)));
        Assert.Equal("EX02", d.Target.Id);
        Assert.Equal("ASN.1 length out of range", RuleTestKit.Render(d, "corruptReason"));
        Assert.Equal(2, d.Impacts.Length);

        var finding = Assert.Single(Findings.Of(RuleIds.EXTLS1003, snapshot, selections));
        Assert.Equal(12022, finding.EventId);
        Assert.Contains("ASN.1 length out of range", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_for_unreadable_or_empty_values_which_other_rules_report()
    {
        var snapshot = Build.Org(
            Build.Mailbox("EX01") with { InternalCertificate = Build.Ad(null, AdCertificateState.Unreadable, "denied") },
            Build.Mailbox("EX02") with { InternalCertificate = Build.Ad(null) });
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(snapshot, RuleTestKit.Outbound("EX01", SelectionOutcome.AdValueUnreadable))));
    }
}
