using System.Collections.Immutable;
using Extls.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Formats;

/// <summary>Reads a section written by ConvertTo-Json, whatever encoding the shell used.</summary>
public sealed class JsonSectionParser : ISectionParser
{
    public string Extension => ".json";

    public ParsedSection Parse(ReadOnlyMemory<byte> content, string file)
    {
        var text = TextDecoding.Decode(content.Span);
        return ParseText(text, file, certificateBytes: true);
    }

    /// <param name="certificateBytes">
    /// Whether certificate bytes written as arrays of numbers become one bytes value each (<see cref="ByteArrayJsonReader"/>):
    /// for the collectors' section files, not for extls's own snapshot files.
    /// </param>
    internal static ParsedSection ParseText(string text, string file, bool certificateBytes = false)
    {
        // ConvertTo-Json of an empty pipeline writes nothing at all: that is "no results", not an error.
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ParsedSection(new JArray(), ImmutableArray<ImportProblem>.Empty);
        }

        try
        {
            var input = new JsonInputGuard(new StringReader(text));
            using var reader = certificateBytes ? new ByteArrayJsonReader(input) : new JsonTextReader(input);
            reader.MaxDepth = JsonLimits.MaxDepth + 1;
            reader.ArrayPool = JsonCharPool.Instance;
            reader.PropertyNameTable = JsonNames.Shared;

            // Dates stay raw strings: the mapper knows every PowerShell date form, Json.NET does not.
            reader.DateParseHandling = DateParseHandling.None;
            reader.FloatParseHandling = FloatParseHandling.Decimal;
            var settings = new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                CommentHandling = CommentHandling.Ignore,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
            };
            var root = JToken.ReadFrom(reader, settings);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    return new ParsedSection(null, [new ImportProblem(file, reader.LineNumber, "$", ProblemKind.ContentAfterJson)]);
                }
            }

            return new ParsedSection(root, ImmutableArray<ImportProblem>.Empty);
        }
        catch (JsonReaderException ex)
        {
            return new ParsedSection(null, [new ImportProblem(file, ex.LineNumber, TokenLocation.PathOf(ex.Path), ProblemKind.MalformedJson, new() { Detail = FirstSentence(ex.Message) })]);
        }
        catch (JsonLimitException ex)
        {
            return new ParsedSection(null, [new ImportProblem(file, ex.Line, "$", ex.Kind, new() { Limit = ex.Limit })]);
        }
    }

    // Json.NET appends "Path '…', line n, position m." which the problem already carries.
    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path '", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
