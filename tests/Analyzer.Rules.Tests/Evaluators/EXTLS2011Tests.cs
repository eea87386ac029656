using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2011Tests
{
    [Fact]
    public void Fires_on_every_malformed_value_and_only_those()
    {
        var server = SnapshotChanges.WithConnectors(Build.Mailbox("EX01"),
            Build.Receive("EX01", "A Subject Only", tlsCertificateName: "CN=mail.contoso.com"),
            Build.Receive("EX01", "B Empty Parts", tlsCertificateName: "<I><S>"),
            Build.Receive("EX01", "C Thumbprint", tlsCertificateName: Build.ThumbprintFor("x")),
            Build.Receive("EX01", "D Angle", tlsCertificateName: "<I>CN=Contoso CA, DC=contoso, DC=com<S>CN=mail.contoso.com"),
            Build.Receive("EX01", "E Square", tlsCertificateName: "[I]CN=Contoso CA[S]CN=mail.contoso.com"),
            Build.Receive("EX01", "F Unset", tlsCertificateName: ""),
            Build.Receive("EX01", "G Unknown", tlsCertificateName: null));

        var found = RuleTestKit.Run(new TlsCertificateNameMalformed(), RuleTestKit.Context(Build.Org(server)));

        Assert.Equal(["EX01\\A Subject Only", "EX01\\B Empty Parts", "EX01\\C Thumbprint"], found.Select(d => d.Target.Id));
        Assert.Equal("CN=mail.contoso.com", RuleTestKit.Render(found[0], "tlsCertificateName"));
    }

    [Fact]
    public void Silent_on_default_connectors()
    {
        Assert.Empty(RuleTestKit.Run(new TlsCertificateNameMalformed(), RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")))));
    }

    /// <summary>Values near the edge of the syntax: the rule flags exactly the connectors process 3 stops on with KeyMalformed.</summary>
    [Theory]
    [InlineData("<I>Contoso CA<S>mail")]
    [InlineData("<I>CN=Contoso CA")]
    [InlineData("<S>CN=mail.contoso.com<I>CN=Contoso CA")]
    [InlineData("[I]CN=Contoso CA<S>CN=mail.contoso.com")]
    [InlineData("  <i>CN=Contoso CA<s>CN=mail.contoso.com  ")]
    [InlineData("<I> <S>CN=mail.contoso.com")]
    [InlineData("   ")]
    public void Agrees_with_the_replay_on_what_is_malformed(string value)
    {
        var server = SnapshotChanges.WithConnectors(Build.Mailbox("EX01"), Build.Receive("EX01", "Edge Case", tlsCertificateName: value));
        var replay = Replay.InboundStartTls(server, server.ReceiveConnectors.Items[0], new ReplayOptions(Build.AsOf, 30));

        var found = RuleTestKit.Run(new TlsCertificateNameMalformed(), RuleTestKit.Context(Build.Org(server), replay));

        Assert.Equal(replay.KeyMalformed, found.Count == 1);
    }
}
