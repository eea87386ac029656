namespace Extls.Rules.Tests.Support;

/// <summary>The repository's folders, found from the test assembly by walking up to Analyzer.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Schemas => Path.Combine(Root, "schemas");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Analyzer.sln not found above " + AppContext.BaseDirectory);
    }
}
