using Extls.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Formats;

/// <summary>
/// Reads a section file written by ConvertTo-Json one result object at a time, so a file of hundreds of
/// megabytes is never one string or one tree: only the entry being mapped is. Each entry keeps its line
/// (from the one reader over the file) and its JSON path ("$[17]", through <see cref="ItemPathAnnotation"/>).
/// </summary>
/// <remarks>
/// An array at the top is streamed entry by entry. An object at the top (a single result, or PowerShell's
/// {"value": […], "Count": n} wrapper) is read as one tree, as is the manifest; ConvertTo-Json writes
/// many results as an array. A file that is not well-formed JSON sets <see cref="Failure"/> (file, line and
/// path of the fault) and ends the entries: the section is then unreadable, as the tree reader made it.
/// </remarks>
internal sealed class JsonSectionStream : IDisposable
{
    private static readonly JsonLoadSettings LoadSettings = new()
    {
        LineInfoHandling = LineInfoHandling.Load,
        CommentHandling = CommentHandling.Ignore,
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
    };

    private readonly JsonTextReader reader;
    private readonly string file;
    private State state = State.Start;
    private int index;

    /// <param name="certificateBytes">Whether certificate bytes written as arrays of numbers become one bytes value each (<see cref="ByteArrayJsonReader"/>).</param>
    public JsonSectionStream(TextReader text, string file, bool certificateBytes = false)
    {
        this.file = file;
        var input = new JsonInputGuard(text);
        reader = certificateBytes ? new ByteArrayJsonReader(input) : new JsonTextReader(input);
        reader.MaxDepth = JsonLimits.MaxDepth + 1;
        reader.ArrayPool = JsonCharPool.Instance;
        reader.PropertyNameTable = JsonNames.Shared;

        // Dates stay raw strings: the mapper knows every PowerShell date form, Json.NET does not.
        reader.DateParseHandling = DateParseHandling.None;
        reader.FloatParseHandling = FloatParseHandling.Decimal;
    }

    private enum State
    {
        Start,
        InArray,
        Done,
    }

    /// <summary>Why the file cannot be read, once an entry or the end showed it; null while it reads well.</summary>
    public ImportProblem? Failure { get; private set; }

    /// <summary>
    /// The next top-level value: an entry of the array at the top, or the whole value when the top is not
    /// an array; null at the end of the file or on a failure.
    /// </summary>
    public JToken? Next()
    {
        try
        {
            switch (state)
            {
                case State.Start:
                    if (!ReadToken())
                    {
                        // ConvertTo-Json of an empty pipeline writes nothing at all: that is "no results", not an error.
                        state = State.Done;
                        return null;
                    }

                    if (reader.TokenType == JsonToken.StartArray)
                    {
                        state = State.InArray;
                        return Next();
                    }

                    state = State.Done;
                    var root = JToken.ReadFrom(reader, LoadSettings);
                    CheckEnd();
                    return Failure is null ? root : null;

                case State.InArray:
                    if (!ReadToken())
                    {
                        throw new JsonReaderException("Unexpected end of the file inside the array.", reader.Path, reader.LineNumber, reader.LinePosition, null);
                    }

                    if (reader.TokenType == JsonToken.EndArray)
                    {
                        state = State.Done;
                        CheckEnd();
                        return null;
                    }

                    var entry = JToken.ReadFrom(reader, LoadSettings);
                    entry.AddAnnotation(new ItemPathAnnotation("$[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"));
                    index++;
                    return entry;

                default:
                    return null;
            }
        }
        catch (JsonReaderException ex)
        {
            Fail(ex.LineNumber, TokenLocation.PathOf(ex.Path), ProblemKind.MalformedJson, new() { Detail = FirstSentence(ex.Message) });
            return null;
        }
        catch (JsonLimitException ex)
        {
            Fail(ex.Line, TokenLocation.PathOf(reader.Path), ex.Kind, new() { Limit = ex.Limit });
            return null;
        }
    }

    /// <summary>Whether the top-level value is an array streamed entry by entry (known after the first <see cref="Next"/>).</summary>
    public bool IsArray { get; private set; }

    /// <summary>Reads what the mapping left, so that a fault or trailing content anywhere in the file is found.</summary>
    public void Finish()
    {
        while (Failure is null && state != State.Done && Next() is not null)
        {
        }
    }

    public void Dispose() => ((IDisposable)reader).Dispose();

    private bool ReadToken()
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                if (state == State.Start && reader.TokenType == JsonToken.StartArray)
                {
                    IsArray = true;
                }

                return true;
            }
        }

        return false;
    }

    private void CheckEnd()
    {
        if (ReadToken())
        {
            Fail(reader.LineNumber, "$", ProblemKind.ContentAfterJson, ProblemArguments.None);
        }
    }

    private void Fail(int line, string path, ProblemKind kind, ProblemArguments arguments)
    {
        state = State.Done;
        Failure ??= new ImportProblem(file, line, path, kind, arguments);
    }

    // Json.NET appends "Path '…', line n, position m." which the problem already carries.
    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path '", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
