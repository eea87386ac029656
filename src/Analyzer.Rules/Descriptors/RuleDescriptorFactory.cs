using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Extls.Rules.Engine;
using Extls.Selection;

namespace Extls.Rules.Descriptors;

/// <summary>
/// The one place a <see cref="RuleDescriptor"/> is made, from a document the schema has accepted. The
/// schema owns the shape and the allowed values; this checks what a schema cannot: that the id matches the
/// file, and that the wording the descriptor gives is wording some template uses.
/// </summary>
internal static class RuleDescriptorFactory
{
    /// <summary>Builds a descriptor from its schema-valid document, or throws naming the file and every problem.</summary>
    public static RuleDescriptor Create(RuleDocument document, string file)
    {
        var errors = new List<string>();
        var id = document.Metadata?.Id ?? "";
        var spec = document.Spec ?? throw Fail(file, ["spec is required"]);

        if (!file.EndsWith($"{id}.yaml", StringComparison.Ordinal))
        {
            errors.Add($"metadata.id {id} does not match the file name");
        }

        var severity = spec.Severity switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            _ => Severity.Note,
        };

        var variants = new RemediationVariantDictionary.Builder();
        foreach (var (key, template) in spec.RemediationVariants ?? [])
        {
            if (RemediationVariants.TryParse(key, out var variant))
            {
                variants[variant] = Script(template, $"spec.remediationVariants.{key}", errors);
            }
            else
            {
                errors.Add($"spec.remediationVariants.{key} is not a remediation variant extls knows");
            }
        }

        // The scenarios in the order of their ids: the ids are sorted as strings and parsed after, with plain arrays,
        // because the framework's builders and sorting over the Scenario enum would be compiled at run time on every start.
        var scenarioIds = new List<string>(spec.Scenarios ?? []);
        scenarioIds.Sort(StringComparer.Ordinal);
        var scenarios = new Scenario[scenarioIds.Count];
        for (var i = 0; i < scenarios.Length; i++)
        {
            var text = scenarioIds[i];
            if (ScenarioNames.TryParse(text, out var scenario) && string.Equals(scenario.ToId(), text, StringComparison.Ordinal))
            {
                scenarios[i] = scenario;
            }
            else
            {
                errors.Add($"spec.scenarios: '{text}' is not a scenario id");
            }
        }

        var message = Localized(spec.Message);
        var remediation = Script(spec.Remediation, "spec.remediation", errors);
        var items = Texts(spec.Items);
        var templates = new[] { message.En, message.Ja ?? "" }
            .Concat(remediation.Texts())
            .Concat(variants.Values.SelectMany(v => v.Texts()))
            .Concat(items.Values.SelectMany(t => new[] { t.En, t.Ja ?? "" }));
        var used = templates.SelectMany(MessageTemplate.Placeholders).ToHashSet(StringComparer.Ordinal);
        var values = ImmutableSortedDictionary.CreateBuilder<string, ImmutableSortedDictionary<string, LocalizedText>>(StringComparer.Ordinal);
        foreach (var (name, texts) in spec.Values ?? [])
        {
            values[name] = Texts(texts);
        }

        var absent = Texts(spec.Absent);
        foreach (var (section, names) in new[] { ("values", values.Keys), ("absent", absent.Keys), ("items", items.Keys) })
        {
            foreach (var name in names.Where(n => !used.Contains(n)))
            {
                errors.Add($"spec.{section}.{name}: no template uses {{{name}}}");
            }
        }

        if (errors.Count > 0)
        {
            throw Fail(file, errors);
        }

        return new RuleDescriptor
        {
            Id = id,
            Name = document.Metadata!.Name!,
            Title = Localized(spec.Title),
            Message = message,
            DefaultSeverity = severity,
            Category = spec.Category!,
            EventId = spec.Event,
            Help = Localized(spec.Help),
            Remediation = remediation,
            RemediationVariants = variants.ToImmutable(),
            Values = values.ToImmutable(),
            Absent = absent,
            Items = items,
            Assumptions = (spec.Assumptions ?? []).Order(StringComparer.Ordinal).ToImmutableArray(),
            // Every id parsed, or the descriptor was refused above.
            Scenarios = ImmutableCollectionsMarshal.AsImmutableArray(scenarios),
        };
    }

    private static string Trim(string? text) => (text ?? "").TrimEnd('\n', '\r');

    /// <summary>
    /// A remediation: a list of steps (a localized comment and a command), or, for a script that needs no words, one
    /// command as a string. A comment line in that string is refused: comments are written in both languages, in steps.
    /// </summary>
    private static RemediationScript Script(Newtonsoft.Json.Linq.JToken? token, string where, List<string> errors)
    {
        var steps = ImmutableArray.CreateBuilder<RemediationStep>();
        if (token is Newtonsoft.Json.Linq.JValue { Type: Newtonsoft.Json.Linq.JTokenType.String } value)
        {
            var run = Trim((string?)value);
            if (run.Split('\n').Any(l => l.TrimStart().StartsWith('#')))
            {
                errors.Add($"{where}: a comment line in a one-command remediation; write it as a step with comment.en and comment.ja");
            }

            steps.Add(new RemediationStep(null, run));
        }
        else if (token is Newtonsoft.Json.Linq.JArray array)
        {
            // Read from the tree, not bound with ToObject: every start builds the catalogue, and Json.NET's serializer
            // would load its contract resolver (and with it XML, data sets and Reflection.Emit) for these few fields.
            // The schema has checked the shape: each step an object of comment (en, ja) and run.
            foreach (var item in array)
            {
                var comment = item["comment"];
                var run = (string?)item["run"];
                steps.Add(new RemediationStep(
                    comment is null || comment.Type == Newtonsoft.Json.Linq.JTokenType.Null
                        ? null
                        : Localized(new LocalizedDocument { En = (string?)comment["en"], Ja = (string?)comment["ja"] }),
                    run is null ? null : Trim(run)));
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Run is { } run)
            {
                errors.AddRange(PowerShellText.Problems(run).Select(p => $"{where}[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}].run: {p}"));
            }
        }

        return new RemediationScript(steps.ToImmutable());
    }

    private static LocalizedText Localized(LocalizedDocument? doc) => new(Trim(doc?.En), Trim(doc?.Ja));

    // A builder filled in a loop, not ToImmutableSortedDictionary over the dictionary: that generic method is instantiated
    // over KeyValuePair, a struct, which the framework's precompiled code does not hold.
    private static ImmutableSortedDictionary<string, LocalizedText> Texts(Dictionary<string, LocalizedDocument>? docs)
    {
        var texts = ImmutableSortedDictionary.CreateBuilder<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var (name, doc) in docs ?? [])
        {
            texts[name] = Localized(doc);
        }

        return texts.ToImmutable();
    }

    private static InvalidDataException Fail(string file, IEnumerable<string> errors) =>
        new($"{file}: invalid rule descriptor: " + string.Join("; ", errors));
}
