using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3004Tests
{
    [Fact]
    public void Fires_on_the_send_certificate_inside_the_warning_window()
    {
        var soon = Build.Cert(Build.ThumbprintFor("soon"), "CN=mail.contoso.com", "CN=Contoso CA", notAfter: Build.AsOf.AddDays(5), dnsNames: ["mail.contoso.com"]);
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(soon));
        var org = Build.Org(ex01).WithSendConnectors(Build.Send("To Partner", "EX01") with { Fqdn = "mail.contoso.com" }, Build.Send("Internet", "EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS3004, org, fires: [$"EX01/{soon.Thumbprint}"], passes: [$"EX01/{Build.ThumbprintFor("EX01")}"]));
        Assert.Contains("expires on 2026-06-06T00:00:00Z", d.Message, StringComparison.Ordinal);
    }
}
