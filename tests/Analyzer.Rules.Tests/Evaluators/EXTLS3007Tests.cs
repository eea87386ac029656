using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS3007Tests
{
    [Fact]
    public void Fires_on_DomainValidation_without_TlsDomain_and_on_TlsAuthLevel_without_RequireTLS()
    {
        var org = Build.Org(Build.Mailbox("EX01")).WithSendConnectors(
            Build.Send("A Domain", "EX01") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.DomainValidation, TlsDomain = "" },
            Build.Send("B Opportunistic", "EX01") with { RequireTls = false, TlsAuthLevel = TlsAuthLevel.CertificateValidation },
            Build.Send("C Complete", "EX01") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.DomainValidation, TlsDomain = "partner.example" },
            Build.Send("D Plain", "EX01"));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS3007, org, fires: ["A Domain", "B Opportunistic"], passes: ["C Complete", "D Plain"]);

        Assert.Contains("TlsAuthLevel DomainValidation with RequireTLS true (DomainValidation without a TlsDomain to validate against)", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("(TlsAuthLevel has no effect while RequireTLS is off)", found[1].Message, StringComparison.Ordinal);
        var ja = RuleTestKit.Findings(RuleIds.EXTLS3007, org, RuleTestKit.Options() with { Culture = "ja" });
        Assert.Contains("DomainValidation ですが、検証対象の TlsDomain がありません", ja[0].Message, StringComparison.Ordinal);
        Assert.All(ja, f => Assert.DoesNotContain("WithoutRequireTls", f.Message, StringComparison.Ordinal));
    }
}
