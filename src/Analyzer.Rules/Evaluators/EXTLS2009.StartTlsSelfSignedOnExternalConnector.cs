using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS2009: process 3 chose a self-signed certificate on a connector that outside senders use
/// (AnonymousUsers or Partners) or that is set up for hybrid (TlsDomainCapabilities). Those senders
/// do not trust it, so they fall back to plain SMTP or refuse.
/// </summary>
internal sealed class StartTlsSelfSignedOnExternalConnector : IRuleEvaluator
{
    public string RuleId => "EXTLS2009";

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var selections = context.Selections
            .Where(s => s.Scenario == Scenario.InboundStartTls && s.Connector is not null && s.Certificate is not null
                && ExtRuleSupport.IsSelected(s.Outcome))
            .OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connector, StringComparer.OrdinalIgnoreCase);

        foreach (var selection in selections)
        {
            var connector = ExtRuleSupport.FindReceiveConnector(context.Snapshot, selection.Server, selection.Connector);
            var stored = ExtRuleSupport.FindStoreCertificate(context.Snapshot, selection.Server, selection.Certificate);
            if (connector is null || stored?.Certificate.IsSelfSigned != true)
            {
                continue;
            }

            var external = connector.PermissionGroups is { } groups
                && (groups & (PermissionGroups.AnonymousUsers | PermissionGroups.Partners)) != 0;
            var hybrid = ExtRuleSupport.IsSet(connector.TlsDomainCapabilities);
            if (!external && !hybrid)
            {
                continue;
            }

            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = selection.Server,
                Target = new FindingTarget("receiveConnector", connector.Identity),
                Arguments = ExtRuleSupport.Args(
                    ("connector", connector.Identity),
                    ("thumbprint", stored.Thumbprint),
                    ("subject", stored.Certificate.Subject),
                    ("exposure", hybrid ? "TlsDomainCapabilities" : ExtRuleSupport.Flags(connector.PermissionGroups!.Value & (PermissionGroups.AnonymousUsers | PermissionGroups.Partners)))),
                Impacts = ExtRuleSupport.Impacts([selection]),
                Assumptions = ExtRuleSupport.Assumptions([selection]),
                Location = connector.Location,
            };
        }
    }
}
