using System.Collections.Immutable;
using System.Globalization;
using Extls.Model;

namespace Extls.Rules.Engine;

/// <summary>
/// The one place a diagnostic's typed arguments become text: invariant numbers and ISO dates, lists,
/// Exchange values as Exchange writes them, and the descriptor's wording for extls enum values,
/// missing values and the items of a record list.
/// </summary>
internal static class ArgumentRenderer
{
    /// <summary>What a missing value reads as when the descriptor says nothing else.</summary>
    public const string DefaultAbsent = "-";

    private const string RecordSeparator = "; ";

    // Exchange values as text, by value and separator: formatting a flags value lists every member of its type, and the
    // same few values (a connector's AuthMechanism, a certificate's Services) come back in finding after finding.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Enum Value, string Separator), string> ExchangeText = new();

    /// <exception cref="ArgumentRenderException">When the descriptor lacks the wording an argument needs.</exception>
    public static Dictionary<string, string> Render(
        IReadOnlyDictionary<string, MessageArgument> arguments,
        RuleDescriptor descriptor,
        string culture)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, argument) in arguments)
        {
            text[name] = Render(name, argument, descriptor, culture);
        }

        return text;
    }

    public static string Render(string name, MessageArgument? argument, RuleDescriptor descriptor, string culture) => argument switch
    {
        null or TextArgument { Value: null } or DateArgument { Value: null } or ListArgument { Items.IsDefaultOrEmpty: true } or EnumListArgument { Values.IsDefaultOrEmpty: true } =>
            Absent(name, descriptor, culture),
        TextArgument t => t.Value!,
        QuotedArgument q => IsJapanese(culture) ? $"「{q.Value}」" : q.Value,
        NumberArgument n => n.Value.ToString(CultureInfo.InvariantCulture),
        ProblemArgument p => p.Input.ToString(),
        DateArgument { Precision: DatePrecision.Day } d => IsoDate.Day(d.Value!.Value),
        DateArgument d => IsoDate.Instant(d.Value!.Value),
        BooleanArgument b => b.Value ? "true" : "false",
        ExchangeValueArgument e => ExchangeText.GetOrAdd((e.Value, Separator(e.Style)), key => ExchangeValues.Format(key.Value, key.Separator)),
        EnumArgument e => Wording(name, e.Value, descriptor, culture),
        EnumListArgument l => string.Join(ListSeparator(l.Style, culture), l.Values.Select(v => Wording(name, v, descriptor, culture))),
        ListArgument l => string.Join(ListSeparator(l.Style, culture), l.Items),
        RecordsArgument r => string.Join(IsJapanese(culture) ? "、" : RecordSeparator, (r.Items.IsDefault ? [] : r.Items).Select(item => Item(name, item, descriptor, culture))),
        _ => throw new ArgumentRenderException($"{{{name}}} has an argument of unknown type {argument.GetType().Name}"),
    };

    private static string Separator(ListStyle style) => style == ListStyle.PowerShell ? "," : ", ";

    /// <summary>
    /// A list in a sentence: Japanese separates its items (and the records of a record list) with 、 as its own prose does. An Exchange value keeps the
    /// ", " Exchange writes (<see cref="Separator"/>), and a command is always rendered in English.
    /// </summary>
    private static string ListSeparator(ListStyle style, string culture) =>
        style == ListStyle.Prose && IsJapanese(culture) ? "、" : Separator(style);

    private static bool IsJapanese(string culture) => string.Equals(culture, "ja", StringComparison.OrdinalIgnoreCase);

    private static string Absent(string name, RuleDescriptor descriptor, string culture) =>
        descriptor.Absent.TryGetValue(name, out var wording) ? wording.For(culture) : DefaultAbsent;

    private static string Wording(string name, Enum value, RuleDescriptor descriptor, string culture)
    {
        var member = Enum.GetName(value.GetType(), value)
            ?? throw new ArgumentRenderException($"{{{name}}} is {value.GetType().Name} {Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}, which has no name");
        if (!descriptor.Values.TryGetValue(name, out var values) || !values.TryGetValue(member, out var wording))
        {
            throw new ArgumentRenderException($"the descriptor has no wording for {{{name}}} = {member} (spec.values.{name}.{member})");
        }

        return wording.For(culture);
    }

    private static string Item(string name, ImmutableSortedDictionary<string, MessageArgument> item, RuleDescriptor descriptor, string culture)
    {
        if (!descriptor.Items.TryGetValue(name, out var template))
        {
            throw new ArgumentRenderException($"the descriptor has no item template for {{{name}}} (spec.items.{name})");
        }

        return MessageTemplate.Format(template.For(culture), Render(item, descriptor, culture));
    }
}

internal sealed class ArgumentRenderException(string message) : Exception(message);
