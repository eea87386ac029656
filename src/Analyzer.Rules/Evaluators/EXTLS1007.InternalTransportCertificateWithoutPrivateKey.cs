using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1007: the store copy of the internal transport certificate is known to lack its private key.</summary>
internal sealed class InternalTransportCertificateWithoutPrivateKey : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS1007;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            if (server.InternalCertificate.State != AdCertificateState.Present)
            {
                continue;
            }

            var thumbprint = server.InternalCertificate.Thumbprint;
            // Only a known false counts: a certificate rebuilt from RawData says false whatever the store holds (EXTLS9002).
            if (Lookups.FindInStore(server, thumbprint) is not { HasPrivateKey: false } stored)
            {
                continue;
            }

            var affected = Lookups.AnonymousTlsOf(context, server.Name)
                .Where(s => s.Advertised && Thumbprints.AreEqual(s.Certificate, thumbprint));
            var diagnostic = new Diagnostic
            {
                RuleId = RuleId,
                Server = server.Name,
                Target = DiagnosticBuilders.ServerTarget(server),
                Arguments = Args.Of(("thumbprint", stored.Thumbprint)),
                Impacts = DiagnosticBuilders.Impacts(affected),
                Location = stored.Location,
            };
            yield return InternalCertificateCandidate.WithRemediation(diagnostic, server, context.AsOf);
        }
    }
}
