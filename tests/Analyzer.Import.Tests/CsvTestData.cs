using System.Runtime.CompilerServices;

namespace Extls.Import.Tests;

/// <summary>
/// Finds the sample files next to the test sources, so that the CSV and CliXml samples need no
/// copy-to-output entries in the project file.
/// </summary>
internal static class CsvTestData
{
    public static byte[] Read(string folder, string name) =>
        File.ReadAllBytes(Path.Combine(Folder(), "TestData", folder, name));

    private static string Folder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
