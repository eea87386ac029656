namespace Extls.Planning.Tests;

/// <summary>The timeline replays only at certificate boundaries and reports each date's changes in order.</summary>
public sealed class TimelineTests
{
    [Fact]
    public void Warning_windows_and_expiries_come_in_order_and_the_first_error_is_the_first_break()
    {
        // Every certificate of the healthy baseline: the self-signed ones expire on 2028-02-01, the CA ones on 2028-08-01.
        var start = Dumps.Analyze(Dumps.LoadScenario("001-healthy-baseline"));
        var timeline = Timeline.Compute(Dumps.Engine, start, Dumps.Options, new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var days = timeline.Dates.Select(d => d.Date.UtcDateTime.ToString("yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        // The snapshot is collected on 2026-05-31: it is more than 30 whole days old from 2026-07-01.
        Assert.Equal(["2026-07-01", "2028-01-02", "2028-02-01", "2028-07-02", "2028-08-01"], days);
        Assert.Equal(new DateTimeOffset(2028, 2, 1, 0, 0, 0, TimeSpan.Zero), timeline.FirstBreak);

        var window = timeline.Dates[1];
        Assert.All(window.Causes, c => Assert.Equal(TimelineCauseKind.EntersWarningWindow, c.Kind));
        Assert.Equal(["EXTLS1006 server:EX01", "EXTLS1006 server:EX02"], Dumps.Lines(window.Appears));

        var expiry = timeline.Dates[2];
        Assert.Equal(["EXTLS1005 server:EX01", "EXTLS1005 server:EX02"], Dumps.Lines(expiry.Appears));
        Assert.Equal(["EXTLS1006 server:EX01", "EXTLS1006 server:EX02"], Dumps.Lines(expiry.Disappears));
        Assert.Contains(timeline.Dates[0].Causes, c => c.Kind == TimelineCauseKind.SnapshotStale);
    }

    [Fact]
    public void Nothing_past_the_horizon_is_replayed()
    {
        var start = Dumps.Analyze(Dumps.LoadScenario("001-healthy-baseline"));
        var timeline = Timeline.Compute(Dumps.Engine, start, Dumps.Options, new DateTimeOffset(2026, 6, 15, 0, 0, 0, TimeSpan.Zero));

        Assert.Empty(timeline.Dates);
        Assert.Null(timeline.FirstBreak);
        Assert.Equal(Dumps.AsOf.AddYears(1), Timeline.DefaultUntil(Dumps.AsOf));
    }

    [Fact]
    public void At_most_the_instants_asked_for_are_replayed_and_the_timeline_ends_at_the_last_one()
    {
        var start = Dumps.Analyze(Dumps.LoadScenario("001-healthy-baseline"));
        var horizon = new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var whole = Timeline.Compute(Dumps.Engine, start, Dumps.Options, horizon);
        var first = Timeline.Compute(Dumps.Engine, start, Dumps.Options, horizon, maxInstants: 2);

        // The first two dates of the whole timeline, no third, and a period that says where it stops.
        Assert.Equal(whole.Dates.Take(2).Select(d => d.Date), first.Dates.Select(d => d.Date));
        Assert.Equal(whole.Dates[1].Date, first.Until);
        Assert.Null(first.FirstBreak);
        Assert.Equal(horizon, Timeline.Compute(Dumps.Engine, start, Dumps.Options, horizon, maxInstants: 100).Until);
        Assert.Throws<ArgumentOutOfRangeException>(() => Timeline.Compute(Dumps.Engine, start, Dumps.Options, horizon, maxInstants: 0));
    }
}
