using Extls.Model;
namespace Extls.Rules.Evaluators;

/// <summary>EXTLS9004: the snapshot contradicts itself.</summary>
internal sealed class SnapshotInconsistent : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<InconsistencyKind>("kind")];

    public string RuleId => RuleIds.EXTLS9004;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var i in context.Snapshot.Inconsistencies)
        {
            var id = string.Join("/", new[] { i.Server, i.Kind.ToId(), i.Subject, i.Property }.Where(p => !string.IsNullOrEmpty(p)));
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = i.Server,
                Target = new FindingTarget(FindingTargetKind.Snapshot, id),
                Arguments = Args.Of(
                    ("kind", MessageArgument.Value(i.Kind)),
                    ("subject", i.Subject),
                    ("property", i.Property),
                    ("dumpValue", i.DumpValue),
                    ("actualValue", i.ActualValue)),
                Location = i.Location,

                // The default remediation inspects one server's store; without a server it would name none. Two
                // copies of one object are made to agree by EdgeSync, not by looking at a store.
                RemediationVariant = string.IsNullOrEmpty(i.Server) ? RemediationVariant.NoServer
                    : i.Kind == InconsistencyKind.JoinedCopiesDiffer ? RemediationVariant.EdgeSynchronization : null,
            };
        }
    }
}
