using System.Collections.Immutable;
using Extls.Selection;

namespace Extls.Rules;

/// <summary>
/// Which reported findings are the root cause of each failing half of the mail-flow matrix: a finding of
/// a rule whose condition ends process 1 or 2 the way that half's replay ended, and whose impacts name
/// that half (its server and scenario, and for inbound its connector). EXTLS5001 and <c>extls matrix</c>
/// both read it, so the pair table and the findings always name the same causes.
/// </summary>
/// <remarks>
/// Built from findings, never from outcomes alone: a cause is always a finding reported in the run
/// (switched off in configuration, it is not, and the half's cause is unknown), and its fingerprint is
/// that finding's own. Linear: the findings' impacts are indexed once by server and scenario.
/// </remarks>
public sealed class MailFlowCauses
{
    private static readonly IReadOnlyList<Finding> None = [];

    // By server, one dictionary per half (inbound, outbound): a key of a server and a Scenario would be a value tuple
    // over this project's enum, whose dictionary is compiled at run time on every start.
    private readonly Dictionary<string, List<(Finding Finding, string? Connector)>>[] byImpact;

    private MailFlowCauses(Dictionary<string, List<(Finding, string?)>>[] byImpact) => this.byImpact = byImpact;

    private static int HalfOf(Scenario scenario) => scenario == Scenario.InboundAnonymousTls ? 0 : 1;

    /// <summary>Indexes the findings of the root-cause rules by the halves their impacts name.</summary>
    public static MailFlowCauses From(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        Dictionary<string, List<(Finding, string?)>>[] index =
            [new(StringComparer.OrdinalIgnoreCase), new(StringComparer.OrdinalIgnoreCase)];
        foreach (var f in findings)
        {
            if (f is null || !RootCauseRules.Contains(f.RuleId) || f.Impacts.IsDefaultOrEmpty)
            {
                continue;
            }

            foreach (var impact in f.Impacts)
            {
                var scenario = impact.Scenario;
                if (scenario is not (Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls))
                {
                    continue;
                }

                var half = index[HalfOf(scenario)];
                if (!half.TryGetValue(impact.Server, out var list))
                {
                    list = [];
                    half[impact.Server] = list;
                }

                list.Add((f, impact.Connector));
            }
        }

        return new MailFlowCauses(index);
    }

    /// <summary>Every rule that can be a root cause, i.e. that some failed outcome of process 1 or 2 is the condition of.</summary>
    public static ImmutableSortedSet<string> RootCauseRules { get; } = ImmutableSortedSet.Create(StringComparer.Ordinal,
        RuleIds.EXTLS1001, RuleIds.EXTLS1002, RuleIds.EXTLS1003, RuleIds.EXTLS1004, RuleIds.EXTLS1008,
        RuleIds.EXTLS2001, RuleIds.EXTLS2002, RuleIds.EXTLS2013, RuleIds.EXTLS3006);

    /// <summary>
    /// The rules whose condition a failed outcome is. Process 2 on a Mailbox server stops at an empty
    /// Get-TransportService thumbprint before it reads AD; when AD is empty (or unreadable, or corrupt)
    /// too, both sides agree and EXTLS1008 says nothing: the AD rule is the cause.
    /// </summary>
    public static IReadOnlyList<string> RulesFor(SelectionOutcome outcome) => outcome switch
    {
        // A connector that captures another server's sessions (EXTLS2013) ends process 1 there the same way; the
        // impacts tell the two apart, since each names its own connector.
        SelectionOutcome.ExchangeServerAuthMissing => [RuleIds.EXTLS2001, RuleIds.EXTLS2013],
        SelectionOutcome.AnonymousTlsSuppressed => [RuleIds.EXTLS2002],
        SelectionOutcome.AdValueUnreadable => [RuleIds.EXTLS1001],
        SelectionOutcome.AdValueEmpty => [RuleIds.EXTLS1002],
        SelectionOutcome.AdValueCorrupt => [RuleIds.EXTLS1003],
        SelectionOutcome.CertificateNotInStore => [RuleIds.EXTLS1004],
        SelectionOutcome.TransportThumbprintEmpty => [RuleIds.EXTLS1008, RuleIds.EXTLS1001, RuleIds.EXTLS1002, RuleIds.EXTLS1003],
        SelectionOutcome.EdgeSyncConnectorNotUsable => [RuleIds.EXTLS3006],
        _ => [],
    };

    /// <summary>The root-cause findings of a failing half, sorted by rule and fingerprint; none when it works, is unknown, or no reported finding explains it.</summary>
    public IReadOnlyList<Finding> Of(AnonymousTlsSide side)
    {
        ArgumentNullException.ThrowIfNull(side);
        if (side.Verdict != AnonymousTlsVerdict.Fails || side.Result is not { } result
            || side.Scenario is not (Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls)
            || !byImpact[HalfOf(side.Scenario)].TryGetValue(side.Server, out var candidates))
        {
            return None;
        }

        var rules = RulesFor(result.Outcome);
        List<Finding>? found = null;
        foreach (var (finding, connector) in candidates)
        {
            // Process 2 is one half per server whatever connector it names; process 1 is per connector.
            var sameConnector = side.Scenario == Scenario.OutboundAnonymousTls || connector is null
                || string.Equals(connector, side.ReceiveConnector, StringComparison.OrdinalIgnoreCase);
            if (sameConnector && rules.Contains(finding.RuleId, StringComparer.Ordinal) && !(found ??= []).Contains(finding))
            {
                found.Add(finding);
            }
        }

        return found is null
            ? None
            : [.. found.OrderBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Fingerprint, StringComparer.Ordinal)];
    }
}

/// <summary>
/// What <c>extls matrix</c> shows: the pairs (failing ones, or all), each pair's root-cause findings and
/// every cause once. Built from an analysis, so the pairs cite exactly the findings the run reported;
/// writers only render it. Pairs are produced one at a time, never held together.
/// </summary>
public sealed class MailFlowReport
{
    private readonly Dictionary<AnonymousTlsSide, IReadOnlyList<Finding>> sideCauses = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<MailFlowCounts> counts;

    public MailFlowReport(MailFlowMatrix matrix, IEnumerable<Finding> findings, DateTimeOffset asOf, bool allPairs)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Matrix = matrix;
        AsOf = asOf;
        AllPairs = allPairs;
        var causes = MailFlowCauses.From(findings);
        var all = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var side in matrix.Sides())
        {
            var found = causes.Of(side);
            sideCauses[side] = found;
            foreach (var f in found)
            {
                all.TryAdd(f.Fingerprint, f);
            }
        }

        Causes = [.. all.Values.OrderBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Fingerprint, StringComparer.Ordinal)];
        counts = new Lazy<MailFlowCounts>(matrix.Count);
    }

    public MailFlowMatrix Matrix { get; }

    public DateTimeOffset AsOf { get; }

    /// <summary>Every pair (--all), or only the failing ones.</summary>
    public bool AllPairs { get; }

    /// <summary>Every pair of the organisation counted by verdict, whatever is shown.</summary>
    public MailFlowCounts Counts => counts.Value;

    /// <summary>Every root-cause finding of a failing half, once, sorted by rule and fingerprint.</summary>
    public ImmutableArray<Finding> Causes { get; }

    /// <summary>The pairs shown, sorted by sender then receiver.</summary>
    public IEnumerable<ServerPairResult> Pairs => AllPairs ? Matrix.Pairs() : Matrix.Pairs(AnonymousTlsVerdict.Fails);

    /// <summary>The root causes of the failing half (or halves) of a pair: the sender's first, then the receiver's.</summary>
    public IReadOnlyList<Finding> CausesOf(ServerPairResult pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var sender = pair.SenderSide.Verdict == AnonymousTlsVerdict.Fails ? Of(pair.SenderSide) : [];
        var receiver = pair.ReceiverSide.Verdict == AnonymousTlsVerdict.Fails ? Of(pair.ReceiverSide) : [];
        return receiver.Count == 0 ? sender
            : sender.Count == 0 ? receiver
            : [.. sender.Concat(receiver).Distinct()];
    }

    /// <summary>The root causes of one failing half of the matrix (none when it does not fail): what a pair failing at that half alone cites.</summary>
    public IReadOnlyList<Finding> CausesOf(AnonymousTlsSide side)
    {
        ArgumentNullException.ThrowIfNull(side);
        return side.Verdict == AnonymousTlsVerdict.Fails ? Of(side) : [];
    }

    private IReadOnlyList<Finding> Of(AnonymousTlsSide side) => sideCauses.TryGetValue(side, out var found) ? found : [];
}
