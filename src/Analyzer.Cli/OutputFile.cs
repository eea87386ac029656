using System.Collections.Immutable;
using Extls.Cli.Commands;
using Extls.Reporting;
using System.Text;

namespace Extls.Cli;

/// <summary>
/// Writes outputs so a reader never sees half a file: write beside the target, then move over it. Every way an
/// output can be wrong (a folder, a parent that cannot be made, no permission, a full disk) is the user's to fix,
/// so it is a usage error (exit 2) that names the path as typed, never an internal error.
/// </summary>
internal static class OutputFile
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>How paths compare on this operating system: Windows and macOS file systems ignore case by default.</summary>
    public static StringComparer PathComparer { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>
    /// Checks before any work is done that <paramref name="full"/> can be written: not a folder, its folder
    /// exists or can be made, and a file can be created in it. A report that could only fail after a long
    /// analysis fails at once instead.
    /// </summary>
    /// <param name="display">The path as the user typed it, for the message.</param>
    public static void Check(string full, string display)
    {
        if (Directory.Exists(full))
        {
            throw new UsageException($"--output '{display}' is a folder; give the name of a file to write (for example {Path.Combine(display, "extls-report")}).",
                $"--output '{display}' はフォルダーです。書き込むファイルの名前を指定してください (例: {Path.Combine(display, "extls-report")})。");
        }

        var folder = Folder(full, display);
        try
        {
            if (File.Exists(full) && File.GetAttributes(full).HasFlag(FileAttributes.ReadOnly))
            {
                throw new UsageException($"--output '{display}' cannot be written: the file is read-only.", $"--output '{display}' に書き込めません。ファイルは読み取り専用です。");
            }

            // The probe is the temporary file the real write would use, so it meets the same permissions.
            var probe = TempPath(folder, full);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--output '{display}' cannot be written: {Reason(e)}", $"--output '{display}' に書き込めません: {ReasonJa(e)}");
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> (named so in messages) through a temporary file beside it.</summary>
    public static void Write(string path, string text) => Write(Path.GetFullPath(path), text, display: path);

    /// <summary>Writes <paramref name="text"/> (LF line ends, UTF-8 without BOM unless <paramref name="encoding"/> says otherwise) to <paramref name="full"/> through a temporary file beside it.</summary>
    public static void Write(string full, string text, string display, Encoding? encoding = null) =>
        Write(full, writer => writer.Write(text.Replace("\r\n", "\n", StringComparison.Ordinal)), display, encoding);

    /// <summary>Streams a writer's output into a temporary file beside <paramref name="full"/> through a buffer, then moves it over the target.</summary>
    public static void Write(string full, Action<TextWriter> write, string display, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Directory.Exists(full))
        {
            throw new UsageException($"'{display}' is a folder; give the name of a file to write.", $"'{display}' はフォルダーです。書き込むファイルの名前を指定してください。");
        }

        var folder = Folder(full, display);
        var temp = TempPath(folder, full);
        try
        {
            using (var writer = new StreamWriter(temp, append: false, encoding ?? Utf8NoBom, bufferSize: 1 << 16) { NewLine = "\n" })
            {
                write(writer);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"'{display}' could not be written, and is left as it was: {Reason(e)}", $"'{display}' に書き込めなかったため、元のままです: {ReasonJa(e)}");
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>The target's folder, made if missing.</summary>
    private static string Folder(string full, string display)
    {
        var folder = Path.GetDirectoryName(full) ?? throw new UsageException($"'{display}' names no file.", $"'{display}' はファイルを指していません。");
        try
        {
            Directory.CreateDirectory(folder);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The folder of '{display}' does not exist and cannot be created: {Reason(e)}", $"'{display}' のフォルダーがなく、作成もできません: {ReasonJa(e)}");
        }
    }

    private static string TempPath(string folder, string full) => Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");

    private static string Reason(Exception e) => e is UnauthorizedAccessException ? "permission denied." : e.Message;

    private static string ReasonJa(Exception e) => e is UnauthorizedAccessException ? "アクセスが拒否されました。" : e.Message;

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The move already failed and was reported; a stray temporary file is the lesser harm.
        }
    }
}

/// <summary>The reports a command writes: each --format paired with its --output, checked before the work and written after it.</summary>
internal static class Outputs
{
    /// <summary>
    /// Pairs each --format with the --output at the same position ('-' is the screen). Refuses two reports on
    /// the screen and two reports in one file, comparing full paths resolved against the working folder with
    /// the operating system's sense of case.
    /// </summary>
    /// <summary>The formats --format names, in their order; the console when none is named.</summary>
    /// <remarks>
    /// An array filled in a loop, not LINQ into a List: the framework's generic code over the ReportFormat enum cannot be
    /// precompiled with this tool (ReadyToRun), so a List of formats cost every start about ten methods compiled at run time.
    /// </remarks>
    public static ReportFormat[] Formats(string[]? texts, Func<string, ReportFormat> parse)
    {
        if (texts is null || texts.Length == 0)
        {
            return [ReportFormat.Console];
        }

        var formats = new ReportFormat[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            formats[i] = parse(texts[i]);
        }

        return formats;
    }

    public static ImmutableArray<OutputTarget> Pair(CliHost host, ReportFormat[] formats, IReadOnlyList<string> outputs)
    {
        if (outputs.Count == 0)
        {
            return formats.Length == 1
                ? [new OutputTarget(formats[0], null)]
                : throw new UsageException($"{formats.Length} formats were asked for but no --output: give one --output FILE per --format, in the same order ('-' for the screen).", $"{formats.Length} 個の形式が指定されましたが --output がありません。--format ごとに --output FILE を同じ順序で指定してください (画面は '-')。");
        }

        if (outputs.Count != formats.Length)
        {
            throw new UsageException($"{formats.Length} --format but {outputs.Count} --output: give one --output per --format, in the same order ('-' for the screen).", $"--format が {formats.Length} 個、--output が {outputs.Count} 個です。--format ごとに --output を同じ順序で指定してください (画面は '-')。");
        }

        // A loop, not Zip: Zip over the formats is generic code over the enum, compiled at run time.
        var pairs = new OutputTarget[formats.Length];
        for (var i = 0; i < formats.Length; i++)
        {
            pairs[i] = new OutputTarget(formats[i], outputs[i] == "-" ? null : outputs[i]);
        }

        var targets = ImmutableArray.Create(pairs);
        if (targets.Count(t => t.Path is null) > 1)
        {
            throw new UsageException("Only one format can go to the screen; give the others an --output file.", "画面に出力できる形式は 1 つだけです。ほかの形式には --output でファイルを指定してください。");
        }

        var duplicate = targets.Where(t => t.Path is not null).GroupBy(t => host.FullPath(t.Path!), OutputFile.PathComparer).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var named = string.Join(" and ", duplicate.Select(t => $"--format {t.Format.Name()} --output '{t.Path}'"));
            throw new UsageException($"{named} name the same file; give each format a file of its own.",
                $"{string.Join("、", duplicate.Select(t => $"--format {t.Format.Name()} --output '{t.Path}'"))} が同じファイルを指しています。形式ごとに別のファイルを指定してください。");
        }

        return targets;
    }

    /// <summary>Fails at once, before any work, on an output that could not be written (<see cref="OutputFile.Check"/>).</summary>
    public static void Check(CliHost host, IEnumerable<OutputTarget> targets)
    {
        foreach (var target in targets.Where(t => t.Path is not null))
        {
            OutputFile.Check(host.FullPath(target.Path!), target.Path!);
        }
    }

    /// <summary>
    /// Streams each report into its file while the progress display runs, then clears it, runs
    /// <paramref name="beforeScreen"/> (messages for stderr) and writes the report for the screen last.
    /// </summary>
    public static void Write(CliHost host, IEnumerable<OutputTarget> targets, ProgressDisplay progress, Action<OutputTarget, TextWriter> write, Action? beforeScreen = null)
    {
        OutputTarget? screen = null;
        foreach (var target in targets)
        {
            if (target.Path is null)
            {
                screen = target;
                continue;
            }

            progress.Phase(ProgressStep.WritingReport, name: target.Format.Name());
            host.Emit(target.Path, output => write(target, output));
        }

        if (screen is not null)
        {
            progress.Phase(ProgressStep.WritingReport, name: screen.Format.Name());
        }

        progress.Stop();
        beforeScreen?.Invoke();
        if (screen is not null)
        {
            host.Emit(null, output => write(screen, output));
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
