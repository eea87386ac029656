using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS6002: the protocol log shows TLS negotiations that failed on a connector. One finding per connector (or
/// sending server, or send connector from one source server), listing each error with its count and dates; an error
/// when the replay predicted that the connector works, a warning when it predicted the failure (then the finding
/// that predicted it names the root cause).
/// </summary>
internal sealed class ObservedTlsFailures : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<Scenario>("scenario"), MessageValues.Of<FailurePrediction>("prediction")];

    public string RuleId => RuleIds.EXTLS6002;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var group in EvidenceFindings.WithEvidence(context)
                     .Where(p => !p.Evidence.Failures.IsDefaultOrEmpty)
                     .GroupBy(p => EvidenceFindings.Subject(p.Selection))
                     .OrderBy(g => g.Key.Id, StringComparer.OrdinalIgnoreCase))
        {
            var pairs = group.ToList();
            var selections = pairs.Select(p => p.Selection).ToList();
            var failures = pairs.SelectMany(p => p.Evidence.Failures.Select(f => (p.Selection.Scenario, Failure: f)))
                .OrderBy(x => x.Scenario).ThenBy(x => x.Failure.Error, StringComparer.OrdinalIgnoreCase).ToList();
            var predictedToWork = selections.Any(s => s.VerdictOf() is Verdict.Works or Verdict.ExpiresSoon or Verdict.Expired);
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = selections[0].Server,
                Target = new FindingTarget(group.Key.Kind, group.Key.Id),
                Severity = predictedToWork ? Severity.Error : null,
                Arguments = Args.Of(
                    ("subject", group.Key.Name),
                    ("count", MessageArgument.Number(failures.Sum(x => x.Failure.Count))),
                    ("failures", MessageArgument.Records(failures.Select(x => Args.Of(
                        ("error", x.Failure.Error),
                        ("scenario", MessageArgument.Value(x.Scenario)),
                        ("count", MessageArgument.Number(x.Failure.Count)),
                        ("firstSeen", MessageArgument.Instant(x.Failure.FirstSeen)),
                        ("lastSeen", MessageArgument.Instant(x.Failure.LastSeen)))))),
                    ("lastSeen", MessageArgument.Instant(failures.Max(x => x.Failure.LastSeen))),
                    ("collectedAt", EvidenceFindings.CollectedAt(context)),
                    ("prediction", MessageArgument.Value(predictedToWork ? FailurePrediction.PredictedToWork : FailurePrediction.PredictedToFail))),
                Impacts = DiagnosticBuilders.Impacts(selections),
                Assumptions = EvidenceFindings.AssumptionIds(selections),
                Location = EvidenceFindings.Location(context, selections[0]),
            };
        }
    }
}

/// <summary>What the replay said about the connector whose negotiations the log shows failing.</summary>
internal enum FailurePrediction
{
    PredictedToWork,
    PredictedToFail,
}
