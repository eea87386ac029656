using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Extls.TestKit;

/// <summary>
/// Golden-file comparison with Verify's file conventions, so moving to Verify later is a rename:
/// <c>&lt;TestClass&gt;.&lt;name&gt;.verified.&lt;ext&gt;</c> next to the test file, <c>*.received.*</c>
/// (git-ignored) written on mismatch, and an environment variable (<c>EXTLS_ACCEPT=1</c>) to accept.
/// </summary>
public static class Golden
{
    public const string AcceptVariable = "EXTLS_ACCEPT";

    /// <summary>Compares <paramref name="actual"/> with the verified file of the calling test class.</summary>
    /// <param name="extension">Without the dot: "txt", "json", "sarif.json".</param>
    public static void Verify(string actual, string name, string extension = "txt", [CallerFilePath] string testFile = "")
    {
        testFile = SourcePath(testFile);
        var dir = Path.GetDirectoryName(testFile) ?? throw new ArgumentException("No caller file path.", nameof(testFile));
        var testClass = Path.GetFileNameWithoutExtension(testFile);
        var accept = Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";
        var failure = Compare(actual, Path.Combine(dir, $"{testClass}.{name}.verified.{extension}"), accept);
        if (failure is not null)
        {
            Assert.Fail(failure);
        }
    }

    /// <summary>
    /// The comparison itself, separated from the environment so it can be tested: returns null when
    /// the text matches (or was accepted), otherwise the failure message after writing the received file.
    /// </summary>
    public static string? Compare(string actual, string verifiedPath, bool accept)
    {
        var normalized = Normalize(actual);
        var receivedPath = ReceivedPathFor(verifiedPath);
        if (accept)
        {
            WriteLf(verifiedPath, normalized);
            File.Delete(receivedPath);
            return null;
        }

        if (!File.Exists(verifiedPath))
        {
            WriteLf(receivedPath, normalized);
            return $"No verified file {verifiedPath}. Received text written to {receivedPath}; review it and rename it, or run with {AcceptVariable}=1.";
        }

        var expected = Normalize(File.ReadAllText(verifiedPath, Encoding.UTF8));
        if (string.Equals(expected, normalized, StringComparison.Ordinal))
        {
            File.Delete(receivedPath);
            return null;
        }

        WriteLf(receivedPath, normalized);
        return $"Output differs from {verifiedPath} (received: {receivedPath}).\n{DiffExcerpt(expected, normalized)}";
    }

    /// <summary>
    /// A deterministic CI build maps source paths to "/_/…" (ContinuousIntegrationBuild); map them back
    /// to the repository, found by walking up from the test binaries to Analyzer.sln.
    /// </summary>
    public static string SourcePath(string callerFilePath)
    {
        if (File.Exists(callerFilePath))
        {
            return callerFilePath;
        }

        var relative = callerFilePath.Replace('\\', '/');
        if (!relative.StartsWith("/_/", StringComparison.Ordinal))
        {
            return callerFilePath;
        }

        return Repository.TryRoot is { } root ? Path.Combine(root, relative[3..]) : callerFilePath;
    }

    public static string ReceivedPathFor(string verifiedPath)
    {
        const string marker = ".verified.";
        var i = verifiedPath.LastIndexOf(marker, StringComparison.Ordinal);
        return i < 0 ? verifiedPath + ".received" : verifiedPath[..i] + ".received." + verifiedPath[(i + marker.Length)..];
    }

    /// <summary>A few lines of context around the first difference, unified-diff style.</summary>
    public static string DiffExcerpt(string expected, string actual, int context = 3, int maxLines = 20)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var first = 0;
        while (first < e.Length && first < a.Length && string.Equals(e[first], a[first], StringComparison.Ordinal))
        {
            first++;
        }

        // Align the tails too, so a single inserted line shows as one '+' rather than a cascade.
        var tailE = e.Length - 1;
        var tailA = a.Length - 1;
        while (tailE >= first && tailA >= first && string.Equals(e[tailE], a[tailA], StringComparison.Ordinal))
        {
            tailE--;
            tailA--;
        }

        var sb = new StringBuilder();
        var start = Math.Max(0, first - context);
        sb.Append("@@ line ").Append(first + 1).Append(" @@\n");
        for (var i = start; i < first; i++)
        {
            sb.Append("  ").Append(e[i]).Append('\n');
        }

        var lines = 0;
        for (var i = first; i <= tailE && lines < maxLines; i++, lines++)
        {
            sb.Append("- ").Append(e[i]).Append('\n');
        }

        for (var i = first; i <= tailA && lines < maxLines * 2; i++, lines++)
        {
            sb.Append("+ ").Append(a[i]).Append('\n');
        }

        for (var i = tailE + 1; i < Math.Min(e.Length, tailE + 1 + context); i++)
        {
            sb.Append("  ").Append(e[i]).Append('\n');
        }

        return sb.ToString();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static void WriteLf(string path, string text) => File.WriteAllText(path, text, new UTF8Encoding(false));
}

/// <summary>The repository the tests run from, found by walking up from the test binaries to Analyzer.sln.</summary>
public static class Repository
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string Root => Found.Value ?? throw new InvalidOperationException("Analyzer.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The root, or null when the tests run outside a checkout.</summary>
    public static string? TryRoot => Found.Value;

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzer.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
