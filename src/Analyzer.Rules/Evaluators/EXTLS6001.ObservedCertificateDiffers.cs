using Extls.Evidence;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS6001: the protocol log shows sessions on a connector presenting another certificate than the one the replay
/// predicts (or a certificate where it predicts none). One finding per connector and observed certificate, never per
/// session: the target is the connector (or sending server) followed by "/THUMBPRINT", its impacts the directions
/// whose prediction it contradicts, and its assumptions those the contradicted answers rest on.
/// </summary>
internal sealed class ObservedCertificateDiffers : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<Scenario>("scenarios")];

    public string RuleId => RuleIds.EXTLS6001;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        var contradicted = EvidenceFindings.WithEvidence(context)
            .Where(p => p.Evidence.Verdict == EvidenceVerdict.Contradicted)
            .SelectMany(p => p.Evidence.ObservedCertificates
                .Where(c => !string.Equals(c.Thumbprint, p.Selection.Advertised ? p.Selection.Certificate : null, StringComparison.OrdinalIgnoreCase))
                .Select(c => new Observation(p.Selection, c)));

        foreach (var group in contradicted
                     .GroupBy(x => new ObservedOn(EvidenceFindings.Subject(x.Selection), x.Observed.Thumbprint))
                     .OrderBy(g => g.Key.Subject.Id, StringComparer.OrdinalIgnoreCase)
                     .ThenBy(g => g.Key.Thumbprint, StringComparer.Ordinal))
        {
            var selections = group.Select(x => x.Selection).ToList();
            var first = selections[0];
            var predicted = selections.Where(s => s.Advertised && s.Certificate is not null).Select(s => s.Certificate!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var assumptions = EvidenceFindings.AssumptionIds(selections);
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = first.Server,
                Target = new FindingTarget(group.Key.Subject.Kind, $"{group.Key.Subject.Id}/{group.Key.Thumbprint}"),
                Arguments = Args.Of(
                    ("subject", group.Key.Subject.Name),
                    ("scenarios", MessageArgument.Values(selections.Select(s => s.Scenario).Distinct().Order())),
                    ("observed", group.Key.Thumbprint),
                    ("predicted", MessageArgument.SortedList(predicted)),
                    ("sessions", MessageArgument.Number(group.Sum(x => x.Observed.Sessions))),
                    ("firstSeen", MessageArgument.Instant(group.Min(x => x.Observed.FirstSeen))),
                    ("lastSeen", MessageArgument.Instant(group.Max(x => x.Observed.LastSeen))),
                    ("collectedAt", EvidenceFindings.CollectedAt(context)),
                    ("assumptions", MessageArgument.List(assumptions.Order(AssumptionIdOrder.Instance)))),
                Impacts = DiagnosticBuilders.Impacts(selections),
                Assumptions = assumptions,
                Location = EvidenceFindings.Location(context, first),
            };
        }
    }
}

/// <summary>A certificate the log shows a selection's sessions presenting (a class, not a value tuple: see <see cref="EvidenceSubject"/>).</summary>
internal sealed record Observation(SelectionResult Selection, ObservedCertificate Observed);

/// <summary>One finding of EXTLS6001: the object and the certificate observed on it.</summary>
internal sealed record ObservedOn(EvidenceSubject Subject, string Thumbprint);

/// <summary>A1 before A10, as the engine orders them.</summary>
internal sealed class AssumptionIdOrder : IComparer<string>
{
    public static readonly AssumptionIdOrder Instance = new();

    public int Compare(string? x, string? y) =>
        Assumptions.TryParse(x, out var a) && Assumptions.TryParse(y, out var b) ? a.CompareTo(b) : string.CompareOrdinal(x, y);
}
