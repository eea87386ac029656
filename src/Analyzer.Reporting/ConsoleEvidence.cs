using Extls.Evidence;
using Extls.Rules;

namespace Extls.Reporting;

/// <summary>
/// The console's evidence section: what was read, the tally of verdicts, each confirmed or contradicted selection on
/// a line, and the unobserved ones counted by reason (a large organisation has hundreds).
/// </summary>
internal static class ConsoleEvidence
{
    public static void Write(IConsoleLines console, AnalysisResult result, string culture)
    {
        if (result.Evidence.Selections.IsDefaultOrEmpty)
        {
            return;
        }

        var text = EvidenceText.For(culture);
        console.Line(new Run(text.Title, "bold"));
        console.Indented(2, text.Statistics(result.Evidence.Set));
        console.Indented(2, string.Join(" · ", EvidenceText.Tally(result).Select(t => $"{text.Verdicts[t.Verdict]} {Fmt.Int(t.Count)}")));
        foreach (var e in result.Evidence.Selections
                     .Where(s => s.Verdict != EvidenceVerdict.Unobserved || !s.Failures.IsDefaultOrEmpty || s.Events.Any(ev => ev.Count > 0))
                     .OrderBy(s => s.Verdict == EvidenceVerdict.Contradicted ? 0 : 1)
                     .ThenBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
                     .ThenBy(s => s.Connector ?? "", StringComparer.OrdinalIgnoreCase)
                     .ThenBy(s => s.Scenario))
        {
            var colour = e.Verdict switch { EvidenceVerdict.Contradicted => "yellow", EvidenceVerdict.Confirmed => "green", _ => "grey" };
            console.Indented(2, new Run(text.Verdicts[e.Verdict], colour), $" {EvidenceText.Subject(e, culture)}");
            console.Indented(4, text.Line(e));
        }

        var unobserved = result.Evidence.Selections.Where(s => s.Verdict == EvidenceVerdict.Unobserved).GroupBy(s => s.Reason).OrderBy(g => g.Key).ToList();
        if (unobserved.Count > 0)
        {
            console.Indented(2, $"{text.Verdicts[EvidenceVerdict.Unobserved]}: " +
                string.Join(text.GroupSeparator, unobserved.Select(g => $"{text.Reasons[g.Key]} × {Fmt.Int(g.Count())}")));
        }

        console.Blank();
    }
}
