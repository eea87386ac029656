using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2003Tests
{
    [Fact]
    public void Fires_on_connectors_that_must_offer_STARTTLS_without_Tls_as_an_error_with_RequireTLS()
    {
        var server = Build.Mailbox("EX01").WithConnectors(
            Build.Receive("EX01", "Anonymous EX01", auth: ReceiveAuthMechanism.None, permissions: PermissionGroups.AnonymousUsers),
            Build.Receive("EX01", "Required EX01", auth: ReceiveAuthMechanism.Integrated, permissions: PermissionGroups.ExchangeUsers) with { RequireTls = true },
            Build.Receive("EX01", "Internal EX01", auth: ReceiveAuthMechanism.Integrated, permissions: PermissionGroups.ExchangeUsers),
            Build.Receive("EX01", "Default EX01"));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS2003, Build.Org(server),
            fires: ["EX01\\Anonymous EX01", "EX01\\Required EX01"], passes: ["EX01\\Internal EX01", "EX01\\Default EX01"]);

        Assert.Equal(Severity.Warning, found[0].Severity);
        Assert.Equal(Severity.Error, found[1].Severity);
        Assert.Contains("(PermissionGroups AnonymousUsers, RequireTLS false)", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("AuthMechanism (None)", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("-AuthMechanism 'Tls, Integrated'", found[1].Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_permission_groups_are_worded_by_the_descriptor()
    {
        var server = Build.Mailbox("EX01").WithConnectors(
            Build.Receive("EX01", "Required EX01", auth: ReceiveAuthMechanism.Integrated, permissions: null) with { RequireTls = true });
        var en = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS2003, Build.Org(server)));
        var ja = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS2003, Build.Org(server), RuleTestKit.Options() with { Culture = "ja" }));
        Assert.Contains("PermissionGroups unknown", en.Message, StringComparison.Ordinal);
        Assert.Contains("PermissionGroups 不明", ja.Message, StringComparison.Ordinal);
    }
}
