using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2004: process 3 found no store certificate for the connector's key (event 12014).</summary>
/// <remarks>
/// A malformed TlsCertificateName also ends there, but the syntax is the root cause and EXTLS2011 alone
/// reports it: no certificate would help, so "not found" would send the administrator the wrong way.
/// </remarks>
internal sealed class StartTlsCertificateNotFound : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2004;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        StartTlsFindings.PerStoppedReceiveConnector(context, RuleId, SelectionOutcome.NoMatchingCertificate, include: s => !s.KeyMalformed);
}
