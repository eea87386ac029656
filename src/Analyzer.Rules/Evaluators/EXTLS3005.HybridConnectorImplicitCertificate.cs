using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS3005: a connector to Exchange Online names neither TlsCertificateName nor Fqdn, so process 4
/// keys on the source server's own (usually internal) FQDN and Exchange Online cannot recognise the
/// organisation's certificate: hybrid mail flow breaks.
/// </summary>
/// <remarks>
/// Computed from the connector rather than from the replay (SelectionResult.ImplicitHybridCertificate
/// was not merged when this was written); the condition is the same: hybrid, and both values unset.
/// Null and blank both count as unset, because Get-SendConnector writes an unset value as null.
/// </remarks>
internal sealed class HybridConnectorImplicitCertificate : IRuleEvaluator
{
    private const string ExchangeOnlineSuffix = "mail.protection.outlook.com";

    public string RuleId => RuleIds.EXTLS3005;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var connector in SendConnectors.Known(context.Snapshot))
        {
            var toExchangeOnline = (connector.SmartHosts ?? []).Select(SendConnectors.Bare).Where(IsExchangeOnline).ToList();
            var cloud = connector.CloudServicesMailEnabled == true;
            if ((!cloud && toExchangeOnline.Count == 0)
                || EvaluatorSupport.IsSet(connector.TlsCertificateName) || EvaluatorSupport.IsSet(connector.Fqdn))
            {
                continue;
            }

            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = SendConnectors.OwningServer(connector),
                Target = new FindingTarget("sendConnector", connector.Identity),
                Arguments = EvaluatorSupport.Args(
                    ("connector", connector.Identity),
                    ("hybridBecause", cloud ? "CloudServicesMailEnabled" : EvaluatorSupport.Join(toExchangeOnline))),
                Impacts = SendConnectors.Impacts(connector, Scenario.OutboundStartTls),
                Assumptions = ["A8"],
                Location = connector.Location,
            };
        }
    }

    private static bool IsExchangeOnline(string host)
    {
        var h = host.TrimEnd('.');
        return h.Equals(ExchangeOnlineSuffix, StringComparison.OrdinalIgnoreCase)
            || h.EndsWith("." + ExchangeOnlineSuffix, StringComparison.OrdinalIgnoreCase);
    }
}
