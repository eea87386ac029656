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
}
