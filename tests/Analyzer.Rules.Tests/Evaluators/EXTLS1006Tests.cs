using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1006Tests
{
    [Fact]
    public void Fires_inside_the_warning_window_with_the_date_and_days_left()
    {
        var soon = Build.Cert(Build.ThumbprintFor("soon"), "CN=EX02", notAfter: Build.AsOf.AddDays(10), dnsNames: ["EX02", "ex02.contoso.com"]);
        var later = Build.Cert(Build.ThumbprintFor("later"), "CN=EX03", notAfter: Build.AsOf.AddDays(31), dnsNames: ["EX03", "ex03.contoso.com"]);
        var org = Build.Org(Build.Mailbox("EX02", internalCert: soon), Build.Mailbox("EX03", internalCert: later));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS1006, org, fires: ["EX02"], passes: ["EX03"]));

        var diagnostic = Assert.Single(RuleTestKit.Diagnostics(new InternalTransportCertificateExpiresSoon(), org));
        Assert.Equal(MessageArgument.Number(10), diagnostic.Arguments["daysLeft"]);
        Assert.Equal(MessageArgument.Day(soon.NotAfter), diagnostic.Arguments["notAfter"]);
        Assert.Contains("2026-06-11", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_window_comes_from_the_options()
    {
        var later = Build.Cert(Build.ThumbprintFor("later"), "CN=EX03", notAfter: Build.AsOf.AddDays(31), dnsNames: ["EX03", "ex03.contoso.com"]);
        RuleTestKit.AssertTargets(RuleIds.EXTLS1006, Build.Org(Build.Mailbox("EX03", internalCert: later)), fires: ["EX03"], passes: [], RuleTestKit.Options(warningDays: 60));
    }
}
