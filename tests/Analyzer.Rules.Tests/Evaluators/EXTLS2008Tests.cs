using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2008Tests
{
    [Fact]
    public void Fires_on_the_certificate_process_3_chose_inside_the_warning_window()
    {
        var soon = Build.Cert(Build.ThumbprintFor("soon"), "CN=mail.contoso.com", "CN=Contoso CA", notAfter: Build.AsOf.AddDays(12), dnsNames: ["mail.contoso.com"]);
        var server = Build.Mailbox("EX01")
            .WithStore(Build.InStore(Build.Mailbox("EX01").InternalCertificate.Certificate!), Build.InStore(soon))
            .WithConnectors(Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers), Build.Receive("EX01", "Default EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2008, Build.Org(server),
            fires: [$"EX01/{soon.Thumbprint}"], passes: [$"EX01/{Build.ThumbprintFor("EX01")}"]));

        Assert.Equal(12018, d.EventId);
        Assert.Contains("expires on 2026-06-13T00:00:00Z", d.Message, StringComparison.Ordinal);
    }
}
