using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2010Tests
{
    private static readonly CertificateInfo Newer = Build.Cert(Build.ThumbprintFor("newer"), "CN=mail.contoso.com", "CN=Contoso CA",
        notBefore: Build.AsOf.AddDays(-10), notAfter: Build.AsOf.AddDays(100), dnsNames: ["mail.contoso.com"]);

    private static readonly CertificateInfo Older = Build.Cert(Build.ThumbprintFor("older"), "CN=mail.contoso.com", "CN=Contoso CA",
        notBefore: Build.AsOf.AddDays(-300), notAfter: Build.AsOf.AddDays(400), dnsNames: ["mail.contoso.com"]);

    private static ServerSnapshot Server(params ReceiveConnector[] connectors) =>
        Build.Mailbox("EX01")
            .WithStore(Build.InStore(Build.Mailbox("EX01").InternalCertificate.Certificate!), Build.InStore(Newer), Build.InStore(Older))
            .WithConnectors(connectors);

    [Fact]
    public void Fires_when_the_newest_NotBefore_wins_over_a_longer_lived_certificate_naming_winner_and_loser()
    {
        var org = Build.Org(Server(
            Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers),
            Build.Receive("EX01", "Default EX01")));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2010, org, fires: ["EX01\\Mail EX01"], passes: ["EX01\\Default EX01"]));

        Assert.Contains($"(a longer-lived certificate is not the one chosen). Exchange uses {Newer.Thumbprint} (newest NotBefore 2026-05-22T00:00:00Z, NotAfter 2026-09-09T00:00:00Z) over {Older.Thumbprint} (NotBefore 2025-08-05T00:00:00Z, NotAfter 2027-07-06T00:00:00Z).", d.Message, StringComparison.Ordinal);
        Assert.Contains($"Remove-ExchangeCertificate -Server 'EX01' -Thumbprint '{Newer.Thumbprint}'", d.Remediation, StringComparison.Ordinal);
        var diagnostic = Assert.Single(RuleTestKit.Diagnostics(new StartTlsRenewalAmbiguity(), org));
        Assert.Equal(MessageArgument.Value(RenewalAmbiguity.LongerLivedCertificateNotChosen), diagnostic.Arguments["reason"]);
    }

    [Fact]
    public void Fires_when_TlsCertificateName_cannot_tell_the_certificates_apart_and_says_so_in_japanese_too()
    {
        var longer = Newer with { Thumbprint = Build.ThumbprintFor("newer-long"), NotAfter = Build.AsOf.AddDays(900) };
        var server = Build.Mailbox("EX01")
            .WithStore(Build.InStore(longer), Build.InStore(Older))
            .WithConnectors(Build.Receive("EX01", "Named EX01", tlsCertificateName: "<I>CN=Contoso CA<S>CN=mail.contoso.com", permissions: PermissionGroups.AnonymousUsers));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2010, Build.Org(server), fires: ["EX01\\Named EX01"], passes: []));
        var ja = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS2010, Build.Org(server), RuleTestKit.Options() with { Culture = "ja" }));

        Assert.Contains("(TlsCertificateName matches more than one of them)", d.Message, StringComparison.Ordinal);
        Assert.Contains("(TlsCertificateName が複数の証明書に一致します)", ja.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TlsCertificateNameMatchesSeveral", ja.Message, StringComparison.Ordinal);
        Assert.Contains($"-Thumbprint '{Older.Thumbprint}'", d.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_when_the_newest_also_lives_longest_or_a_self_signed_certificate_is_the_only_rival()
    {
        var selfSigned = Build.Cert(Build.ThumbprintFor("self"), "CN=mail.contoso.com", notBefore: Build.AsOf.AddDays(-900), notAfter: Build.AsOf.AddDays(900), dnsNames: ["mail.contoso.com"]);
        var server = Build.Mailbox("EX01")
            .WithStore(Build.InStore(Newer), Build.InStore(selfSigned))
            .WithConnectors(Build.Receive("EX01", "Mail EX01", fqdn: "mail.contoso.com", permissions: PermissionGroups.AnonymousUsers));
        RuleTestKit.AssertTargets(RuleIds.EXTLS2010, Build.Org(server), fires: [], passes: ["EX01\\Mail EX01"]);
    }
}
