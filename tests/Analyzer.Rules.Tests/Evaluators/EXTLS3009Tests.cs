using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3009Tests
{
    internal const string OldName = "<I>CN=GeoTrust TLS RSA CA G1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com";

    internal static CertificateInfo Old() => Build.Cert(Build.ThumbprintFor("old"), "CN=mail.contoso.com", "CN=GeoTrust TLS RSA CA G1, O=DigiCert Inc, C=US",
        notBefore: Build.AsOf.AddYears(-2), notAfter: Build.AsOf.AddDays(-3), dnsNames: ["mail.contoso.com"]);

    internal static CertificateInfo Renewed() => Build.Cert(Build.ThumbprintFor("renewed"), "CN=mail.contoso.com", "CN=GeoTrust TLS RSA CA G2, O=DigiCert Inc, C=US",
        notBefore: Build.AsOf.AddDays(-10), notAfter: Build.AsOf.AddYears(1), dnsNames: ["mail.contoso.com"]);

    internal static ServerSnapshot WithStore(string name, params StoreCertificate[] certificates)
    {
        var s = Build.Mailbox(name);
        return s with { Certificates = s.Certificates with { Items = s.Certificates.Items.AddRange(certificates) } };
    }

    internal static OrganizationSnapshot Org(string? name, string[] sending, string[] receiving, params ServerSnapshot[] servers) => Build.Org(servers) with
    {
        HybridConfigurations = Section<HybridConfiguration>.Collected(
            [new HybridConfiguration { Identity = "Hybrid Configuration", TlsCertificateName = name, SendingTransportServers = [.. sending], ReceivingTransportServers = [.. receiving], Location = Build.Loc("org/HybridConfiguration.json") }],
            Build.Loc("org/HybridConfiguration.json")),
    };

    [Fact]
    public void After_a_renewal_the_old_name_is_one_finding_listing_each_server_and_naming_the_renewed_certificate()
    {
        var org = Org(OldName, ["EX01", "EX02"], ["EX02", "EX03"],
            WithStore("EX01", Build.InStore(Old()), Build.InStore(Renewed())),
            WithStore("EX02", Build.InStore(Renewed())),
            WithStore("EX03", Build.InStore(Old() with { NotAfter = Build.AsOf.AddYears(1) }, services: CertificateServices.IIS)));

        var f = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS3009, org, fires: ["Hybrid Configuration"], passes: []));

        Assert.Equal(FindingTargetKind.HybridConfiguration, f.Target.Kind);
        Assert.Null(f.Server);
        Assert.Equal(
            $"Hybrid configuration Hybrid Configuration names the certificate {OldName}, which is not an SMTP-enabled, valid certificate on these of its transport servers: "
            + "EX01 (expired); EX02 (not in its store); EX03 (not enabled for SMTP). Hybrid mail flow with Exchange Online cannot be secured with it.",
            f.Message);
        Assert.Contains($"Get-ExchangeCertificate -Server 'EX01' -Thumbprint '{Renewed().Thumbprint}'", f.Remediation, StringComparison.Ordinal);
        Assert.Contains("Set-HybridConfiguration -TlsCertificateName", f.Remediation, StringComparison.Ordinal);
        Assert.Equal(["EX01", "EX02", "EX02", "EX03"], f.Impacts.Select(i => i.Server).ToArray());
    }

    [Fact]
    public void Without_a_renewed_certificate_the_remediation_says_to_install_one_first()
    {
        var org = Org(OldName, ["EX01"], [], WithStore("EX01", Build.InStore(Old())));
        var f = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS3009, org));
        Assert.Contains("No valid SMTP certificate with that subject is on EX01", f.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_when_the_named_certificate_is_valid_everywhere_or_cannot_be_judged()
    {
        var current = Old() with { NotAfter = Build.AsOf.AddYears(1) };
        var healthy = Org(OldName, ["EX01"], ["EX02"], WithStore("EX01", Build.InStore(current)), WithStore("EX02", Build.InStore(current)));
        var unknownStore = Org(OldName, ["EX01", "EX09"], [], Build.Mailbox("EX01") with { Certificates = Section<StoreCertificate>.Missing(SectionState.Failed, "x", null) });
        var servicesLost = Org(OldName, ["EX01"], [], WithStore("EX01", Build.InStore(current, services: null)));
        var unset = Org("", ["EX01"], [], WithStore("EX01"));
        var none = Build.Org(WithStore("EX01", Build.InStore(Old())));

        Assert.All(new[] { healthy, unknownStore, servicesLost, unset, none }, o => Assert.Empty(RuleTestKit.Findings(RuleIds.EXTLS3009, o)));
    }

    [Fact]
    public void The_replay_fact_says_why_per_server()
    {
        var org = Org(OldName, ["EX01"], [], WithStore("EX01", Build.InStore(Old() with { NotBefore = Build.AsOf.AddDays(1), NotAfter = Build.AsOf.AddYears(1) })));
        var check = Assert.Single(HybridCertificates.Check(org, new ReplayOptions(Build.AsOf, 30)));
        Assert.Equal(HybridCertificateStanding.NotYetValid, Assert.Single(check.Servers).Standing);
    }
}
