using System.Text;
using Extls.Rules.Descriptors;

namespace Extls.Rules.Tests.Support;

/// <summary>Generates rules/README.md, the catalogue index, from the descriptors on disk.</summary>
internal static class RuleIndex
{
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
            var severity = d.DefaultSeverity.ToString().ToLowerInvariant();
            var eventId = d.EventId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—";
            text.Append($"| [{d.Id}]({d.Id}.md) | {d.Name} | {severity} | {d.Category} | {eventId} |\n");
        }

        return text.ToString();
    }

    public static IReadOnlyList<RuleDescriptor> LoadFromDisk() =>
        Directory.GetFiles(RepoPaths.Rules, "EXTLS*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(f => RuleDescriptorLoader.Parse(File.ReadAllText(f), "rules/" + Path.GetFileName(f)))
            .ToArray();
}
