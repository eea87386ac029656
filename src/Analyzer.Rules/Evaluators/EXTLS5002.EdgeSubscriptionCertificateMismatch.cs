using Extls.Model;
using Extls.Selection;

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
                || Thumbprints.AreEqual(subscription, current))
            {
                continue;
            }

            var site = context.Snapshot.EdgeSubscriptions.Items
                .FirstOrDefault(s => NameOrder.Same(s.Name, edge.Name))?.Site ?? edge.Site;

            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = edge.Name,
                Target = DiagnosticBuilders.ServerTarget(edge),
                Arguments = Args.Of(
                    ("edgeThumbprint", current),
                    ("subscriptionThumbprint", subscription),
                    ("site", Lookups.IsSet(site) ? site : null)),
                Impacts =
                [
                    new Impact(Scenario.InboundAnonymousTls, edge.Name, null),
                    new Impact(Scenario.OutboundAnonymousTls, edge.Name, null),
                ],
                Location = edge.SubscriptionCertificate.Location ?? edge.InternalCertificate.Location,
            };
        }
    }
}
