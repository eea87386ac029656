using Extls.Reporting;

namespace Extls.Cli;

/// <summary>Everything a command touches outside itself: the streams, the environment and the libraries.</summary>
/// <param name="OutputRedirected">Stdout is a file or a pipe: no colour, fixed width.</param>
/// <param name="ConsoleWidth">Columns of the terminal, or a fixed width when redirected.</param>
/// <param name="Environment">Reads an environment variable (NO_COLOR, EXTLS_DEBUG).</param>
/// <param name="WorkingDirectory">Where relative paths start.</param>
internal sealed record CliHost(
    TextWriter Out,
    TextWriter Error,
    bool OutputRedirected,
    int ConsoleWidth,
    Func<string, string?> Environment,
    string WorkingDirectory,
    IExtlsServices Services)
{
    public const int DefaultWidth = 120;

    /// <summary>Stderr is an interactive terminal, where a live progress display may be drawn (<see cref="ProgressDisplay"/>).</summary>
    public bool ErrorInteractive { get; init; }

    /// <summary>The language of what the command line itself writes ("en" or "ja"), from --culture (<see cref="CliCulture"/>).</summary>
    public string Culture { get; init; } = "en";

    /// <summary>How long work runs before its progress display appears: a quick run shows none.</summary>
    public TimeSpan ProgressDelay { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// Whether whatif, renew and analyze --verify-remediation run in this process: true unless this executable was built
    /// without PowerShell's parser, which then hands them to <see cref="CompanionPath"/> (<see cref="PlanCompanion"/>).
    /// </summary>
    public bool ParserInProcess { get; init; } = Planning.PowerShellParser.IsSupported;

    /// <summary>The companion executable that runs those commands when <see cref="ParserInProcess"/> is false.</summary>
    public string CompanionPath { get; init; } = PlanCompanion.DefaultPath;

    public static CliHost FromProcess()
    {
        var redirected = Console.IsOutputRedirected;
        var width = DefaultWidth;
        if (!redirected)
        {
            try
            {
                width = Math.Max(80, Console.WindowWidth);
            }
            catch (IOException)
            {
                // No real terminal behind stdout after all: keep the fixed width.
            }
        }

        var workingDirectory = Directory.GetCurrentDirectory();
        return new CliHost(Console.Out, Console.Error, redirected, width, System.Environment.GetEnvironmentVariable,
            workingDirectory, new LibraryServices(workingDirectory))
        {
            ErrorInteractive = !Console.IsErrorRedirected,
        };
    }

    /// <summary>Colour only for a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public bool UseColor => !OutputRedirected && string.IsNullOrEmpty(Environment("NO_COLOR"));

    public bool Debug => Environment("EXTLS_DEBUG") is "1" or "true";

    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>Colour and the terminal's width for the screen; a file gets plain text at the fixed width.</summary>
    public RenderSettings Settings(string culture, bool toScreen = true) =>
        new(culture, toScreen && UseColor, toScreen ? ConsoleWidth : DefaultWidth);

    /// <summary>Writes a rendered output to the screen (no path) or to the file named.</summary>
    public void Emit(string? path, string text)
    {
        if (path is null)
        {
            Out.Write(text);
        }
        else
        {
            OutputFile.Write(FullPath(path), text, display: path);
        }
    }

    /// <summary>Streams an output to the screen (no path) or into the file named, never holding it whole.</summary>
    public void Emit(string? path, Action<TextWriter> write)
    {
        if (path is null && ReferenceEquals(Out, Console.Out))
        {
            // Console.Out hands its text to the stream 256 characters at a time, a system call each whatever is gathered
            // before it (575 MB of matrix JSON were 2 million writes): the process's own stdout gets a 64 KB buffer instead.
            Out.Flush();
            using var stdout = new StreamWriter(Console.OpenStandardOutput(), Out.Encoding, 1 << 16) { NewLine = "\n" };
            write(stdout);
        }
        else if (path is null)
        {
            using var screen = new ChunkedWriter(Out);
            write(screen);
        }
        else
        {
            OutputFile.Write(FullPath(path), write, display: path);
        }
    }

    /// <summary>Whether a path, relative to the working folder, names a file or a folder.</summary>
    public bool Exists(string path)
    {
        var full = FullPath(path);
        return File.Exists(full) || Directory.Exists(full);
    }
}
