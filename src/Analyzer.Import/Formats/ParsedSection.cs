using System.Collections.Immutable;
using Extls.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Formats;

/// <summary>
/// The shape every section file format is read into before mapping: a JSON-like tree
/// (JSON as written; CSV and CliXml translated), so that one mapper handles every PowerShell quirk
/// (dates, enums as numbers or names, "{a, b}", "System.Object[]") whatever the file format.
/// </summary>
/// <param name="Root">The tree, or null when the file could not be read at all.</param>
/// <param name="Problems">Everything wrong with the file, each with file, line and JSON path.</param>
public sealed record ParsedSection(JToken? Root, ImmutableArray<ImportProblem> Problems);

/// <summary>Reads one section file format (chosen by extension) into a <see cref="ParsedSection"/>.</summary>
public interface ISectionParser
{
    /// <summary>File extension handled, with the dot: ".json", ".csv", ".xml".</summary>
    string Extension { get; }

    /// <param name="content">The file's bytes (any encoding; the parser detects it).</param>
    /// <param name="file">The file's path relative to the dump root, for locations.</param>
    ParsedSection Parse(ReadOnlyMemory<byte> content, string file);
}

/// <summary>
/// Line of a token in its source file, for formats whose tokens are built by hand (CSV rows,
/// CliXml elements). JSON tokens carry their own line through <see cref="IJsonLineInfo"/>.
/// </summary>
public sealed class SourceLineAnnotation(int line)
{
    public int Line { get; } = line;
}

/// <summary>The JSON path ("$[17]") of an entry that was read on its own, out of a file streamed entry by entry.</summary>
public sealed class ItemPathAnnotation(string path)
{
    public string Path { get; } = path;
}

public static class TokenLocation
{
    /// <summary>The 1-based line of a token: its annotation, else its JSON line info, else its nearest ancestor's.</summary>
    public static int LineOf(JToken token)
    {
        for (JToken? t = token; t is not null; t = t.Parent)
        {
            if (t.Annotation<SourceLineAnnotation>() is { } a)
            {
                return a.Line;
            }

            if (t is IJsonLineInfo info && info.HasLineInfo())
            {
                return info.LineNumber;
            }
        }

        return 0;
    }

    /// <summary>JSON path of a token, "$" for the root, "$[0].AuthMechanism" below it.</summary>
    public static string PathOf(JToken token)
    {
        // An entry read on its own from a streamed file knows its place in the file from its annotation.
        var root = token;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        if (root.Annotation<ItemPathAnnotation>() is not { } item)
        {
            return PathOf(token.Path);
        }

        var relative = token.Path;
        return relative.Length == 0 ? item.Path : relative.StartsWith('[') ? item.Path + relative : item.Path + "." + relative;
    }

    /// <summary>A Newtonsoft path ("[0].AuthMechanism", as tokens and reader errors give it) written from "$".</summary>
    internal static string PathOf(string? newtonsoftPath) =>
        string.IsNullOrEmpty(newtonsoftPath) ? "$" : newtonsoftPath.StartsWith('[') ? "$" + newtonsoftPath : "$." + newtonsoftPath;

    public static SourceLocation Of(JToken token, string file) => new(file, LineOf(token), PathOf(token));
}
