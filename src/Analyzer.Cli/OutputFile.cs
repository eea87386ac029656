using System.Text;

namespace Extls.Cli;

/// <summary>Writes outputs so a reader never sees half a file: write beside the target, then move over it.</summary>
internal static class OutputFile
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text) =>
        Write(path, writer => writer.Write(text.Replace("\r\n", "\n", StringComparison.Ordinal)));

    /// <summary>Streams a writer's output into the file through a buffer: the text is never held whole.</summary>
    public static void Write(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temp, append: false, Utf8NoBom, bufferSize: 1 << 16) { NewLine = "\n" })
            {
                write(writer);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}

/// <summary>
/// Gathers small writes into large ones before passing them on: the console writer flushes on every
/// write, and a report written token by token would otherwise be one system call per token.
/// </summary>
internal sealed class ChunkedWriter(TextWriter inner) : TextWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    private readonly char[] buffer = new char[1 << 16];
    private int used;

    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => "\n";
        set { }
    }

    public override void Write(char value)
    {
        if (used == buffer.Length)
        {
            Flush();
        }

        buffer[used++] = value;
    }

    public override void Write(char[] chars, int index, int count) => Write(chars.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> chars)
    {
        while (chars.Length > 0)
        {
            if (used == buffer.Length)
            {
                Flush();
            }

            var n = Math.Min(chars.Length, buffer.Length - used);
            chars[..n].CopyTo(buffer.AsSpan(used));
            used += n;
            chars = chars[n..];
        }
    }

    public override void Flush()
    {
        if (used > 0)
        {
            inner.Write(buffer, 0, used);
            used = 0;
        }

        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
