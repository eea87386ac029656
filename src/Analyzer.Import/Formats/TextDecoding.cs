using System.Text;
using Extls.Model;

namespace Extls.Import.Formats;

/// <summary>
/// Turns the bytes PowerShell wrote into text, detecting the encoding it used. One decoder for every
/// format (JSON, CSV, CliXml, snapshot files): customers send files written by ConvertTo-Json with `>`,
/// Out-File, Set-Content, Export-Csv and Export-Clixml, so any of UTF-8 (with or without BOM), UTF-16
/// LE/BE and the ANSI code page can arrive under any extension.
/// </summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Windows-1252 is the ANSI code page of the Western locales Set-Content writes in; taking it from the
    // provider directly avoids registering a process-wide encoding provider from a parser.
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? Encoding.Latin1;


    /// <summary>The decoded text, without byte order mark.</summary>
    /// <exception cref="TextEncodingException">When a byte order mark names an encoding the bytes after it are not in.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (ByteOrderMark(bytes) is { } bom)
        {
            Contradiction(bom, bytes[bom.Length..], bytes.Length - bom.Length);
            try
            {
                return bom.Strict.GetString(bytes[bom.Length..]);
            }
            catch (DecoderFallbackException)
            {
                throw new TextEncodingException(ProblemKind.ByteOrderMarkBytesInvalid, bom.Name);
            }
        }

        // Every format starts with ASCII ('[', '{', '"', '#', '<', a letter), so a zero byte beside it betrays
        // UTF-16 that lost its byte order mark (files cut and re-saved by tools).
        if (bytes.Length >= 2 && bytes.Length % 2 == 0)
        {
            if (bytes[0] != 0 && bytes[1] == 0)
            {
                return Encoding.Unicode.GetString(bytes);
            }

            if (bytes[0] == 0 && bytes[1] != 0)
            {
                return Encoding.BigEndianUnicode.GetString(bytes);
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not valid UTF-8: the ANSI code page, which maps every byte.
            return Windows1252.GetString(bytes);
        }
    }

    /// <summary>
    /// A reader over a seekable stream in the encoding <see cref="Decode"/> would detect, without reading it
    /// whole: byte order marks and UTF-16 without one are told from the first bytes. Text without either is
    /// read as strict UTF-8, which throws <see cref="DecoderFallbackException"/> on the first invalid byte; the
    /// caller then reads it again with <paramref name="ansi"/>, the code page <see cref="Decode"/> falls back to.
    /// </summary>
    /// <remarks>
    /// A file of up to <see cref="WholeFileLimit"/> bytes is read and decoded at once into buffers from the shared pool
    /// (<see cref="PooledTextReader"/>); only a larger one is decoded as it is read. A dump is thousands of section files
    /// of a few kilobytes, and a reader's own buffers (the file's size in bytes and again in characters) were a fifth of
    /// what the import allocated. Either way the text is the same: invalid strict UTF-8 throws
    /// <see cref="DecoderFallbackException"/> (here rather than while reading), which the callers handle alike.
    /// </remarks>
    public static TextReader OpenReader(Stream stream, bool ansi)
    {
        Span<byte> head = stackalloc byte[3];
        var read = 0;
        int n;
        while (read < head.Length && (n = stream.Read(head[read..])) > 0)
        {
            read += n;
        }

        head = head[..read];
        var length = stream.Length;
        Encoding encoding;
        int skip;
        if (ByteOrderMark(head) is { } bom)
        {
            // What follows the mark must be in its encoding: every format starts with ASCII.
            Span<byte> next = stackalloc byte[2];
            stream.Seek(bom.Length, SeekOrigin.Begin);
            var got = 0;
            while (got < next.Length && (n = stream.Read(next[got..])) > 0)
            {
                got += n;
            }

            Contradiction(bom, next[..got], length - bom.Length);
            (encoding, skip) = (bom.Strict, bom.Length);
        }
        else
        {
            (encoding, skip) = head switch
            {
                [not 0, 0, ..] when length % 2 == 0 => (Encoding.Unicode, 0),
                [0, not 0, ..] when length % 2 == 0 => (Encoding.BigEndianUnicode, 0),
                _ => (ansi ? Windows1252 : StrictUtf8, 0),
            };
        }

        stream.Seek(skip, SeekOrigin.Begin);
        if (length - skip <= WholeFileLimit)
        {
            using (stream)
            {
                return PooledTextReader.Decode(stream, (int)(length - skip), encoding);
            }
        }

        // Only a file larger than the limit gets here: it is decoded through a 64 KB buffer as it is read.
        var buffer = (int)Math.Clamp(length, 256, 1 << 16);
        return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: buffer, leaveOpen: false);
    }

    /// <summary>Files up to this size are decoded whole into pooled buffers.</summary>
    internal const int WholeFileLimit = 1 << 16;

    private sealed record Bom(string Name, int Length, Encoding Strict, bool Utf16, bool BigEndian);

    private static Bom? ByteOrderMark(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => new Bom("UTF-8", 3, StrictUtf8, false, false),
        // UTF-16 stays lenient: a string PowerShell wrote with a lone surrogate costs that character, not the file.
        [0xFF, 0xFE, ..] => new Bom("UTF-16 LE", 2, Encoding.Unicode, true, false),
        [0xFE, 0xFF, ..] => new Bom("UTF-16 BE", 2, Encoding.BigEndianUnicode, true, true),
        _ => null,
    };

    /// <summary>
    /// A byte order mark that the bytes after it contradict: UTF-16 text behind a UTF-8 mark (a zero byte beside an
    /// ASCII one), UTF-8 or byte-swapped text behind a UTF-16 mark (no zero high byte on the first character), an
    /// odd number of bytes behind a UTF-16 mark. Files that were converted, concatenated or cut by a tool look so.
    /// </summary>
    private static void Contradiction(Bom bom, ReadOnlySpan<byte> next, long remaining)
    {
        var contradicted = bom.Utf16
            ? remaining % 2 != 0 || (next.Length >= 2 && (bom.BigEndian ? next[0] != 0 || next[1] >= 0x80 : next[1] != 0 || next[0] >= 0x80))
            : next.Length >= 2 && (next[0] == 0) != (next[1] == 0);
        if (contradicted)
        {
            throw new TextEncodingException(ProblemKind.ByteOrderMarkTextInvalid, bom.Name);
        }
    }
}

/// <summary>The bytes of a file contradict the encoding its byte order mark names.</summary>
/// <summary>A byte order mark the bytes after it contradict.</summary>
internal sealed class TextEncodingException(ProblemKind kind, string encoding) : Exception(kind + ": " + encoding)
{
    public ProblemKind Kind { get; } = kind;

    /// <summary>The encoding the byte order mark names.</summary>
    public string Encoding { get; } = encoding;
}
