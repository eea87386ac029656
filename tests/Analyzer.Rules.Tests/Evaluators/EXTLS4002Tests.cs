using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4002Tests
{
    [Fact]
    public void Fires_on_expired_SMTP_certificates_that_no_selection_chose()
    {
        var stale = Build.Cert(Build.ThumbprintFor("stale"), "CN=old.contoso.com", notBefore: Build.AsOf.AddYears(-3), notAfter: Build.AsOf.AddDays(-10));
        var iis = Build.Cert(Build.ThumbprintFor("iis"), "CN=web.contoso.com", notBefore: Build.AsOf.AddYears(-3), notAfter: Build.AsOf.AddDays(-10));
        var chosenExpired = Build.Cert(Build.ThumbprintFor("EX02"), "CN=EX02", notBefore: Build.AsOf.AddYears(-3), notAfter: Build.AsOf.AddDays(-1), dnsNames: ["EX02", "ex02.contoso.com"]);
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(stale), Build.InStore(iis, services: CertificateServices.IIS));
        var org = Build.Org(ex01, Build.Mailbox("EX02", internalCert: chosenExpired));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS4002, org,
            fires: [$"EX01/{stale.Thumbprint}"], passes: [$"EX01/{iis.Thumbprint}", $"EX02/{chosenExpired.Thumbprint}"]));
        Assert.Contains("2026-05-22T00:00:00Z", d.Message, StringComparison.Ordinal);
    }
}
