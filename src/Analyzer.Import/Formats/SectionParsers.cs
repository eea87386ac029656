using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Import.Formats;

/// <summary>
/// Every <see cref="ISectionParser"/> of this assembly, written out in <see cref="Create"/>: listing the assembly's
/// types by reflection would load every library their fields name (NJsonSchema among them) on every load of a dump,
/// and a native build keeps no such list. A test compares this list with every parser type the assembly holds, found
/// by reflection in the test, so a new format cannot be left out.
/// </summary>
internal static class SectionParsers
{
    /// <summary>When a section exists in several formats, the first present wins: JSON keeps types best, CSV worst.</summary>
    public static readonly ImmutableArray<string> PreferenceOrder = [".json", ".xml", ".csv"];

    private static readonly Lazy<IReadOnlyDictionary<string, ISectionParser>> All = new(Discover);

    public static IReadOnlyDictionary<string, ISectionParser> ByExtension => All.Value;

    private static readonly Lazy<string[]> Ordered = new(() =>
        [.. PreferenceOrder.Where(ByExtension.ContainsKey)
            .Concat(ByExtension.Keys.Where(e => !PreferenceOrder.Contains(e, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))]);

    /// <summary>Extensions to look for, preferred first; formats outside the preference list come last, by name.</summary>
    /// <remarks>Worked out once: every section of every server asks (4,000 times at 1,000 servers).</remarks>
    public static IReadOnlyList<string> Extensions => Ordered.Value;

    /// <summary>One of each parser, by the full name of its type.</summary>
    internal static ISectionParser[] Create() => [new CliXmlSectionParser(), new CsvSectionParser(), new JsonSectionParser()];

    private static IReadOnlyDictionary<string, ISectionParser> Discover()
    {
        var map = new Dictionary<string, ISectionParser>(StringComparer.OrdinalIgnoreCase);
        foreach (var parser in Create())
        {
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
        catch (TextEncodingException ex)
        {
            return new ParsedSection(null, [new ImportProblem(file, 0, "$", ex.Kind, new() { Name = ex.Encoding })]);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ParsedSection(null, [new ImportProblem(file, 0, "$", ProblemKind.CannotRead, new() { Detail = ex.Message })]);
        }
    }
}
