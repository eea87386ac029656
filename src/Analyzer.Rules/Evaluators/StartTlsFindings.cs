using Extls.Selection;
using static Extls.Rules.Evaluators.EvaluatorSupport;

namespace Extls.Rules.Evaluators;

/// <summary>Findings read off processes 3 and 4: where a connector stopped, and what is wrong with the certificate chosen.</summary>
internal static class StartTlsFindings
{
    /// <summary>
    /// EXTLS2004, 2005: one finding per receive connector whose process 3 stopped with the outcome,
    /// with the key it matched on and whatever else the rule adds.
    /// </summary>
    public static IEnumerable<Diagnostic> PerStoppedReceiveConnector(
        AnalysisContext context,
        string ruleId,
        SelectionOutcome outcome,
        Func<SelectionResult, (string Key, string? Value)[]>? arguments = null,
        Func<SelectionResult, bool>? include = null) =>
        context.Selections
            .Where(s => s.Scenario == Scenario.InboundStartTls && s.Outcome == outcome && s.Connector is not null && (include?.Invoke(s) ?? true))
            .OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connector, StringComparer.OrdinalIgnoreCase)
            .Select(s => new Diagnostic
            {
                RuleId = ruleId,
                Server = s.Server,
                Target = new FindingTarget("receiveConnector", s.Connector!),
                Arguments = Args([("connector", s.Connector), ("matchKey", s.MatchKey), .. arguments?.Invoke(s) ?? []]),
                Impacts = Impacts([s]),
                Assumptions = Assumptions([s]),
                Location = FindReceiveConnector(context.Snapshot, s.Server, s.Connector)?.Location ?? s.Location,
            });

    /// <summary>
    /// EXTLS2006–2008, 3002–3004: one finding per (server, chosen certificate): the certificate is the root cause, and every
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
