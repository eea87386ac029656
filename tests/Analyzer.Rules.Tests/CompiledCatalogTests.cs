using System.Diagnostics;
using System.Reflection;
using Extls.Rules.Descriptors;
using Extls.Rules.Tests.Support;
using Newtonsoft.Json;

namespace Extls.Rules.Tests;

/// <summary>
/// The shipped catalogue is compiled at build time (build/RuleCatalogCompiler): these check that what is compiled in is
/// exactly what the schema-validating reader makes of each file, and that the build step refuses a descriptor the
/// schema refuses, naming the file, the line and the path.
/// </summary>
public sealed class CompiledCatalogTests
{
    public static TheoryData<string> DescriptorFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Rules, "EXTLS*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DescriptorFiles))]
    public void The_compiled_descriptor_is_the_file_as_the_loader_reads_it(string file)
    {
        var fromFile = RuleDescriptorLoader.Parse(File.ReadAllText(Path.Combine(RepoPaths.Rules, file)), "rules/" + file);
        var compiled = RuleCatalog.Default.Find(fromFile.Id);
        Assert.NotNull(compiled);

        // Every property, the texts and dictionaries included: a property the compiler dropped would show here.
        Assert.Equal(JsonConvert.SerializeObject(fromFile, Formatting.Indented), JsonConvert.SerializeObject(compiled, Formatting.Indented));
    }

    [Fact]
    public void The_build_step_fails_on_a_descriptor_the_schema_refuses_naming_the_file_the_line_and_the_path()
    {
        var dir = Directory.CreateTempSubdirectory("extls-rules-");
        try
        {
            var good = Path.Combine(dir.FullName, "EXTLS1001.yaml");
            File.Copy(Path.Combine(RepoPaths.Rules, "EXTLS1001.yaml"), good);
            var yaml = File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS1004.yaml")).Replace("  severity: error", "  severity: fatal", StringComparison.Ordinal);
            var line = yaml.Split('\n').ToList().FindIndex(l => l.StartsWith("  severity:", StringComparison.Ordinal)) + 1;
            Assert.True(line > 0);
            var bad = Path.Combine(dir.FullName, "EXTLS1004.yaml");
            File.WriteAllText(bad, yaml);
            var output = Path.Combine(dir.FullName, "out.g.cs");

            var (code, stdout, stderr) = RunCompiler(output, good, bad);

            Assert.Equal(1, code);
            Assert.Contains(
                $"{bad}({line}): error EXTLSRULES: rules/EXTLS1004.yaml:{line}: invalid rule descriptor: spec.severity (line {line}) is not one of the values the schema allows",
                stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("EXTLS1001", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(output), stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_build_step_writes_what_the_assembly_compiled_in()
    {
        var dir = Directory.CreateTempSubdirectory("extls-rules-");
        try
        {
            var output = Path.Combine(dir.FullName, "out.g.cs");
            var (code, _, stderr) = RunCompiler(output, Directory.GetFiles(RepoPaths.Rules, "EXTLS*.yaml"));
            Assert.True(code == 0, stderr);
            var text = File.ReadAllText(output);
            foreach (var rule in RuleCatalog.Default.Rules)
            {
                Assert.Contains($"(\"rules/{rule.Id}.yaml\", new global::Extls.Rules.Descriptors.RuleDocument", text, StringComparison.Ordinal);
            }

            Assert.Equal(RuleCatalog.Default.Rules.Length, text.Split("new global::Extls.Rules.Descriptors.RuleDocument\n").Length - 1);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // The compiler as the build runs it: the build of this configuration, next to Analyzer.Rules' own.
    private static (int Code, string Stdout, string Stderr) RunCompiler(string output, params string[] files)
    {
        var configuration = typeof(CompiledCatalogTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var compiler = Path.Combine(RepoPaths.Root, "build", "RuleCatalogCompiler", "bin", configuration, "net10.0", "RuleCatalogCompiler.dll");
        Assert.True(File.Exists(compiler), compiler + " is not built");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "exec", compiler, "--schema", Path.Combine(RepoPaths.Schemas, "rule.schema.json"), "--out", output }.Concat(files))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
