using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2005: certificates match the connector's key but none is eligible (event 12014).</summary>
internal sealed class StartTlsNoEligibleCertificate : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2005;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerStoppedReceiveConnector(context, RuleId, SelectionOutcome.NoEligibleCertificate, s => [("candidates", Refusals(s))]);

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
