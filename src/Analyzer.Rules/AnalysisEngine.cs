using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Rules;

/// <summary>How one analysis runs.</summary>
/// <param name="AsOf">The instant every date is compared with; never the wall clock.</param>
/// <param name="WarningDays">The expiry warning window.</param>
/// <param name="SeverityOverrides">Per-rule severity from configuration (Severity.None switches a rule off).</param>
public sealed record AnalysisOptions(
    DateTimeOffset AsOf,
    int WarningDays,
    IReadOnlyDictionary<string, Severity>? SeverityOverrides = null,
    string Culture = "en");

/// <summary>Turns a snapshot into selections and findings.</summary>
public sealed class AnalysisEngine
{
    // PLACEHOLDER (replaced by the rules work): the signatures are the contract the CLI builds on.
    public static AnalysisEngine CreateDefault() => throw new NotImplementedException();

    public IReadOnlyList<RuleDescriptor> Rules => throw new NotImplementedException();

    public AnalysisResult Analyze(OrganizationSnapshot snapshot, ImmutableArray<ImportProblem> problems, AnalysisOptions options) =>
        throw new NotImplementedException();
}
