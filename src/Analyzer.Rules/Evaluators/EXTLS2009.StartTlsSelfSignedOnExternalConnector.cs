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
    public string RuleId => RuleIds.EXTLS2009;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var selections = context.Selections
            .Where(s => s.Scenario == Scenario.InboundStartTls && s.Connector is not null && s.Certificate is not null
                && Lookups.IsSelected(s.Outcome))
            .OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connector, StringComparer.OrdinalIgnoreCase);

        foreach (var selection in selections)
        {
            var connector = Lookups.FindReceiveConnector(context.Snapshot, selection.Server, selection.Connector);
            var stored = Lookups.FindInStore(context.Snapshot, selection.Server, selection.Certificate);
            if (connector is null || stored?.Certificate.IsSelfSigned != true)
            {
                continue;
            }

            var external = connector.PermissionGroups is { } groups
                && (groups & Lookups.ExternalSenders) != 0;
            var hybrid = Lookups.IsSet(connector.TlsDomainCapabilities);
            if (!external && !hybrid)
            {
                continue;
            }

            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = selection.Server,
                Target = DiagnosticBuilders.ReceiveConnectorTarget(connector.Identity),
                Arguments = Args.Of(
                    ("connector", connector.Identity),
                    ("thumbprint", stored.Thumbprint),
                    ("subject", stored.Certificate.Subject),
                    ("exposure", hybrid
                        ? nameof(ReceiveConnector.TlsDomainCapabilities)
                        : MessageArgument.Exchange<PermissionGroups>(connector.PermissionGroups!.Value & Lookups.ExternalSenders))),
                Impacts = DiagnosticBuilders.Impacts([selection]),
                Assumptions = DiagnosticBuilders.Assumptions([selection]),
                Location = connector.Location,
            };
        }
    }
}
