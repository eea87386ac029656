using System.Diagnostics;

namespace Extls.Robustness.Tests;

/// <summary>The built extls run as a child process, as a user or a pipeline runs it.</summary>
internal static class Cli
{
    public sealed record Run(int ExitCode, string Out, string Error);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "extls.dll");

    public static Run Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"extls {string.Join(' ', arguments)} did not finish in two minutes.");
        }

        process.WaitForExit();
        return new Run(process.ExitCode, output.Result, error.Result);
    }
}
