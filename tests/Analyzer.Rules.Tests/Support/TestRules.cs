using Extls.Rules.Descriptors;

namespace Extls.Rules.Tests.Support;

/// <summary>Descriptors and evaluators made up for engine tests, built through the real loader and factory.</summary>
internal static class TestRules
{
    public static RuleDescriptor Descriptor(
        string id,
        string severity = "warning",
        string message = "Problem on {server} with {detail}",
        string remediation = "Set-Thing {target} -Value {detail} -WhatIf",
        string eventId = "null",
        string assumptions = "[A2]") =>
        RuleDescriptorLoader.Parse(
            $$"""
            apiVersion: extls/v1
            kind: Rule
            metadata:
              id: {{id}}
              name: Test{{id}}
            spec:
              title:
                en: Title of {{id}}
                ja: {{id}} の題名
              message:
                en: "{{message}}"
                ja: "日本語: {{message}}"
              severity: {{severity}}
              category: Snapshot
              event: {{eventId}}
              help:
                en: Help.
                ja: ヘルプ。
              remediation: '{{remediation}}'
              remediationVariants:
                noServer: 'Other-Fix {target}'
              assumptions: {{assumptions}}
              scenarios: []
            """,
            $"rules/{id}.yaml");

    public static RuleDescriptor RuleFailedDescriptor() =>
        RuleDescriptorLoader.Parse(File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS9005.yaml")), "rules/EXTLS9005.yaml");
}

internal sealed class DelegateEvaluator(string ruleId, Func<AnalysisContext, IEnumerable<Diagnostic>> evaluate) : IRuleEvaluator
{
    public string RuleId { get; } = ruleId;

    public int Calls { get; private set; }

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        Calls++;
        return evaluate(context);
    }
}
