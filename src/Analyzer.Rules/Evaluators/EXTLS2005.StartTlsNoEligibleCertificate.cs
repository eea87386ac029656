using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2005: certificates match the connector's key but none is eligible (event 12014).</summary>
internal sealed class StartTlsNoEligibleCertificate : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2005;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        context.Selections
            .Where(s => s.Scenario == Scenario.InboundStartTls && s.Outcome == SelectionOutcome.NoEligibleCertificate && s.Connector is not null)
            .OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connector, StringComparer.OrdinalIgnoreCase)
            .Select(s => new Diagnostic
            {
                RuleId = RuleId,
                Server = s.Server,
                Target = new FindingTarget("receiveConnector", s.Connector!),
                Arguments = EvaluatorSupport.Args(
                    ("connector", s.Connector!),
                    ("matchKey", s.MatchKey ?? ""),
                    ("candidates", Refusals(s))),
                Impacts = EvaluatorSupport.Impacts([s]),
                Assumptions = EvaluatorSupport.Assumptions([s]),
                Location = EvaluatorSupport.FindReceiveConnector(context.Snapshot, s.Server, s.Connector)?.Location ?? s.Location,
            });

    /// <summary>"THUMBPRINT (subject): NotV3, NoPrivateKey; …" — the reason codes are the replay's own, stable across languages.</summary>
    internal static string Refusals(SelectionResult selection) =>
        string.Join("; ", (selection.Candidates.IsDefault ? [] : selection.Candidates)
            .OrderBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase)
            .Select(c =>
            {
                var reasons = c.RefusedBecause.IsDefaultOrEmpty ? "eligible" : string.Join(", ", c.RefusedBecause);
                var unknown = c.Unknowns.IsDefaultOrEmpty ? "" : $" [unknown: {string.Join(", ", c.Unknowns)}]";
                return $"{c.Thumbprint} ({c.Subject}): {reasons}{unknown}";
            }));
}
