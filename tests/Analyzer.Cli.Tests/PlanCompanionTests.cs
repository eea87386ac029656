using System.Globalization;
using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary>
/// The light native extls, built without PowerShell's parser, hands whatif, renew and analyze --verify-remediation to its
/// companion executable (<see cref="PlanCompanion"/>): which command lines go, that the companion gets the same
/// arguments, working folder and environment and its exit code is returned, and the error when it is missing. The host
/// here says what the light build's would (<see cref="CliHost.ParserInProcess"/> false); the companion is a small shell
/// script that writes down what it got.
/// </summary>
public sealed class PlanCompanionTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "extls-companion-" + Guid.NewGuid().ToString("N"));

    public PlanCompanionTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static CliHost Host(string folder, string companion, TextWriter output, TextWriter error) =>
        new(output, error, true, CliHost.DefaultWidth, _ => null, folder, new LibraryServices(folder)) { ParserInProcess = false, CompanionPath = companion };

    /// <summary>A companion that writes its working folder, the variable named, and each argument on a line of <paramref name="record"/>, then exits <paramref name="exitCode"/>.</summary>
    private string Companion(string record, string variable, int exitCode)
    {
        var path = Path.Combine(temp, PlanCompanion.FileName);
        File.WriteAllText(path, "#!/bin/sh\n" +
            $"{{ pwd; printf '%s\\n' \"${variable}\"; for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done; }} > '{record}'\n" +
            $"exit {exitCode.ToString(CultureInfo.InvariantCulture)}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static bool Handles(params string[] args)
    {
        using var output = new StringWriter();
        var host = Host(Repository.Root, "/nonexistent", output, output);
        return PlanCompanion.Handles(CliApp.BuildRoot(host, args).Parse(args));
    }

    [Fact]
    public void The_commands_that_read_a_plan_go_to_the_companion_and_no_other()
    {
        Assert.True(Handles("whatif", "snapshots/sample/dump", "--change-command", "Remove-ExchangeCertificate -Thumbprint AB -Server EX01"));
        Assert.True(Handles("renew", "snapshots/sample/dump", "--new", "new.cer"));
        Assert.True(Handles("analyze", "--verify-remediation"));
        Assert.True(Handles("analyze", "snapshots/sample/dump", "--verify-remediation", "-f", "json"));
        Assert.False(Handles("analyze"));
        Assert.False(Handles("analyze", "snapshots/sample/dump", "-f", "json"));
        Assert.False(Handles("timeline", "snapshots/sample/dump"));
        Assert.False(Handles("rules", "list"));
        // Help and parse errors are answered by the light executable, whose command tree is the same.
        Assert.False(Handles("whatif", "--help"));
        Assert.False(Handles("renew", "-h"));
        Assert.False(Handles("whatif", "snapshots/sample/dump", "--as-of"));
        Assert.False(Handles("--version"));
    }

    [Fact]
    public void The_companion_gets_the_same_arguments_folder_and_environment_and_its_exit_code_is_returned()
    {
        var record = Path.Combine(temp, "record.txt");
        var variable = "EXTLS_COMPANION_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "inherited value");
        try
        {
            var companion = Companion(record, variable, 7);
            using var output = new StringWriter();
            using var error = new StringWriter();
            string[] args = ["whatif", "snapshots/sample/dump", "--change-command", "Set-ReceiveConnector 'EX01\\Default Frontend EX01' -TlsCertificateName $null", "--culture", "ja", "-f", "json"];
            var code = CliApp.Run(args, Host(Repository.Root, companion, output, error));

            Assert.Equal(7, code);
            Assert.Equal("", output.ToString());
            Assert.Equal("", error.ToString());
            Assert.Equal([Repository.Root, "inherited value", .. args.Select(a => $"<{a}>")], File.ReadAllLines(record));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Analyze_goes_to_the_companion_only_with_verify_remediation()
    {
        var record = Path.Combine(temp, "record.txt");
        var companion = Companion(record, "HOME", 3);
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(3, CliApp.Run(["analyze", "--verify-remediation", "-f", "json"], Host(temp, companion, output, error)));
        Assert.Equal([temp, Environment.GetEnvironmentVariable("HOME") ?? "", "<analyze>", "<--verify-remediation>", "<-f>", "<json>"], File.ReadAllLines(record));

        File.Delete(record);
        var code = CliApp.Run(["analyze", "-f", "json"], Host(temp, companion, output, error));
        Assert.Equal(ExitCodes.Findings, code);
        Assert.False(File.Exists(record), "analyze without --verify-remediation ran the companion");
        Assert.Contains("EXTLS1004", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_companion_is_a_clear_error_naming_the_file_with_exit_code_4()
    {
        var missing = Path.Combine(temp, PlanCompanion.FileName);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CliApp.Run(["whatif", "snapshots/sample/dump", "--change-command", "Get-ExchangeCertificate"], Host(Repository.Root, missing, output, error));

        Assert.Equal(ExitCodes.Internal, code);
        Assert.Equal("", output.ToString());
        Assert.Contains(missing, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("'whatif'", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);

        using var japanese = new StringWriter();
        Assert.Equal(ExitCodes.Internal, CliApp.Run(["renew", "snapshots/sample/dump", "--new", "new.cer", "--culture", "ja"], Host(Repository.Root, missing, output, japanese)));
        Assert.Contains(missing, japanese.ToString(), StringComparison.Ordinal);
        Assert.Contains("コンパニオン", japanese.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_with_the_parser_runs_every_command_in_its_own_process()
    {
        using var output = new StringWriter();
        var host = new CliHost(output, output, true, CliHost.DefaultWidth, _ => null, temp, new LibraryServices(temp));

        Assert.True(host.ParserInProcess);
        Assert.True(Planning.PowerShellParser.IsSupported);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, PlanCompanion.FileName), host.CompanionPath);
    }
}
