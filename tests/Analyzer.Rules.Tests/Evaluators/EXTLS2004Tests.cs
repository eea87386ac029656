using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2004Tests
{
    [Fact]
    public void Fires_when_process_3_finds_no_certificate_for_the_key_but_not_for_a_malformed_name()
    {
        var server = Build.Mailbox("EX01").WithConnectors(
            Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers),
            Build.Receive("EX01", "Named EX01", tlsCertificateName: "<I>CN=Contoso CA<S>CN=mail.contoso.com", permissions: PermissionGroups.AnonymousUsers),
            Build.Receive("EX01", "Malformed EX01", tlsCertificateName: "CN=mail.contoso.com", permissions: PermissionGroups.AnonymousUsers),
            Build.Receive("EX01", "Default EX01"));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS2004, Build.Org(server),
            fires: ["EX01\\Mail EX01", "EX01\\Named EX01"], passes: ["EX01\\Malformed EX01", "EX01\\Default EX01"]);

        Assert.All(found, f => Assert.Equal(12014, f.EventId));
        Assert.Equal([new Impact(Scenario.InboundStartTls, "EX01", "EX01\\Mail EX01")], found[0].Impacts.ToArray());
        Assert.Contains("'mail.contoso.com'", found[0].Message, StringComparison.Ordinal);
    }
}
