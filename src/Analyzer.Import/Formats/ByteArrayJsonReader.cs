using Newtonsoft.Json;

namespace Extls.Import.Formats;

/// <summary>
/// A JSON reader that hands a certificate's bytes to the tree as one value. Windows PowerShell writes a
/// byte[] (RawData, msExchServerInternalTLSCert) as an array of numbers, one a line: read into a tree, that is
/// a JValue, its line annotation and a list slot per byte, thousands per certificate, only for the mapper to
/// copy them into a byte array again. This reader collects such an array straight into bytes and gives it as a
/// single <see cref="JsonToken.Bytes"/> token, located where the array opens, so the tree holds a
/// <c>JValue</c> of <see cref="Newtonsoft.Json.Linq.JTokenType.Bytes"/> instead.
/// </summary>
/// <remarks>
/// Only arrays inside a property named in <see cref="IsByteProperty"/> (at any depth below it, so PowerShell's
/// {"value": […]} wrapper and ADSI's array of values are included) are collected; every other array reaches
/// the tree as it is. An array that turns out not to be bytes (a number out of range, a string, an empty
/// array) is replayed token by token with each token's own line, so the tree is exactly what a plain reader
/// builds and the mapper reports it as before. Faults in the text are the underlying reader's own: its state
/// (path, line, depth) is never changed, only what the tree sees while an array is replayed.
/// </remarks>
internal sealed class ByteArrayJsonReader : JsonTextReader, IJsonLineInfo
{
    // What an array read so far holds, and where each number was: one set per thread, as a reader is read by one
    // thread at a time and a load opens thousands of readers (buffers of their own would cost more than the bytes).
    [ThreadStatic]
    private static byte[]? bytes;

    [ThreadStatic]
    private static int[]? lines;

    [ThreadStatic]
    private static int[]? positions;

    // The tokens still to hand the tree, from replayNext up to replayCount: an array, not a Queue<Pending>, whose code
    // is compiled at run time on every start (ReadyToRun cannot precompile a framework generic over a struct).
    private Pending[]? replay;
    private int replayNext;
    private int replayCount;

    // Depth of the byte property being read, or -1 outside one.
    private int byteProperty = -1;

    // The token the tree sees instead of the underlying reader's; none when they are the same.
    private Pending? shown;

    // The outer array of an array of arrays was shown: the underlying reader stands on the inner one.
    private bool innerArrayNext;

    public ByteArrayJsonReader(TextReader reader)
        : base(reader)
    {
    }

    /// <summary>The properties whose arrays are collected: the certificate bytes of Get-ExchangeCertificate and of AD.</summary>
    public static bool IsByteProperty(string name) =>
        name.Equals("RawData", StringComparison.OrdinalIgnoreCase) || name.Equals("msExchServerInternalTLSCert", StringComparison.OrdinalIgnoreCase);

    public override JsonToken TokenType => shown is { } s ? s.Type : base.TokenType;

    public override object? Value => shown is { } s ? s.Value : base.Value;

    public override Type? ValueType => shown is { } s ? s.Value?.GetType() : base.ValueType;

    int IJsonLineInfo.LineNumber => shown is { } s ? s.Line : LineNumber;

    int IJsonLineInfo.LinePosition => shown is { } s ? s.Position : LinePosition;

    bool IJsonLineInfo.HasLineInfo() => shown is not null || HasLineInfo();

    public override bool Read()
    {
        if (replayNext < replayCount)
        {
            var next = replay![replayNext++];
            shown = next.Kind == PendingKind.Token ? next : null;
            return next.Kind != PendingKind.End;
        }

        shown = null;
        if (innerArrayNext)
        {
            innerArrayNext = false;
            return Collect();
        }

        if (!base.Read())
        {
            return false;
        }

        var type = base.TokenType;
        if (type == JsonToken.PropertyName)
        {
            // A property inside the byte property's value (PowerShell's "value") keeps it; any other ends it.
            if (byteProperty < 0 || Depth <= byteProperty)
            {
                byteProperty = IsByteProperty((string)base.Value!) ? Depth : -1;
            }

            return true;
        }

        if (byteProperty >= 0 && Depth < byteProperty)
        {
            byteProperty = -1;
        }

        return type == JsonToken.StartArray && byteProperty >= 0 ? Collect() : true;
    }

    /// <summary>The underlying reader stands on an array's start: collect it as bytes, or replay it as read.</summary>
    private bool Collect()
    {
        bytes ??= new byte[4096];
        lines ??= new int[bytes.Length];
        positions ??= new int[bytes.Length];
        var line = LineNumber;
        var position = LinePosition;
        var count = 0;
        while (true)
        {
            if (!base.Read())
            {
                // The text ends inside the array: the tree gets what was read, then the end, and reports it.
                Replay(count, line, position, PendingKind.End);
                return true;
            }

            var type = base.TokenType;
            if (type == JsonToken.Comment)
            {
                continue;
            }

            if (type == JsonToken.Integer && base.Value is long b && b is >= 0 and <= 255)
            {
                Add(count++, (byte)b);
                continue;
            }

            if (type == JsonToken.EndArray && count > 0)
            {
                shown = new Pending(PendingKind.Token, JsonToken.Bytes, bytes!.AsSpan(0, count).ToArray(), line, position);
                return true;
            }

            if (type == JsonToken.StartArray && count == 0)
            {
                // An array of values (ADSI's multi-valued attribute): the outer array as it is, each inner one collected.
                shown = new Pending(PendingKind.Token, JsonToken.StartArray, null, line, position);
                innerArrayNext = true;
                return true;
            }

            // Not bytes: the tree gets the array as it was read, up to the token the reader stands on.
            Replay(count, line, position, PendingKind.Current);
            return true;
        }
    }

    // Called only once every replayed token was read (Read replays before it reads on).
    private void Replay(int count, int line, int position, PendingKind last)
    {
        if (replay is null || replay.Length < count + 1)
        {
            replay = new Pending[Math.Max(count + 1, 2 * (replay?.Length ?? 8))];
        }

        for (var i = 0; i < count; i++)
        {
            replay[i] = new Pending(PendingKind.Token, JsonToken.Integer, (long)bytes![i], lines![i], positions![i]);
        }

        replay[count] = new Pending(last, JsonToken.None, null, 0, 0);
        replayNext = 0;
        replayCount = count + 1;
        shown = new Pending(PendingKind.Token, JsonToken.StartArray, null, line, position);
    }

    private void Add(int index, byte value)
    {
        if (index == bytes!.Length)
        {
            Array.Resize(ref bytes, bytes.Length * 2);
            Array.Resize(ref lines, bytes.Length);
            Array.Resize(ref positions, bytes.Length);
        }

        bytes[index] = value;
        lines![index] = LineNumber;
        positions![index] = LinePosition;
    }

    private enum PendingKind
    {
        /// <summary>A token read earlier, shown with its own line.</summary>
        Token,

        /// <summary>The token the underlying reader stands on.</summary>
        Current,

        /// <summary>The end of the text.</summary>
        End,
    }

    private readonly record struct Pending(PendingKind Kind, JsonToken Type, object? Value, int Line, int Position);
}
