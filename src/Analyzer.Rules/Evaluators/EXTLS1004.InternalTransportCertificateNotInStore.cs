using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1004: the internal transport certificate published in AD is not in the server's store (event 12013).</summary>
internal sealed class InternalTransportCertificateNotInStore : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1004;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            var stopped = Lookups.AnonymousTlsOf(context, server.Name)
                .Where(s => s.Outcome == SelectionOutcome.CertificateNotInStore)
                .ToArray();
            if (stopped.Length == 0)
            {
                continue;
            }

            var diagnostic = new Diagnostic
            {
                RuleId = RuleId,
                Server = server.Name,
                Target = DiagnosticBuilders.ServerTarget(server),
                Arguments = Args.Of(("thumbprint", server.InternalCertificate.Thumbprint)),
                Impacts = DiagnosticBuilders.Impacts(stopped),
                Location = server.InternalCertificate.Location ?? server.Location,
            };
            yield return InternalCertificateCandidate.WithRemediation(diagnostic, server, context.AsOf);
        }
    }
}
