using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3007Tests
{
    [Fact]
    public void Fires_on_DomainValidation_without_TlsDomain_and_on_TlsAuthLevel_without_RequireTLS()
    {
        var org = ExtRuleTestKit.WithSendConnectors(Build.Org(Build.Mailbox("EX01")),
            ExtRuleTestKit.Send("A Partner", "EX01") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.DomainValidation, TlsDomain = "" },
            ExtRuleTestKit.Send("B Opportunistic", "EX01") with { RequireTls = false, TlsAuthLevel = TlsAuthLevel.CertificateValidation },
            ExtRuleTestKit.Send("C Complete", "EX01") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.DomainValidation, TlsDomain = "fabrikam.com" },
            ExtRuleTestKit.Send("D Encryption", "EX01") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.EncryptionOnly },
            ExtRuleTestKit.Send("E Unknown RequireTls", "EX01") with { RequireTls = null, TlsAuthLevel = TlsAuthLevel.EncryptionOnly });

        var found = ExtRuleTestKit.Run(new RequireTlsValidationIncomplete(), ExtRuleTestKit.Context(org));

        Assert.Equal(["A Partner", "B Opportunistic"], found.Select(d => d.Target.Id));
        Assert.Equal("DomainValidationWithoutTlsDomain", found[0].Arguments["reason"]);
        Assert.Equal("TlsAuthLevelWithoutRequireTls", found[1].Arguments["reason"]);
        Assert.Equal("CertificateValidation", found[1].Arguments["tlsAuthLevel"]);
    }

    [Fact]
    public void Silent_on_plain_connectors()
    {
        var org = ExtRuleTestKit.WithSendConnectors(Build.Org(Build.Mailbox("EX01")), ExtRuleTestKit.Send("Internet", "EX01"));

        Assert.Empty(ExtRuleTestKit.Run(new RequireTlsValidationIncomplete(), ExtRuleTestKit.Context(org)));
    }
}
