using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2011Tests
{
    [Fact]
    public void Fires_on_a_TlsCertificateName_of_neither_form_and_not_on_either_form()
    {
        var server = Build.Mailbox("EX01").WithConnectors(
            Build.Receive("EX01", "Bare EX01", tlsCertificateName: "CN=mail.contoso.com"),
            Build.Receive("EX01", "Modern EX01", tlsCertificateName: "<I>CN=Contoso CA<S>CN=mail.contoso.com"),
            Build.Receive("EX01", "Legacy EX01", tlsCertificateName: "[I]CN=Contoso CA[S]CN=mail.contoso.com"),
            Build.Receive("EX01", "Unset EX01"));

        var d = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS2011, Build.Org(server),
            fires: ["EX01\\Bare EX01"], passes: ["EX01\\Modern EX01", "EX01\\Legacy EX01", "EX01\\Unset EX01"]));
        Assert.Contains("CN=mail.contoso.com", d.Message, StringComparison.Ordinal);
        Assert.Equal([new Impact(Scenario.InboundStartTls, "EX01", "EX01\\Bare EX01")], d.Impacts.ToArray());
    }
}
