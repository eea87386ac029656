using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Extls.Reporting;

namespace Extls.Cli;

/// <summary>
/// What <c>extls --version</c> prints: the name, the release and the commit it was built from. The commit is stamped at
/// build time (Analyzer.Cli.csproj asks git for it; SourceRevisionId wins when a build passes one), so a support engineer
/// can tell which build a customer ran; a build without git says "commit unknown" rather than failing.
/// </summary>
internal static class ToolVersion
{
    public static string? Commit { get; } = typeof(ToolVersion).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "SourceRevisionId" && !string.IsNullOrWhiteSpace(a.Value))?.Value?.Trim();

    public static string Line => $"{ToolInfo.Name} {ToolInfo.Version} (commit {Commit ?? "unknown"})";

    /// <summary>Replaces System.CommandLine's version action, which prints the bare version, with <see cref="Line"/>.</summary>
    public static void Install(RootCommand root, CliHost host)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersion(host);
        }
    }

    private sealed class PrintVersion(CliHost host) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            host.Out.Write(Line);
            host.Out.Write('\n');
            return ExitCodes.Ok;
        }
    }
}
