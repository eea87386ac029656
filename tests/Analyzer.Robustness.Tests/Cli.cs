using System.Diagnostics;
using Extls.TestKit;

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

        var (code, output, error) = ChildProcess.Run(start, TimeSpan.FromMinutes(2), $"extls {string.Join(' ', arguments)}");
        return new Run(code, output, error);
    }
}
