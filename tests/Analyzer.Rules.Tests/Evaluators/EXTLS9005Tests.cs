using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS9005Tests
{
    private static readonly RuleFailed Rule = new();

    [Fact]
    public void One_finding_per_failed_rule()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01"))) with
        {
            RuleFailures = [new RuleFailure(RuleIds.EXTLS2001, "NullReferenceException: x"), new RuleFailure(RuleIds.EXTLS1004, "boom")],
        };

        var found = Rule.Evaluate(context).OrderBy(d => d.Target.Id, StringComparer.Ordinal).ToList();

        Assert.Equal(["rules/EXTLS1004", "rules/EXTLS2001"], found.Select(d => d.Target.Id));
        Assert.Equal("boom", RuleTestKit.Render(found[0], "error"));
        Assert.Equal(RuleIds.EXTLS1004, RuleTestKit.Render(found[0], "rule"));
    }

    [Fact]
    public void Silent_when_no_rule_failed() =>
        Assert.Empty(RuleTestKit.Diagnostics(Rule, Build.Org(Build.Mailbox("EX01"))));
}
