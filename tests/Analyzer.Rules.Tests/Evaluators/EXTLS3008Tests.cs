using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3008Tests
{
    [Fact]
    public void Fires_on_malformed_send_connector_values_only()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01")),
            Build.Send("A Host Name", "EX01") with { TlsCertificateName = "mail.contoso.com" },
            Build.Send("B Good", "EX01") with { TlsCertificateName = "<I>CN=Contoso CA<S>CN=mail.contoso.com" },
            Build.Send("C Unset", "EX01"));

        var d = Assert.Single(RuleTestKit.Run(new SendTlsCertificateNameMalformed(), RuleTestKit.Context(org)));

        Assert.Equal(new FindingTarget(FindingTargetKind.SendConnector, "A Host Name"), d.Target);
        Assert.Equal("mail.contoso.com", RuleTestKit.Render(d, "tlsCertificateName"));
        Assert.Null(d.Server);
    }

    [Fact]
    public void Silent_when_the_send_connectors_are_unknown()
    {
        var org = Build.Org(Build.Mailbox("EX01")) with
        {
            SendConnectors = Extls.Model.Section<Extls.Model.SendConnector>.Missing(Extls.Model.SectionState.Failed, "access denied", null),
        };

        Assert.Empty(RuleTestKit.Run(new SendTlsCertificateNameMalformed(), RuleTestKit.Context(org)));
    }

    /// <summary>Values near the edge of the syntax: the rule flags exactly the connectors process 4 stops on with KeyMalformed.</summary>
    [Theory]
    [InlineData("<I>Contoso CA<S>mail")]
    [InlineData("<I>CN=Contoso CA")]
    [InlineData("[I]CN=Contoso CA[S]CN=mail.contoso.com")]
    [InlineData("<I> <S>CN=mail.contoso.com")]
    [InlineData("CN=mail.contoso.com")]
    public void Agrees_with_the_replay_on_what_is_malformed(string value)
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01")), Build.Send("Edge Case", "EX01") with { TlsCertificateName = value });
        var replay = Assert.Single(Replay.OutboundStartTls(org, new ReplayOptions(Build.AsOf, 30)));

        var found = RuleTestKit.Run(new SendTlsCertificateNameMalformed(), RuleTestKit.Context(org, replay));

        Assert.Equal(replay.KeyMalformed, found.Count == 1);
    }
}
