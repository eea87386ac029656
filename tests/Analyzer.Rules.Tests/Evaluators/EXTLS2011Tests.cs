using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2011Tests
{
    [Fact]
    public void Fires_on_every_malformed_value_and_only_those()
    {
        var server = RuleTestKit.WithConnectors(Build.Mailbox("EX01"),
            Build.Receive("EX01", "A Subject Only", tlsCertificateName: "CN=mail.contoso.com"),
            Build.Receive("EX01", "B Empty Parts", tlsCertificateName: "<I><S>"),
            Build.Receive("EX01", "C Thumbprint", tlsCertificateName: Build.ThumbprintFor("x")),
            Build.Receive("EX01", "D Angle", tlsCertificateName: "<I>CN=Contoso CA, DC=contoso, DC=com<S>CN=mail.contoso.com"),
            Build.Receive("EX01", "E Square", tlsCertificateName: "[I]CN=Contoso CA[S]CN=mail.contoso.com"),
            Build.Receive("EX01", "F Unset", tlsCertificateName: ""),
            Build.Receive("EX01", "G Unknown", tlsCertificateName: null));

        var found = RuleTestKit.Run(new TlsCertificateNameMalformed(), RuleTestKit.Context(Build.Org(server)));

        Assert.Equal(["EX01\\A Subject Only", "EX01\\B Empty Parts", "EX01\\C Thumbprint"], found.Select(d => d.Target.Id));
        Assert.Equal("CN=mail.contoso.com", found[0].Arguments["tlsCertificateName"]);
    }

    [Fact]
    public void Silent_on_default_connectors()
    {
        Assert.Empty(RuleTestKit.Run(new TlsCertificateNameMalformed(), RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")))));
    }
}
