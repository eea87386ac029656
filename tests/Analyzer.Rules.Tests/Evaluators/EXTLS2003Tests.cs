using Extls.Model;
using Extls.Rules.Configuration;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2003Tests
{
    [Fact]
    public void Fires_on_partner_connector_and_on_RequireTLS_connector_without_Tls()
    {
        var server = SnapshotChanges.WithConnectors(Build.Mailbox("EX01"),
            Build.Receive("EX01", "Partner Inbound", auth: ReceiveAuthMechanism.None, permissions: PermissionGroups.Partners, binding: "[::]:25"),
            Build.Receive("EX01", "Secure Relay", auth: ReceiveAuthMechanism.Integrated, permissions: PermissionGroups.ExchangeUsers) with { RequireTls = true },
            Build.Receive("EX01", "Internal Relay", auth: ReceiveAuthMechanism.Integrated, permissions: PermissionGroups.ExchangeUsers),
            Build.Receive("EX01", "Anonymous With Tls", auth: ReceiveAuthMechanism.Tls, permissions: PermissionGroups.AnonymousUsers),
            Build.Receive("EX01", "Disabled Partner", auth: ReceiveAuthMechanism.None, permissions: PermissionGroups.Partners) with { Enabled = false });

        var found = RuleTestKit.Run(new StartTlsNotOffered(), RuleTestKit.Context(Build.Org(server)));

        Assert.Equal(["EX01\\Partner Inbound", "EX01\\Secure Relay"], found.Select(d => d.Target.Id));
        Assert.All(found, d => Assert.Equal(FindingTargetKind.ReceiveConnector, d.Target.Kind));
        Assert.Equal("false", RuleTestKit.Render(found[0], "requireTls"));
        Assert.Equal("Partners", RuleTestKit.Render(found[0], "permissionGroups"));
        Assert.Equal("Tls", RuleTestKit.Render(found[0], "authMechanismWithTls"));
        Assert.Equal("true", RuleTestKit.Render(found[1], "requireTls"));
        Assert.Equal("Tls, Integrated", RuleTestKit.Render(found[1], "authMechanismWithTls"));
        Assert.Null(found[0].Severity);
        Assert.Equal(Severity.Error, found[1].Severity);
    }

    [Fact]
    public void Is_a_warning_but_an_error_with_RequireTLS_unless_extls_yaml_sets_the_severity()
    {
        var org = Build.Org(SnapshotChanges.WithConnectors(Build.Mailbox("EX01"),
            Build.Receive("EX01", "Partner Inbound", auth: ReceiveAuthMechanism.None, permissions: PermissionGroups.Partners),
            Build.Receive("EX01", "Secure Relay", auth: ReceiveAuthMechanism.Integrated, permissions: PermissionGroups.ExchangeUsers) with { RequireTls = true }));

        Assert.Equal([Severity.Warning, Severity.Error], Findings.Of(RuleIds.EXTLS2003, org).Select(f => f.Severity));

        var config = ConfigLoader.Parse("rules:\n  EXTLS2003: { severity: note }\n", "extls.yaml").Config!;
        var configured = Findings.Of(RuleIds.EXTLS2003, org, config.ToAnalysisOptions(Build.AsOf));
        Assert.Equal([Severity.Note, Severity.Note], configured.Select(f => f.Severity));
    }

    [Fact]
    public void Silent_on_default_connectors_and_on_unknown_AuthMechanism()
    {
        var healthy = Build.Mailbox("EX01");
        var unknown = SnapshotChanges.WithConnectors(Build.Mailbox("EX02"),
            Build.Receive("EX02", "Partner Inbound", auth: null, permissions: PermissionGroups.Partners));

        Assert.Empty(RuleTestKit.Run(new StartTlsNotOffered(), RuleTestKit.Context(Build.Org(healthy, unknown))));
    }
}
