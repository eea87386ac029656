using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4003Tests
{
    [Fact]
    public void Fires_on_short_RSA_keys_of_SMTP_or_chosen_certificates()
    {
        var weakSmtp = Build.Cert(Build.ThumbprintFor("weak"), "CN=old.contoso.com", keySize: 1024);
        var weakIis = Build.Cert(Build.ThumbprintFor("weak-iis"), "CN=web.contoso.com", keySize: 1024);
        var strong = Build.Cert(Build.ThumbprintFor("strong"), "CN=new.contoso.com", keySize: 4096);
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(weakSmtp), Build.InStore(weakIis, services: CertificateServices.IIS), Build.InStore(strong));
        var weakInternal = Build.Cert(Build.ThumbprintFor("EX02"), "CN=EX02", dnsNames: ["EX02", "ex02.contoso.com"], keySize: 1024);
        var ex02 = Build.Mailbox("EX02", internalCert: weakInternal);
        ex02 = ex02.WithStore(Build.InStore(weakInternal, services: CertificateServices.IIS));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS4003, Build.Org(ex01, ex02),
            fires: [$"EX01/{weakSmtp.Thumbprint}", $"EX02/{weakInternal.Thumbprint}"],
            passes: [$"EX01/{weakIis.Thumbprint}", $"EX01/{strong.Thumbprint}", $"EX01/{Build.ThumbprintFor("EX01")}"]);
        Assert.All(found, f => Assert.Contains("1024", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_remediation_follows_the_certificate_s_role_and_issuer()
    {
        // The internal transport certificate is renewed with -Force and the old one removed; another self-signed one is
        // renewed without taking over as the internal transport certificate; a CA-issued one is requested from its CA.
        var weakInternal = Build.Cert(Build.ThumbprintFor("EX01"), "CN=EX01", dnsNames: ["EX01", "ex01.contoso.com"], keySize: 1024);
        var weakSelfSigned = Build.Cert(Build.ThumbprintFor("self"), "CN=fax.contoso.com", keySize: 1024);
        var weakCaIssued = Build.Cert(Build.ThumbprintFor("ca"), "CN=mail.contoso.com", issuer: "CN=Contoso Issuing CA", keySize: 1024);
        var ex01 = Build.Mailbox("EX01", internalCert: weakInternal);
        ex01 = ex01.WithStore(Build.InStore(weakInternal), Build.InStore(weakSelfSigned), Build.InStore(weakCaIssued));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS4003, Build.Org(ex01),
            fires: [$"EX01/{weakInternal.Thumbprint}", $"EX01/{weakSelfSigned.Thumbprint}", $"EX01/{weakCaIssued.Thumbprint}"], passes: []);
        var byTarget = found.ToDictionary(f => f.Target.Id, f => f.Remediation, StringComparer.Ordinal);

        var renewal = byTarget[$"EX01/{weakInternal.Thumbprint}"];
        Assert.Contains("| New-ExchangeCertificate -KeySize 2048 -Force -WhatIf", renewal, StringComparison.Ordinal);
        Assert.Contains($"Remove-ExchangeCertificate -Server 'EX01' -Thumbprint '{weakInternal.Thumbprint}' -WhatIf", renewal, StringComparison.Ordinal);

        var other = byTarget[$"EX01/{weakSelfSigned.Thumbprint}"];
        Assert.Contains("| New-ExchangeCertificate -KeySize 2048 -WhatIf", other, StringComparison.Ordinal);
        Assert.DoesNotContain("-Force", other, StringComparison.Ordinal);
        Assert.Contains($"Remove-ExchangeCertificate -Server 'EX01' -Thumbprint '{weakSelfSigned.Thumbprint}' -WhatIf", other, StringComparison.Ordinal);

        var request = byTarget[$"EX01/{weakCaIssued.Thumbprint}"];
        Assert.Contains("New-ExchangeCertificate -GenerateRequest -KeySize 2048 -WhatIf", request, StringComparison.Ordinal);
        Assert.DoesNotContain("-Force", request, StringComparison.Ordinal);
        Assert.DoesNotContain("| New-ExchangeCertificate -KeySize 2048 -WhatIf", request, StringComparison.Ordinal);
    }
}
