using System.Collections.Immutable;

namespace Extls.Rules;

/// <summary>
/// An evaluator that passes values of an enum as an argument (<see cref="MessageArgument.Value{TEnum}"/>) says so here.
/// The engine refuses to start unless the rule's descriptor words every member of the enum, in every language, under
/// <c>spec.values.&lt;argument&gt;</c>, and words nothing else.
/// </summary>
/// <remarks>
/// A property of the evaluator rather than an attribute read by reflection: the members are listed by the generic
/// <see cref="Enum.GetNames{TEnum}"/>, which the compiler sees with its type, so the check reads the same names in a
/// trimmed, natively compiled extls as in the tested one; nothing here depends on metadata being kept.
/// </remarks>
internal interface IWordsEnumValues
{
    IReadOnlyList<MessageValues> EnumValues { get; }
}

/// <summary>One enum argument: its name in the message, the enum's name (for the engine's complaints) and its members.</summary>
internal sealed class MessageValues
{
    private MessageValues(string argument, string enumName, ImmutableArray<string> members)
    {
        Argument = argument;
        EnumName = enumName;
        Members = members;
    }

    public string Argument { get; }

    public string EnumName { get; }

    public ImmutableArray<string> Members { get; }

    /// <summary>The enum is a type argument, not a <see cref="Type"/>: only an enum can be declared, and its names need no reflection.</summary>
    public static MessageValues Of<TEnum>(string argument)
        where TEnum : struct, Enum => new(argument, typeof(TEnum).Name, [.. Enum.GetNames<TEnum>()]);
}
