using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS1005 and 1006: the internal transport certificate chosen by processes 1/2 is expired, or about to be.</summary>
internal static class ExpiryFindings
{
    public static IEnumerable<Diagnostic> Evaluate(AnalysisContext context, string ruleId, SelectionOutcome outcome, bool offerCandidate)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            var marked = Lookups.AnonymousTlsOf(context, server.Name).Where(s => s.Outcome == outcome).ToArray();
            if (marked.Length == 0)
            {
                continue;
            }

            var thumbprint = marked.Select(s => s.Certificate).FirstOrDefault(t => t is not null) ?? server.InternalCertificate.Thumbprint;
            var stored = Lookups.FindInStore(server, thumbprint);
            var cert = stored?.Certificate
                ?? (Thumbprints.AreEqual(server.InternalCertificate.Thumbprint, thumbprint) ? server.InternalCertificate.Certificate : null);
            var daysLeft = cert is null ? 0 : Math.Max(0, CertificateHygiene.DaysLeft(context, cert));
            var diagnostic = new Diagnostic
            {
                RuleId = ruleId,
                Server = server.Name,
                Target = DiagnosticBuilders.ServerTarget(server),
                Arguments = Args.Of(
                    ("thumbprint", thumbprint),
                    ("notAfter", MessageArgument.Day(cert?.NotAfter)),
                    ("daysLeft", MessageArgument.Number(daysLeft))),
                Impacts = DiagnosticBuilders.Impacts(marked),
                Location = stored?.Location ?? server.InternalCertificate.Location ?? server.Location,
            };
            yield return offerCandidate ? InternalCertificateCandidate.WithRemediation(diagnostic, server, context.AsOf) : diagnostic;
        }
    }
}
