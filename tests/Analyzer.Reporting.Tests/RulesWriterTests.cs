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
}
