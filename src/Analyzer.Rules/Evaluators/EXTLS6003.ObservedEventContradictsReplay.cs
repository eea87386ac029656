using System.Collections.Immutable;
using Extls.Evidence;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>
/// EXTLS6003: the Application log holds a transport certificate event that the replay does not predict: 12023/12024
/// (the server fell back to another certificate, which assumption A2 says Exchange 2016/2019 do not do), or a failure
/// event (12012, 12013, 12014, 12015, 12016, 12022) where the replay says the certificate loads. One finding per
/// server for the internal-certificate events, per receive connector for those that name one; every event id it
/// holds is listed with its count. The expiry warnings 12017/12018 are left out: Exchange warns on its own window,
/// not on --warning-days, so their presence or absence says nothing about the replay. A predicted event the log does
/// not show is no finding (several are logged only at start-up); the selection's evidence records it.
/// </summary>
internal sealed class ObservedEventContradictsReplay : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<EventContradiction>("why")];

    private static readonly ImmutableSortedSet<int> FallBacks = [12023, 12024];

    private static readonly ImmutableSortedSet<int> Contradicting = [12012, 12013, 12014, 12015, 12016, 12022, 12023, 12024];

    public string RuleId => RuleIds.EXTLS6003;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        // Classes, not value tuples, and a comparer, not OrderBy then ThenBy by the enum: this runs on every analysis, and
        // framework LINQ over value tuples or enums is compiled at run time (about 30 methods a start, log or no log).
        var found = new List<Contradiction>();
        foreach (var logged in context.Evidence.Set.Events)
        {
            if (logged.Server is null || context.Snapshot.FindServer(logged.Server) is not { } server)
            {
                continue;
            }

            var mine = context.Selections.Where(s => NameOrder.Same(s.Server, server.Name)).ToList();
            foreach (var e in logged.Events.Where(e => Contradicting.Contains(e.Id)))
            {
                if (EvidenceMatcher.StartTlsEvents.Contains(e.Id))
                {
                    var connector = EvidenceMatcher.ConnectorOf(e, server);
                    var p3 = mine.Where(s => s.Scenario == Scenario.InboundStartTls && (connector is null || NameOrder.Same(s.Connector ?? "", connector))).ToArray();
                    if (!p3.Any(s => s.Events.Contains(e.Id)))
                    {
                        found.Add(connector is null
                            ? new(new FindingTarget(FindingTargetKind.Server, server.Name), server.Name, p3, e)
                            : new(new FindingTarget(FindingTargetKind.ReceiveConnector, connector), server.Name, p3, e));
                    }

                    continue;
                }

                var anonymous = mine.Where(s => s.Scenario is Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls).ToArray();
                if (FallBacks.Contains(e.Id) || !anonymous.Any(s => s.Events.Contains(e.Id)))
                {
                    found.Add(new(new FindingTarget(FindingTargetKind.Server, server.Name), server.Name, anonymous, e));
                }
            }
        }

        foreach (var group in found.GroupBy(f => f.Target).OrderBy(g => g.Key, TargetOrder.Instance))
        {
            var items = group.ToList();
            var fallBack = items.Any(i => FallBacks.Contains(i.Event.Id));
            var selections = items.SelectMany(i => i.Selections).Distinct().ToList();
            var assumptions = fallBack ? [Assumption.A2.ToId()] : EvidenceFindings.AssumptionIds(selections);
            var times = items.Where(i => i.Event.TimeCreated is not null).Select(i => i.Event.TimeCreated!.Value).ToList();
            yield return new Diagnostic
            {
                RuleId = RuleId,
                Server = items[0].Server,
                Target = group.Key,
                Arguments = Args.Of(
                    ("subject", group.Key.Id),
                    ("events", MessageArgument.Records(items.GroupBy(i => i.Event.Id).OrderBy(g => g.Key).Select(g =>
                    {
                        var at = g.Where(i => i.Event.TimeCreated is not null).Select(i => i.Event.TimeCreated!.Value).ToList();
                        return Args.Of(
                            ("event", MessageArgument.Number(g.Key)),
                            ("count", MessageArgument.Number(g.Count())),
                            ("lastSeen", MessageArgument.Instant(at.Count == 0 ? null : at.Max())));
                    }))),
                    ("why", MessageArgument.Value(fallBack ? EventContradiction.FallBack : EventContradiction.FailureWhereReplayWorks)),
                    ("lastSeen", MessageArgument.Instant(times.Count == 0 ? null : times.Max())),
                    ("collectedAt", EvidenceFindings.CollectedAt(context)),
                    ("assumptions", MessageArgument.List(assumptions.Order(AssumptionIdOrder.Instance)))),
                Impacts = DiagnosticBuilders.Impacts(selections),
                Assumptions = assumptions,
                Location = items[0].Event.Location,
            };
        }
    }
}

/// <summary>Why an observed event contradicts the replay.</summary>
internal enum EventContradiction
{
    /// <summary>12023/12024: the server fell back to another certificate, which A2 says Exchange 2016/2019 do not do.</summary>
    FallBack,

    /// <summary>A failure event where the replay says the certificate loads.</summary>
    FailureWhereReplayWorks,
}

/// <summary>An event that contradicts the replay, and the object and selections it is about.</summary>
internal sealed record Contradiction(FindingTarget Target, string Server, SelectionResult[] Selections, TransportEvent Event);

/// <summary>Findings by target id (case-insensitive), then by kind.</summary>
internal sealed class TargetOrder : IComparer<FindingTarget>
{
    public static readonly TargetOrder Instance = new();

    public int Compare(FindingTarget? x, FindingTarget? y)
    {
        var byId = StringComparer.OrdinalIgnoreCase.Compare(x?.Id, y?.Id);
        return byId != 0 ? byId : ((int)(x?.Kind ?? 0)).CompareTo((int)(y?.Kind ?? 0));
    }
}
