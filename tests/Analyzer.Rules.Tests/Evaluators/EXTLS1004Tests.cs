using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1004Tests
{
    [Fact]
    public void Fires_on_the_server_whose_published_certificate_is_not_in_its_store_with_every_direction_it_breaks()
    {
        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS1004, Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02").WithStore()), fires: ["EX02"], passes: ["EX01"]));

        Assert.Equal(12013, d.EventId);
        Assert.Contains(Build.ThumbprintFor("EX02"), d.Message, StringComparison.Ordinal);
        Assert.Equal(
            ["inbound-anonymous-tls EX02\\Default EX02", "inbound-anonymous-tls EX02\\Default Frontend EX02", "outbound-anonymous-tls "],
            d.Impacts.Select(i => $"{i.Scenario.ToId()} {i.Connector}"));
        Assert.Contains("New-ExchangeCertificate -Server 'EX02' -WhatIf", d.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Offers_the_self_signed_store_certificate_that_names_the_server_and_lasts_longest_never_a_CA_issued_one()
    {
        var shortLived = Build.Cert(Build.ThumbprintFor("short"), "CN=EX02", notAfter: Build.AsOf.AddDays(100), dnsNames: ["ex02.contoso.com"]);
        var longLived = Build.Cert(Build.ThumbprintFor("long"), "CN=EX02", notAfter: Build.AsOf.AddDays(900), dnsNames: ["ex02.contoso.com"]);
        var noKey = Build.Cert(Build.ThumbprintFor("nokey"), "CN=EX02", notAfter: Build.AsOf.AddDays(2000), dnsNames: ["ex02.contoso.com"]);
        var caIssued = Build.Cert(Build.ThumbprintFor("ca"), "CN=ex02.contoso.com", issuer: "CN=Contoso Issuing CA", notAfter: Build.AsOf.AddDays(3000), dnsNames: ["ex02.contoso.com", "mail.contoso.com"]);
        var server = Build.Mailbox("EX02").WithStore(Build.InStore(shortLived), Build.InStore(longLived), Build.InStore(noKey, hasPrivateKey: false), Build.InStore(caIssued));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS1004, Build.Org(server), fires: ["EX02"], passes: []));
        Assert.Contains($"Enable-ExchangeCertificate -Server 'EX02' -Thumbprint '{longLived.Thumbprint}'", d.Remediation, StringComparison.Ordinal);

        // Never a CA-issued certificate, however long it lasts: the internal transport certificate stays self-signed.
        Assert.DoesNotContain(caIssued.Thumbprint, d.Remediation, StringComparison.Ordinal);
    }
}
