using System.Collections.Immutable;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using Extls.Rules;

namespace Extls.Planning;

/// <summary>Whether a finding's remediation is a command that can be rehearsed, and what rehearsing it showed.</summary>
public enum RemediationCheck
{
    /// <summary>Manual steps: a placeholder to fill in (&lt;thumbprint&gt;), commands that only read, a command whatif does not model, or control flow.</summary>
    Manual,

    /// <summary>Rehearsed: in every outcome the finding is gone and no new error appears.</summary>
    Verified,

    /// <summary>Rehearsed, and in some outcome the finding stays, a new error appears, or the command fails.</summary>
    Failed,
}

/// <summary>Why a remediation failed its rehearsal.</summary>
public enum RemediationFailure
{
    /// <summary>The remediation cannot be rehearsed as written (<see cref="RemediationVerdict.Problems"/>).</summary>
    PlanProblems,

    /// <summary>The finding is still reported after the remediation.</summary>
    FindingStays,

    /// <summary>The remediation brings a new error (<see cref="RemediationVerdict.NewRuleId"/> on <see cref="RemediationVerdict.NewTarget"/>).</summary>
    NewError,
}

/// <summary>The verdict on one finding's remediation, with why it failed when it did. Data only: the writers word it.</summary>
public sealed record RemediationVerdict(RemediationCheck Check, RemediationFailure? Failure = null)
{
    public ImmutableArray<PlanProblem> Problems { get; init; } = [];

    public string? NewRuleId { get; init; }

    public string? NewTarget { get; init; }

    /// <summary>The JSON contract's remediationVerified: true, false, or null for manual steps.</summary>
    public bool? Verified => Check switch
    {
        RemediationCheck.Verified => true,
        RemediationCheck.Failed => false,
        _ => null,
    };
}

/// <summary>
/// Proves remediations: each finding's remediation that is a concrete command is applied to the snapshot with the
/// what-if machinery and the analysis replayed; it verifies when, in every outcome of the prompts it leaves open, the
/// finding is gone and no new error appears. Findings that share a remediation share one rehearsal.
/// </summary>
public static partial class RemediationVerifier
{
    /// <summary>
    /// A value left for the administrator to fill in: &lt;thumbprint&gt;, &lt;remote domain&gt;, &lt;the relay hosts only, without 10.0.0.12&gt;.
    /// It starts with a lower-case letter, so &lt;I&gt; and &lt;S&gt; of a TlsCertificateName are not.
    /// </summary>
    [GeneratedRegex("<[a-z][^<>\r\n]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>The verdict for each finding of <paramref name="result"/>, by fingerprint.</summary>
    public static ImmutableDictionary<string, RemediationVerdict> Verify(AnalysisEngine engine, AnalysisResult result, AnalysisOptions options, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(result);
        if (!PowerShellParser.IsSupported)
        {
            throw PowerShellParser.Missing();
        }

        var verdicts = ImmutableDictionary.CreateBuilder<string, RemediationVerdict>(StringComparer.Ordinal);
        var before = result.Findings.IsDefault ? [] : result.Findings;
        var known = before.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        foreach (var group in before.GroupBy(f => f.Remediation, StringComparer.Ordinal))
        {
            var plan = Concrete(group.Key);
            if (plan is null)
            {
                foreach (var f in group)
                {
                    verdicts[f.Fingerprint] = new RemediationVerdict(RemediationCheck.Manual);
                }

                continue;
            }

            IReadOnlyList<(ImmutableHashSet<string> After, ImmutableArray<Finding> NewErrors)> outcomes;
            try
            {
                outcomes = Rehearse(engine, result, plan, options, context, known);
            }
            catch (PlanException e)
            {
                foreach (var f in group)
                {
                    verdicts[f.Fingerprint] = new RemediationVerdict(RemediationCheck.Failed, RemediationFailure.PlanProblems) { Problems = e.Problems };
                }

                continue;
            }

            foreach (var f in group)
            {
                var stays = outcomes.Any(o => o.After.Contains(f.Fingerprint));
                var newError = outcomes.SelectMany(o => o.NewErrors).FirstOrDefault();
                verdicts[f.Fingerprint] = stays ? new RemediationVerdict(RemediationCheck.Failed, RemediationFailure.FindingStays)
                    : newError is not null ? new RemediationVerdict(RemediationCheck.Failed, RemediationFailure.NewError) { NewRuleId = newError.RuleId, NewTarget = newError.Target.Id }
                    : new RemediationVerdict(RemediationCheck.Verified);
            }
        }

        return verdicts.ToImmutable();
    }

    /// <summary>The findings with their <see cref="Finding.RemediationVerified"/> set from <paramref name="verdicts"/>.</summary>
    public static AnalysisResult Apply(AnalysisResult result, IReadOnlyDictionary<string, RemediationVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(verdicts);
        return result with
        {
            Findings = [.. (result.Findings.IsDefault ? [] : result.Findings).Select(f => f with { RemediationVerified = verdicts.TryGetValue(f.Fingerprint, out var v) ? v.Verified : null })],
            RemediationsVerified = true,
        };
    }

    private static List<(ImmutableHashSet<string>, ImmutableArray<Finding>)> Rehearse(AnalysisEngine engine, AnalysisResult result, Plan plan, AnalysisOptions options, PlanContext context, HashSet<string> known)
    {
        var outcomes = new List<(ImmutableHashSet<string>, ImmutableArray<Finding>)>();
        // The servers' logs tell what they did before the change; held against the changed snapshot they would only
        // contradict it, so the rehearsal replays without them.
        options = options with { Evidence = null };
        foreach (var answer in new[] { PromptAnswer.Yes, PromptAnswer.No })
        {
            var applied = PlanRunner.Apply([plan], result.Snapshot, context, answer);
            var after = engine.Analyze(applied.Snapshot, [], options);
            var findings = after.Findings.IsDefault ? [] : after.Findings;
            outcomes.Add((
                findings.Select(f => f.Fingerprint).ToImmutableHashSet(StringComparer.Ordinal),
                [.. findings.Where(f => f.Severity == Severity.Error && f.Suppression is null && !known.Contains(f.Fingerprint))]));
            if (applied.OpenPrompts == 0)
            {
                break;
            }
        }

        return outcomes;
    }

    /// <summary>
    /// The remediation as a plan when it is a concrete command: it parses, fills in no placeholder, and changes
    /// something with commands whatif models. Null for manual steps.
    /// </summary>
    internal static Plan? Concrete(string remediation)
    {
        if (string.IsNullOrWhiteSpace(remediation) || Placeholder().IsMatch(StripComments(remediation)))
        {
            return null;
        }

        Plan plan;
        try
        {
            plan = Plan.Parse("remediation", null, remediation);
        }
        catch (PlanException)
        {
            return null;
        }

        var commands = plan.Ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>().ToList();
        var known = commands.All(c => c.GetCommandName() is { } n && (Cmdlets.Find(n) is not null || Cmdlets.HasNoEffect(n)));
        var changes = commands.Any(c => c.GetCommandName() is { } n && Cmdlets.Find(n) is { } spec && spec.Kind is not (CmdletKind.GetExchangeCertificate
            or CmdletKind.GetReceiveConnector or CmdletKind.GetSendConnector or CmdletKind.GetEdgeSubscription or CmdletKind.NoEffect));
        // Script blocks, conditions and loops are left to the administrator (a certificate request saved only when
        // -WhatIf did not suppress it, say): the rehearsal follows a list of commands, not control flow.
        var scripted = plan.Ast.FindAll(a => a is ScriptBlockExpressionAst or IfStatementAst or LoopStatementAst or SwitchStatementAst or TryStatementAst,
            searchNestedScriptBlocks: true).Any();
        return known && changes && !scripted ? plan : null;
    }

    private static string StripComments(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
}
