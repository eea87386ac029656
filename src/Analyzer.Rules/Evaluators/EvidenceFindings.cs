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
    public static EvidenceSubject Subject(SelectionResult s) => s.Scenario switch
    {
        Scenario.InboundAnonymousTls or Scenario.InboundStartTls => new(FindingTargetKind.ReceiveConnector, s.Connector ?? s.Server, s.Connector ?? s.Server),
        Scenario.OutboundAnonymousTls => new(FindingTargetKind.Server, s.Server, s.Server),
        _ => new(FindingTargetKind.SendConnector, $"{s.Connector}@{s.Server}", s.Connector ?? s.Server),
    };

    /// <summary>Every selection with its evidence, in the replay's order; none when no log was read.</summary>
    public static IEnumerable<SelectionWithEvidence> WithEvidence(AnalysisContext context)
    {
        foreach (var selection in context.Selections)
        {
            if (context.Evidence.For(selection) is { } evidence)
            {
                yield return new SelectionWithEvidence(selection, evidence);
            }
        }
    }

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

// The 6xxx rules group and sort these with LINQ on every run, with or without a log. Classes rather than value tuples:
// LINQ over a value tuple is framework code that ReadyToRun cannot precompile with the tool, so each start compiled the
// grouping, the lookup and the tuples' comparers at run time (about 60 methods over the three rules); over classes it runs
// on the framework's precompiled code.

/// <summary>The object a selection's sessions are logged under (<see cref="EvidenceFindings.Subject"/>).</summary>
/// <param name="Kind">The kind of the finding's target.</param>
/// <param name="Id">The target's id.</param>
/// <param name="Name">The name the message gives it.</param>
internal sealed record EvidenceSubject(FindingTargetKind Kind, string Id, string Name);

/// <summary>A selection and what the servers' logs say about it.</summary>
internal sealed record SelectionWithEvidence(SelectionResult Selection, SelectionEvidence Evidence);
