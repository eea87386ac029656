using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Rules.Configuration;

/// <summary>The level at or above which an unsuppressed finding makes the run fail (--fail-on).</summary>
public enum FailOn
{
    Error,
    Warning,
    Note,
    Never,
}

/// <summary>A suppression from extls.yaml: silences one rule on the targets its glob matches, until it expires.</summary>
/// <param name="RuleId">The rule it silences.</param>
/// <param name="Target">Glob on the finding's target id: <c>*</c> any run of characters, <c>?</c> one character, case-insensitive.</param>
/// <param name="Justification">Why; required.</param>
/// <param name="Expires">From this instant on it no longer suppresses; null = never expires.</param>
/// <param name="Location">Where it is written in the configuration file.</param>
public sealed record SuppressionRule(
    string RuleId,
    string Target,
    string Justification,
    DateTimeOffset? Expires,
    SourceLocation? Location = null)
{
    public bool IsExpired(DateTimeOffset asOf) => Expires is { } e && asOf >= e;

    public bool Matches(Finding finding) =>
        string.Equals(RuleId, finding.RuleId, StringComparison.OrdinalIgnoreCase) && Glob.IsMatch(Target, finding.Target.Id);
}

/// <summary>A suppression that has expired at the as-of time, and how many findings it would otherwise have silenced.</summary>
public sealed record ExpiredSuppression(SuppressionRule Suppression, int MatchingFindings);

/// <summary>The contents of extls.yaml. Every value is optional; command-line options win over it.</summary>
public sealed record ExtlsConfig
{
    public static ExtlsConfig Empty { get; } = new();

    // Null until a configuration sets a rule's severity, so that a run without one never instantiates the sorted
    // dictionary over the Severity enum (framework code over a value type of this assembly, which ReadyToRun cannot
    // precompile: every start compiled about 25 of its methods for an empty dictionary and the engine's look-ups in it).
    private readonly ImmutableSortedDictionary<string, Severity>? rules;

    /// <summary>The severity extls.yaml sets for each rule it names (Severity.None switches a rule off).</summary>
    public ImmutableSortedDictionary<string, Severity> Rules
    {
        get => rules ?? ImmutableSortedDictionary<string, Severity>.Empty.WithComparers(StringComparer.Ordinal);
        init => rules = value;
    }

    /// <summary>The same as <see cref="Rules"/>, or null where the configuration names no rule.</summary>
    internal IReadOnlyDictionary<string, Severity>? RuleSeverities => rules is { IsEmpty: false } ? rules : null;

    public ImmutableArray<SuppressionRule> Suppressions { get; init; } = ImmutableArray<SuppressionRule>.Empty;

    public int? WarningDays { get; init; }

    public DateTimeOffset? AsOf { get; init; }

    public FailOn? FailOn { get; init; }

    /// <summary>Where the rule pages are published, for the links reports carry (SARIF helpUri); null for the project's own.</summary>
    public Uri? HelpUriBase { get; init; }

    /// <summary>The file it was read from, or null.</summary>
    public string? File { get; init; }
}

/// <summary>Either a configuration or the problems (file, line, path) that stopped it from loading.</summary>
public sealed record ConfigLoadResult(ExtlsConfig? Config, ImmutableArray<ImportProblem> Problems)
{
    public bool Succeeded => Config is not null && Problems.IsDefaultOrEmpty;
}
