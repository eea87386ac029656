using System.Globalization;
using System.Text;
using Extls.Rules.Descriptors;

namespace Extls.Rules.Tests.Support;

/// <summary>
/// Generates the two views of the catalogue from the descriptors on disk, rules/EXTLS*.yaml, the single
/// source of truth: rules/README.md (the index beside the pages) and docs/rules.md (the catalogue in the
/// documentation). Neither is edited by hand; <c>RuleIndexTests</c> fails when either is stale.
/// </summary>
internal static class RuleIndex
{
    /// <summary>Each generated file, by its path relative to the repository root.</summary>
    public static IReadOnlyDictionary<string, Func<IReadOnlyList<RuleDescriptor>, string>> Files { get; } =
        new SortedDictionary<string, Func<IReadOnlyList<RuleDescriptor>, string>>(StringComparer.Ordinal)
        {
            ["rules/README.md"] = Generate,
            ["docs/rules.md"] = GenerateCatalogue,
        };

    public static string Generate(IEnumerable<RuleDescriptor> descriptors)
    {
        var text = new StringBuilder();
        text.Append("# Rule index\n\n");
        text.Append("Generated from `rules/EXTLS*.yaml` by `RuleIndexTests`; do not edit by hand.\n");
        text.Append("Regenerate with `EXTLS_ACCEPT=1 dotnet test tests/Analyzer.Rules.Tests`.\n\n");
        text.Append("| ID | Name | Severity | Category | Event |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var d in descriptors.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            text.Append($"| [{d.Id}]({d.Id}.md) | {d.Name} | {Severity(d)} | {d.Category} | {Event(d)} |\n");
        }

        return text.ToString();
    }

    /// <summary>docs/rules.md: every rule with its title, grouped by category in the order the ids first use them.</summary>
    public static string GenerateCatalogue(IReadOnlyList<RuleDescriptor> descriptors)
    {
        var sorted = descriptors.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.Append("# Rule catalogue\n\n");
        text.Append("Every finding extls can report, with its stable ID. Generated from the rule descriptors\n");
        text.Append("`rules/EXTLS*.yaml` by `RuleIndexTests` (regenerate with\n");
        text.Append("`EXTLS_ACCEPT=1 dotnet test tests/Analyzer.Rules.Tests`); do not edit by hand.\n\n");
        text.Append("Each ID links to the rule's page: what it means, why it matters, how to check and fix it, an\n");
        text.Append("example, and the assumptions it rests on. `extls rules list` prints the same table and\n");
        text.Append("`extls rules show ID` one rule. *Severity* is the default; `extls.yaml` can change it per rule.\n");
        text.Append("*Event* is the Application log event (source MSExchangeTransport or MSExchangeFrontEndTransport)\n");
        text.Append("the server logs for the problem, when it logs one.\n\n");
        text.Append(string.Create(CultureInfo.InvariantCulture, $"{sorted.Count} rules.\n"));
        foreach (var category in sorted.Select(d => d.Category.ToString()).Distinct(StringComparer.Ordinal))
        {
            text.Append($"\n## {category}\n\n");
            text.Append("| ID | Name | Severity | Event | Title |\n");
            text.Append("|---|---|---|---|---|\n");
            foreach (var d in sorted.Where(d => d.Category.ToString() == category))
            {
                text.Append($"| [{d.Id}](../rules/{d.Id}.md) | {d.Name} | {Severity(d)} | {Event(d)} | {Cell(d.Title.En)} |\n");
            }
        }

        return text.ToString();
    }

    private static string Severity(RuleDescriptor d) => d.DefaultSeverity.ToString().ToLowerInvariant();

    private static string Event(RuleDescriptor d) => d.EventId?.ToString(CultureInfo.InvariantCulture) ?? "—";

    // A table cell is one line, and a pipe would end it.
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Trim();

    public static IReadOnlyList<RuleDescriptor> LoadFromDisk()
    {
        if (!Directory.Exists(RepoPaths.Rules))
        {
            throw new InvalidOperationException("The rule descriptors folder is missing: " + RepoPaths.Rules);
        }

        return Directory.GetFiles(RepoPaths.Rules, "EXTLS*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(f => RuleDescriptorLoader.Parse(File.ReadAllText(f), "rules/" + Path.GetFileName(f)))
            .ToArray();
    }
}
