using System.Diagnostics;
using System.Text;
using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary>
/// extls run through the real libraries, as the command line runs it: the console 120 columns wide and redirected, no
/// environment, the repository as the working folder. In this process by default; when <see cref="UnderTestVariable"/>
/// names an executable (a published extls, the native one above all), that executable is started instead with the same
/// arguments and working folder, so the same tests prove that what ships behaves as the code tested here.
/// </summary>
/// <remarks>
/// Both ways give the same text. Started with its standard output and error redirected, extls itself picks no colour and
/// the fixed width of 120 columns (<see cref="CliHost.FromProcess"/>), and draws no progress (standard error is no
/// terminal), as the host built here says; it gets no environment variables, as the host here reads none, so NO_COLOR,
/// EXTLS_DEBUG or a CI system's variables of the test run cannot change what it writes. Only what a framework-dependent
/// executable needs to find .NET (DOTNET_ROOT) is passed on; a native one needs nothing. Its output is read as UTF-8,
/// which it writes.
/// </remarks>
internal static class InProcessCli
{
    /// <summary>The environment variable that names the extls executable to test instead of this process's own code.</summary>
    public const string UnderTestVariable = "EXTLS_CLI_UNDER_TEST";

    /// <summary>How long one run of the executable may take before the test fails (generous: two cores, several runs at once).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The executable under test, or null to run in this process.</summary>
    public static string? Executable { get; } =
        Environment.GetEnvironmentVariable(UnderTestVariable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>True when the tests run a published executable (<see cref="UnderTestVariable"/>).</summary>
    public static bool OutOfProcess => Executable is not null;

    public static (int Code, string Out, string Error) Run(params string[] args) => RunIn(Repository.Root, args);

    /// <summary>The same with <paramref name="folder"/> as the working folder, which relative paths start from.</summary>
    public static (int Code, string Out, string Error) RunIn(string folder, params string[] args) =>
        Executable is { } executable ? RunProcess(executable, folder, args) : RunHere(folder, args);

    private static (int Code, string Out, string Error) RunHere(string folder, string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var host = new CliHost(output, error, true, CliHost.DefaultWidth, _ => null, folder, new LibraryServices(folder));
        var code = CliApp.Run(args, host);
        return (code, output.ToString(), error.ToString());
    }

    private static (int Code, string Out, string Error) RunProcess(string executable, string folder, string[] args)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"{UnderTestVariable} names {executable}, which does not exist.", executable);
        }

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var name in new[] { "DOTNET_ROOT", "DOTNET_ROOT_X64" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                start.Environment[name] = value;
            }
        }

        return ChildProcess.Run(start, Timeout, $"{executable} {string.Join(' ', args)}");
    }
}
