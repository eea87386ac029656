using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4001Tests
{
    [Fact]
    public void Fires_on_SMTP_certificates_in_the_window_that_no_selection_reports()
    {
        var unused = Build.Cert(Build.ThumbprintFor("unused"), "CN=old.contoso.com", notAfter: Build.AsOf.AddDays(10));
        var lastDay = Build.Cert(Build.ThumbprintFor("last"), "CN=last.contoso.com", notAfter: Build.AsOf.AddDays(29.5));
        var iis = Build.Cert(Build.ThumbprintFor("iis"), "CN=web.contoso.com", notAfter: Build.AsOf.AddDays(5));
        var chosenSoon = Build.Cert(Build.ThumbprintFor("EX02"), "CN=EX02", notAfter: Build.AsOf.AddDays(5), dnsNames: ["EX02", "ex02.contoso.com"]);
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(unused), Build.InStore(lastDay), Build.InStore(iis, services: CertificateServices.IIS));
        var org = Build.Org(ex01, Build.Mailbox("EX02", internalCert: chosenSoon));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS4001, org,
            fires: [$"EX01/{unused.Thumbprint}", $"EX01/{lastDay.Thumbprint}"],
            passes: [$"EX01/{iis.Thumbprint}", $"EX02/{chosenSoon.Thumbprint}", $"EX01/{Build.ThumbprintFor("EX01")}"]);

        var days = RuleTestKit.Diagnostics(new CertificateExpiresSoon(), org).ToDictionary(d => d.Target.Id, d => d.Arguments["daysLeft"]);
        Assert.Equal(MessageArgument.Number(10), days[$"EX01/{unused.Thumbprint}"]);
        Assert.Equal(MessageArgument.Number(29), days[$"EX01/{lastDay.Thumbprint}"]);
        Assert.All(found, f => Assert.Equal(FindingTargetKind.Certificate, f.Target.Kind));
    }
}
