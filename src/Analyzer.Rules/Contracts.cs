using System.Collections.Immutable;
using Extls.Model;
using Extls.Rules.Configuration;
using Extls.Selection;

namespace Extls.Rules;

/// <summary>SARIF's levels, plus None for a rule switched off in configuration.</summary>
public enum Severity
{
    None = 0,
    Note = 1,
    Warning = 2,
    Error = 3,
}

/// <summary>Text in the languages extls speaks. Japanese falls back to English when absent.</summary>
public sealed record LocalizedText(string En, string? Ja = null)
{
    /// <summary>The culture of PowerShell remediations and of the English text.</summary>
    public const string English = "en";

    public string For(string culture) =>
        string.Equals(culture, "ja", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(Ja) ? Ja : En;
}

/// <summary>A rule as rules/&lt;ID&gt;.yaml describes it. It owns all text and the default severity.</summary>
public sealed record RuleDescriptor
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required LocalizedText Title { get; init; }

    /// <summary>Template with {placeholders} filled from <see cref="Diagnostic.Arguments"/>.</summary>
    public required LocalizedText Message { get; init; }

    public required Severity DefaultSeverity { get; init; }

    public required string Category { get; init; }

    public int? EventId { get; init; }

    public required LocalizedText Help { get; init; }

    /// <summary>The PowerShell that fixes it: steps of a comment in the reader's language and a command with {placeholders}.</summary>
    public required RemediationScript Remediation { get; init; }

    public ImmutableArray<string> Assumptions { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>
    /// Alternative remediation templates an evaluator may choose through <see cref="Diagnostic.RemediationVariant"/>
    /// (e.g. <see cref="RemediationVariant.NoCandidate"/> when nothing in the store can be published).
    /// </summary>
    public RemediationVariantDictionary RemediationVariants { get; init; } = RemediationVariantDictionary.Empty;

    /// <summary>
    /// The wording of each value of an enum-valued argument (<see cref="EnumArgument"/>), by argument name
    /// and then by the enum member's name; the engine renders the value through it, so no code name reaches a user.
    /// </summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, LocalizedText>> Values { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, LocalizedText>>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>What an argument reads as when the evaluator knows no value for it; "-" for arguments not listed.</summary>
    public ImmutableSortedDictionary<string, LocalizedText> Absent { get; init; } =
        ImmutableSortedDictionary<string, LocalizedText>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The template of one item of a <see cref="RecordsArgument"/>, by argument name.</summary>
    public ImmutableSortedDictionary<string, LocalizedText> Items { get; init; } =
        ImmutableSortedDictionary<string, LocalizedText>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The selection processes the rule concerns, in the order of their ids.</summary>
    public ImmutableArray<Scenario> Scenarios { get; init; } = ImmutableArray<Scenario>.Empty;

    /// <summary>Relative path of the documentation page, rules/&lt;ID&gt;.md.</summary>
    public string HelpPath => $"rules/{Id}.md";
}

/// <summary>
/// One step of a remediation: what it does and why, in the reader's language, and the PowerShell, which is the same in
/// every language. Either may be absent (a comment that only explains, a command that needs no words).
/// </summary>
/// <param name="Comment">Written as <c># …</c> lines; placeholders are filled with the values in the reader's language.</param>
/// <param name="Run">PowerShell; each placeholder becomes one quoted literal (<see cref="RemediationScript"/>).</param>
public sealed record RemediationStep(LocalizedText? Comment, string? Run);

/// <summary>
/// A remediation as its descriptor writes it: the comments are localized text, so that a Japanese reader gets Japanese
/// comments above commands that are the same in both languages; the commands' placeholders are quoted by the engine,
/// never by the template, so a name with ', $ or a backtick cannot change what a command does.
/// </summary>
public sealed record RemediationScript(ImmutableArray<RemediationStep> Steps)
{
    public static readonly RemediationScript Empty = new(ImmutableArray<RemediationStep>.Empty);

    /// <summary>The template as a reader sees it before it is filled: comments in <paramref name="culture"/>, placeholders as they are.</summary>
    public string Template(string culture) => string.Join("\n", (Steps.IsDefault ? [] : Steps).SelectMany(s =>
        (s.Comment is { } c ? c.For(culture).Split('\n').Select(l => "# " + l) : [])
        .Concat(s.Run is { } r ? r.Split('\n') : [])));

    /// <summary>Every template text of the script: the comments in both languages and the commands.</summary>
    public IEnumerable<string> Texts() => (Steps.IsDefault ? [] : Steps).SelectMany(s =>
        new[] { s.Comment?.En, s.Comment?.Ja, s.Run }.OfType<string>());
}

/// <summary>
/// A descriptor's alternative remediations by <see cref="RemediationVariant"/>, in the enum's order. An array indexed by
/// the variant rather than a sorted dictionary keyed by the enum: every start builds the catalogue, and the framework's
/// collections over an enum of this assembly cannot be precompiled (ReadyToRun), so each start compiled a sorted
/// dictionary's nodes, builder, enumerator and comparer for it (about 70 methods). It reads as a dictionary in the
/// variants' order; only enumerating it as pairs instantiates generic code over the enum.
/// </summary>
public sealed class RemediationVariantDictionary : IReadOnlyDictionary<RemediationVariant, RemediationScript>
{
    public static readonly RemediationVariantDictionary Empty = new(new RemediationScript?[VariantCount]);

    private const int VariantCount = (int)RemediationVariant.NotInternal + 1;

    private readonly RemediationScript?[] byVariant;

    private RemediationVariantDictionary(RemediationScript?[] byVariant) => this.byVariant = byVariant;

    /// <summary>The variants the descriptor gives a script for, in the enum's order.</summary>
    public IEnumerable<RemediationVariant> Keys
    {
        get
        {
            for (var i = 0; i < byVariant.Length; i++)
            {
                if (byVariant[i] is not null)
                {
                    yield return (RemediationVariant)i;
                }
            }
        }
    }

    /// <summary>The scripts the descriptor gives, in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<RemediationScript> Values => byVariant.OfType<RemediationScript>();

    public int Count => byVariant.Count(s => s is not null);

    public RemediationScript this[RemediationVariant key] =>
        TryGetValue(key, out var script) ? script : throw new KeyNotFoundException($"no remediation variant '{RemediationVariants.Key(key)}'");

    public bool ContainsKey(RemediationVariant key) => TryGetValue(key, out _);

    public bool TryGetValue(RemediationVariant key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out RemediationScript value)
    {
        value = (uint)key < (uint)byVariant.Length ? byVariant[(int)key] : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<RemediationVariant, RemediationScript>> GetEnumerator()
    {
        for (var i = 0; i < byVariant.Length; i++)
        {
            if (byVariant[i] is { } script)
            {
                yield return new KeyValuePair<RemediationVariant, RemediationScript>((RemediationVariant)i, script);
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Collects the scripts of one descriptor; the last one given for a variant wins.</summary>
    public sealed class Builder
    {
        private readonly RemediationScript?[] byVariant = new RemediationScript?[VariantCount];

        public RemediationScript this[RemediationVariant variant]
        {
            set => byVariant[(int)variant] = value;
        }

        public IEnumerable<RemediationScript> Values => byVariant.OfType<RemediationScript>();

        public RemediationVariantDictionary ToImmutable() => new((RemediationScript?[])byVariant.Clone());
    }
}

/// <summary>What kind of object a finding is about.</summary>
public enum FindingTargetKind
{
    Server,
    ReceiveConnector,
    SendConnector,
    Certificate,

    /// <summary>The mail flow one root cause breaks between servers (EXTLS5001): id "RULE/ROOT-CAUSE-TARGET".</summary>
    MailFlow,
    Snapshot,

    /// <summary>A hybrid configuration (Get-HybridConfiguration); its id is the configuration's identity.</summary>
    HybridConfiguration,
}

/// <summary>The stable codes of <see cref="FindingTargetKind"/>: the JSON and SARIF contract, and part of every fingerprint.</summary>
public static class FindingTargetKinds
{
    public static string ToId(this FindingTargetKind kind) => kind switch
    {
        FindingTargetKind.Server => "server",
        FindingTargetKind.ReceiveConnector => "receiveConnector",
        FindingTargetKind.SendConnector => "sendConnector",
        FindingTargetKind.Certificate => "certificate",
        FindingTargetKind.MailFlow => "mailFlow",
        FindingTargetKind.Snapshot => "snapshot",
        FindingTargetKind.HybridConfiguration => "hybridConfiguration",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>What a finding is about.</summary>
/// <param name="Kind">The kind of object.</param>
/// <param name="Id">Stable identity: server name, connector identity, "SERVER/THUMBPRINT", "RULE/ROOT-CAUSE-TARGET" (mail flow).</param>
public sealed record FindingTarget(FindingTargetKind Kind, string Id);

/// <summary>A connector and direction a root cause breaks.</summary>
/// <param name="Scenario">The selection process that breaks.</param>
/// <param name="Server">The server on which the impact occurs.</param>
/// <param name="Connector">The connector identity, or null (process 2).</param>
public sealed record Impact(Scenario Scenario, string Server, string? Connector)
{
    // By hand, on ints: the generated members go through EqualityComparer<Scenario>, and HashCode.Combine over anything but
    // ints is an instantiation, both compiled at run time on every start.
    public bool Equals(Impact? other) =>
        other is not null && Scenario == other.Scenario && string.Equals(Server, other.Server, StringComparison.Ordinal)
        && string.Equals(Connector, other.Connector, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine((int)Scenario, StringComparer.Ordinal.GetHashCode(Server), Connector is null ? 0 : StringComparer.Ordinal.GetHashCode(Connector));
}

/// <summary>The alternative remediations a descriptor may offer (its <c>remediationVariants</c>).</summary>
public enum RemediationVariant
{
    /// <summary>Nothing in the store can be published: create a certificate instead (EXTLS1001–1005, 1007).</summary>
    NoCandidate,

    /// <summary>The finding concerns no server, so the remediation cannot name one (EXTLS9004).</summary>
    NoServer,

    /// <summary>No reported finding explains why anonymous TLS fails (EXTLS5001).</summary>
    UnknownCause,

    /// <summary>The section's file is there but cannot be read: it was damaged after the collector wrote it (EXTLS9001).</summary>
    MalformedFile,

    /// <summary>The section's file is missing and the collector recorded nothing: the dump is incomplete (EXTLS9001).</summary>
    FileMissing,

    /// <summary>The collector could not read the AD value of the internal transport certificate (EXTLS9001).</summary>
    AdValueNotRead,

    /// <summary>An Edge's copy of an organisation object differs from the organisation's: synchronise (EXTLS9004).</summary>
    EdgeSynchronization,

    /// <summary>The collector's run did not finish: run it again to completion (EXTLS9001).</summary>
    RunInterrupted,

    /// <summary>The collector left a server out, usually one without a transport role (EXTLS9001).</summary>
    ServerSkipped,

    /// <summary>The connector is a receive connector, which another cmdlet sets (EXTLS3010).</summary>
    ReceiveConnector,

    /// <summary>The certificate was issued by a CA: its replacement is requested from the CA (EXTLS4003, 4004).</summary>
    CaIssued,

    /// <summary>
    /// The certificate is self-signed but not the internal transport certificate: renewing it must leave the
    /// internal transport certificate as it is (EXTLS4003, 4004).
    /// </summary>
    NotInternal,
}

/// <summary>The keys of <see cref="RemediationVariant"/> under a descriptor's <c>remediationVariants</c>.</summary>
public static class RemediationVariants
{
    public static string Key(RemediationVariant variant) => variant switch
    {
        RemediationVariant.NoCandidate => "noCandidate",
        RemediationVariant.NoServer => "noServer",
        RemediationVariant.UnknownCause => "unknownCause",
        RemediationVariant.MalformedFile => "malformedFile",
        RemediationVariant.FileMissing => "fileMissing",
        RemediationVariant.AdValueNotRead => "adValueNotRead",
        RemediationVariant.EdgeSynchronization => "edgeSynchronization",
        RemediationVariant.RunInterrupted => "runInterrupted",
        RemediationVariant.ServerSkipped => "serverSkipped",
        RemediationVariant.ReceiveConnector => "receiveConnector",
        RemediationVariant.CaIssued => "caIssued",
        RemediationVariant.NotInternal => "notInternal",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    public static bool TryParse(string? key, out RemediationVariant variant)
    {
        // A loop over the values' ints, not Enum.GetValues<RemediationVariant>(): the generic enum helpers are compiled at
        // run time for each enum type, and the catalogue parses its variants on every start.
        for (var v = RemediationVariant.NoCandidate; v <= RemediationVariant.NotInternal; v++)
        {
            if (string.Equals(Key(v), key, StringComparison.Ordinal))
            {
                variant = v;
                return true;
            }
        }

        variant = default;
        return false;
    }
}

/// <summary>
/// What an evaluator reports: data only. The descriptor turns it into text and severity,
/// as a Roslyn DiagnosticDescriptor does.
/// </summary>
public sealed record Diagnostic
{
    public required string RuleId { get; init; }

    public string? Server { get; init; }

    public required FindingTarget Target { get; init; }

    /// <summary>Typed values for the descriptor's message and remediation placeholders; the engine renders them.</summary>
    public ImmutableSortedDictionary<string, MessageArgument> Arguments { get; init; } =
        ImmutableSortedDictionary<string, MessageArgument>.Empty.WithComparers(StringComparer.Ordinal);

    public ImmutableArray<Impact> Impacts { get; init; } = ImmutableArray<Impact>.Empty;

    /// <summary>Assumptions the finding rests on, beyond the descriptor's own.</summary>
    public ImmutableArray<string> Assumptions { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Overrides the descriptor's event when the evaluator knows better (e.g. 12012 vs 12022).</summary>
    public int? EventId { get; init; }

    public SourceLocation? Location { get; init; }

    /// <summary>Chooses one of the descriptor's <see cref="RuleDescriptor.RemediationVariants"/>; null for the default remediation.</summary>
    public RemediationVariant? RemediationVariant { get; init; }

    /// <summary>
    /// Overrides the descriptor's default severity when the catalogue says a condition is worse in some
    /// cases (EXTLS2003: error with RequireTLS); null for the default. A severity configured for the rule
    /// in extls.yaml still wins. Never <see cref="Severity.None"/>: only configuration switches a rule off.
    /// </summary>
    public Severity? Severity { get; init; }
}

public interface IRuleEvaluator
{
    string RuleId { get; }

    IEnumerable<Diagnostic> Evaluate(AnalysisContext context);
}

/// <summary>
/// An evaluator whose findings follow from other rules' findings (EXTLS5001 names its root cause by
/// rule and fingerprint): the engine runs it after every other rule, with <see cref="AnalysisContext.Findings"/>
/// holding what they reported, so the finding it names is always one reported in the same run.
/// </summary>
public interface IFindingsDependentEvaluator : IRuleEvaluator
{
}

/// <summary>Everything an evaluator may read. Selections are the replay; evaluators never redo it.</summary>
public sealed record AnalysisContext(
    OrganizationSnapshot Snapshot,
    ImmutableArray<SelectionResult> Selections,
    DateTimeOffset AsOf,
    int WarningDays)
{
    /// <summary>Age in days beyond which a snapshot is stale (EXTLS9003).</summary>
    public int StaleDays { get; init; } = AnalysisOptions.DefaultStaleDays;

    /// <summary>The evidence verdicts on the selections (EXTLS6001–6003); <see cref="Evidence.EvidenceReport.None"/> when no log was read.</summary>
    public Extls.Evidence.EvidenceReport Evidence { get; init; } = Extls.Evidence.EvidenceReport.None;

    /// <summary>Rules that failed in this run, filled by the engine before EXTLS9005 runs.</summary>
    public ImmutableArray<RuleFailure> RuleFailures { get; init; } = ImmutableArray<RuleFailure>.Empty;

    /// <summary>
    /// The findings every other rule reported in this run (formatted, before suppressions), filled by the
    /// engine for <see cref="IFindingsDependentEvaluator"/>s only; empty for the others.
    /// </summary>
    public ImmutableArray<Finding> Findings { get; init; } = ImmutableArray<Finding>.Empty;

    private AnalysisIndex? index;

    /// <summary>Lookups over the snapshot and the replay, built once and shared by every evaluator of the run.</summary>
    public AnalysisIndex Index
    {
        get
        {
            // A copy made with 'with' carries the index along; it is rebuilt only if the copy reads another snapshot or replay.
            var current = index;
            if (current is null || !ReferenceEquals(current.Snapshot, Snapshot) || current.Selections != (Selections.IsDefault ? ImmutableArray<SelectionResult>.Empty : Selections))
            {
                current = new AnalysisIndex(Snapshot, Selections);
                index = current;
            }

            return current;
        }
    }
}

/// <summary>A rule that threw, or whose diagnostic could not be formatted (EXTLS9005).</summary>
public sealed record RuleFailure(string RuleId, string Error);

public sealed record SuppressionInfo(string Kind, string Justification, DateTimeOffset? Expires);

/// <summary>A formatted finding, ready for any writer.</summary>
public sealed record Finding
{
    public required string RuleId { get; init; }

    public required string Name { get; init; }

    public required Severity Severity { get; init; }

    public required string Title { get; init; }

    public required string Message { get; init; }

    public string? Server { get; init; }

    public required FindingTarget Target { get; init; }

    public int? EventId { get; init; }

    public ImmutableArray<Impact> Impacts { get; init; } = ImmutableArray<Impact>.Empty;

    public ImmutableArray<string> Assumptions { get; init; } = ImmutableArray<string>.Empty;

    public required string Remediation { get; init; }

    /// <summary>Stable across runs and line numbers: hash of rule id, target and key arguments.</summary>
    public required string Fingerprint { get; init; }

    public SourceLocation? Location { get; init; }

    public SuppressionInfo? Suppression { get; init; }

    public string Category { get; init; } = "";

    /// <summary>How the finding compares with the baseline (<c>--baseline</c>); null when no baseline was given.</summary>
    public BaselineState? BaselineState { get; init; }

    /// <summary>
    /// Whether the remediation was rehearsed and fixes the finding without a new error (true), was rehearsed and does
    /// not (false); null for manual steps, and for every finding of a run that did not verify remediations.
    /// </summary>
    public bool? RemediationVerified { get; init; }
}

/// <summary>
/// A finding against the baseline, matched by <see cref="Finding.Fingerprint"/> alone (SARIF's
/// baselineState): whatever changes in a finding's wording, line or severity, the same rule on the same
/// target is the same finding.
/// </summary>
public enum BaselineState
{
    /// <summary>Not in the baseline: this run found it first.</summary>
    New,

    /// <summary>In the baseline and in this run.</summary>
    Unchanged,

    /// <summary>In the baseline but not in this run: fixed, or its target is gone.</summary>
    Absent,
}

/// <summary>The stable codes of <see cref="BaselineState"/>: SARIF's baselineState values, and the JSON and CSV contract.</summary>
public static class BaselineStates
{
    public static string ToId(this BaselineState state) => state switch
    {
        BaselineState.New => "new",
        BaselineState.Unchanged => "unchanged",
        BaselineState.Absent => "absent",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

/// <summary>Severity counts of the unsuppressed findings, and how many were suppressed.</summary>
public sealed record FindingSummary(int Error, int Warning, int Note, int Suppressed);

/// <summary>One analysis: its inputs' description and everything it concluded.</summary>
public sealed record AnalysisResult
{
    public required OrganizationSnapshot Snapshot { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    public required int WarningDays { get; init; }

    /// <summary>Sorted by server, rule id, target id.</summary>
    public required ImmutableArray<Finding> Findings { get; init; }

    /// <summary>Sorted by scenario, server, connector.</summary>
    public required ImmutableArray<SelectionResult> Selections { get; init; }

    public ImmutableArray<ImportProblem> Problems { get; init; } = ImmutableArray<ImportProblem>.Empty;

    public required FindingSummary Summary { get; init; }

    public required IReadOnlyList<RuleDescriptor> Rules { get; init; }

    /// <summary>The evidence verdict of each selection, and what it rests on; <see cref="Evidence.EvidenceReport.None"/> when no log was read.</summary>
    public Extls.Evidence.EvidenceReport Evidence { get; init; } = Extls.Evidence.EvidenceReport.None;

    /// <summary>Configured suppressions whose expiry date is not after the as-of time: they no longer suppress.</summary>
    public ImmutableArray<ExpiredSuppression> ExpiredSuppressions { get; init; } = ImmutableArray<ExpiredSuppression>.Empty;

    /// <summary>True when no input was given and the built-in sample organisation was analysed: every report says so.</summary>
    public bool BuiltInSample { get; init; }

    /// <summary>The comparison with the baseline (<c>--baseline</c>), whose states the findings carry; null without one.</summary>
    public Comparison.BaselineComparison? Baseline { get; init; }

    /// <summary>How the run ends (exit code), for the formats that record it (SARIF invocations); null until it is known.</summary>
    public RunOutcome? Outcome { get; init; }

    private MailFlowSource? mailFlow;

    /// <summary>
    /// The mail-flow matrix of this analysis: the one EXTLS5001 judged the pairs by, built once by whichever asks first,
    /// so that <c>extls matrix</c> reports the pairs the findings were made from without building them again. A result
    /// made by hand, or a copy that reads another snapshot or replay, builds its own.
    /// </summary>
    public MailFlowMatrix MailFlow
    {
        get
        {
            var current = mailFlow;
            if (current is null || !current.Serves(Snapshot, Selections))
            {
                current = new MailFlowSource(Snapshot, Selections, () => MailFlowMatrix.Build(Snapshot, Selections));
                mailFlow = current;
            }

            return current.Matrix;
        }
    }

    /// <summary>The engine's matrix (the analysis index's), for the snapshot and sorted selections this result carries.</summary>
    internal Func<MailFlowMatrix> MailFlowBuilder
    {
        init => mailFlow = new MailFlowSource(Snapshot, Selections, value);
    }

    /// <summary>A matrix and the inputs it was made from; a copy made with 'with' carries it along.</summary>
    private sealed class MailFlowSource(OrganizationSnapshot snapshot, ImmutableArray<SelectionResult> selections, Func<MailFlowMatrix> build)
    {
        private readonly Lazy<MailFlowMatrix> matrix = new(build);

        public MailFlowMatrix Matrix => matrix.Value;

        public bool Serves(OrganizationSnapshot s, ImmutableArray<SelectionResult> r) => ReferenceEquals(snapshot, s) && selections == r;
    }
    /// <summary>True when each finding's remediation was rehearsed (<see cref="Finding.RemediationVerified"/> is then meaningful).</summary>
    public bool RemediationsVerified { get; init; }
}
