using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Extls.Model;
using Extls.Rules.Configuration;
using Extls.Rules.Engine;
using Extls.Rules.Evaluators;
using Extls.Selection;

namespace Extls.Rules;

/// <summary>How one analysis runs.</summary>
/// <param name="AsOf">The instant every date is compared with; never the wall clock.</param>
/// <param name="WarningDays">The expiry warning window.</param>
/// <param name="SeverityOverrides">Per-rule severity from configuration (Severity.None switches a rule off).</param>
public sealed record AnalysisOptions(
    DateTimeOffset AsOf,
    int WarningDays,
    IReadOnlyDictionary<string, Severity>? SeverityOverrides = null,
    string Culture = "en")
{
    public const int DefaultWarningDays = 30;

    public const int DefaultStaleDays = 30;

    /// <summary>Suppressions from extls.yaml.</summary>
    public ImmutableArray<SuppressionRule> Suppressions { get; init; } = ImmutableArray<SuppressionRule>.Empty;

    /// <summary>Audit mode (--no-suppressions): report suppressed findings as if they were not.</summary>
    public bool NoSuppressions { get; init; }

    /// <summary>Age in days beyond which the snapshot is reported as stale (EXTLS9003).</summary>
    public int StaleDays { get; init; } = DefaultStaleDays;

    /// <summary>Whether the replay and the rules use every core (<see cref="Parallelism.Auto"/>: from <see cref="ParallelWork.From"/> servers on); the findings are the same either way.</summary>
    public Parallelism Parallelism { get; init; }

    /// <summary>What the servers' own logs say (protocol logs, event exports); null when none were read.</summary>
    public Extls.Evidence.EvidenceSet? Evidence { get; init; }

    /// <summary>
    /// How an input problem a finding carries (EXTLS9001's unreadable file) reads in <see cref="Culture"/>. The
    /// wording lives with the writers; without it the problem reads as its place and code.
    /// </summary>
    public ProblemText? ProblemText { get; init; }
}

/// <summary>An input problem as a sentence in a culture ("en", "ja").</summary>
public delegate string ProblemText(ImportProblem problem, string culture);

/// <summary>Turns a snapshot into selections and findings.</summary>
public sealed class AnalysisEngine
{
    private readonly RuleCatalog catalog;
    private readonly ImmutableArray<IRuleEvaluator> evaluators;

    /// <exception cref="InvalidOperationException">When an evaluator passes enum values its descriptor does not word.</exception>
    internal AnalysisEngine(RuleCatalog catalog, IEnumerable<IRuleEvaluator> evaluators)
    {
        this.catalog = catalog;
        this.evaluators = evaluators.OrderBy(e => e.RuleId, StringComparer.Ordinal).ToImmutableArray();
        var problems = this.evaluators.SelectMany(e => catalog.Find(e.RuleId) is { } d ? ValueWordingProblems(d, e) : []).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The rule catalogue is inconsistent: " + string.Join("; ", problems));
        }
    }

    /// <summary>The embedded catalogue and every evaluator of this assembly, exactly one per descriptor.</summary>
    public static AnalysisEngine CreateDefault() => new(RuleCatalog.Default, DiscoverEvaluators(RuleCatalog.Default));

    public IReadOnlyList<RuleDescriptor> Rules => catalog.Rules;

    /// <summary>Replays the snapshot and runs every rule over the replay: evaluators never see anything but the real replay.</summary>
    /// <remarks>
    /// From <see cref="ParallelWork.From"/> servers on (<see cref="AnalysisOptions.Parallelism"/>), the replay runs per
    /// server on every core, and so do the rules of each phase (each with its findings formatted), the mail-flow matrix
    /// being built beside the first phase. Each rule's findings and failure go to its own slot, and the slots are merged
    /// in rule order: the findings, and so every report, are the same as on one core.
    /// </remarks>
    public AnalysisResult Analyze(OrganizationSnapshot snapshot, ImmutableArray<ImportProblem> problems, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var parallel = ParallelWork.Applies(options.Parallelism, snapshot.Servers.IsDefault ? 0 : snapshot.Servers.Length);
        var selections = Replay.All(snapshot, new ReplayOptions(options.AsOf, options.WarningDays) { Parallelism = parallel ? Parallelism.Always : Parallelism.Never });

        // The replay stays pure: what the logs say is matched to its results in a step of its own.
        var evidence = Extls.Evidence.EvidenceMatcher.Match(snapshot, selections, options.Evidence);
        var context = new AnalysisContext(snapshot, selections, options.AsOf, options.WarningDays) { StaleDays = options.StaleDays, Evidence = evidence };
        var findings = new List<Finding>();
        var failures = new SortedDictionary<string, RuleFailure>(StringComparer.Ordinal);

        // The index (and the matrix it builds on first use) is made here, so that every copy of the context shares it
        // and the result hands on the very matrix EXTLS5001 read.
        var index = context.Index;

        // Two phases: rules whose findings follow from other findings (EXTLS5001 names its root cause by
        // fingerprint) run after the others and read what those reported, never a guess at it.
        var independent = evaluators.Where(e => e.RuleId != RuleIds.EXTLS9005 && e is not IFindingsDependentEvaluator && IsOn(e)).ToList();
        var dependent = evaluators.Where(e => e.RuleId != RuleIds.EXTLS9005 && e is IFindingsDependentEvaluator && IsOn(e)).ToList();

        // The matrix only EXTLS5001 reads, in the second phase: on several cores it is built while the first phase runs.
        Action? alongside = parallel && dependent.Any(e => e.RuleId == RuleIds.EXTLS5001) ? () => BuildQuietly(index) : null;
        RunPhase(independent, context, alongside);
        if (dependent.Count > 0)
        {
            RunPhase(dependent, context with { Findings = [.. findings] }, null);
        }

        bool IsOn(IRuleEvaluator evaluator) => catalog.Find(evaluator.RuleId) is { } d && SeverityOf(d, options) != Severity.None;

        void RunPhase(List<IRuleEvaluator> phase, AnalysisContext runContext, Action? besides)
        {
            var outcomes = new RuleRun[phase.Count];
            var extra = besides is null ? 0 : 1;
            ParallelWork.For(parallel, phase.Count + extra, i =>
            {
                if (i < extra)
                {
                    besides!();
                    return;
                }

                outcomes[i - extra] = Run(phase[i - extra], runContext);
            });

            foreach (var outcome in outcomes)
            {
                findings.AddRange(outcome.Findings);
                if (outcome.Failure is { } failure)
                {
                    failures.TryAdd(failure.RuleId, failure);
                }
            }
        }

        RuleRun Run(IRuleEvaluator evaluator, AnalysisContext runContext)
        {
            var descriptor = catalog.Find(evaluator.RuleId)!;
            var made = new List<Finding>();
            RuleFailure? failure = null;
            List<Diagnostic> diagnostics;
            try
            {
                diagnostics = evaluator.Evaluate(runContext).ToList();
            }
#pragma warning disable CA1031 // a broken rule must never lose the others: that is EXTLS9005's purpose
            catch (Exception e)
#pragma warning restore CA1031
            {
                return new RuleRun(made, new RuleFailure(descriptor.Id, $"{e.GetType().Name}: {e.Message}"));
            }

            foreach (var diagnostic in diagnostics)
            {
                string error;
                try
                {
                    if (TryFormat(descriptor, diagnostic, options, out var finding, out error))
                    {
                        made.Add(finding);
                        continue;
                    }
                }
#pragma warning disable CA1031 // a malformed diagnostic (null target, null arguments) is the rule's failure, not the run's
                catch (Exception e)
#pragma warning restore CA1031
                {
                    error = $"the evaluator returned a malformed diagnostic ({e.GetType().Name}: {e.Message})";
                }

                failure ??= new RuleFailure(descriptor.Id, error);
            }

            return new RuleRun(made, failure);
        }

        findings.AddRange(ReportFailures(context with { RuleFailures = [.. failures.Values] }, options));

        var expired = ApplySuppressions(findings, options);
        var sorted = findings.Order(FindingOrder.Instance).ToImmutableArray();
        return new AnalysisResult
        {
            Snapshot = snapshot,
            AsOf = options.AsOf,
            WarningDays = options.WarningDays,
            Findings = sorted,
            Selections = selections.Sort(SelectionOrder.Instance),
            Problems = options.Evidence is { Problems.IsEmpty: false } e ? [.. (problems.IsDefault ? [] : problems).AddRange(e.Problems).Distinct()] : problems.IsDefault ? [] : problems,
            Evidence = evidence,
            Summary = Summarize(sorted),
            Rules = catalog.Rules,
            ExpiredSuppressions = expired,

            // Last: it is tied to the snapshot and selections set above.
            MailFlowBuilder = () => index.MailFlow,
        };
    }

    /// <summary>Builds the matrix ahead of EXTLS5001; a failure is left for EXTLS5001 to meet, and report, when it reads the matrix.</summary>
    private static void BuildQuietly(AnalysisIndex index)
    {
        try
        {
            _ = index.MailFlow;
        }
#pragma warning disable CA1031 // the lazy matrix keeps the exception: EXTLS5001 meets it again and it becomes EXTLS9005's report
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>What one rule reported: its findings in the order it made them, and its first failure.</summary>
    private sealed record RuleRun(List<Finding> Findings, RuleFailure? Failure);

    private IEnumerable<Finding> ReportFailures(AnalysisContext context, AnalysisOptions options)
    {
        if (context.RuleFailures.IsEmpty)
        {
            yield break;
        }

        var descriptor = catalog.Find(RuleIds.EXTLS9005);
        if (descriptor is null || SeverityOf(descriptor, options) == Severity.None)
        {
            yield break;
        }

        var evaluator = evaluators.FirstOrDefault(e => e.RuleId == RuleIds.EXTLS9005) ?? new RuleFailed();
        foreach (var diagnostic in evaluator.Evaluate(context))
        {
            // The failure report itself is formatted from a descriptor we ship and test; a failure here is a bug in extls.
            if (!TryFormat(descriptor, diagnostic, options, out var finding, out var error))
            {
                throw new InvalidOperationException($"{RuleIds.EXTLS9005}: {error}");
            }

            yield return finding;
        }
    }

    private static Severity SeverityOf(RuleDescriptor descriptor, AnalysisOptions options) =>
        Configured(descriptor, options) ?? descriptor.DefaultSeverity;

    /// <summary>Configuration first, then the evaluator's override for this finding, then the descriptor's default.</summary>
    private static Severity SeverityOf(RuleDescriptor descriptor, Diagnostic diagnostic, AnalysisOptions options) =>
        Configured(descriptor, options) ?? diagnostic.Severity ?? descriptor.DefaultSeverity;

    private static Severity? Configured(RuleDescriptor descriptor, AnalysisOptions options) =>
        options.SeverityOverrides is { } overrides && overrides.TryGetValue(descriptor.Id, out var s) ? s : null;

    private static bool TryFormat(RuleDescriptor descriptor, Diagnostic diagnostic, AnalysisOptions options, out Finding finding, out string error)
    {
        finding = null!;
        if (!string.Equals(diagnostic.RuleId, descriptor.Id, StringComparison.Ordinal))
        {
            error = $"the evaluator reported a diagnostic for {diagnostic.RuleId}";
            return false;
        }

        if (diagnostic.Severity == Severity.None)
        {
            error = "the evaluator reported severity None; only configuration switches a rule off";
            return false;
        }

        RemediationScript remediationTemplate;
        if (diagnostic.RemediationVariant is not { } variant)
        {
            remediationTemplate = descriptor.Remediation;
        }
        else if (!descriptor.RemediationVariants.TryGetValue(variant, out remediationTemplate!))
        {
            error = $"the descriptor has no remediation variant '{RemediationVariants.Key(variant)}'";
            return false;
        }

        try
        {
            // The message and the remediation's comments speak the reader's language; the commands are the same in every language.
            finding = new Finding
            {
                RuleId = descriptor.Id,
                Name = descriptor.Name,
                Severity = SeverityOf(descriptor, diagnostic, options),
                Title = descriptor.Title.For(options.Culture),
                Message = MessageTemplate.Format(descriptor.Message.For(options.Culture), Arguments(descriptor, diagnostic, options.Culture, options)),
                Server = diagnostic.Server,
                Target = diagnostic.Target,
                EventId = diagnostic.EventId ?? descriptor.EventId,
                Impacts = diagnostic.Impacts.IsDefault ? [] : [.. diagnostic.Impacts.Distinct().Order(ImpactOrder.Instance)],
                Assumptions = descriptor.Assumptions.AddRange(diagnostic.Assumptions.IsDefault ? [] : diagnostic.Assumptions)
                    .Distinct(StringComparer.Ordinal).Order(AssumptionOrder.Instance).ToImmutableArray(),
                Remediation = Remediation(remediationTemplate, descriptor, diagnostic, options),
                Fingerprint = Fingerprint(descriptor.Id, diagnostic.Target),
                Location = diagnostic.Location,
                Category = descriptor.Category,
            };
        }
        catch (Exception e) when (e is MissingPlaceholderException or ArgumentRenderException or FormatException)
        {
            error = e.Message;
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>
    /// The remediation for the reader: each step's comment in their language (values as the message words them), and
    /// its command with every value as a PowerShell literal (values as Exchange writes them), through <see cref="PowerShellText"/>.
    /// </summary>
    private static string Remediation(RemediationScript script, RuleDescriptor descriptor, Diagnostic diagnostic, AnalysisOptions options) =>
        RenderRemediation(script, options.Culture, () => Arguments(descriptor, diagnostic, options.Culture, options),
            () => Arguments(descriptor, diagnostic, LocalizedText.English, options));

    /// <summary>Renders a remediation from the comments' words (in <paramref name="culture"/>) and the commands' values, each asked for only when needed.</summary>
    internal static string RenderRemediation(RemediationScript script, string culture, Func<IReadOnlyDictionary<string, string>> words, Func<IReadOnlyDictionary<string, string>> values)
    {
        Dictionary<string, string>? commentWords = null;
        IReadOnlyDictionary<string, string>? commandValues = null;
        var lines = new List<string>();
        foreach (var step in script.Steps.IsDefault ? [] : script.Steps)
        {
            if (step.Comment is { } comment)
            {
                commentWords ??= words().ToDictionary(kv => kv.Key, kv => PowerShellText.InComment(kv.Value), StringComparer.Ordinal);
                lines.AddRange(MessageTemplate.Format(comment.For(culture), commentWords).Split('\n').Select(l => "# " + l));
            }

            if (step.Run is { } run)
            {
                commandValues ??= values();
                lines.Add(PowerShellText.FormatCommand(run, commandValues));
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>The diagnostic's arguments worded in <paramref name="culture"/>; an input problem through the options' wording of problems.</summary>
    private static Dictionary<string, string> Arguments(RuleDescriptor descriptor, Diagnostic diagnostic, string culture, AnalysisOptions options)
    {
        var arguments = ArgumentRenderer.Render(diagnostic.Arguments, descriptor, culture);
        foreach (var (name, argument) in diagnostic.Arguments)
        {
            if (argument is ProblemArgument { Input: { } problem } && options.ProblemText is { } text)
            {
                arguments[name] = text(problem, culture);
            }
        }

        arguments["server"] = diagnostic.Server ?? "";
        arguments["target"] = diagnostic.Target.Id;
        return arguments;
    }

    /// <summary>
    /// What is wrong between the enum arguments an evaluator declares (<see cref="IWordsEnumValues"/>) and its
    /// descriptor's <c>spec.values</c>: an enum member without wording, wording for no member, wording
    /// for an argument the evaluator does not declare, or an argument declared twice.
    /// </summary>
    internal static IEnumerable<string> ValueWordingProblems(RuleDescriptor descriptor, IRuleEvaluator evaluator)
    {
        var declared = new Dictionary<string, MessageValues>(StringComparer.Ordinal);
        foreach (var values in evaluator is IWordsEnumValues worded ? worded.EnumValues : [])
        {
            if (!declared.TryAdd(values.Argument, values))
            {
                yield return $"{descriptor.Id}: {evaluator.GetType().Name} declares {{{values.Argument}}} more than once";
            }
        }

        // The names sorted as an array: LINQ's OrderBy over the dictionary's pairs is compiled at run time on every start.
        var arguments = declared.Keys.ToArray();
        Array.Sort(arguments, StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var values = declared[argument];
            var wording = descriptor.Values.GetValueOrDefault(argument) ?? ImmutableSortedDictionary<string, LocalizedText>.Empty;
            foreach (var member in values.Members.Where(m => !wording.ContainsKey(m)))
            {
                yield return $"rules/{descriptor.Id}.yaml: spec.values.{argument} has no wording for {values.EnumName}.{member}";
            }

            foreach (var key in wording.Keys.Where(k => !values.Members.Contains(k, StringComparer.Ordinal)))
            {
                yield return $"rules/{descriptor.Id}.yaml: spec.values.{argument}.{key} is not a value of {values.EnumName}";
            }
        }

        foreach (var argument in descriptor.Values.Keys.Where(k => !declared.ContainsKey(k)))
        {
            yield return $"rules/{descriptor.Id}.yaml: spec.values.{argument} words an argument {evaluator.GetType().Name} does not declare";
        }
    }

    /// <summary>First 16 hex digits of SHA-256 over "ruleId|kind|id": stable across line numbers, wording and culture.</summary>
    public static string Fingerprint(string ruleId, FindingTarget target)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}|{target.Kind.ToId()}|{target.Id}"));
        return Convert.ToHexStringLower(hash)[..16];
    }

    private static ImmutableArray<ExpiredSuppression> ApplySuppressions(List<Finding> findings, AnalysisOptions options)
    {
        var suppressions = options.Suppressions.IsDefault ? [] : options.Suppressions;
        var expired = ImmutableArray.CreateBuilder<ExpiredSuppression>();
        foreach (var s in suppressions.Where(s => s.IsExpired(options.AsOf)))
        {
            expired.Add(new ExpiredSuppression(s, findings.Count(s.Matches)));
        }

        if (!options.NoSuppressions)
        {
            var active = suppressions.Where(s => !s.IsExpired(options.AsOf)).ToArray();
            for (var i = 0; i < findings.Count; i++)
            {
                if (active.FirstOrDefault(s => s.Matches(findings[i])) is { } match)
                {
                    findings[i] = findings[i] with { Suppression = new SuppressionInfo("external", match.Justification, match.Expires) };
                }
            }
        }

        return expired.ToImmutable();
    }

    private static FindingSummary Summarize(ImmutableArray<Finding> findings)
    {
        var active = findings.Where(f => f.Suppression is null).ToArray();
        return new FindingSummary(
            active.Count(f => f.Severity == Severity.Error),
            active.Count(f => f.Severity == Severity.Warning),
            active.Count(f => f.Severity == Severity.Note),
            findings.Length - active.Length);
    }

    /// <summary>Every evaluator of the catalogue (<see cref="EvaluatorList"/>); throws unless there is exactly one per descriptor.</summary>
    internal static ImmutableArray<IRuleEvaluator> DiscoverEvaluators(RuleCatalog catalog)
    {
        var found = EvaluatorList.Create();
        var problems = new List<string>();
        foreach (var group in found.GroupBy(e => e.RuleId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{group.Key} has {group.Count().ToString(CultureInfo.InvariantCulture)} evaluators");
        }

        foreach (var d in catalog.Rules.Where(d => !found.Any(e => e.RuleId == d.Id)))
        {
            problems.Add($"{d.Id} has a descriptor but no evaluator");
        }

        foreach (var e in found.Where(e => catalog.Find(e.RuleId) is null))
        {
            problems.Add($"{e.RuleId} has an evaluator ({e.GetType().Name}) but no rules/{e.RuleId}.yaml");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The rule catalogue is inconsistent: " + string.Join("; ", problems));
        }

        return found.OrderBy(e => e.RuleId, StringComparer.Ordinal).ToImmutableArray();
    }
}
