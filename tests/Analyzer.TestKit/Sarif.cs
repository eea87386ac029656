using System.Security.Cryptography;

namespace Extls.TestKit;

/// <summary>
/// The SARIF test data: the official schema kept in the repository, and the folder CI names in
/// <see cref="OutputVariable"/> to collect every SARIF file the tests produce for the SARIF Multitool.
/// </summary>
public static class Sarif
{
    /// <summary>When set, every SARIF a test renders is also written there, to be validated outside the tests.</summary>
    public const string OutputVariable = "EXTLS_SARIF_OUT";

    /// <summary>SHA-256 of the schema as OASIS publishes it (TestData/README.md says where from).</summary>
    public const string SchemaSha256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e";

    public static string SchemaPath => Path.Combine(Repository.Root, "tests", "Analyzer.TestKit", "TestData", "sarif-schema-2.1.0.json");

    /// <summary>The schema file's SHA-256, lower-case hex.</summary>
    public static string SchemaHash() => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SchemaPath)));

    /// <summary>
    /// Writes <paramref name="sarif"/> as <c>NAME.sarif</c> into the folder of <see cref="OutputVariable"/>, when it
    /// is set; returns the path written, or null. The name is made safe for a file name, so "scenarios/008-x" works.
    /// </summary>
    public static string? Save(string name, string sarif)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folder = Environment.GetEnvironmentVariable(OutputVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        var path = Path.Combine(folder, safe + ".sarif");
        File.WriteAllText(path, sarif);
        return path;
    }
}
