using Extls.Rules.Tests.Support;
using Extls.Rules.Evaluators;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1006Tests
{
    private static readonly InternalTransportCertificateExpiresSoon Rule = new();

    [Fact]
    public void Fires_inside_the_warning_window_with_the_date_and_days_left()
    {
        var soon = Build.Cert(Build.ThumbprintFor("soon"), "CN=EX01", notAfter: Build.AsOf.AddDays(10).AddHours(5));
        var server = Build.Mailbox("EX01", internalCert: soon);
        var selections = new[]
        {
            RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.SelectedExpiresSoon, soon.Thumbprint),
            RuleTestKit.Outbound("EX01", SelectionOutcome.SelectedExpiresSoon, soon.Thumbprint),
        };

        var d = Assert.Single(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(server, Build.Mailbox("EX02")), selections)));

        Assert.Equal("EX01", d.Target.Id);
        Assert.Equal("2026-06-11", RuleTestKit.Render(d, "notAfter"));
        Assert.Equal("10", RuleTestKit.Render(d, "daysLeft"));
        Assert.Null(d.RemediationVariant);

        var finding = Assert.Single(Findings.Of(RuleIds.EXTLS1006, Build.Org(server), selections));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(12017, finding.EventId);
        Assert.Contains($"Get-ExchangeCertificate -Server EX01 -Thumbprint {soon.Thumbprint} | New-ExchangeCertificate", finding.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_outside_the_window() =>
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")), RuleTestKit.Outbound("EX01", SelectionOutcome.Selected))));
}
