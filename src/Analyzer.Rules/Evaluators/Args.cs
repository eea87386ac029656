using System.Collections.Immutable;

namespace Extls.Rules.Evaluators;

/// <summary>Builds a diagnostic's arguments. Values stay typed (<see cref="MessageArgument"/>); the engine renders them.</summary>
internal static class Args
{
    /// <summary>Arguments by placeholder name; a repeated name keeps its last value.</summary>
    public static ImmutableSortedDictionary<string, MessageArgument> Of(params (string Key, MessageArgument Value)[] pairs)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, MessageArgument>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            builder[key] = value;
        }

        return builder.ToImmutable();
    }
}
