using Extls.Model;
using Extls.Selection;
using static Extls.Rules.Evaluators.DiagnosticBuilders;
using static Extls.Rules.Evaluators.Lookups;

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
        Func<SelectionResult, (string Key, MessageArgument Value)[]>? arguments = null,
        Func<SelectionResult, bool>? include = null) =>
        context.Selections
            .Where(s => s.Scenario == Scenario.InboundStartTls && s.Outcome == outcome && s.Connector is not null && (include?.Invoke(s) ?? true))
            .OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connector, StringComparer.OrdinalIgnoreCase)
            .Select(s => new Diagnostic
            {
                RuleId = ruleId,
                Server = s.Server,
                Target = ReceiveConnectorTarget(s.Connector!),
                Arguments = Args.Of([("connector", s.Connector), ("matchKey", s.MatchKey), .. arguments?.Invoke(s) ?? []]),
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
            .GroupBy(s => new ServerThumbprint(s.Server.ToUpperInvariant(), Thumbprints.Normalize(s.Certificate)))
            .OrderBy(g => g.Key.Server, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Thumbprint, StringComparer.Ordinal);

        foreach (var group in groups)
        {
            var first = group.First();
            var thumbprint = group.Key.Thumbprint;
            var stored = FindInStore(context.Snapshot, first.Server, thumbprint);
            var candidate = group.SelectMany(s => s.Candidates.IsDefault ? [] : s.Candidates)
                .FirstOrDefault(c => Thumbprints.AreEqual(c.Thumbprint, thumbprint));
            var subject = stored?.Certificate.Subject ?? candidate?.Subject ?? "";
            var notAfter = stored?.Certificate.NotAfter ?? candidate?.NotAfter;
            var serverName = context.Snapshot.FindServer(first.Server)?.Name ?? first.Server;

            yield return new Diagnostic
            {
                RuleId = ruleId,
                Server = serverName,
                Target = CertificateTarget(serverName, thumbprint),
                Arguments = Args.Of(
                    ("thumbprint", thumbprint),
                    ("subject", subject),
                    ("notAfter", MessageArgument.Instant(notAfter)),
                    ("connectors", MessageArgument.SortedList(group.Select(s => s.Connector ?? "")))),
                Impacts = Impacts(group),
                Assumptions = Assumptions(group),
                Location = stored?.Location ?? first.Location,
            };
        }
    }
}

/// <summary>
/// A certificate on one server, as the STARTTLS rules group their selections (a class, not a value tuple: grouping by a
/// value tuple is framework code compiled at run time on every start).
/// </summary>
internal sealed record ServerThumbprint(string Server, string Thumbprint);
