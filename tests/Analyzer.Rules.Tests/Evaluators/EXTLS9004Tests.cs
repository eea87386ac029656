using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS9004Tests
{
    private static readonly SnapshotInconsistent Rule = new();

    [Fact]
    public void One_finding_per_inconsistency()
    {
        var snapshot = Build.Org(Build.Mailbox("EX01")) with
        {
            Inconsistencies =
            [
                new SnapshotInconsistency(InconsistencyKind.CertificatePropertyMismatch, "EX01", "AAAA", "Thumbprint", "AAAA", "BBBB", Build.Loc("servers/EX01/ExchangeCertificate.json", "$[2]")),
                new SnapshotInconsistency(InconsistencyKind.ConnectorOnUnknownServer, null, "EX09\\Default EX09", null, null, null, null),
            ],
        };

        var found = RuleTestKit.Diagnostics(Rule, snapshot);

        Assert.Equal(["ConnectorOnUnknownServer/EX09\\Default EX09", "EX01/CertificatePropertyMismatch/AAAA/Thumbprint"], found.Select(d => d.Target.Id));
        Assert.Equal("BBBB", RuleTestKit.Render(found[1], "actualValue"));
        Assert.Equal("-", RuleTestKit.Render(found[0], "property"));
        Assert.Equal("$[2]", found[1].Location?.JsonPath);
        Assert.Equal("EX01", found[1].Server);
        Assert.Null(found[1].RemediationVariant);
        Assert.Equal(RemediationVariant.NoServer, found[0].RemediationVariant);
    }

    [Fact]
    public void Silent_for_a_consistent_snapshot() =>
        Assert.Empty(RuleTestKit.Diagnostics(Rule, Build.Org(Build.Mailbox("EX01"))));
}
