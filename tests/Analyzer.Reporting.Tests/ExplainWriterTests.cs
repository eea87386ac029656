using Extls.Selection;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed class ExplainWriterTests
{
    [Fact]
    public void Trace_shows_steps_values_candidates_events_assumptions_and_unknowns() =>
        Golden.Verify(new ExplainWriter(RenderSettings.Plain).Render(Samples.Selections, Build.AsOf), "all");

    [Fact]
    public void Japanese_trace() =>
        Golden.Verify(new ExplainWriter(RenderSettings.Plain with { Culture = "ja" }).Render(Samples.Selections, Build.AsOf), "japanese");

    [Fact]
    public void No_selection_says_so()
    {
        var text = new ExplainWriter(RenderSettings.Plain).Render([], Build.AsOf);
        Assert.Contains("No selection matches.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_outcome_has_a_sentence_in_both_languages()
    {
        foreach (var outcome in Enum.GetValues<SelectionOutcome>())
        {
            foreach (var scenario in Enum.GetValues<Scenario>())
            {
                var r = new SelectionResult { Scenario = scenario, Server = "EX01", Advertised = false, EndedAtStep = 1, Outcome = outcome };
                Assert.NotEqual(outcome.ToString(), SelectionText.Outcome(r, "en"));
                Assert.NotEqual(outcome.ToString(), SelectionText.Outcome(r, "ja"));
            }
        }
    }

    [Fact]
    public void Every_assumption_of_selection_md_has_a_meaning()
    {
        foreach (var id in Enumerable.Range(1, 8).Select(i => $"A{i}"))
        {
            Assert.NotEqual(id, SelectionText.Assumption(id, "en"));
            Assert.NotEqual(id, SelectionText.Assumption(id, "ja"));
        }

        Assert.Equal("A99", SelectionText.Assumption("A99", "en"));
    }
}
