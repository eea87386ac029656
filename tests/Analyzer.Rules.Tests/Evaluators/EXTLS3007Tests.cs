using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3007Tests
{
    [Fact]
    public void Fires_on_DomainValidation_without_TlsDomain_and_on_TlsAuthLevel_without_RequireTLS()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01")),
            Build.Send("A Partner", "EX01") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.DomainValidation, TlsDomain = "" },
            Build.Send("B Opportunistic", "EX01") with { RequireTls = false, TlsAuthLevel = TlsAuthLevel.CertificateValidation },
            Build.Send("C Complete", "EX01") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.DomainValidation, TlsDomain = "fabrikam.com" },
            Build.Send("D Encryption", "EX01") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.EncryptionOnly },
            Build.Send("E Unknown RequireTls", "EX01") with { RequireTls = null, TlsAuthLevel = TlsAuthLevel.EncryptionOnly });

        var found = RuleTestKit.Run(new RequireTlsValidationIncomplete(), RuleTestKit.Context(org));

        Assert.Equal(["A Partner", "B Opportunistic"], found.Select(d => d.Target.Id));
        Assert.Equal(MessageArgument.Value(ValidationGap.DomainValidationWithoutTlsDomain), found[0].Arguments["reason"]);
        Assert.Equal(MessageArgument.Value(ValidationGap.TlsAuthLevelWithoutRequireTls), found[1].Arguments["reason"]);
        Assert.Equal("CertificateValidation", RuleTestKit.Render(found[1], "tlsAuthLevel"));
        Assert.All(found, d => Assert.Null(d.Server));
    }

    [Fact]
    public void Silent_on_plain_connectors()
    {
        var org = SnapshotChanges.WithSendConnectors(Build.Org(Build.Mailbox("EX01")), Build.Send("Internet", "EX01"));

        Assert.Empty(RuleTestKit.Run(new RequireTlsValidationIncomplete(), RuleTestKit.Context(org)));
    }
}
