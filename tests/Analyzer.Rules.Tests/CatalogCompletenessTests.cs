using System.Reflection;
using Extls.Rules.Descriptors;
using Extls.Rules.Tests.Support;

namespace Extls.Rules.Tests;

/// <summary>
/// Every id has its YAML, its page with the same sections in the same order, exactly one evaluator
/// (in its own file), and its tests; every changing cmdlet of a remediation carries -WhatIf.
/// The check lists everything missing at once.
/// </summary>
public sealed class CatalogCompletenessTests
{
    private static readonly string[] PageSections =
        ["## What it means", "## Why it matters", "## How to check", "## How to fix", "## Why this fix", "## Example", "## Assumptions"];

    private static readonly string[] ChangingVerbs = ["Set-", "Enable-", "New-", "Remove-", "Import-", "Retry-"];

    /// <summary>
    /// Every evaluator type the rules assembly holds, by reflection: the engine itself runs the written-out
    /// <see cref="Extls.Rules.Evaluators.EvaluatorList"/> (a native build keeps no type list), and this is what checks it.
    /// </summary>
    private static IEnumerable<Type> EvaluatorTypes() =>
        typeof(AnalysisEngine).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRuleEvaluator).IsAssignableFrom(t)
                && t.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public void Every_rule_of_the_catalogue_is_complete() => AssertComplete(RuleIds.All);

    [Fact]
    public void RuleIds_holds_every_id_of_the_catalogue()
    {
        // Ids are never removed or reused: this list only grows, with a descriptor for each new id.
        var expected = new[] { "1001-1008", "2001-2013", "3001-3011", "4001-4006", "5001-5002", "6001-6003", "9001-9005" }
            .SelectMany(r =>
            {
                var parts = r.Split('-').Select(int.Parse).ToArray();
                return Enumerable.Range(parts[0], parts[1] - parts[0] + 1).Select(n => $"EXTLS{n}");
            });
        Assert.Equal(expected, RuleIds.All);
    }

    /// <summary>rules/*.yaml is the single source of truth: its ids are RuleIds.All, each descriptor named after its file.</summary>
    [Fact]
    public void Descriptors_on_disk_are_exactly_the_ids_of_RuleIds()
    {
        Assert.True(Directory.Exists(RepoPaths.Rules), $"the rules folder {RepoPaths.Rules} is missing");
        var files = Directory.GetFiles(RepoPaths.Rules, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(RuleIds.All.Count, files.Length);
        var ids = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var descriptor = RuleDescriptorLoader.Parse(File.ReadAllText(file), "rules/" + name);
            Assert.Equal(Path.GetFileNameWithoutExtension(name), descriptor.Id);
            ids.Add(descriptor.Id);
        }

        Assert.Equal(RuleIds.All, ids);

        // The engine's embedded catalogue is built from the same files.
        Assert.Equal(ids, RuleCatalog.Default.Rules.Select(r => r.Id));
    }

    [Fact]
    public void The_written_out_evaluator_list_holds_every_evaluator_type_once_in_rule_order()
    {
        var listed = Extls.Rules.Evaluators.EvaluatorList.Create();
        Assert.Equal(
            EvaluatorTypes().Select(t => t.FullName).Order(StringComparer.Ordinal),
            listed.Select(e => e.GetType().FullName).Order(StringComparer.Ordinal));
        Assert.Equal(listed.Length, listed.Select(e => e.GetType()).Distinct().Count());
        Assert.Equal(RuleIds.All, listed.Select(e => e.RuleId));

        // What the engine runs is that list.
        Assert.Equal(listed.Select(e => e.GetType()), AnalysisEngine.DiscoverEvaluators(RuleCatalog.Default).Select(e => e.GetType()));
    }

    [Fact]
    public void Evaluators_are_internal_sealed_with_a_parameterless_constructor()
    {
        foreach (var type in EvaluatorTypes())
        {
            Assert.True(type.IsSealed && !type.IsPublic, $"{type.Name} must be internal sealed");
            var evaluator = (IRuleEvaluator)Activator.CreateInstance(type)!;
            Assert.Contains(evaluator.RuleId, RuleIds.All);
        }
    }

    private static void AssertComplete(IEnumerable<string> ids)
    {
        var evaluators = EvaluatorTypes().Select(t => (Type: t, Rule: ((IRuleEvaluator)Activator.CreateInstance(t)!).RuleId)).ToArray();
        var missing = new List<string>();
        foreach (var id in ids)
        {
            var yaml = Path.Combine(RepoPaths.Rules, id + ".yaml");
            var page = Path.Combine(RepoPaths.Rules, id + ".md");
            string? name = null;
            if (!File.Exists(yaml))
            {
                missing.Add($"{id}: rules/{id}.yaml is missing");
            }
            else
            {
                var descriptor = RuleDescriptorLoader.Parse(File.ReadAllText(yaml), $"rules/{id}.yaml");
                name = descriptor.Name;
                foreach (var line in descriptor.RemediationVariants.Values.Prepend(descriptor.Remediation).SelectMany(r => r.Template("en").Split('\n')))
                {
                    // Each command of a pipeline: "Get-ExchangeCertificate … | New-ExchangeCertificate" changes as much as a line of its own.
                    if (!line.TrimStart().StartsWith('#')
                        && line.Split('|').Select(c => c.Trim().TrimStart('(')).Any(c => ChangingVerbs.Any(v => c.StartsWith(v, StringComparison.Ordinal)) && !c.Contains("-WhatIf", StringComparison.Ordinal)))
                    {
                        missing.Add($"{id}: remediation line without -WhatIf: {line}");
                    }
                }
            }

            if (!File.Exists(page))
            {
                missing.Add($"{id}: rules/{id}.md is missing");
            }
            else if (name is not null)
            {
                var title = File.ReadLines(page).FirstOrDefault() ?? "";
                if (title != $"# {id}: {name}")
                {
                    missing.Add($"{id}: rules/{id}.md starts with '{title}', expected '# {id}: {name}'");
                }

                var sections = File.ReadLines(page).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToArray();
                if (!sections.SequenceEqual(PageSections, StringComparer.Ordinal))
                {
                    missing.Add($"{id}: rules/{id}.md has the sections [{string.Join(", ", sections)}], expected [{string.Join(", ", PageSections)}]");
                }
            }

            var own = evaluators.Where(e => e.Rule == id).ToArray();
            if (own.Length != 1)
            {
                missing.Add($"{id}: {own.Length} evaluators, expected exactly one");
            }
            else if (name is not null)
            {
                if (own[0].Type.Name != name)
                {
                    missing.Add($"{id}: evaluator class {own[0].Type.Name} should be named {name}");
                }

                if (!File.Exists(Path.Combine(RepoPaths.Root, "src", "Analyzer.Rules", "Evaluators", $"{id}.{name}.cs")))
                {
                    missing.Add($"{id}: src/Analyzer.Rules/Evaluators/{id}.{name}.cs is missing");
                }
            }

            if (!File.Exists(Path.Combine(RepoPaths.Root, "tests", "Analyzer.Rules.Tests", "Evaluators", $"{id}Tests.cs")))
            {
                missing.Add($"{id}: tests/Analyzer.Rules.Tests/Evaluators/{id}Tests.cs is missing");
            }
        }

        Assert.True(missing.Count == 0, "Incomplete rules:\n" + string.Join("\n", missing));
    }
}
