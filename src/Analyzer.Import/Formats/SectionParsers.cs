using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Import.Formats;

/// <summary>
/// Every <see cref="ISectionParser"/> in this assembly, found by reflection so that a new format
/// plugs in by adding its class, with nothing to register by hand.
/// </summary>
internal static class SectionParsers
{
    /// <summary>When a section exists in several formats, the first present wins: JSON keeps types best, CSV worst.</summary>
    public static readonly ImmutableArray<string> PreferenceOrder = [".json", ".xml", ".csv"];

    private static readonly Lazy<IReadOnlyDictionary<string, ISectionParser>> All = new(Discover);

    public static IReadOnlyDictionary<string, ISectionParser> ByExtension => All.Value;

    /// <summary>Extensions to look for, preferred first; formats outside the preference list come last, by name.</summary>
    public static IEnumerable<string> Extensions =>
        PreferenceOrder.Where(ByExtension.ContainsKey)
            .Concat(ByExtension.Keys.Where(e => !PreferenceOrder.Contains(e, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));

    private static IReadOnlyDictionary<string, ISectionParser> Discover()
    {
        var map = new Dictionary<string, ISectionParser>(StringComparer.OrdinalIgnoreCase);
        var types = typeof(SectionParsers).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISectionParser).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            var parser = (ISectionParser)Activator.CreateInstance(type)!;
            map.TryAdd(parser.Extension, parser);
        }

        return map;
    }

    /// <summary>Parses with the parser's own problems; a parser that throws is a problem, not a crash.</summary>
    public static ParsedSection Parse(ISectionParser parser, byte[] content, string file)
    {
        try
        {
            return parser.Parse(content, file);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ParsedSection(null, [new ImportProblem(file, 0, "$", $"Cannot read the file: {ex.Message}")]);
        }
    }
}
