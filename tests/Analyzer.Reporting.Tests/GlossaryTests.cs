using System.Reflection;
using System.Text.RegularExpressions;
using Extls.Rules;

namespace Extls.Reporting.Tests;

/// <summary>
/// docs/glossary.md is the one list of the Japanese terms: every Japanese string extls ships uses the glossary's
/// word and none of its variants, every glossary word is used, and every rule speaks both languages everywhere.
/// </summary>
public sealed class GlossaryTests
{
    private sealed record Term(string English, string Japanese, IReadOnlyList<string> Forbidden);

    private static readonly Lazy<IReadOnlyList<Term>> Terms = new(() =>
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "glossary.md"));
        var rows = text.Split('\n').Where(l => l.StartsWith('|')).Skip(2).ToList();
        return [.. rows.Select(r => r.Split('|').Select(c => c.Trim()).ToArray())
            .Select(c => new Term(c[1], c[2], [.. c[3].Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]))];
    });

    /// <summary>Every Japanese text extls ships, each with where it comes from.</summary>
    private static IEnumerable<(string Where, string Text)> JapaneseTexts()
    {
        foreach (var rule in RuleCatalog.Default.Rules)
        {
            foreach (var (where, text) in Localized(rule))
            {
                yield return ($"rules/{rule.Id}.yaml {where}", text.Ja ?? "");
            }
        }

        foreach (var (where, text) in Fields(Labels.Japanese).Concat(Fields(HtmlLabels.Japanese)).Concat(Fields(PipelineLabels.Japanese)))
        {
            yield return (where, text);
        }

        // The evidence verdicts and reasons, in the console, explain and HTML.
        foreach (var (where, text) in Fields(EvidenceText.Japanese))
        {
            yield return (where, text);
        }

        foreach (var text in EvidenceText.Japanese.Verdicts.Values.Concat(EvidenceText.Japanese.Reasons.Values))
        {
            yield return ("EvidenceText.Japanese verdicts and reasons", text);
        }

        foreach (var field in typeof(SelectionWording).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is System.Collections.IEnumerable table and not string)
            {
                foreach (var entry in table)
                {
                    var value = entry.GetType().GetProperty("Value")?.GetValue(entry);
                    if (value is Words w)
                    {
                        yield return ($"SelectionWording.{field.Name}", w.Ja);
                    }
                }
            }
        }

        // What a rehearsal refuses and why: every plan problem, renewal refusal and note.
        foreach (var (where, _, ja) in PlanProblemWordingTests.Sentences())
        {
            yield return ($"PlanProblemWording {where}", ja);
        }

        // The comments of a renewal plan, with every kind of step and note.
        yield return ("renewal plan (ja)", RenewalScriptWriter.Write(RenewalScriptWriterTests.Sample(), "ja"));
        yield return ("renewal plan, hybrid configuration not collected (ja)", RenewalScriptWriter.Write(RenewalScriptWriterTests.Sample(hybridCollected: false), "ja"));

        // The sentences are built from facts: rendered, over every replay of the sample, in every Japanese writer.
        var result = Samples.Result("ja");
        yield return ("explain (ja)", new ExplainWriter(new RenderSettings("ja")).Render(result.Selections, result.AsOf));
        yield return ("explain of every kind of step (ja)", new ExplainWriter(new RenderSettings("ja")).Render(Samples.Selections, Samples.AsOf));
        yield return ("console (ja)", new ConsoleReportWriter(new RenderSettings("ja")).Render(result));
        yield return ("html (ja)", new HtmlReportWriter(new RenderSettings("ja")).Render(result));
        yield return ("markdown (ja)", new MarkdownReportWriter(new RenderSettings("ja")).Render(result));
        yield return ("rules list (ja)", new RulesWriter(new RenderSettings("ja")).RenderList(RuleCatalog.Default.Rules));
    }

    private static IEnumerable<(string Where, LocalizedText Text)> Localized(RuleDescriptor rule)
    {
        yield return ("spec.title", rule.Title);
        yield return ("spec.message", rule.Message);
        yield return ("spec.help", rule.Help);
        foreach (var (argument, values) in rule.Values)
        {
            foreach (var (member, text) in values)
            {
                yield return ($"spec.values.{argument}.{member}", text);
            }
        }

        foreach (var (name, text) in rule.Absent)
        {
            yield return ($"spec.absent.{name}", text);
        }

        foreach (var (name, text) in rule.Items)
        {
            yield return ($"spec.items.{name}", text);
        }

        var scripts = rule.RemediationVariants.Select(v => ($"spec.remediationVariants.{RemediationVariants.Key(v.Key)}", v.Value)).Prepend(("spec.remediation", rule.Remediation));
        foreach (var (where, script) in scripts)
        {
            for (var i = 0; i < script.Steps.Length; i++)
            {
                if (script.Steps[i].Comment is { } comment)
                {
                    yield return ($"{where}[{i}].comment", comment);
                }
            }
        }
    }

    private static IEnumerable<(string Where, string Text)> Fields(object labels)
    {
        foreach (var p in labels.GetType().GetProperties())
        {
            switch (p.GetValue(labels))
            {
                case string s:
                    yield return ($"{labels.GetType().Name}.Japanese.{p.Name}", s);
                    break;
                case IEnumerable<string> list:
                    foreach (var s in list)
                    {
                        yield return ($"{labels.GetType().Name}.Japanese.{p.Name}", s);
                    }

                    break;
            }
        }
    }

    [Fact]
    public void The_glossary_is_a_table_of_terms_with_their_variants()
    {
        Assert.True(Terms.Value.Count >= 15, $"{Terms.Value.Count} terms");
        foreach (var required in new[] { "受信コネクタ", "送信コネクタ", "拇印", "証明書ストア", "秘密キー", "自己署名", "SMTP サービスの割り当て", "アドバタイズ", "内部トランスポート証明書", "匿名 TLS", "有効期限" })
        {
            Assert.Contains(Terms.Value, t => t.Japanese == required);
        }

        Assert.Contains("提供", Terms.Value.Single(t => t.Japanese == "アドバタイズ").Forbidden);
        Assert.Contains("AD に発行", Terms.Value.Single(t => t.Japanese == "SMTP サービスの割り当て").Forbidden);
    }

    [Fact]
    public void No_Japanese_string_uses_a_variant_the_glossary_rules_out()
    {
        var texts = JapaneseTexts().ToList();
        var found = new List<string>();
        foreach (var term in Terms.Value)
        {
            foreach (var variant in term.Forbidden)
            {
                found.AddRange(texts.Where(t => t.Text.Contains(variant, StringComparison.Ordinal))
                    .Select(t => $"{t.Where}: '{variant}' where the glossary says '{term.Japanese}' ({term.English})"));
            }
        }

        Assert.True(found.Count == 0, string.Join("\n", found.Distinct(StringComparer.Ordinal)));
    }

    [Fact]
    public void Every_glossary_term_is_used()
    {
        var all = string.Join("\n", JapaneseTexts().Select(t => t.Text));
        Assert.All(Terms.Value, t => Assert.True(all.Contains(t.Japanese, StringComparison.Ordinal), $"'{t.Japanese}' ({t.English}) is used nowhere"));
    }

    [Fact]
    public void Every_rule_speaks_both_languages_everywhere()
    {
        var missing = new List<string>();
        foreach (var rule in RuleCatalog.Default.Rules)
        {
            foreach (var (where, text) in Localized(rule))
            {
                if (string.IsNullOrWhiteSpace(text.En) || string.IsNullOrWhiteSpace(text.Ja))
                {
                    missing.Add($"rules/{rule.Id}.yaml {where}: a language is missing");
                }
                else if (Regex.IsMatch(Regex.Replace(text.Ja, "\\{[A-Za-z0-9]+\\}", ""), "[A-Za-z]") && !Regex.IsMatch(text.Ja, "[\\p{IsHiragana}\\p{IsKatakana}\\p{IsCJKUnifiedIdeographs}\\p{IsCJKSymbolsandPunctuation}]"))
                {
                    // Words with no Japanese in them: English left in a Japanese text (a template of placeholders alone is fine).
                    missing.Add($"rules/{rule.Id}.yaml {where}: the Japanese text has no Japanese in it");
                }
            }

            // A comment only in English would put English into a Japanese script.
            var scripts = rule.RemediationVariants.Values.Prepend(rule.Remediation);
            if (scripts.SelectMany(s => s.Steps).Any(s => s.Run is { } run && run.Split('\n').Any(l => l.TrimStart().StartsWith('#'))))
            {
                missing.Add($"rules/{rule.Id}.yaml: a comment inside a command; write it as a step's comment in both languages");
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Rules_list_in_Japanese_shows_Japanese_titles_and_severities()
    {
        var list = new RulesWriter(new RenderSettings("ja", Width: 200)).RenderList(RuleCatalog.Default.Rules);
        foreach (var rule in RuleCatalog.Default.Rules)
        {
            var line = list.Split('\n').FirstOrDefault(l => l.Contains(rule.Id, StringComparison.Ordinal)) ?? "";
            Assert.Contains(rule.Title.Ja![..Math.Min(8, rule.Title.Ja!.Length)], line, StringComparison.Ordinal);
        }

        Assert.Contains("エラー", list, StringComparison.Ordinal);
        Assert.DoesNotContain(" error ", list, StringComparison.Ordinal);
    }
}
