using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1004Tests
{
    private static readonly InternalTransportCertificateNotInStore Rule = new();

    [Fact]
    public void One_finding_per_server_listing_every_connector_and_direction_it_breaks()
    {
        var other = Build.Cert(Build.ThumbprintFor("EX02-new"), "CN=EX02", dnsNames: ["EX02", "ex02.contoso.com"]);
        var snapshot = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02").WithStore(Build.InStore(other)));
        var context = RuleTestKit.Context(
            snapshot,
            RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.Selected),
            RuleTestKit.Outbound("EX01", SelectionOutcome.Selected),
            RuleTestKit.Inbound("EX02", "Default EX02", SelectionOutcome.CertificateNotInStore),
            RuleTestKit.Inbound("EX02", "Default Frontend EX02", SelectionOutcome.CertificateNotInStore),
            RuleTestKit.Outbound("EX02", SelectionOutcome.CertificateNotInStore));

        var d = Assert.Single(RuleTestKit.RunSorted(Rule, context));

        Assert.Equal("EX02", d.Target.Id);
        Assert.Equal(Build.ThumbprintFor("EX02"), RuleTestKit.Render(d, "thumbprint"));
        Assert.Equal(Build.ThumbprintFor("EX02-new"), RuleTestKit.Render(d, "candidateThumbprint"));
        Assert.Equal(
            ["inbound-anonymous-tls EX02\\Default EX02", "inbound-anonymous-tls EX02\\Default Frontend EX02", "outbound-anonymous-tls "],
            d.Impacts.Select(i => $"{i.Scenario.ToId()} {i.Connector}"));
    }

    [Fact]
    public void Formats_the_descriptor_example_remediation()
    {
        var other = Build.Cert(Build.ThumbprintFor("EX02-new"), "CN=EX02", dnsNames: ["EX02", "ex02.contoso.com"]);
        var snapshot = Build.Org(Build.Mailbox("EX02").WithStore(Build.InStore(other)));
        var finding = Assert.Single(Findings.Of(RuleIds.EXTLS1004, snapshot, RuleTestKit.Outbound("EX02", SelectionOutcome.CertificateNotInStore)));
        Assert.EndsWith($"Enable-ExchangeCertificate -Server EX02 -Thumbprint {Build.ThumbprintFor("EX02-new")} -Services SMTP -WhatIf", finding.Remediation, StringComparison.Ordinal);
        Assert.Equal(
            $"The internal transport certificate {Build.ThumbprintFor("EX02")} that Active Directory holds for EX02 is not in the server's Local Computer\\Personal store; X-ANONYMOUSTLS is not advertised and not used.",
            finding.Message);
        Assert.Equal(["A2"], finding.Assumptions.ToArray());
    }

    [Fact]
    public void Silent_when_every_selection_found_its_certificate() =>
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(
            Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.Selected),
            RuleTestKit.Outbound("EX01", SelectionOutcome.SelectedExpiresSoon))));
}
