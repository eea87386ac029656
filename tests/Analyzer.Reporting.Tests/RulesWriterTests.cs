using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed class RulesWriterTests
{
    // A rule with an event, a remediation with placeholders and an assumption.
    private static readonly Rules.RuleDescriptor NotInStore = Rules.RuleCatalog.Default.Find("EXTLS1004")!;

    [Fact]
    public void List_is_a_table_sorted_by_id() =>
        Golden.Verify(new RulesWriter(RenderSettings.Plain).RenderList(Samples.Rules.Reverse()), "list");

    [Fact]
    public void Show_prints_title_help_event_remediation_and_assumptions() =>
        Golden.Verify(new RulesWriter(RenderSettings.Plain).RenderShow(NotInStore), "show");

    [Fact]
    public void Show_in_japanese_uses_the_japanese_title() =>
        Golden.Verify(new RulesWriter(RenderSettings.Plain with { Culture = "ja" }).RenderShow(NotInStore), "show-ja");

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public void Show_writes_every_remediation_line_whole_so_no_comment_goes_on_without_its_hash(string culture)
    {
        foreach (var rule in Rules.RuleCatalog.Default.Rules)
        {
            var shown = new RulesWriter(RenderSettings.Plain with { Culture = culture }).RenderShow(rule).Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
            foreach (var line in rule.Remediation.Template(culture).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                Assert.True(shown.Contains(line), $"{rule.Id} ({culture}): the remediation line is broken up: {line}");
            }
        }
    }
}
