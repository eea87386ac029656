using Extls.Selection;
using static Extls.Rules.Evaluators.EvaluatorSupport;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS2006–2008 and 3002–3004: findings about the certificate processes 3 and 4 chose.</summary>
internal static class ChosenCertificateFindings
{
    /// <summary>
    /// One finding per (server, chosen certificate): the certificate is the root cause, and every
    /// connector that chose it is an impact.
    /// </summary>
    public static IEnumerable<Diagnostic> PerChosenCertificate(
        AnalysisContext context,
        string ruleId,
        Scenario scenario,
        Func<SelectionResult, bool> condition)
    {
        var groups = context.Selections
            .Where(s => s.Scenario == scenario && s.Certificate is not null && condition(s))
            .GroupBy(s => (Server: s.Server.ToUpperInvariant(), Thumbprint: s.Certificate!.ToUpperInvariant()))
            .OrderBy(g => g.Key.Server, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Thumbprint, StringComparer.Ordinal);

        foreach (var group in groups)
        {
            var first = group.First();
            var thumbprint = first.Certificate!.ToUpperInvariant();
            var stored = FindInStore(context.Snapshot, first.Server, thumbprint);
            var candidate = group.SelectMany(s => s.Candidates.IsDefault ? [] : s.Candidates)
                .FirstOrDefault(c => SameName(c.Thumbprint, thumbprint));
            var subject = stored?.Certificate.Subject ?? candidate?.Subject ?? "";
            var notAfter = stored?.Certificate.NotAfter ?? candidate?.NotAfter;
            var serverName = context.Snapshot.FindServer(first.Server)?.Name ?? first.Server;

            yield return new Diagnostic
            {
                RuleId = ruleId,
                Server = serverName,
                Target = new FindingTarget("certificate", CertificateTargetId(serverName, thumbprint)),
                Arguments = Args(
                    ("thumbprint", thumbprint),
                    ("subject", subject),
                    ("notAfter", notAfter is { } d ? Instant(d) : "unknown"),
                    ("connectors", Join(group.Select(s => s.Connector ?? "")))),
                Impacts = Impacts(group),
                Assumptions = Assumptions(group),
                Location = stored?.Location ?? first.Location,
            };
        }
    }
}
