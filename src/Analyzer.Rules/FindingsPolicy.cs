using Extls.Rules.Configuration;

namespace Extls.Rules;

/// <summary>Decides whether a run fails: does any unsuppressed finding reach the --fail-on level.</summary>
public static class FindingsPolicy
{
    /// <summary>
    /// Whether the run fails: with a baseline only the findings it does not have count, so a pipeline fails on
    /// what a change introduced and not on what was already accepted.
    /// </summary>
    public static bool ReachesFailLevel(AnalysisResult result, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(result);
        var findings = result.Findings.IsDefault ? [] : result.Findings;
        return ReachesFailLevel(result.Baseline is null ? findings : findings.Where(f => f.BaselineState == BaselineState.New), failOn);
    }

    public static bool ReachesFailLevel(IEnumerable<Finding> findings, FailOn failOn)
    {
        if (failOn == FailOn.Never)
        {
            return false;
        }

        var threshold = failOn switch
        {
            FailOn.Error => Severity.Error,
            FailOn.Warning => Severity.Warning,
            _ => Severity.Note,
        };
        return findings.Any(f => f.Suppression is null && f.Severity != Severity.None && f.Severity >= threshold);
    }

    public static bool TryParseFailOn(string? text, out FailOn failOn)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error":
                failOn = FailOn.Error;
                return true;
            case "warning":
                failOn = FailOn.Warning;
                return true;
            case "note":
                failOn = FailOn.Note;
                return true;
            case "never":
                failOn = FailOn.Never;
                return true;
            default:
                failOn = FailOn.Error;
                return false;
        }
    }
}
