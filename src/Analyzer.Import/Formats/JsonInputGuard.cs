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
    private readonly Stack<int> counts = new();
    private bool inString;
    private bool escaped;
    private int stringLength;
    private int elements;
    private bool valueSeen;
    private int line = 1;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
        {
            Follow((char)c);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        var n = inner.Read(buffer, index, count);
        for (var i = index; i < index + n; i++)
        {
            Follow(buffer[i]);
        }

        return n;
    }

    public override int Read(Span<char> buffer)
    {
        var n = inner.Read(buffer);
        for (var i = 0; i < n; i++)
        {
            Follow(buffer[i]);
        }

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

    private void Follow(char c)
    {
        if (c == '\n')
        {
            line++;
        }

        if (inString)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == '"')
            {
                inString = false;
                return;
            }

            if (++stringLength > JsonLimits.MaxStringLength)
            {
                throw new JsonLimitException(line, ProblemKind.JsonStringTooLong, JsonLimits.MaxStringLength);
            }

            return;
        }

        switch (c)
        {
            case '"':
                inString = true;
                stringLength = 0;
                Element();
                break;
            case '[' or '{':
                Element();
                counts.Push(elements);
                elements = 0;
                valueSeen = false;
                if (counts.Count > JsonLimits.MaxDepth)
                {
                    throw new JsonLimitException(line, ProblemKind.JsonTooDeep, JsonLimits.MaxDepth);
                }

                break;
            case ']' or '}':
                elements = counts.Count > 0 ? counts.Pop() : 0;
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
                if (!char.IsWhiteSpace(c) && !valueSeen)
                {
                    Element();
                }

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
        if (counts.Count > 0 && ++elements > JsonLimits.MaxElements)
        {
            throw new JsonLimitException(line, ProblemKind.JsonTooManyElements, JsonLimits.MaxElements);
        }
    }

}
