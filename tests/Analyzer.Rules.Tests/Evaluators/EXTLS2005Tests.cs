using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2005Tests
{
    [Fact]
    public void Fires_when_certificates_match_the_key_but_none_is_eligible_and_lists_why_each_was_refused()
    {
        var noKey = Build.Cert(Build.ThumbprintFor("nokey"), "CN=mail.contoso.com", "CN=Contoso CA", dnsNames: ["mail.contoso.com"]);
        var v1 = Build.Cert(Build.ThumbprintFor("v1"), "CN=mail.contoso.com", "CN=Contoso CA", dnsNames: ["mail.contoso.com"], version: 1);
        var server = Build.Mailbox("EX01")
            .WithStore(Build.InStore(Build.Mailbox("EX01").InternalCertificate.Certificate!), Build.InStore(noKey, hasPrivateKey: false), Build.InStore(v1))
            .WithConnectors(
                Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers),
                Build.Receive("EX01", "Default EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2005, Build.Org(server), fires: ["EX01\\Mail EX01"], passes: ["EX01\\Default EX01"]));

        var refused = new[] { $"{noKey.Thumbprint} (CN=mail.contoso.com): no private key", $"{v1.Thumbprint} (CN=mail.contoso.com): not an X.509 v3 certificate" }.Order(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Refused: " + string.Join("; ", refused) + ".", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_properties_of_a_refused_candidate_are_worded_by_the_descriptor()
    {
        var v1 = Build.Cert(Build.ThumbprintFor("v1"), "CN=mail.contoso.com", "CN=Contoso CA", dnsNames: ["mail.contoso.com"], version: 1);
        var server = Build.Mailbox("EX01").WithStore(Build.InStore(v1, hasPrivateKey: null))
            .WithConnectors(Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers));

        var en = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS2005, Build.Org(server)));
        var ja = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS2005, Build.Org(server), RuleTestKit.Options() with { Culture = "ja" }));
        Assert.Contains($"{v1.Thumbprint} (CN=mail.contoso.com): not an X.509 v3 certificate [unknown: HasPrivateKey]", en.Message, StringComparison.Ordinal);
        Assert.Contains("X.509 v3 証明書ではない [不明: HasPrivateKey]", ja.Message, StringComparison.Ordinal);
    }
}
