using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2003: a connector that must speak STARTTLS (anonymous or partner senders, or RequireTLS) lacks Tls.</summary>
internal sealed class StartTlsNotOffered : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS2003;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            if (!server.ReceiveConnectors.IsKnown)
            {
                continue;
            }

            foreach (var connector in EvaluatorSupport.InUse(server.ReceiveConnectors.Items))
            {
                if (connector.AuthMechanism is not { } auth || auth.HasFlag(ReceiveAuthMechanism.Tls))
                {
                    continue;
                }

                var requireTls = connector.RequireTls == true;
                var external = connector.PermissionGroups is { } groups
                    && (groups & (PermissionGroups.AnonymousUsers | PermissionGroups.Partners)) != 0;
                if (!requireTls && !external)
                {
                    continue;
                }

                yield return new Diagnostic
                {
                    RuleId = RuleId,
                    Server = server.Name,
                    Target = new FindingTarget("receiveConnector", connector.Identity),
                    Arguments = EvaluatorSupport.Args(
                        ("connector", connector.Identity),
                        ("authMechanism", EvaluatorSupport.Flags(auth)),
                        ("permissionGroups", connector.PermissionGroups is { } p ? EvaluatorSupport.Flags(p) : "unknown"),
                        ("authMechanismWithTls", EvaluatorSupport.Flags(auth | ReceiveAuthMechanism.Tls)),
                        ("requireTls", requireTls ? "true" : "false")),
                    Impacts = [new Impact(Scenario.InboundStartTls.ToId(), server.Name, connector.Identity)],
                    Location = connector.Location,

                    // rules.md: a warning, but an error with RequireTLS, which then refuses every session.
                    Severity = requireTls ? Severity.Error : null,
                };
            }
        }
    }
}
