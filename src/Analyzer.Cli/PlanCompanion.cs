using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Extls.Planning;

namespace Extls.Cli;

/// <summary>
/// The hand-over to the companion executable. The Linux x64 native package ships a light <c>extls</c> without PowerShell's
/// parser (<see cref="PowerShellParser"/>), which is most of a native executable's size and start-up, and beside it
/// <see cref="FileName"/>, the same tool with the parser. The light one runs every command but those that read a plan:
/// those it hands to the companion with the same arguments, standard streams, working folder and environment, and
/// returns the companion's exit code. The decision is made once, from the parsed command line, before any dump is read,
/// so a dump is never read twice. Every other build carries the parser and never hands anything over.
/// </summary>
internal static partial class PlanCompanion
{
    /// <summary>The companion's file name, beside the light executable (Analyzer.Cli.csproj, ExtlsCompanionName, names it too).</summary>
    public const string FileName = "extls-plan";

    /// <summary>Where the light executable looks for the companion: beside itself (the installed package's folder, or the publish folder).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>
    /// Whether the parsed command reads a plan: <c>whatif</c>, <c>renew</c> (it rehearses the script it writes) and
    /// <c>analyze --verify-remediation</c>. Only when the command's own action runs: its help, the version and a parse
    /// error are the light executable's to answer, since the command tree is the same in both.
    /// </summary>
    public static bool Handles(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var command = parsed.CommandResult.Command;
        if (parsed.Errors.Count > 0 || parsed.Action is null || !ReferenceEquals(parsed.Action, command.Action))
        {
            return false;
        }

        return command.Name switch
        {
            "whatif" or "renew" => true,
            "analyze" => parsed.GetValue<bool>("--verify-remediation"),
            _ => false,
        };
    }

    /// <summary>Runs the companion with <paramref name="args"/> and returns its exit code; exit code 4 with a message when it cannot be started.</summary>
    public static int Run(string[] args, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var path = host.CompanionPath;
        if (!File.Exists(path))
        {
            host.Error.Write(host.Say(
                $"extls: '{args[0]}' runs in the companion executable {path}, which is not there. This extls was built without PowerShell's parser and is installed with the companion beside it: reinstall the tool (dotnet tool install extls), or copy both files.\n",
                $"extls: '{args[0]}' はコンパニオン実行可能ファイル {path} で実行されますが、このファイルがありません。この extls は PowerShell のパーサーを含まずにビルドされており、コンパニオンと並べてインストールされます。ツールを再インストールする (dotnet tool install extls) か、両方のファイルをコピーしてください。\n"));
            return ExitCodes.Internal;
        }

        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = host.WorkingDirectory,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Ctrl-C reaches the companion from the terminal (the whole foreground process group gets it): this process only
        // waits for it and returns its exit code. A termination sent to this process alone is passed on to the companion.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => c.Cancel = true);
        Process? child = null;
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            if (child is { } running)
            {
                _ = Kill(running.Id, SigTerm);
            }
        });
        try
        {
            child = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            host.Error.Write(host.Say(
                $"extls: the companion executable {path} could not be started: {e.Message}\n",
                $"extls: コンパニオン実行可能ファイル {path} を起動できませんでした (詳細: 「{e.Message}」)。\n"));
            return ExitCodes.Internal;
        }

        using (child)
        {
            child!.WaitForExit();
            return child.ExitCode;
        }
    }

    /// <summary>SIGTERM, the same number on every Unix .NET runs on.</summary>
    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
