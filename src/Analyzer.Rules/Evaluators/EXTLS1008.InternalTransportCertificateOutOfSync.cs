using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS1008: Get-TransportService reports another internal transport certificate than the one AD
/// holds, or none at all while AD holds one.
/// </summary>
/// <remarks>
/// An empty thumbprint beside a certificate in AD is a disagreement too, and the one that matters
/// most: process 2 on a Mailbox server stops on it (TransportThumbprintEmpty), so EXTLS5001 names
/// this rule as the root cause. An unknown (uncollected) thumbprint proves nothing and stays silent.
/// </remarks>
internal sealed class InternalTransportCertificateOutOfSync : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1008;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            var transport = server.TransportServiceItem;
            var adThumbprint = server.InternalCertificate.Thumbprint;
            if (transport?.InternalTransportCertificateThumbprint is not { } shownRaw
                || server.InternalCertificate.State != AdCertificateState.Present
                || adThumbprint is null)
            {
                continue;
            }

            var shown = shownRaw.Trim();
            if (Thumbprints.AreEqual(shown, adThumbprint))
            {
                continue;
            }

            // An empty thumbprint stops process 2 at its first step: that is the outbound half this breaks.
            var stopped = Lookups.AnonymousTlsOf(context, server.Name)
                .Where(s => s.Scenario == Selection.Scenario.OutboundAnonymousTls && s.Outcome == Selection.SelectionOutcome.TransportThumbprintEmpty);
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = server.Name,
                Target = DiagnosticBuilders.ServerTarget(server),
                // An empty thumbprint has no value to show: the descriptor words it (spec.absent.transportThumbprint).
                Arguments = Args.Of(("transportThumbprint", shown.Length == 0 ? null : shown), ("thumbprint", adThumbprint)),
                Impacts = DiagnosticBuilders.Impacts(stopped),
                Location = transport.Location,
            };
        }
    }
}
