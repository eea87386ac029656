using Extls.Model;
using Extls.Rules.Engine;
using Extls.Rules.Evaluators;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Support;

/// <summary>
/// Hand-made replay results and snapshot pieces for evaluator tests, and a runner that checks what
/// every evaluator owes its descriptor. Selections are written here rather than replayed so that each
/// test states exactly the replay answer its rule reads.
/// </summary>
internal static class RuleTestKit
{
    public static AnalysisContext Context(OrganizationSnapshot snapshot, params SelectionResult[] selections) =>
        new(snapshot, [.. selections], Build.AsOf, 30);

    public static SelectionResult Selection(
        Scenario scenario,
        string server,
        string? connector,
        SelectionOutcome outcome,
        string? certificate = null,
        bool handshakeFails = false,
        string? matchKey = null,
        params CandidateVerdict[] candidates) => new()
    {
        Scenario = scenario,
        Server = server,
        Connector = connector,
        Advertised = EvaluatorSupport.IsSelected(outcome),
        Certificate = certificate,
        EndedAtStep = 10,
        Outcome = outcome,
        HandshakeFails = handshakeFails,
        MatchKey = matchKey,
        Candidates = [.. candidates],
        Location = Build.Loc($"servers/{server}/ReceiveConnector.json", "$[1]"),
    };

    /// <summary>Process 1 on <c>server\connector</c>.</summary>
    public static SelectionResult Inbound(string server, string connector, SelectionOutcome outcome, string? certificate = null, bool? advertised = null) =>
        Selection(Scenario.InboundAnonymousTls, server, $"{server}\\{connector}", outcome, certificate) is var s && advertised is { } a ? s with { Advertised = a } : s;

    /// <summary>Process 2 on <c>server</c>.</summary>
    public static SelectionResult Outbound(string server, SelectionOutcome outcome, string? certificate = null, bool? advertised = null) =>
        Selection(Scenario.OutboundAnonymousTls, server, null, outcome, certificate) is var s && advertised is { } a ? s with { Advertised = a } : s;

    public static CandidateVerdict Candidate(
        string thumbprint,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        bool eligible = true,
        bool chosen = false,
        int? rank = null,
        string subject = "CN=mail.contoso.com",
        params string[] refused) => new()
    {
        Thumbprint = thumbprint,
        Subject = subject,
        NotBefore = notBefore,
        NotAfter = notAfter,
        Eligible = eligible,
        Chosen = chosen,
        Rank = rank,
        RefusedBecause = [.. refused.Select(Enum.Parse<RefusalReason>)],
    };

    /// <summary>
    /// Runs the evaluator and checks what every rule owes its descriptor: the right id, and a value for
    /// every placeholder of rules/&lt;ID&gt;.yaml that its message and its chosen remediation use (the engine
    /// reports a missing one as EXTLS9005).
    /// Diagnostics come back in the evaluator's own order.
    /// </summary>
    public static List<Diagnostic> Run(IRuleEvaluator evaluator, AnalysisContext context)
    {
        var diagnostics = evaluator.Evaluate(context).ToList();
        foreach (var diagnostic in diagnostics)
        {
            var placeholders = Placeholders(evaluator.RuleId, diagnostic.RemediationVariant);
            Assert.NotEmpty(placeholders);
            Assert.Equal(evaluator.RuleId, diagnostic.RuleId);
            foreach (var name in placeholders.Where(p => p is not "server" and not "target"))
            {
                Assert.True(diagnostic.Arguments.ContainsKey(name), $"{evaluator.RuleId} does not supply {{{name}}} for {diagnostic.Target.Id}");
            }

            if (placeholders.Contains("server"))
            {
                Assert.False(string.IsNullOrEmpty(diagnostic.Server), $"{evaluator.RuleId} uses {{server}} but {diagnostic.Target.Id} has none");
            }
        }

        return diagnostics;
    }

    /// <summary>As <see cref="Run"/>, sorted by target id for tests that do not care about the evaluator's order.</summary>
    public static List<Diagnostic> RunSorted(IRuleEvaluator evaluator, AnalysisContext context) =>
        [.. Run(evaluator, context).OrderBy(d => d.Target.Id, StringComparer.Ordinal)];

    private static HashSet<string> Placeholders(string ruleId, string? remediationVariant)
    {
        // The catalogue the engine formats messages from.
        var descriptor = RuleCatalog.Default.Find(ruleId) ?? throw new InvalidOperationException($"rules/{ruleId}.yaml is not embedded");
        var remediation = remediationVariant is null ? descriptor.Remediation : descriptor.RemediationVariants[remediationVariant];
        return new[] { descriptor.Message.En, descriptor.Message.Ja ?? "", remediation }
            .SelectMany(MessageTemplate.Placeholders)
            .ToHashSet(StringComparer.Ordinal);
    }
}
