using System.Buffers;
using Extls.Model;

namespace Extls.Import.Formats;

/// <summary>
/// The bounds a JSON input is held to, far above anything Exchange or PowerShell writes: a hostile or broken
/// file is refused with its line and path before it can cost more than a few megabytes or a few seconds.
/// </summary>
internal static class JsonLimits
{
    /// <summary>
    /// Characters in one string. The longest strings of a dump are certificates' RawData in base64 (a few
    /// kilobytes; a certificate with thousands of names stays under 200 KB); names Exchange bounds to 64–255.
    /// </summary>
    public const int MaxStringLength = 1 << 20;

    /// <summary>
    /// Elements of one array or properties of one object. The largest are Windows PowerShell's byte arrays
    /// (one number per byte of a certificate) and the entries of a section (a store of a few hundred certificates).
    /// </summary>
    public const int MaxElements = 200_000;

    /// <summary>Nesting. ConvertTo-Json stops at -Depth, at most 100.</summary>
    public const int MaxDepth = 128;
}

/// <summary>Thrown by <see cref="JsonInputGuard"/> when the text passes a bound of <see cref="JsonLimits"/>.</summary>
internal sealed class JsonLimitException(int line, ProblemKind kind, long limit) : Exception(kind + ": " + limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
{
    public int Line { get; } = line;

    public ProblemKind Kind { get; } = kind;

    public long Limit { get; } = limit;
}

/// <summary>
/// A reader in front of Json.NET's that follows the text lexically (strings, escapes, containers) and stops it
/// at a bound of <see cref="JsonLimits"/>. Json.NET buffers a whole string token before it hands it on and
/// counts no elements, so a 100 MB string or a million-element array would be held in memory whole; this
/// refuses them while they are read. It never decides what the JSON means: Json.NET still parses it.
/// </summary>
internal sealed class JsonInputGuard(TextReader inner) : TextReader
{
    // What ends a run of characters that changes nothing: inside a string, its end or an escape; after a value's first
    // character, the next structural character; before it, anything that is not white space (as char.IsWhiteSpace says).
    private static readonly SearchValues<char> StringEnds = SearchValues.Create("\"\\");

    private static readonly SearchValues<char> Structural = SearchValues.Create("\"[]{},:");

    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(WhiteSpaceChars);

    // Every character char.IsWhiteSpace accepts, written out (a test checks it against all 65,536): computing the set on
    // every start ran LINQ over value types, compiled at run time.
    internal const string WhiteSpaceChars =
        "\u0009\u000A\u000B\u000C\u000D\u0020\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";

    // The element counts of the enclosing containers, innermost last: an array, not a Stack<int>, whose code is compiled
    // at run time on every start (ReadyToRun cannot precompile a framework generic over a struct). Bounded by the depth limit.
    private readonly int[] counts = new int[JsonLimits.MaxDepth + 1];
    private int depth;
    private bool inString;
    private bool escaped;
    private int stringLength;
    private int elements;
    private bool valueSeen;

    // The line at the start of the text not yet followed.
    private int line = 1;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
        {
            var one = (char)c;
            Follow(new ReadOnlySpan<char>(in one));
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        var n = inner.Read(buffer, index, count);
        Follow(buffer.AsSpan(index, Math.Max(n, 0)));
        return n;
    }

    public override int Read(Span<char> buffer)
    {
        var n = inner.Read(buffer);
        Follow(buffer[..Math.Max(n, 0)]);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Follows a block of text: runs that change no state (the inside of strings, white space, the rest of a number
    /// or literal) are skipped with vectorised searches, the characters between them are followed one at a time.
    /// </summary>
    private void Follow(ReadOnlySpan<char> text)
    {
        var i = 0;
        try
        {
            while (i < text.Length)
            {
                if (inString)
                {
                    if (escaped)
                    {
                        escaped = false;
                        Count(1);
                        i++;
                        continue;
                    }

                    var end = text[i..].IndexOfAny(StringEnds);
                    var run = end < 0 ? text.Length - i : end;
                    if (stringLength + run > JsonLimits.MaxStringLength)
                    {
                        i += JsonLimits.MaxStringLength - stringLength;
                        Count(run);
                    }

                    stringLength += run;
                    i += run;
                    if (end < 0)
                    {
                        break;
                    }

                    if (text[i] == '\\')
                    {
                        escaped = true;
                        Count(1);
                    }
                    else
                    {
                        inString = false;
                    }

                    i++;
                    continue;
                }

                var next = valueSeen ? text[i..].IndexOfAny(Structural) : text[i..].IndexOfAnyExcept(WhiteSpace);
                if (next < 0)
                {
                    break;
                }

                i += next;
                Follow(text[i]);
                i++;
            }
        }
        catch (JsonLimitException ex)
        {
            // The line of the character that passed the bound, counted as far as it.
            throw new JsonLimitException(line + text[..(i + 1)].Count('\n'), ex.Kind, ex.Limit);
        }

        line += text.Count('\n');
    }

    private void Count(int n)
    {
        stringLength += n;
        if (stringLength > JsonLimits.MaxStringLength)
        {
            throw new JsonLimitException(0, ProblemKind.JsonStringTooLong, JsonLimits.MaxStringLength);
        }
    }

    // A character outside strings that is structural, or the first of a value.
    private void Follow(char c)
    {
        switch (c)
        {
            case '"':
                inString = true;
                stringLength = 0;
                Element();
                break;
            case '[' or '{':
                Element();
                if (depth == JsonLimits.MaxDepth)
                {
                    throw new JsonLimitException(0, ProblemKind.JsonTooDeep, JsonLimits.MaxDepth);
                }

                counts[depth++] = elements;
                elements = 0;
                valueSeen = false;

                break;
            case ']' or '}':
                elements = depth > 0 ? counts[--depth] : 0;
                valueSeen = true;
                break;
            case ',':
                valueSeen = false;
                break;
            case ':':
                // The value of a property is part of the same element as its name.
                valueSeen = true;
                break;
            default:
                Element();
                break;
        }
    }

    // Counts an element of the innermost container when its first character is read.
    private void Element()
    {
        if (valueSeen)
        {
            return;
        }

        valueSeen = true;
        if (depth > 0 && ++elements > JsonLimits.MaxElements)
        {
            throw new JsonLimitException(0, ProblemKind.JsonTooManyElements, JsonLimits.MaxElements);
        }
    }
}
