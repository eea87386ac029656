using System.Diagnostics;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary>How extls behaves before it analyses anything: bare, --version, completion scripts, and paths near a dump.</summary>
public sealed class MannersTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "extls-manners-" + Guid.NewGuid().ToString("N"));

    public MannersTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.Run(args);

    [Fact]
    public void Bare_extls_prints_the_help_and_exits_2()
    {
        var (code, output, error) = Run();
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(Run("--help").Out, output);
        Assert.Contains("Commands:", output, StringComparison.Ordinal);
        Assert.Contains("certificates", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_names_the_tool_the_release_and_the_commit()
    {
        var (code, output, _) = Run("--version");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(new Regex(@"^extls [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{7,40}|unknown)\)\n$"), output);

        // Built from a git checkout, the commit is known and is the checkout's own.
        if (Directory.Exists(Path.Combine(Repository.Root, ".git")) || File.Exists(Path.Combine(Repository.Root, ".git")))
        {
            Assert.NotNull(ToolVersion.Commit);
            Assert.DoesNotContain("unknown", output, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> Shells => new() { "bash", "zsh", "pwsh" };

    [Theory]
    [MemberData(nameof(Shells))]
    public void Completion_script_names_every_command_and_the_choices_of_its_options(string shell)
    {
        var (code, script, error) = Run("completion", shell);
        Assert.True(code == ExitCodes.Ok, error);
        foreach (var command in new[] { "analyze", "diff", "explain", "matrix", "certificates", "import", "validate", "rules", "collector", "completion" })
        {
            Assert.Contains($"'{command}'", script, StringComparison.Ordinal);
        }

        Assert.Contains("'rules show'", script, StringComparison.Ordinal);
        Assert.Contains("'console json sarif junit csv markdown'", script.Replace("', '", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("'--culture'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_for_an_unknown_shell_is_a_usage_error() => Assert.Equal(ExitCodes.Usage, Run("completion", "fish").Code);

    [Fact]
    public void Bash_completion_script_parses_and_completes_in_bash()
    {
        var script = Path.Combine(temp, "extls.bash");
        File.WriteAllText(script, Run("completion", "bash").Out);

        Assert.Equal((0, ""), Bash("-n", script));

        // Loaded in a real bash, it completes a command, an option and an option's value.
        string Complete(string line) => Bash("-c",
            $"source \"$1\"; COMP_WORDS=({line}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); _extls_completion; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            "complete", script).Output;
        Assert.Contains("certificates", Complete("extls cert"), StringComparison.Ordinal);
        Assert.Contains("--format", Complete("extls analyze --for"), StringComparison.Ordinal);
        Assert.Equal("csv\n", Complete("extls certificates x --format cs"));
        Assert.Contains("show", Complete("extls rules sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void PowerShell_completion_script_parses_with_the_PowerShell_parser()
    {
        Parser.ParseInput(Run("completion", "pwsh").Out, out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
    }

    private static (int Code, string Output) Bash(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [Theory]
    [InlineData("snapshots/sample/dump/servers", "It is the servers/ folder inside a dump; pass the dump's folder instead: snapshots/sample/dump")]
    [InlineData("snapshots/sample/dump/servers/EX01", "pass the dump's folder instead: snapshots/sample/dump")]
    [InlineData("snapshots/sample/dump/servers/EX01/ReceiveConnector.json", "It is one file of a dump; extls reads a dump from its folder or zip: snapshots/sample/dump")]
    [InlineData("snapshots/sample", "The folder holds one dump; pass it instead: snapshots/sample/dump")]
    public void A_path_near_a_dump_gets_a_hint_naming_the_folder_to_pass(string path, string hint)
    {
        var (code, _, error) = Run("analyze", path.Replace('/', Path.DirectorySeparatorChar));
        Assert.Equal(ExitCodes.InputUnreadable, code);
        Assert.Contains(hint.Replace('/', Path.DirectorySeparatorChar), error, StringComparison.Ordinal);

        // The hinted folder is a dump extls reads.
        var folder = hint[(hint.LastIndexOf(": ", StringComparison.Ordinal) + 2)..];
        Assert.NotEqual(ExitCodes.InputUnreadable, Run("analyze", folder).Code);
    }

    [Fact]
    public void A_folder_of_several_dumps_names_them_and_a_folder_far_from_any_dump_gets_no_hint()
    {
        foreach (var name in new[] { "contoso", "edge" })
        {
            Directory.CreateDirectory(Path.Combine(temp, "many", name, "servers"));
        }

        Directory.CreateDirectory(Path.Combine(temp, "nothing", "here"));
        Assert.Equal(["contoso", "edge"], PathHints.For(Path.Combine(temp, "many"), "many")!.Dumps.ToArray());
        Assert.Null(PathHints.For(Path.Combine(temp, "nothing"), "nothing"));
        Assert.Null(PathHints.For(Path.Combine(temp, "many", "contoso"), "many/contoso"));
    }
}
