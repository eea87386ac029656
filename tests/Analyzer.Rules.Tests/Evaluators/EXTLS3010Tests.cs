using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;
using static Extls.Rules.Tests.Evaluators.EXTLS3009Tests;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3010Tests
{
    private const string RenewedName = "<I>CN=GeoTrust TLS RSA CA G2, O=DigiCert Inc, C=US<S>CN=mail.contoso.com";

    private static OrganizationSnapshot Org(string hybridName, string sendName, string receiveName)
    {
        var current = Old() with { NotAfter = Build.AsOf.AddYears(1) };
        var ex01 = WithStore("EX01", Build.InStore(current), Build.InStore(Renewed()));
        var frontend = ex01.ReceiveConnectors.Items.Single(c => c.Name == "Default Frontend EX01") with
        {
            TlsDomainCapabilities = "mail.protection.outlook.com:AcceptCloudServicesMail",
            TlsCertificateName = receiveName,
        };
        ex01 = ex01 with { ReceiveConnectors = ex01.ReceiveConnectors with { Items = [.. ex01.ReceiveConnectors.Items.Select(c => c.Name == frontend.Name ? frontend : c)] } };
        var org = EXTLS3009Tests.Org(hybridName, ["EX01"], ["EX01"], ex01);
        return org with
        {
            SendConnectors = Section<SendConnector>.Collected(
            [
                Build.Send("Outbound to Office 365", "EX01") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"], CloudServicesMailEnabled = true, TlsCertificateName = sendName },
                Build.Send("Internet", "EX01") with { TlsCertificateName = RenewedName },
            ], Build.Loc()),
        };
    }

    [Fact]
    public void Connectors_of_hybrid_mail_flow_that_name_another_certificate_are_one_finding_each()
    {
        var org = Org(OldName, RenewedName, RenewedName.Replace("<I>CN=GeoTrust TLS RSA CA G2", "<I>CN=GeoTrust  TLS RSA CA G2", StringComparison.Ordinal));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS3010, org, fires: ["EX01\\Default Frontend EX01", "Outbound to Office 365"], passes: ["Internet"]);

        Assert.Equal(FindingTargetKind.ReceiveConnector, found[0].Target.Kind);
        Assert.Equal("EX01", found[0].Server);
        Assert.Equal(
            $"Connector Outbound to Office 365, which carries mail to Exchange Online, has TlsCertificateName {RenewedName}, but hybrid configuration Hybrid Configuration names {OldName}.",
            found[1].Message);
        // The cmdlet follows the connector's kind (a remediation variant), never a placeholder.
        Assert.Contains($"Set-SendConnector -Identity 'Outbound to Office 365' -TlsCertificateName '{OldName}' -WhatIf", found[1].Remediation, StringComparison.Ordinal);
        Assert.Contains($"Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -TlsCertificateName '{OldName}' -WhatIf", found[0].Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("Set-SendConnector", found[0].Remediation, StringComparison.Ordinal);
        Assert.Contains("from Exchange Online", found[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_when_they_agree_as_A4_compares_when_unset_and_when_the_configuration_itself_is_stale()
    {
        var agree = Org(OldName, OldName.Replace(", ", ",", StringComparison.Ordinal).ToUpperInvariant().Replace("<I>", "<I>", StringComparison.Ordinal), "");
        var stale = Org(OldName, RenewedName, RenewedName) with { };
        stale = stale with
        {
            Servers = [.. stale.Servers.Select(s => s with { Certificates = s.Certificates with { Items = [.. s.Certificates.Items.Where(c => c.Thumbprint != Old().Thumbprint)] } })],
        };

        Assert.Empty(RuleTestKit.Findings(RuleIds.EXTLS3010, agree));
        Assert.Empty(RuleTestKit.Findings(RuleIds.EXTLS3010, stale));
        Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS3009, stale));
    }
}
