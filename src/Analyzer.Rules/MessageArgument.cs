using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Rules;

/// <summary>
/// A value for one placeholder of a descriptor's message or remediation. Evaluators hand the engine
/// typed values, never text they formatted themselves: the engine renders dates, numbers, lists and
/// Exchange values the same invariant way for every rule, and takes the wording of an extls enum value
/// (and of a missing value) from the descriptor, in the reader's language.
/// </summary>
/// <remarks>A string converts implicitly to a <see cref="TextArgument"/>: names and identifiers are passed as they are.</remarks>
public abstract record MessageArgument
{
    private protected MessageArgument()
    {
    }

    public static implicit operator MessageArgument(string? text) => new TextArgument(text);

    /// <summary>A name, identifier or text from the dump, shown as it is; null is a missing value.</summary>
    public static MessageArgument Text(string? value) => new TextArgument(value);

    /// <summary>
    /// What another program said (an error the collector recorded, a parser's reason), shown as it said it: in Japanese
    /// between 「」, so the original message reads apart from the sentence around it; null is a missing value.
    /// </summary>
    public static MessageArgument Quoted(string? value) => value is null ? new TextArgument(null) : new QuotedArgument(value);

    public static MessageArgument Number(long value) => new NumberArgument(value);

    /// <summary>A day, ISO 8601 (2026-06-01); null is a missing value.</summary>
    public static MessageArgument Day(DateTimeOffset? value) => new DateArgument(value, DatePrecision.Day);

    /// <summary>An instant, ISO 8601 UTC to the second (2026-06-01T00:00:00Z); null is a missing value.</summary>
    public static MessageArgument Instant(DateTimeOffset? value) => new DateArgument(value, DatePrecision.Second);

    /// <summary>true or false, as Exchange's cmdlets print a switch.</summary>
    public static MessageArgument Boolean(bool value) => new BooleanArgument(value);

    /// <summary>
    /// A value of one of Exchange's own enumerations, written as Exchange writes it (flags: "Tls, ExchangeServer";
    /// <see cref="ListStyle.PowerShell"/>: "Tls,ExchangeServer"); null is a missing value.
    /// </summary>
    public static MessageArgument Exchange<TEnum>(TEnum? value, ListStyle style = ListStyle.Prose)
        where TEnum : struct, Enum =>
        value is { } v ? new ExchangeValueArgument(v, style) : new TextArgument(null);

    /// <summary>A value of an extls enumeration; its wording comes from the descriptor's <c>values</c>.</summary>
    public static MessageArgument Value<TEnum>(TEnum value)
        where TEnum : struct, Enum => new EnumArgument(value);

    /// <summary>Values of an extls enumeration in the order given, each worded from the descriptor's <c>values</c>; an empty list is a missing value.</summary>
    public static MessageArgument Values<TEnum>(IEnumerable<TEnum> values, ListStyle style = ListStyle.Prose)
        where TEnum : struct, Enum => new EnumListArgument([.. values.Select(v => (Enum)v)], style);

    /// <summary>An input problem, worded in the reader's language (<see cref="AnalysisOptions.ProblemText"/>); null is a missing value.</summary>
    public static MessageArgument Problem(ImportProblem? problem) => problem is null ? new TextArgument(null) : new ProblemArgument(problem);

    /// <summary>Items in the order given; an empty list is a missing value.</summary>
    public static MessageArgument List(IEnumerable<string> items, ListStyle style = ListStyle.Prose) =>
        new ListArgument([.. items], style);

    /// <summary>Items distinct and sorted ignoring case, the way a set of names is listed.</summary>
    public static MessageArgument SortedList(IEnumerable<string> items, ListStyle style = ListStyle.Prose) =>
        new ListArgument([.. items.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)], style);

    /// <summary>
    /// Records, each rendered through the descriptor's <c>items</c> template of the argument, joined by "; ".
    /// No records render as nothing, so a record list can also be an optional part of an item.
    /// </summary>
    public static MessageArgument Records(IEnumerable<ImmutableSortedDictionary<string, MessageArgument>> items) =>
        new RecordsArgument([.. items]);
}

/// <summary>How the items of a list are separated.</summary>
public enum ListStyle
{
    /// <summary>", ": a list in a sentence.</summary>
    Prose,

    /// <summary>",": one PowerShell argument (-AuthMechanism Tls,ExchangeServer; -split ',').</summary>
    PowerShell,
}

public enum DatePrecision
{
    Day,
    Second,
}

public sealed record TextArgument(string? Value) : MessageArgument;

public sealed record NumberArgument(long Value) : MessageArgument;

public sealed record QuotedArgument(string Value) : MessageArgument;

public sealed record ProblemArgument(ImportProblem Input) : MessageArgument;

public sealed record DateArgument(DateTimeOffset? Value, DatePrecision Precision) : MessageArgument;

public sealed record BooleanArgument(bool Value) : MessageArgument;

public sealed record ExchangeValueArgument(Enum Value, ListStyle Style) : MessageArgument;

public sealed record EnumArgument(Enum Value) : MessageArgument;

public sealed record EnumListArgument(ImmutableArray<Enum> Values, ListStyle Style) : MessageArgument
{
    public bool Equals(EnumListArgument? other) =>
        other is not null && Style == other.Style && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Style, Values.Length);
}

public sealed record ListArgument(ImmutableArray<string> Items, ListStyle Style) : MessageArgument
{
    public bool Equals(ListArgument? other) =>
        other is not null && Style == other.Style && Items.SequenceEqual(other.Items, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Style, Items.Length);
}

public sealed record RecordsArgument(ImmutableArray<ImmutableSortedDictionary<string, MessageArgument>> Items) : MessageArgument
{
    public bool Equals(RecordsArgument? other) =>
        other is not null && Items.Length == other.Items.Length
        && Items.Zip(other.Items).All(p => p.First.Count == p.Second.Count
            && p.First.All(kv => p.Second.TryGetValue(kv.Key, out var v) && Equals(kv.Value, v)));

    public override int GetHashCode() => Items.Length;
}
