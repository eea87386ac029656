using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.FixtureGen;

/// <summary>Generates the scenario dumps, the format variants and the sample organisation: dotnet run -- &lt;repoRoot&gt;.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 1 || !File.Exists(Path.Combine(args[0], "Analyzer.sln")))
        {
            Console.Error.WriteLine("usage: Analyzer.FixtureGen <repoRoot containing Analyzer.sln>");
            return 2;
        }

        var root = Path.GetFullPath(args[0]);

        // Test-only keys, committed so that every run gives the same certificates; they protect nothing.
        Certs.KeyDirectory = Path.Combine(root, "tests", "Analyzer.FixtureGen", "keys");
        var scenariosDir = Path.Combine(root, "snapshots", "scenarios");
        if (Directory.Exists(scenariosDir))
        {
            Directory.Delete(scenariosDir, true);
        }

        foreach (var sc in Scenarios.All())
        {
            var dir = Path.Combine(scenariosDir, sc.Slug);
            Emit(dir, sc);
        }

        Sample.Emit(Path.Combine(root, "snapshots", "sample"));
        Formats.Emit(Path.Combine(root, "snapshots", "formats"));
        return 0;
    }

    public static void Emit(string dir, ScenarioDef sc)
    {
        Directory.CreateDirectory(dir);
        var e = sc.Expect;
        e.Styles["dump"] = DumpWriter.Write(sc.Org, Path.Combine(dir, "dump"));
        if (sc.Edge is not null)
        {
            e.Styles["edge-dump"] = DumpWriter.Write(sc.Edge, Path.Combine(dir, "edge-dump"));
            if (!e.Inputs.Contains("edge-dump"))
            {
                e.Inputs.Add("edge-dump");
            }
        }

        WriteJson(Path.Combine(dir, "expected.json"), e.ToJson());
    }

    public static void WriteJson(string path, JToken token)
    {
        var text = token.ToString(Formatting.Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
    }
}

internal sealed record ScenarioDef(string Slug, Org Org, Expect Expect, Org? Edge = null);
