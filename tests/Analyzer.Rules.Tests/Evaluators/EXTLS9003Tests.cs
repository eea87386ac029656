using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS9003Tests
{
    private static readonly SnapshotStale Rule = new();

    private static IReadOnlyList<Diagnostic> Run(TimeSpan age, int? staleDays = null)
    {
        var snapshot = Build.Org(Build.Mailbox("EX01")) with { CollectedAt = Build.AsOf - age };
        var context = RuleTestKit.Context(snapshot);
        return [.. Rule.Evaluate(staleDays is { } n ? context with { StaleDays = n } : context)];
    }

    [Fact]
    public void Fires_when_collected_more_than_30_days_before_as_of()
    {
        var d = Assert.Single(Run(TimeSpan.FromDays(31)));
        Assert.Equal(new FindingTarget(FindingTargetKind.Snapshot, "manifest.json"), d.Target);
        Assert.Equal("2026-05-01", RuleTestKit.Render(d, "collectedAt"));
        Assert.Equal("31", RuleTestKit.Render(d, "days"));
        Assert.Equal("30", RuleTestKit.Render(d, "limit"));
    }

    [Fact]
    public void Silent_at_exactly_the_limit() => Assert.Empty(Run(TimeSpan.FromDays(30)));

    [Fact]
    public void Counts_whole_days_as_its_message_states_them()
    {
        // 30 days and 23 hours is 30 whole days: not more than a 30-day limit, so the message could not say "more than 30".
        Assert.Empty(Run(TimeSpan.FromDays(30) + TimeSpan.FromHours(23)));
        var d = Assert.Single(Run(TimeSpan.FromDays(31) + TimeSpan.FromHours(23)));
        Assert.Equal("31", RuleTestKit.Render(d, "days"));
    }

    [Fact]
    public void Limit_comes_from_the_option()
    {
        Assert.Equal("7", RuleTestKit.Render(Assert.Single(Run(TimeSpan.FromDays(8), staleDays: 7)), "limit"));
        Assert.Empty(Run(TimeSpan.FromDays(31), staleDays: 60));
    }

    [Fact]
    public void Silent_when_the_collection_time_is_unknown()
    {
        var snapshot = Build.Org(Build.Mailbox("EX01")) with { CollectedAt = null };
        Assert.Empty(RuleTestKit.Diagnostics(Rule, snapshot));
    }
}
