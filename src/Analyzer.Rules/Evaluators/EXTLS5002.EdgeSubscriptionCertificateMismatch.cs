using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS5002: an Edge server's current internal transport certificate (in its AD LDS) is not the one
/// the organisation's AD holds for its Edge subscription, so Mailbox servers encrypt to, and trust,
/// a certificate the Edge no longer uses. Typical after the Edge certificate was renewed without
/// re-creating the subscription.
/// </summary>
internal sealed class EdgeSubscriptionCertificateMismatch : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS5002;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var edge in context.Snapshot.Servers.Where(s => s.Role == TransportServerRole.Edge))
        {
            if (edge.SubscriptionCertificate is not { State: AdCertificateState.Present, Thumbprint: { } subscription }
                || edge.InternalCertificate is not { State: AdCertificateState.Present, Thumbprint: { } current }
                || EvaluatorSupport.SameName(subscription, current))
            {
                continue;
            }

            var site = context.Snapshot.EdgeSubscriptions.Items
                .FirstOrDefault(s => EvaluatorSupport.SameName(s.Name, edge.Name))?.Site ?? edge.Site;

            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = edge.Name,
                Target = new FindingTarget("server", edge.Name),
                Arguments = EvaluatorSupport.Args(
                    ("edgeThumbprint", current.ToUpperInvariant()),
                    ("subscriptionThumbprint", subscription.ToUpperInvariant()),
                    ("site", EvaluatorSupport.IsSet(site) ? site! : "<the Active Directory site of the subscription>")),
                Impacts =
                [
                    new Impact("inbound-anonymous-tls", edge.Name, null),
                    new Impact("outbound-anonymous-tls", edge.Name, null),
                ],
                Location = edge.SubscriptionCertificate.Location ?? edge.InternalCertificate.Location,
            };
        }
    }
}
