using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4004Tests
{
    [Fact]
    public void Fires_on_SHA_1_signatures_known_by_name_or_by_OID()
    {
        var byName = Build.Cert(Build.ThumbprintFor("name"), "CN=a.contoso.com", signatureAlgorithm: "sha1RSA");
        var byOid = Build.Cert(Build.ThumbprintFor("oid"), "CN=b.contoso.com", signatureAlgorithm: null) with { SignatureAlgorithmOid = "1.2.840.113549.1.1.5" };
        var modern = Build.Cert(Build.ThumbprintFor("modern"), "CN=c.contoso.com") with { SignatureAlgorithmOid = "1.2.840.113549.1.1.11" };
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(byName), Build.InStore(byOid), Build.InStore(modern));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS4004, Build.Org(ex01),
            fires: [$"EX01/{byName.Thumbprint}", $"EX01/{byOid.Thumbprint}"], passes: [$"EX01/{modern.Thumbprint}", $"EX01/{Build.ThumbprintFor("EX01")}"]);
        Assert.Contains(found, f => f.Message.Contains("sha1RSA", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Message.Contains("1.2.840.113549.1.1.5", StringComparison.Ordinal));
    }

    [Fact]
    public void The_remediation_follows_the_certificate_s_role_and_issuer()
    {
        // The internal transport certificate is renewed with -Force and the old one removed; another self-signed one is
        // renewed without taking over as the internal transport certificate; a CA-issued one is requested from its CA.
        var weakInternal = Build.Cert(Build.ThumbprintFor("EX01"), "CN=EX01", dnsNames: ["EX01", "ex01.contoso.com"], signatureAlgorithm: "sha1RSA");
        var weakSelfSigned = Build.Cert(Build.ThumbprintFor("self"), "CN=fax.contoso.com", signatureAlgorithm: "sha1RSA");
        var weakCaIssued = Build.Cert(Build.ThumbprintFor("ca"), "CN=mail.contoso.com", issuer: "CN=Contoso Issuing CA", signatureAlgorithm: "sha1RSA");
        var ex01 = Build.Mailbox("EX01", internalCert: weakInternal);
        ex01 = ex01.WithStore(Build.InStore(weakInternal), Build.InStore(weakSelfSigned), Build.InStore(weakCaIssued));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS4004, Build.Org(ex01),
            fires: [$"EX01/{weakInternal.Thumbprint}", $"EX01/{weakSelfSigned.Thumbprint}", $"EX01/{weakCaIssued.Thumbprint}"], passes: []);
        var byTarget = found.ToDictionary(f => f.Target.Id, f => f.Remediation, StringComparer.Ordinal);

        var renewal = byTarget[$"EX01/{weakInternal.Thumbprint}"];
        Assert.Contains("| New-ExchangeCertificate -Force -WhatIf", renewal, StringComparison.Ordinal);
        Assert.Contains($"Remove-ExchangeCertificate -Server 'EX01' -Thumbprint '{weakInternal.Thumbprint}' -WhatIf", renewal, StringComparison.Ordinal);

        var other = byTarget[$"EX01/{weakSelfSigned.Thumbprint}"];
        Assert.Contains("| New-ExchangeCertificate -WhatIf", other, StringComparison.Ordinal);
        Assert.DoesNotContain("-Force", other, StringComparison.Ordinal);
        Assert.Contains($"Remove-ExchangeCertificate -Server 'EX01' -Thumbprint '{weakSelfSigned.Thumbprint}' -WhatIf", other, StringComparison.Ordinal);

        var request = byTarget[$"EX01/{weakCaIssued.Thumbprint}"];
        Assert.Contains("New-ExchangeCertificate -GenerateRequest -WhatIf", request, StringComparison.Ordinal);
        Assert.DoesNotContain("-Force", request, StringComparison.Ordinal);
        Assert.DoesNotContain("| New-ExchangeCertificate -WhatIf", request, StringComparison.Ordinal);
    }
}
