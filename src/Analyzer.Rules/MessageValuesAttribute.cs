namespace Extls.Rules;

/// <summary>
/// Declares that an evaluator passes values of <paramref name="enumType"/> as the argument
/// <paramref name="argument"/> (<see cref="MessageArgument.Value{TEnum}"/>). The engine refuses to start
/// unless the rule's descriptor words every member of the enum, in every language, under
/// <c>spec.values.&lt;argument&gt;</c>, and words nothing else.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
internal sealed class MessageValuesAttribute(string argument, Type enumType) : Attribute
{
    public string Argument { get; } = argument;

    public Type EnumType { get; } = enumType;
}
