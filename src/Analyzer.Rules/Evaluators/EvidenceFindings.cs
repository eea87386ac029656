using System.Collections.Immutable;
using Extls.Evidence;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>What the 6xxx rules share: which object a selection's evidence is about, and the dates they quote.</summary>
internal static class EvidenceFindings
{
    /// <summary>
    /// The object a selection's sessions are logged under: its receive connector (processes 1 and 3), the sending
    /// server (process 2), the send connector from one source server (process 4, "CONNECTOR@SERVER" as EXTLS3001 names it).
    /// </summary>
    public static (FindingTargetKind Kind, string Id, string Name) Subject(SelectionResult s) => s.Scenario switch
    {
        Scenario.InboundAnonymousTls or Scenario.InboundStartTls => (FindingTargetKind.ReceiveConnector, s.Connector ?? s.Server, s.Connector ?? s.Server),
        Scenario.OutboundAnonymousTls => (FindingTargetKind.Server, s.Server, s.Server),
        _ => (FindingTargetKind.SendConnector, $"{s.Connector}@{s.Server}", s.Connector ?? s.Server),
    };

    /// <summary>Every selection with its evidence, in the replay's order; none when no log was read.</summary>
    public static IEnumerable<(SelectionResult Selection, SelectionEvidence Evidence)> WithEvidence(AnalysisContext context) =>
        context.Selections.Select(s => (s, context.Evidence.For(s))).Where(p => p.Item2 is not null).Select(p => (p.s, p.Item2!));

    /// <summary>Where a finding about a selection points: the connector's entry in the dump, else the selection's own object.</summary>
    public static SourceLocation? Location(AnalysisContext context, SelectionResult s)
    {
        if (s.Scenario is Scenario.InboundAnonymousTls or Scenario.InboundStartTls && context.Snapshot.FindServer(s.Server) is { } server)
        {
            return server.ReceiveConnectors.Items.FirstOrDefault(c => NameOrder.Same(c.Identity, s.Connector ?? ""))?.Location ?? s.Location;
        }

        return s.Location;
    }

    /// <summary>When the dump was collected: evidence older than a change made since cannot be told apart from the dump.</summary>
    public static MessageArgument CollectedAt(AnalysisContext context) => MessageArgument.Instant(context.Snapshot.CollectedAt);

    public static ImmutableArray<string> AssumptionIds(IEnumerable<SelectionResult> selections) => DiagnosticBuilders.Assumptions(selections);
}
