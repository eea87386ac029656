using System.Text;

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
    public static StreamReader OpenReader(Stream stream, bool ansi)
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
        (Encoding encoding, int skip) = head switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            [not 0, 0, ..] when length % 2 == 0 => (Encoding.Unicode, 0),
            [0, not 0, ..] when length % 2 == 0 => (Encoding.BigEndianUnicode, 0),
            _ => (ansi ? Windows1252 : StrictUtf8, 0),
        };

        stream.Seek(skip, SeekOrigin.Begin);
        // Most section files are a few kilobytes: a buffer the size of the file, up to 64 KB, not 64 KB each.
        var buffer = (int)Math.Clamp(length, 256, 1 << 16);
        return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: buffer, leaveOpen: false);
    }
}
