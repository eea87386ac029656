using System.Collections.Immutable;
using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2002Tests
{
    private static readonly AnonymousTlsSuppressed Rule = new();

    [Fact]
    public void Fires_for_connectors_with_exchange_server_auth_that_suppress_x_anonymoustls()
    {
        var server = Build.Mailbox("EX01") with
        {
            ReceiveConnectors = Section<ReceiveConnector>.Collected(
                [
                    Build.Receive("EX01", "Default EX01", suppress: true),
                    Build.Receive("EX01", "Client Frontend EX01", auth: ReceiveAuthMechanism.Tls, suppress: true),
                    Build.Receive("EX01", "Default Frontend EX01", suppress: false),
                    Build.Receive("EX01", "Unknown", suppress: null),
                    Build.Receive("EX01", "Disabled", suppress: true) with { Enabled = false },
                ],
                Build.Loc()),
        };
        var selections = new[] { RuleTestKit.Inbound("EX01", "Default EX01", SelectionOutcome.AnonymousTlsSuppressed) };

        var d = Assert.Single(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(server), selections)));

        Assert.Equal(new FindingTarget(FindingTargetKind.ReceiveConnector, "EX01\\Default EX01"), d.Target);
        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default EX01")], d.Impacts.ToArray());

        var finding = Assert.Single(Findings.Of(RuleIds.EXTLS2002, Build.Org(server), selections));
        Assert.Equal("Set-ReceiveConnector \"EX01\\Default EX01\" -SuppressXAnonymousTls $false -WhatIf", finding.Remediation);
        Assert.Equal(["A1"], finding.Assumptions.ToArray());
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public void Silent_for_the_default_connectors() =>
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")))));
}
