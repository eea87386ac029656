using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1001–1003: one finding per server whose AD value is in a given state, impacts from the selections it stopped (process 2 included when it stopped earlier, at an empty thumbprint).</summary>
internal static class AdValueFindings
{
    public static IEnumerable<Diagnostic> Evaluate(
        AnalysisContext context,
        string ruleId,
        AdCertificateState state,
        SelectionOutcome outcome,
        Func<ServerSnapshot, ImmutableSortedDictionary<string, MessageArgument>> arguments)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            // Process 2 stops at an empty Get-TransportService thumbprint before it reads AD; when AD holds
            // nothing usable either, the two agree (EXTLS1008 is silent) and the AD value is why it stops.
            var stopped = Lookups.AnonymousTlsOf(context, server.Name)
                .Where(s => s.Outcome == outcome
                    || (s.Outcome == SelectionOutcome.TransportThumbprintEmpty && server.InternalCertificate.State == state))
                .ToArray();
            if (server.InternalCertificate.State != state && stopped.Length == 0)
            {
                continue;
            }

            var diagnostic = new Diagnostic
            {
                RuleId = ruleId,
                Server = server.Name,
                Target = DiagnosticBuilders.ServerTarget(server),
                Arguments = arguments(server),
                Impacts = DiagnosticBuilders.Impacts(stopped),
                Location = server.InternalCertificate.Location ?? server.Location,
            };
            yield return InternalCertificateCandidate.WithRemediation(diagnostic, server, context.AsOf);
        }
    }
}
