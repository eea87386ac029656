using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4006Tests
{
    private static readonly string[] MailNames = ["mail.contoso.com", "autodiscover.contoso.com"];

    private static CertificateInfo Mail(string label, int notBeforeDays, bool selfSigned = false, string[]? names = null) =>
        Build.Cert(Build.ThumbprintFor(label), "CN=mail.contoso.com", selfSigned ? "CN=mail.contoso.com" : "CN=Contoso CA",
            notBefore: Build.AsOf.AddDays(notBeforeDays), dnsNames: names ?? MailNames);

    [Fact]
    public void One_finding_per_name_set_naming_the_newest_CA_issued_winner()
    {
        var newest = Mail("newest-self-signed", -1, selfSigned: true);
        var winner = Mail("newer-ca", -30);
        var loser = Mail("older-ca", -400);
        var other = Mail("other-names", -5, names: ["mail.contoso.com"]);
        var iis = Mail("iis", -300);
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(newest), Build.InStore(winner), Build.InStore(loser), Build.InStore(other), Build.InStore(iis, services: CertificateServices.IIS));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS4006, Build.Org(ex01),
            fires: [$"EX01/{winner.Thumbprint}"], passes: [$"EX01/{other.Thumbprint}", $"EX01/{iis.Thumbprint}", $"EX01/{newest.Thumbprint}"]));

        Assert.Contains("3 SMTP certificates on EX01 carry the same names (autodiscover.contoso.com,mail.contoso.com)", d.Message, StringComparison.Ordinal);
        Assert.Contains($": {newest.Thumbprint} (NotBefore 2026-05-31T00:00:00Z, NotAfter", d.Message, StringComparison.Ordinal);
        Assert.Contains($"{winner.Thumbprint} wins (the newest NotBefore, CA-issued before self-signed).", d.Message, StringComparison.Ordinal);
        Assert.Contains(string.Join(",", new[] { newest.Thumbprint, loser.Thumbprint }.Order(StringComparer.OrdinalIgnoreCase)), d.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_certificate_a_connector_chose_wins()
    {
        var newer = Mail("newer-ca", -30);
        var older = Mail("older-ca", -400) with { Thumbprint = Build.ThumbprintFor("older-ca") };
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(newer), Build.InStore(older))
            .WithConnectors(Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS4006, Build.Org(ex01), fires: [$"EX01/{newer.Thumbprint}"], passes: [$"EX01/{older.Thumbprint}"]));
        Assert.Contains("(a connector chooses it)", d.Message, StringComparison.Ordinal);
        var ja = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS4006, Build.Org(ex01), RuleTestKit.Options() with { Culture = "ja" }));
        Assert.Contains("(コネクタがこの証明書を選択します)", ja.Message, StringComparison.Ordinal);
    }
}
