using System.Text;

namespace Extls.Redaction.Formats;

/// <summary>
/// The encoding a file was written in, detected the way the importer detects it (byte order marks, UTF-16 that lost
/// its mark, strict UTF-8, else the ANSI code page), so a redacted file is written back in the same encoding with the
/// same mark: a UTF-16 file stays UTF-16, an ANSI file stays ANSI.
/// </summary>
internal sealed class TextCodec
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding Utf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    private TextCodec(Encoding encoding, byte[] mark, string name)
    {
        Encoding = encoding;
        Mark = mark;
        Name = name;
    }

    public Encoding Encoding { get; }

    /// <summary>The byte order mark the file started with (empty when none).</summary>
    public byte[] Mark { get; }

    public string Name { get; }

    public static (TextCodec Codec, string Text) Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new TextCodec(Encoding.UTF8, [0xEF, 0xBB, 0xBF], "UTF-8 with BOM"), Encoding.UTF8.GetString(span[3..]));
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new TextCodec(Utf16Le, [0xFF, 0xFE], "UTF-16 LE"), Utf16Le.GetString(span[2..]));
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new TextCodec(Utf16Be, [0xFE, 0xFF], "UTF-16 BE"), Utf16Be.GetString(span[2..]));
        }

        if (bytes.Length >= 2 && bytes.Length % 2 == 0)
        {
            if (bytes[0] != 0 && bytes[1] == 0)
            {
                return (new TextCodec(Utf16Le, [], "UTF-16 LE without BOM"), Utf16Le.GetString(span));
            }

            if (bytes[0] == 0 && bytes[1] != 0)
            {
                return (new TextCodec(Utf16Be, [], "UTF-16 BE without BOM"), Utf16Be.GetString(span));
            }
        }

        try
        {
            return (new TextCodec(Utf8, [], "UTF-8"), Utf8.GetString(span));
        }
        catch (DecoderFallbackException)
        {
            return (new TextCodec(Windows1252, [], "Windows-1252"), Windows1252.GetString(span));
        }
    }

    public byte[] Encode(string text)
    {
        var body = Encoding.GetBytes(text);
        if (Mark.Length == 0)
        {
            return body;
        }

        var result = new byte[Mark.Length + body.Length];
        Mark.CopyTo(result, 0);
        body.CopyTo(result, Mark.Length);
        return result;
    }
}
