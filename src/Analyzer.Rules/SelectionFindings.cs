using System.Collections.Immutable;
using Extls.Selection;

namespace Extls.Rules;

/// <summary>
/// Which findings of an analysis a replay stands behind: those that name its connector and direction among
/// their impacts or, for a finding that names no impact, those whose target is the replay's connector or the
/// certificate it chose. Read off the findings the engine reported, so an explanation never re-decides a rule.
/// </summary>
public static class SelectionFindings
{
    /// <summary>For each selection, the findings it causes or is affected by, in the analysis's order.</summary>
    public static ImmutableArray<ImmutableArray<Finding>> Link(IReadOnlyList<SelectionResult> selections, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(selections);
        ArgumentNullException.ThrowIfNull(findings);

        // One index over the findings, so that linking is linear in selections plus impacts, whatever their numbers.
        var byKey = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        void Add(string key, int index)
        {
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
            }

            if (list.Count == 0 || list[^1] != index)
            {
                list.Add(index);
            }
        }

        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            var impacts = f.Impacts.IsDefaultOrEmpty ? [] : f.Impacts;
            foreach (var impact in impacts)
            {
                Add(ImpactKey(impact.Scenario, impact.Server, impact.Connector), i);
            }

            if (impacts.IsEmpty)
            {
                Add(TargetKey(f.Target.Kind, f.Target.Id), i);
            }
        }

        var result = ImmutableArray.CreateBuilder<ImmutableArray<Finding>>(selections.Count);
        foreach (var s in selections)
        {
            var indices = new SortedSet<int>();
            Collect(indices, byKey, ImpactKey(s.Scenario, s.Server, s.Connector));
            if (s.Connector is { } connector)
            {
                Collect(indices, byKey, TargetKey(s.Scenario is Scenario.InboundAnonymousTls or Scenario.InboundStartTls ? FindingTargetKind.ReceiveConnector : FindingTargetKind.SendConnector, connector));
            }

            if (s.Certificate is { } thumbprint)
            {
                Collect(indices, byKey, TargetKey(FindingTargetKind.Certificate, $"{s.Server}/{thumbprint}"));
            }

            result.Add([.. indices.Select(i => findings[i])]);
        }

        return result.MoveToImmutable();
    }

    private static void Collect(SortedSet<int> into, Dictionary<string, List<int>> byKey, string key)
    {
        if (byKey.TryGetValue(key, out var list))
        {
            into.UnionWith(list);
        }
    }

    private static string ImpactKey(Scenario scenario, string server, string? connector) => $"i\u0001{scenario.ToId()}\u0001{server}\u0001{connector}";

    private static string TargetKey(FindingTargetKind kind, string id) => $"t\u0001{kind.ToId()}\u0001{id}";
}
