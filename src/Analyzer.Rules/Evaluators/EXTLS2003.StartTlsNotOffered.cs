using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2003: a connector that must speak STARTTLS (anonymous or partner senders, or RequireTLS) lacks Tls.</summary>
internal sealed class StartTlsNotOffered : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2003;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var (server, connector) in Lookups.ReceiveConnectorsInUse(context))
        {
            if (connector.AuthMechanism is not { } auth || auth.HasFlag(ReceiveAuthMechanism.Tls))
            {
                continue;
            }

            var requireTls = connector.RequireTls == true;
            var external = connector.PermissionGroups is { } groups && (groups & Lookups.ExternalSenders) != 0;
            if (!requireTls && !external)
            {
                continue;
            }

            var diagnostic = DiagnosticBuilders.ReceiveConnectorDiagnostic(RuleId, server, connector, Scenario.InboundStartTls,
                ("authMechanism", MessageArgument.Exchange<ReceiveAuthMechanism>(auth)),
                ("permissionGroups", MessageArgument.Exchange(connector.PermissionGroups)),
                ("authMechanismWithTls", MessageArgument.Exchange<ReceiveAuthMechanism>(auth | ReceiveAuthMechanism.Tls)),
                ("requireTls", MessageArgument.Boolean(requireTls)));

            // rules.md: a warning, but an error with RequireTLS, which then refuses every session.
            yield return diagnostic with { Severity = requireTls ? Severity.Error : null };
        }
    }
}
