using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3008Tests
{
    [Fact]
    public void Fires_once_per_send_connector_with_a_malformed_TlsCertificateName_even_without_source_servers()
    {
        var org = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02")).WithSendConnectors(
            Build.Send("Malformed", "EX01", "EX02") with { TlsCertificateName = "CN=mail.contoso.com" },
            Build.Send("Orphan") with { TlsCertificateName = "mail.contoso.com" },
            Build.Send("Named", "EX01") with { TlsCertificateName = "<I>CN=Contoso CA<S>CN=EX01" },
            Build.Send("Internet", "EX01"));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS3008, org, fires: ["Malformed", "Orphan"], passes: ["Named", "Internet"]);
        Assert.Equal(["EX01", "EX02"], found[0].Impacts.Select(i => i.Server));
        Assert.Empty(found[1].Impacts);
    }
}
