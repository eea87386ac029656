using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3011Tests
{
    [Fact]
    public void IgnoreSTARTTLS_on_a_connector_to_Exchange_Online_fires_and_elsewhere_or_cleared_does_not()
    {
        var org = Build.Org(Build.Mailbox("EX01")).WithSendConnectors(
            Build.Send("Outbound to Office 365", "EX01") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"], IgnoreStartTls = true, TlsCertificateName = "<I>CN=CA<S>CN=mail.contoso.com" },
            Build.Send("Cloud by flag", "EX01") with { CloudServicesMailEnabled = true, IgnoreStartTls = true, Fqdn = "mail.contoso.com" },
            Build.Send("Partner", "EX01") with { SmartHosts = ["smtp.fabrikam.com"], IgnoreStartTls = true },
            Build.Send("Cleared", "EX01") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"], IgnoreStartTls = false, TlsCertificateName = "<I>CN=CA<S>CN=mail.contoso.com" },
            Build.Send("Unknown", "EX01") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"], TlsCertificateName = "<I>CN=CA<S>CN=mail.contoso.com" });

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS3011, org, fires: ["Cloud by flag", "Outbound to Office 365"], passes: ["Partner", "Cleared", "Unknown"]);

        Assert.Equal("Set-SendConnector -Identity 'Outbound to Office 365' -IgnoreSTARTTLS $false -WhatIf", found[1].Remediation.Split('\n')[^1]);
        Assert.StartsWith("# Let the connector to Exchange Online offer STARTTLS again", found[1].Remediation, StringComparison.Ordinal);
        Assert.Contains("(contoso-com.mail.protection.outlook.com) with IgnoreSTARTTLS set", found[1].Message, StringComparison.Ordinal);
        Assert.Contains("(CloudServicesMailEnabled)", found[0].Message, StringComparison.Ordinal);
        Assert.Equal(["EX01"], found[0].Impacts.Select(i => i.Server).ToArray());
    }
}
