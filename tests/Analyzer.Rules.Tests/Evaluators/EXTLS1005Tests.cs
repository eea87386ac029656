using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1005Tests
{
    private static readonly InternalTransportCertificateExpired Rule = new();

    [Fact]
    public void Fires_when_anonymous_tls_runs_on_an_expired_certificate_and_offers_a_valid_replacement()
    {
        var expired = Build.Cert(Build.ThumbprintFor("old"), "CN=EX01", notBefore: Build.AsOf.AddYears(-5), notAfter: Build.AsOf.AddDays(-3));
        var fresh = Build.Cert(Build.ThumbprintFor("fresh"), "CN=EX01");
        var server = Build.Mailbox("EX01", internalCert: expired).WithStore(Build.InStore(expired), Build.InStore(fresh));
        var context = RuleTestKit.Context(
            Build.Org(server, Build.Mailbox("EX02")),
            RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.SelectedExpired, expired.Thumbprint),
            RuleTestKit.Outbound("EX01", SelectionOutcome.SelectedExpired, expired.Thumbprint),
            RuleTestKit.Outbound("EX02", SelectionOutcome.Selected, Build.ThumbprintFor("EX02")));

        var d = Assert.Single(RuleTestKit.RunSorted(Rule, context));

        Assert.Equal("EX01", d.Target.Id);
        Assert.Equal(expired.Thumbprint, RuleTestKit.Render(d, "thumbprint"));
        Assert.Equal("2026-05-29", RuleTestKit.Render(d, "notAfter"));
        Assert.Equal(fresh.Thumbprint, RuleTestKit.Render(d, "candidateThumbprint"));
        Assert.Equal(2, d.Impacts.Length);
    }

    [Fact]
    public void Without_a_valid_certificate_offers_a_new_one()
    {
        var expired = Build.Cert(Build.ThumbprintFor("old"), "CN=EX01", notBefore: Build.AsOf.AddYears(-5), notAfter: Build.AsOf.AddDays(-3));
        var server = Build.Mailbox("EX01", internalCert: expired);
        var finding = Assert.Single(Findings.Of(RuleIds.EXTLS1005, Build.Org(server), RuleTestKit.Outbound("EX01", SelectionOutcome.SelectedExpired, expired.Thumbprint)));
        Assert.Contains("New-ExchangeCertificate -Server EX01", finding.Remediation, StringComparison.Ordinal);
        Assert.Contains("expired on 2026-05-29", finding.Message, StringComparison.Ordinal);
        Assert.Equal(12015, finding.EventId);
    }

    [Fact]
    public void Silent_for_valid_or_soon_expiring_certificates() =>
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(
            Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Outbound("EX01", SelectionOutcome.SelectedExpiresSoon),
            RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.Selected))));

    [Fact]
    public void Ignores_expired_starttls_certificates_which_2007_reports() =>
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(
            Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.SelectedExpired))));
}
