using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3003Tests
{
    [Fact]
    public void Fires_on_the_expired_certificate_a_send_connector_presents()
    {
        var old = Build.Cert(Build.ThumbprintFor("old"), "CN=mail.contoso.com", "CN=Contoso CA", notBefore: Build.AsOf.AddYears(-2), notAfter: Build.AsOf.AddDays(-1), dnsNames: ["mail.contoso.com"]);
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(old));
        var org = Build.Org(ex01).WithSendConnectors(Build.Send("To Partner", "EX01") with { Fqdn = "mail.contoso.com" }, Build.Send("Internet", "EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS3003, org, fires: [$"EX01/{old.Thumbprint}"], passes: [$"EX01/{Build.ThumbprintFor("EX01")}"]));
        Assert.Contains("expired on 2026-05-31T00:00:00Z", d.Message, StringComparison.Ordinal);
        Assert.Equal([new Impact(Scenario.OutboundStartTls, "EX01", "To Partner")], d.Impacts.ToArray());
    }
}
