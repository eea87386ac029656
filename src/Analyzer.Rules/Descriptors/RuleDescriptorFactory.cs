using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Extls.Rules.Descriptors;

/// <summary>The one place a <see cref="RuleDescriptor"/> is made, so every descriptor is checked the same way.</summary>
internal static partial class RuleDescriptorFactory
{
    public const string ApiVersion = "extls/v1";

    private static readonly ImmutableHashSet<string> Categories = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "InternalTransportCertificate", "ReceiveConnector", "SendConnector", "CertificateHygiene", "MailFlow", "Snapshot");

    private static readonly ImmutableHashSet<string> ScenarioIds = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "inbound-anonymous-tls", "outbound-anonymous-tls", "inbound-starttls", "outbound-starttls");

    [GeneratedRegex("^EXTLS[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^A[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AssumptionPattern();

    /// <summary>Builds a descriptor from its YAML document, or throws naming the file and every problem.</summary>
    public static RuleDescriptor Create(RuleDocument document, string file)
    {
        var errors = new List<string>();
        if (!string.Equals(document.ApiVersion, ApiVersion, StringComparison.Ordinal))
        {
            errors.Add($"apiVersion must be '{ApiVersion}'");
        }

        if (!string.Equals(document.Kind, "Rule", StringComparison.Ordinal))
        {
            errors.Add("kind must be 'Rule'");
        }

        var id = document.Metadata?.Id;
        if (id is null || !IdPattern().IsMatch(id))
        {
            errors.Add("metadata.id must match EXTLS####");
        }

        var name = document.Metadata?.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("metadata.name is required");
        }

        var spec = document.Spec;
        if (spec is null)
        {
            errors.Add("spec is required");
            throw Fail(file, errors);
        }

        var title = Localized(spec.Title, "spec.title", errors);
        var message = Localized(spec.Message, "spec.message", errors);
        var help = Localized(spec.Help, "spec.help", errors);
        var severity = spec.Severity switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "note" => Severity.Note,
            _ => Severity.None,
        };
        if (severity == Severity.None)
        {
            errors.Add("spec.severity must be error, warning or note");
        }

        if (spec.Category is null || !Categories.Contains(spec.Category))
        {
            errors.Add("spec.category must be one of " + string.Join(", ", Categories.Order(StringComparer.Ordinal)));
        }

        if (string.IsNullOrWhiteSpace(spec.Remediation))
        {
            errors.Add("spec.remediation is required");
        }

        var assumptions = (spec.Assumptions ?? []).ToImmutableArray();
        foreach (var a in assumptions.Where(a => !AssumptionPattern().IsMatch(a)))
        {
            errors.Add($"spec.assumptions: '{a}' is not an assumption id (A1, A2, …)");
        }

        var scenarios = (spec.Scenarios ?? []).ToImmutableArray();
        foreach (var s in scenarios.Where(s => !ScenarioIds.Contains(s)))
        {
            errors.Add($"spec.scenarios: '{s}' is not a scenario id");
        }

        var expectedFile = $"{id}.yaml";
        if (id is not null && !file.EndsWith(expectedFile, StringComparison.Ordinal))
        {
            errors.Add($"metadata.id {id} does not match the file name");
        }

        if (errors.Count > 0)
        {
            throw Fail(file, errors);
        }

        return new RuleDescriptor
        {
            Id = id!,
            Name = name!,
            Title = title!,
            Message = message!,
            DefaultSeverity = severity,
            Category = spec.Category!,
            EventId = spec.Event,
            Help = help!,
            Remediation = spec.Remediation!.TrimEnd('\n', '\r'),
            RemediationVariants = (spec.RemediationVariants ?? [])
                .ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.TrimEnd('\n', '\r'), StringComparer.Ordinal),
            Assumptions = assumptions.Sort(StringComparer.Ordinal),
            Scenarios = scenarios.Sort(StringComparer.Ordinal),
        };
    }

    private static LocalizedText? Localized(LocalizedDocument? doc, string path, List<string> errors)
    {
        if (doc is null || string.IsNullOrWhiteSpace(doc.En) || string.IsNullOrWhiteSpace(doc.Ja))
        {
            errors.Add($"{path} needs both en and ja");
            return null;
        }

        return new LocalizedText(doc.En.TrimEnd('\n', '\r'), doc.Ja.TrimEnd('\n', '\r'));
    }

    private static InvalidDataException Fail(string file, IEnumerable<string> errors) =>
        new($"{file}: invalid rule descriptor: " + string.Join("; ", errors));
}
