using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3011: a send connector to Exchange Online has IgnoreSTARTTLS set, so hybrid mail goes without TLS:
/// unencrypted, and without the certificate by which Exchange Online recognises the organisation.
/// </summary>
internal sealed class StartTlsIgnoredToExchangeOnline : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS3011;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        SendConnectors.Known(context.Snapshot)
            .Where(c => c.IgnoreStartTls == true && ExchangeOnlineConnectors.SendsToExchangeOnline(c))
            .Select(c => SendConnectors.Diagnostic(RuleId, c, Scenario.OutboundStartTls, null, ("hybridBecause", ExchangeOnlineConnectors.Why(c))));
}
