using System.Buffers;
using System.Text;

namespace Extls.Import.Formats;

/// <summary>
/// The decoded text of a small file in a character buffer rented from the shared pool and returned on
/// <see cref="Dispose(bool)"/>: the reader <see cref="TextDecoding.OpenReader"/> gives for the section files of a dump.
/// </summary>
internal sealed class PooledTextReader : TextReader
{
    private char[]? chars;
    private readonly int length;
    private int position;

    private PooledTextReader(char[] chars, int length)
    {
        this.chars = chars;
        this.length = length;
    }

    /// <summary>Reads <paramref name="count"/> bytes from the stream's position and decodes them.</summary>
    /// <exception cref="DecoderFallbackException">When the encoding is strict and the bytes are not in it.</exception>
    public static PooledTextReader Decode(Stream stream, int count, Encoding encoding)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var read = 0;
            int n;
            while (read < count && (n = stream.Read(bytes, read, count - read)) > 0)
            {
                read += n;
            }

            // StreamReader drops its encoding's preamble where it starts reading, even when told not to detect one.
            var preamble = encoding.Preamble;
            var start = preamble.Length > 0 && bytes.AsSpan(0, read).StartsWith(preamble) ? preamble.Length : 0;
            var span = bytes.AsSpan(start, read - start);
            var chars = ArrayPool<char>.Shared.Rent(Math.Max(encoding.GetMaxCharCount(span.Length), 1));
            try
            {
                return new PooledTextReader(chars, encoding.GetChars(span, chars));
            }
            catch
            {
                ArrayPool<char>.Shared.Return(chars);
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public override int Peek() => chars is not null && position < length ? chars[position] : -1;

    public override int Read() => chars is not null && position < length ? chars[position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (chars is null)
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, length - position);
        chars.AsSpan(position, n).CopyTo(buffer);
        position += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (chars is not null)
        {
            ArrayPool<char>.Shared.Return(chars);
            chars = null;
        }

        base.Dispose(disposing);
    }
}
