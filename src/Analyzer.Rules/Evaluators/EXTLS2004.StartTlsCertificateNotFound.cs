using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2004: process 3 found no store certificate for the connector's key (event 12014).</summary>
internal sealed class StartTlsCertificateNotFound : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2004;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerStoppedReceiveConnector(context, RuleId, SelectionOutcome.NoMatchingCertificate);
}
