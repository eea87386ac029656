using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1002Tests
{
    private static readonly InternalTransportCertificateNotPublished Rule = new();

    private static ServerSnapshot Empty(string name) => Build.Mailbox(name) with { InternalCertificate = Build.Ad(null) };

    [Fact]
    public void Fires_for_each_server_with_an_empty_AD_value()
    {
        var context = RuleTestKit.Context(
            Build.Org(Empty("EX01"), Build.Mailbox("EX02"), Empty("EX03")),
            RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.AdValueEmpty),
            RuleTestKit.Outbound("EX02", SelectionOutcome.Selected),
            RuleTestKit.Outbound("EX03", SelectionOutcome.AdValueEmpty));

        var found = RuleTestKit.RunSorted(Rule, context);

        Assert.Equal(["EX01", "EX03"], found.Select(d => d.Target.Id));
        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default EX01")], found[0].Impacts.ToArray());
        Assert.Equal([new Impact(Scenario.OutboundAnonymousTls, "EX03", null)], found[1].Impacts.ToArray());
    }

    [Fact]
    public void Names_the_best_candidate_smtp_with_key_valid_named_for_the_server_lasting_longest()
    {
        var good = Build.Cert(Build.ThumbprintFor("good"), "CN=EX01", notAfter: Build.AsOf.AddYears(2));
        var better = Build.Cert(Build.ThumbprintFor("better"), "CN=mail.contoso.com", dnsNames: ["mail.contoso.com", "ex01.contoso.com"], issuer: "CN=CA", notAfter: Build.AsOf.AddYears(3));
        var server = Empty("EX01").WithStore(
            Build.InStore(good),
            Build.InStore(better),
            Build.InStore(Build.Cert(Build.ThumbprintFor("noSmtp"), "CN=EX01", notAfter: Build.AsOf.AddYears(9)), services: CertificateServices.IIS),
            Build.InStore(Build.Cert(Build.ThumbprintFor("noKey"), "CN=EX01", notAfter: Build.AsOf.AddYears(9)), hasPrivateKey: false),
            Build.InStore(Build.Cert(Build.ThumbprintFor("unknownKey"), "CN=EX01", notAfter: Build.AsOf.AddYears(9)), hasPrivateKey: null),
            Build.InStore(Build.Cert(Build.ThumbprintFor("expired"), "CN=EX01", notBefore: Build.AsOf.AddYears(-3), notAfter: Build.AsOf.AddDays(-1))),
            Build.InStore(Build.Cert(Build.ThumbprintFor("otherName"), "CN=EX02", notAfter: Build.AsOf.AddYears(9))),
            Build.InStore(Build.Cert(Build.ThumbprintFor("future"), "CN=EX01", notBefore: Build.AsOf.AddDays(1), notAfter: Build.AsOf.AddYears(9))));

        var d = Assert.Single(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(server))));

        Assert.Equal(Build.ThumbprintFor("better"), RuleTestKit.Render(d, "candidateThumbprint"));
        var finding = Assert.Single(Findings.Of(RuleIds.EXTLS1002, Build.Org(server)));
        Assert.Equal(
            $"# Publish the best certificate in the store of EX01 (SMTP, private key, valid, named for the server):\nEnable-ExchangeCertificate -Server EX01 -Thumbprint {Build.ThumbprintFor("better")} -Services SMTP -WhatIf",
            finding.Remediation);
    }

    [Fact]
    public void Without_a_candidate_chooses_the_new_certificate_remediation()
    {
        var server = Empty("EX01").WithStore(Build.InStore(Build.Cert(Build.ThumbprintFor("noKey"), "CN=EX01"), hasPrivateKey: false));
        var d = Assert.Single(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(server))));
        Assert.Equal(RemediationVariant.NoCandidate, d.RemediationVariant);
        Assert.Equal("ex01.contoso.com", RuleTestKit.Render(d, "fqdn"));
        Assert.False(d.Arguments.ContainsKey("candidateThumbprint"));
    }

    [Fact]
    public void Silent_when_AD_holds_a_certificate() =>
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")), RuleTestKit.Outbound("EX01", SelectionOutcome.Selected))));
}
