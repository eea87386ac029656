namespace Extls.Cli;

/// <summary>
/// The files that travel with the tool, beside its assembly (in the package: tools/net10.0/any/):
/// the rule pages that <c>extls rules show</c> names, the documentation those pages link to, and the
/// collector script. The collector is also embedded in the assembly, so <c>extls collector</c> works
/// even where only the assembly was copied.
/// </summary>
internal static class ToolFiles
{
    public const string CollectorFileName = "Export-ExtlsDump.ps1";

    private const string CollectorResource = "collector/" + CollectorFileName;

    /// <summary>The folder the tool runs from: the installed package's, or a build's bin folder.</summary>
    public static string BaseDirectory => AppContext.BaseDirectory;

    /// <summary>The rule's page beside the tool, or null when this build carries none.</summary>
    public static string? RulePage(string id)
    {
        var path = Path.Combine(BaseDirectory, "rules", id + ".md");
        return File.Exists(path) ? path : null;
    }

    /// <summary>The collector script's bytes as they are in the repository; null when this build does not embed it.</summary>
    public static byte[]? CollectorScript()
    {
        using var stream = typeof(ToolFiles).Assembly.GetManifestResourceStream(CollectorResource);
        if (stream is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
