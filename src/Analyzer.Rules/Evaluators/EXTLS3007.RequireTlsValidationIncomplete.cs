using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3007: the remote-certificate checks of a send connector are half set up: DomainValidation
/// without the TlsDomain it validates against, or a TlsAuthLevel that has no effect because
/// RequireTLS is off (TLS stays opportunistic, process 4 step 6).
/// </summary>
/// <remarks>Null and blank TlsDomain both count as unset: Get-SendConnector writes an unset value as null.</remarks>
internal sealed class RequireTlsValidationIncomplete : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS3007;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var connector in SendConnectors.Known(context.Snapshot))
        {
            string? reason = null;
            if (connector.RequireTls == true && connector.TlsAuthLevel == TlsAuthLevel.DomainValidation && !EvaluatorSupport.IsSet(connector.TlsDomain))
            {
                reason = "DomainValidationWithoutTlsDomain";
            }
            else if (connector.TlsAuthLevel is not null && connector.RequireTls == false)
            {
                reason = "TlsAuthLevelWithoutRequireTls";
            }

            if (reason is null)
            {
                continue;
            }

            yield return SendConnectors.Diagnostic(RuleId, connector, Scenario.OutboundStartTls, null,
                ("reason", reason),
                ("tlsAuthLevel", connector.TlsAuthLevel!.Value.ToString()),
                ("requireTls", connector.RequireTls == true ? "true" : "false")) with { Assumptions = ["A8"] };
        }
    }
}
