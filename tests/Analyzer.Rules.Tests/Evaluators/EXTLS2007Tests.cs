using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2007Tests
{
    [Fact]
    public void Fires_on_the_expired_certificate_process_3_chose_with_its_date()
    {
        var old = Build.Cert(Build.ThumbprintFor("old"), "CN=mail.contoso.com", "CN=Contoso CA", notBefore: Build.AsOf.AddYears(-2), notAfter: Build.AsOf.AddDays(-3), dnsNames: ["mail.contoso.com"]);
        var server = Build.Mailbox("EX01")
            .WithStore(Build.InStore(Build.Mailbox("EX01").InternalCertificate.Certificate!), Build.InStore(old))
            .WithConnectors(Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers), Build.Receive("EX01", "Default EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2007, Build.Org(server),
            fires: [$"EX01/{old.Thumbprint}"], passes: [$"EX01/{Build.ThumbprintFor("EX01")}"]));

        Assert.Equal(12016, d.EventId);
        Assert.Contains("expired on 2026-05-29T00:00:00Z", d.Message, StringComparison.Ordinal);
        Assert.Equal([new Impact(Scenario.InboundStartTls, "EX01", "EX01\\Mail EX01")], d.Impacts.ToArray());
    }
}
