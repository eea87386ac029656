using System.Collections.Immutable;
using System.Text;
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
        return ParseText(text, file);
    }

    internal static ParsedSection ParseText(string text, string file)
    {
        // ConvertTo-Json of an empty pipeline writes nothing at all: that is "no results", not an error.
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ParsedSection(new JArray(), ImmutableArray<ImportProblem>.Empty);
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                // Dates stay raw strings: the mapper knows every PowerShell date form, Json.NET does not.
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
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
                    return new ParsedSection(null, [new ImportProblem(file, reader.LineNumber, "$", "Unexpected content after the end of the JSON value.")]);
                }
            }

            return new ParsedSection(root, ImmutableArray<ImportProblem>.Empty);
        }
        catch (JsonReaderException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.StartsWith('[') ? "$" + ex.Path : "$." + ex.Path;
            return new ParsedSection(null, [new ImportProblem(file, ex.LineNumber, path, "Malformed JSON: " + FirstSentence(ex.Message))]);
        }
    }

    // Json.NET appends "Path '…', line n, position m." which the problem already carries.
    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path '", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}

/// <summary>Turns the bytes PowerShell wrote into text, detecting the encoding it used.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Ansi = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        // UTF-16 without a BOM still shows itself: JSON and CSV start with ASCII, so every other byte is zero.
        if (bytes.Length >= 2 && bytes[0] != 0 && bytes[1] == 0)
        {
            return Encoding.Unicode.GetString(bytes);
        }

        if (bytes.Length >= 2 && bytes[0] == 0 && bytes[1] != 0)
        {
            return Encoding.BigEndianUnicode.GetString(bytes);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not valid UTF-8: Windows PowerShell's Set-Content wrote the ANSI code page.
            return Ansi.Value.GetString(bytes);
        }
    }
}
