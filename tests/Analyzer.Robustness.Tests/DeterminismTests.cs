using System.Globalization;

namespace Extls.Robustness.Tests;

/// <summary>
/// The same dump and as-of give the same bytes in every format, run after run, whatever the machine's culture and
/// time zone: the built CLI run as a child process under ja-JP, de-DE and the invariant culture, in Tokyo and New York.
/// </summary>
public sealed class DeterminismTests
{
    private static readonly string[] Formats = ["json", "sarif", "csv", "junit", "markdown", "html"];

    private static readonly Dictionary<string, string>[] Machines =
    [
        new() { ["LANG"] = "C.UTF-8", ["LC_ALL"] = "C.UTF-8", ["TZ"] = "UTC" },
        new() { ["LANG"] = "ja_JP.UTF-8", ["LC_ALL"] = "ja_JP.UTF-8", ["TZ"] = "Asia/Tokyo" },
        new() { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8", ["TZ"] = "America/New_York" },
    ];

    [Fact]
    public void Every_format_is_byte_identical_across_runs_cultures_and_time_zones()
    {
        var root = Directory.CreateTempSubdirectory("extls-determinism-").FullName;
        try
        {
            var scenario = Path.Combine(Dumps.Snapshots, "scenarios/050-join-org-and-edge-copies-merged");
            byte[][]? first = null;
            for (var m = 0; m < Machines.Length; m++)
            {
                var outputs = Formats.Select(f => Path.Combine(root, $"{m}.{f}")).ToArray();
                string[] args = ["analyze", Path.Combine(scenario, "dump"), Path.Combine(scenario, "edge-dump"), "--as-of", "2026-06-01T00:00:00Z",
                    .. Formats.SelectMany((f, i) => new[] { "--format", f, "--output", outputs[i] })];
                var run = Cli.Start(root, Machines[m], args);
                Assert.True(run.ExitCode == 1, $"{string.Join(' ', Machines[m].Values)}: exit {run.ExitCode}: {run.Error}");
                var bytes = outputs.Select(File.ReadAllBytes).ToArray();
                first ??= bytes;
                for (var i = 0; i < Formats.Length; i++)
                {
                    Assert.True(first[i].AsSpan().SequenceEqual(bytes[i]), $"{Formats[i]} differs under {string.Join(' ', Machines[m].Select(kv => kv.Key + "=" + kv.Value))}");
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_cultures_the_machines_name_exist_so_the_runs_differ_in_culture()
    {
        // .NET takes the culture from LANG/LC_ALL through ICU, which needs no generated glibc locale.
        Assert.Equal("2026/06/01", new DateTime(2026, 6, 1).ToString("d", CultureInfo.GetCultureInfo("ja-JP")));
        Assert.Equal("1,5", 1.5.ToString(CultureInfo.GetCultureInfo("de-DE")));
    }
}
