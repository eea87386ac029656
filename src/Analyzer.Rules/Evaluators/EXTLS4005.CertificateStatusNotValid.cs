using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS4005: a certificate some selection chose has a Status that tells peers not to trust it.
/// One finding per certificate; every selection that chose it is an impact. Unknown Status never fires.
/// </summary>
internal sealed class CertificateStatusNotValid : IRuleEvaluator
{
    public string RuleId => RuleIds.EXTLS4005;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers.Where(s => s.Certificates.IsKnown))
        {
            foreach (var certificate in server.Certificates.Items.OrderBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase))
            {
                if (certificate.Status is not (CertificateStatus.Revoked or CertificateStatus.Untrusted or CertificateStatus.Invalid or CertificateStatus.RevocationCheckFailure))
                {
                    continue;
                }

                var chosenBy = CertificateHygiene.ChosenOn(context, server.Name, certificate.Thumbprint).ToList();
                if (chosenBy.Count == 0)
                {
                    continue;
                }

                yield return CertificateHygiene.Diagnostic(RuleId, server.Name, certificate,
                    ("status", MessageArgument.Exchange(certificate.Status))) with
                {
                    Impacts = DiagnosticBuilders.Impacts(chosenBy),
                    Assumptions = DiagnosticBuilders.Assumptions(chosenBy),
                };
            }
        }
    }
}
