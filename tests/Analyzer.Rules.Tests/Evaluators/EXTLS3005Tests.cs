using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3005Tests
{
    [Fact]
    public void Fires_on_connectors_to_Exchange_Online_that_name_no_certificate_with_every_source_server()
    {
        var org = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02")).WithSendConnectors(
            Build.Send("A Cloud", "EX01", "EX02") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"] },
            Build.Send("B Cloud", "EX01") with { CloudServicesMailEnabled = true },
            Build.Send("Named", "EX01") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"], TlsCertificateName = "<I>CN=Contoso CA<S>CN=mail.contoso.com" },
            Build.Send("Lookalike", "EX01") with { SmartHosts = ["xmail.protection.outlook.com"] },
            Build.Send("Internet", "EX01"));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS3005, org, fires: ["A Cloud", "B Cloud"], passes: ["Named", "Lookalike", "Internet"]);

        Assert.All(found, f => Assert.Equal(FindingTargetKind.SendConnector, f.Target.Kind));
        Assert.Equal(["EX01", "EX02"], found[0].Impacts.Select(i => i.Server));
        Assert.Contains("(contoso-com.mail.protection.outlook.com)", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("(CloudServicesMailEnabled)", found[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connector_without_source_servers_is_judged_on_its_values_and_has_no_impacts()
    {
        var org = Build.Org(Build.Mailbox("EX01")).WithSendConnectors(Build.Send("Orphan") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"] });
        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS3005, org, fires: ["Orphan"], passes: []));
        Assert.Empty(d.Impacts);
        Assert.Contains("A8", d.Assumptions);
    }
}
