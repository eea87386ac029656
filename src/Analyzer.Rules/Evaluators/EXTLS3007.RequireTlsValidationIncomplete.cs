using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3007: the remote-certificate checks of a send connector are half set up: DomainValidation
/// without the TlsDomain it validates against, or a TlsAuthLevel that has no effect because
/// RequireTLS is off (TLS stays opportunistic, process 4 step 6).
/// </summary>
/// <remarks>Null and blank TlsDomain both count as unset: Get-SendConnector writes an unset value as null.</remarks>
internal sealed class RequireTlsValidationIncomplete : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<ValidationGap>("reason")];

    public string RuleId => RuleIds.EXTLS3007;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var connector in SendConnectors.Known(context.Snapshot))
        {
            ValidationGap? reason = null;
            if (connector.RequireTls == true && connector.TlsAuthLevel == TlsAuthLevel.DomainValidation && !Lookups.IsSet(connector.TlsDomain))
            {
                reason = ValidationGap.DomainValidationWithoutTlsDomain;
            }
            else if (connector.TlsAuthLevel is not null && connector.RequireTls == false)
            {
                reason = ValidationGap.TlsAuthLevelWithoutRequireTls;
            }

            if (reason is not { } gap)
            {
                continue;
            }

            yield return SendConnectors.Diagnostic(RuleId, connector, Scenario.OutboundStartTls, null,
                ("reason", MessageArgument.Value(gap)),
                ("tlsAuthLevel", MessageArgument.Exchange(connector.TlsAuthLevel)),
                ("requireTls", MessageArgument.Boolean(connector.RequireTls == true))) with { Assumptions = ["A8"] };
        }
    }
}

/// <summary>How EXTLS3007's remote-certificate checks are half set up.</summary>
internal enum ValidationGap
{
    /// <summary>RequireTLS with DomainValidation, but no TlsDomain to validate against.</summary>
    DomainValidationWithoutTlsDomain,

    /// <summary>A TlsAuthLevel while RequireTLS is off, so it has no effect.</summary>
    TlsAuthLevelWithoutRequireTls,
}
