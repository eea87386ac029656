using Extls.Model;
using Extls.Selection;
using static Extls.Reporting.SelectionWording;

namespace Extls.Reporting;

/// <summary>
/// A replay in words: scenario titles, step titles, the values each step read, what it decided, outcomes,
/// assumptions and refusal reasons, in English or Japanese. The words come from <see cref="SelectionWording"/>;
/// this class only puts the replay's facts into them.
/// </summary>
public static class SelectionText
{
    public static string ScenarioTitle(Scenario scenario, string culture) =>
        ScenarioTitles.TryGetValue(scenario, out var w) ? w.In(Fmt.IsJapanese(culture)) : scenario.ToId();

    public static string ScenarioShortTitle(Scenario scenario, string culture) =>
        ScenarioShortTitles.TryGetValue(scenario, out var w) ? w.In(Fmt.IsJapanese(culture)) : scenario.ToId();

    /// <summary>
    /// One sentence saying what the replay concluded. A chosen certificate whose handshake fails, or that a hybrid
    /// connector picked by the server's own FQDN, is said as such: the outcome never reads as working where a
    /// finding says it does not.
    /// </summary>
    public static string Outcome(SelectionResult result, string culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        var japanese = Fmt.IsJapanese(culture);
        var conclusion = new Conclusion(result.Scenario);
        return result.VerdictOf() switch
        {
            Selection.Verdict.HandshakeFails => HandshakeFailsOutcome.In(japanese, conclusion),
            Selection.Verdict.WrongCertificateForExchangeOnline => ImplicitHybridOutcome.In(japanese, conclusion),
            _ => Outcomes.TryGetValue(result.Outcome, out var sentence) ? sentence.In(japanese, conclusion) : result.Outcome.ToString(),
        };
    }

    /// <summary>The summary's few words for what happens to the sessions.</summary>
    public static string Verdict(SelectionResult result, string culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        return VerdictWords.TryGetValue(result.VerdictOf(), out var w) ? w.In(Fmt.IsJapanese(culture), new Conclusion(result.Scenario)) : result.Outcome.ToString();
    }

    /// <summary>Whether a section of the dump was collected, in words.</summary>
    public static string SectionState(SectionState state, string culture) =>
        SectionStates.TryGetValue(state, out var w) ? w.In(Fmt.IsJapanese(culture)) : state.ToString();

    /// <summary>Why a step was passed over.</summary>
    public static string Skip(SkipReason reason, string culture) =>
        Skips.TryGetValue(reason, out var w) ? w.In(Fmt.IsJapanese(culture)) : reason.ToString();

    /// <summary>Why a certificate of the store is not a candidate, with what it was compared on.</summary>
    public static string Mismatch(MismatchValue value, string culture)
    {
        ArgumentNullException.ThrowIfNull(value);
        return MismatchText(value, Fmt.IsJapanese(culture));
    }

    /// <summary>What an administrator is told when the chosen certificate is not assigned the SMTP service (A6).</summary>
    public static string HandshakeFails(SelectionResult result, string culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        return SelectionWording.HandshakeFails.In(Fmt.IsJapanese(culture), new Conclusion(result.Scenario));
    }

    /// <summary>The one-line meaning of an assumption.</summary>
    public static string Assumption(Assumption assumption, string culture) =>
        AssumptionMeanings.TryGetValue(assumption, out var m) ? m.In(Fmt.IsJapanese(culture)) : assumption.ToId();

    /// <summary>The one-line meaning of an assumption id as a rule descriptor writes it ("A2"); the id itself when not known.</summary>
    public static string Assumption(string id, string culture) =>
        Assumptions.TryParse(id, out var assumption) ? Assumption(assumption, culture) : id;

    /// <summary>Why a candidate was refused, in words.</summary>
    public static string Refusal(RefusalReason reason, string culture) =>
        Refusals.TryGetValue(reason, out var w) ? w.In(Fmt.IsJapanese(culture)) : reason.ToString();

    public static string StepTitle(StepKind kind, string culture) =>
        StepTitles.TryGetValue(kind, out var w) ? w.In(Fmt.IsJapanese(culture)) : kind.ToString();

    /// <summary>What <paramref name="step"/> decided, in a sentence built from what it read.</summary>
    /// <param name="server">The server the replay is about (the receiving or the source server).</param>
    public static string Decision(TraceStep step, string server, string culture)
    {
        ArgumentNullException.ThrowIfNull(step);
        var japanese = Fmt.IsJapanese(culture);
        return Reasons.TryGetValue(step.Reason, out var sentence)
            ? sentence.In(japanese, new StepFacts(step, server, japanese))
            : step.Reason.ToString();
    }

    /// <summary>One line per value the step read: "name = value".</summary>
    public static IReadOnlyList<string> ReadLines(TraceStep step, string culture)
    {
        ArgumentNullException.ThrowIfNull(step);
        var japanese = Fmt.IsJapanese(culture);
        return [.. (step.Reads.IsDefault ? [] : step.Reads).Select(r => ReadLine(r, japanese))];
    }

    internal static string ReadLine(TraceRead read, bool japanese) => read.Value switch
    {
        // Values about one certificate among several lead with its thumbprint, so the rows line up.
        CandidateValue c => $"{c.Thumbprint} = {Value(c, japanese)}",
        RankedValue r => $"{Fmt.Int(r.Rank)} = {r.Thumbprint} NotBefore {Fmt.Date(r.NotBefore)} NotAfter {Fmt.Date(r.NotAfter)}",
        StandingValue s => $"{s.Thumbprint} = {Value(s, japanese)}",
        MismatchValue m => $"{m.Thumbprint} = {Word(ValueWord.NotCandidate, japanese)}: {MismatchText(m, japanese)}",
        _ when read.Of is not null => $"{read.Of}: {Field(read.Field, japanese)} = {Value(read.Value, japanese)}",
        _ => $"{Field(read.Field, japanese)} = {Value(read.Value, japanese)}",
    };

    private static string Field(TraceField field, bool japanese) =>
        Fields.TryGetValue(field, out var w) ? w.In(japanese) : field.ToString();

    private static string Word(ValueWord word, bool japanese) => ValueWords[word].In(japanese);

    /// <summary>A value in the reader's language: Exchange's own names and the dump's text as they are, the replay's notions in words.</summary>
    internal static string Value(TraceValue value, bool japanese) => value switch
    {
        TextValue { Text: null } => Word(ValueWord.Unknown, japanese),
        TextValue { Text.Length: 0 } => Word(ValueWord.Empty, japanese),
        TextValue { Text: { } text } => text,
        ThumbprintValue t => t.Thumbprint,
        DateValue d => Fmt.Date(d.Value),
        FlagValue { Value: null } => Word(ValueWord.Unknown, japanese),
        FlagValue f => f.Value == true ? "True" : "False",
        NumberValue n => Fmt.Int(n.Value),
        EnumValue { Value: null } => Word(ValueWord.Unknown, japanese),
        EnumValue { Value: { } e } => e.ToString(),
        SectionStateValue s => SectionStates.TryGetValue(s.State, out var w) ? w.In(japanese) : s.State.ToString(),
        AdStateValue a => AdStates.TryGetValue(a.State, out var w) ? w.In(japanese) : a.State.ToString(),
        ListValue { Items: null } => Word(ValueWord.Unknown, japanese),
        ListValue { Items: { Length: 0 } } => Word(ValueWord.Empty, japanese),
        ListValue { Items: { } items } => string.Join(", ", items.Select(i => Value(i, japanese))),
        KeyValue k => k.Text,
        CandidateValue c => CandidateVerdictText(c, japanese),
        RankedValue r => $"{r.Thumbprint} NotBefore {Fmt.Date(r.NotBefore)} NotAfter {Fmt.Date(r.NotAfter)}",
        StandingValue s => Standings.TryGetValue(s.Standing, out var w) ? w.In(japanese) : s.Standing.ToString(),
        AddressValue a => a.Address.ToString(),
        RangeValue r => r.Range.ToString(),
        BindingValue b => b.Binding.ToString(),
        MismatchValue m => $"{Word(ValueWord.NotCandidate, japanese)}: {MismatchText(m, japanese)}",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    /// <summary>"another issuer (issuer CN=…)", "the name is … (names: a, b)": the reason, then what was compared.</summary>
    private static string MismatchText(MismatchValue m, bool japanese)
    {
        var separator = Word(ValueWord.ListSeparator, japanese);
        var parts = m.Reasons.Select(r =>
        {
            var reason = Mismatches.TryGetValue(r, out var w) ? w.In(japanese) : r.ToString();
            return r switch
            {
                MismatchReason.IssuerDiffers => $"{reason} ({Word(ValueWord.Issuer, japanese)} {m.Issuer})",
                MismatchReason.SubjectDiffers => $"{reason} ({Word(ValueWord.Subject, japanese)} {m.Subject})",
                MismatchReason.WildcardCoversOneLabel => $"{m.Wildcard}: {reason}",
                _ => $"{reason} ({Word(ValueWord.Names, japanese)}: {(m.Names.IsDefaultOrEmpty ? Word(ValueWord.Empty, japanese) : string.Join(", ", m.Names))})",
            };
        });
        return string.Join(separator, parts);
    }

    private static string CandidateVerdictText(CandidateValue c, bool japanese)
    {
        var separator = Word(ValueWord.ListSeparator, japanese);
        var text = c.Eligible
            ? Word(ValueWord.Eligible, japanese)
            : $"{Word(ValueWord.Refused, japanese)}: {string.Join(separator, c.Refused.Select(r => Refusals[r].In(japanese)))}";
        return c.Unknowns.IsDefaultOrEmpty
            ? text
            : $"{text}; {Word(ValueWord.UnknownProperties, japanese)}: {string.Join(separator, c.Unknowns.Select(u => u.ToId()))}";
    }
}

/// <summary>What a sentence may say about its step: the values it read, written in the reader's language, and its context.</summary>
internal sealed class StepFacts(TraceStep step, string server, bool japanese)
{
    private IEnumerable<TraceRead> Reads => step.Reads.IsDefault ? [] : step.Reads;

    public Scenario Scenario => step.Step.Process;

    public bool Inbound => Scenario is Scenario.InboundAnonymousTls or Scenario.InboundStartTls;

    public bool Anonymous => Scenario is Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls;

    public string Protocol => Anonymous ? "X-ANONYMOUSTLS" : "STARTTLS";

    /// <summary>The event the step predicts, as it appears in the Application log; null when it predicts none.</summary>
    public string? Event => step.Event is { } id ? Fmt.Int(id) : null;

    /// <summary>The server the replay is about.</summary>
    public string Server => server;

    /// <summary>The value read for <paramref name="field"/>, written for the reader.</summary>
    /// <exception cref="InvalidOperationException">The step did not read it: a sentence asks for a fact its step never carries.</exception>
    public string this[TraceField field] => SelectionText.Value(Read(field).Value, japanese);

    public KeyValue Key => Read(TraceField.Key).Value as KeyValue
        ?? throw new InvalidOperationException($"{step.Reason}: the key is not a key value.");

    public TransportServerRole Role =>
        Read(TraceField.Role).Value is EnumValue { Value: TransportServerRole role } ? role : TransportServerRole.Unknown;

    /// <summary>The items of a list, or the rows of a field read once per object.</summary>
    public int Count(TraceField field)
    {
        var reads = Reads.Where(r => r.Field == field).ToList();
        return reads is [{ Value: ListValue list }] ? list.Items?.Length ?? 0 : reads.Count;
    }

    public int EligibleCount => Reads.Select(r => r.Value).OfType<CandidateValue>().Count(c => c.Eligible);

    private TraceRead Read(TraceField field) =>
        Reads.FirstOrDefault(r => r.Field == field)
        ?? throw new InvalidOperationException($"{step.Step.Process.ToId()} {step.Kind} ({step.Reason}) read no {field}.");
}
