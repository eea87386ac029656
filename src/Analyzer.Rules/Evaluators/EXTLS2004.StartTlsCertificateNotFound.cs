using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2004: process 3 found no store certificate for the connector's key (event 12014).</summary>
internal sealed class StartTlsCertificateNotFound : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2004;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        context.Selections
            .Where(s => s.Scenario == Scenario.InboundStartTls && s.Outcome == SelectionOutcome.NoMatchingCertificate && s.Connector is not null)
            .OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connector, StringComparer.OrdinalIgnoreCase)
            .Select(s => new Diagnostic
            {
                RuleId = RuleId,
                Server = s.Server,
                Target = new FindingTarget("receiveConnector", s.Connector!),
                Arguments = EvaluatorSupport.Args(
                    ("connector", s.Connector!),
                    ("matchKey", s.MatchKey ?? "")),
                Impacts = EvaluatorSupport.Impacts([s]),
                Assumptions = EvaluatorSupport.Assumptions([s]),
                Location = EvaluatorSupport.FindReceiveConnector(context.Snapshot, s.Server, s.Connector)?.Location ?? s.Location,
            });
}
