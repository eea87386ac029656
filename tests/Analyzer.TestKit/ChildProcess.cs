using System.Diagnostics;

namespace Extls.TestKit;

/// <summary>A program started by a test and run to its end: its exit code and everything it wrote.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="start"/> (which must redirect standard output and error), reads both while it runs, so a
    /// full pipe cannot stall it, and waits; past <paramref name="timeout"/> the process and its children are killed and
    /// the test fails with a <see cref="TimeoutException"/> naming <paramref name="what"/>.
    /// </summary>
    public static (int Code, string Out, string Error) Run(ProcessStartInfo start, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{what} did not start.");
        if (start.RedirectStandardInput)
        {
            // Nothing writes to its standard input: closed at once, so a program that reads it sees its end.
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not end within {timeout.TotalMinutes} minutes.");
        }

        // The timed wait returns before the redirected streams are drained; this one waits for them too.
        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
