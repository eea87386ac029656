using System.IO.Compression;
using System.Text;
using Extls.Import;
using Xunit.Abstractions;
using Extls.TestKit;

namespace Extls.Robustness.Tests;

/// <summary>
/// Hostile inputs, generated here: each is refused with a message naming the file (and line and path where there
/// is one), within a bound of bytes allocated that holding or expanding the input would pass, and through the CLI
/// with exit code 3 (2 for extls.yaml, a usage error). Bytes, not time: a loaded machine cannot make them pass or fail.
/// </summary>
[Collection(Serial.Name)]
public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("extls-hostile-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string Dump(string name, Action<string>? change = null)
    {
        var root = Path.Combine(temp, name);
        foreach (var (path, bytes) in Dumps.Files(Path.Combine(Dumps.Snapshots, "scenarios/001-healthy-baseline/dump")))
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        change?.Invoke(root);
        return root;
    }

    /// <summary>Loads in process, measuring the bytes allocated on every thread (the tests of this collection run alone).</summary>
    private (LoadResult Load, long Allocated) Measure(string what, string path, long bytes)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var load = DumpLoader.Load([path]);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"{what}: {allocated:N0} bytes allocated");
        Assert.True(allocated < bytes, $"{what}: {allocated:N0} bytes allocated (bound {bytes:N0})");
        return (load, allocated);
    }

    private static void Refused(LoadResult load, string file, string message, int? line = null, string? jsonPath = null)
    {
        var problem = Assert.Single(load.Problems, p => p.File.EndsWith(file, StringComparison.Ordinal));
        Assert.Contains(message, problem.Message(), StringComparison.Ordinal);
        if (line is { } l)
        {
            Assert.Equal(l, problem.Line);
        }

        if (jsonPath is { } j)
        {
            Assert.Equal(j, problem.JsonPath);
        }
    }

    private void ThroughTheCli(string path, int exitCode, string message, params string[] more)
    {
        var run = Cli.Start(temp, null, ["analyze", path, .. more]);
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private const long MB = 1024 * 1024;

    [Fact]
    public void Json_nested_ten_thousand_deep_is_refused()
    {
        var dump = Dump("deep", d => File.WriteAllText(Path.Combine(d, "servers/EX01/ReceiveConnector.json"), new string('[', 10_000) + new string(']', 10_000)));
        var (load, _) = Measure("10,000 levels", dump, 100 * MB);
        Refused(load, "servers/EX01/ReceiveConnector.json", "nests deeper than 128 levels", line: 1);
        ThroughTheCli(dump, 3, "ReceiveConnector.json:1: $");
    }

    [Fact]
    public void A_hundred_megabyte_string_is_refused_without_being_held()
    {
        var dump = Dump("string", d =>
        {
            using var w = new StreamWriter(Path.Combine(d, "servers/EX01/ReceiveConnector.json"), false, new UTF8Encoding(false));
            w.Write("[\n  {\"Identity\": \"EX01\\\\Default EX01\", \"Name\": \"");
            var chunk = new string('A', 1 << 20);
            for (var i = 0; i < 100; i++)
            {
                w.Write(chunk);
            }

            w.Write("\"}\n]\n");
        });
        var (load, _) = Measure("100 MB string", dump, 60 * MB);
        Refused(load, "servers/EX01/ReceiveConnector.json", "longer than 1,048,576 characters", line: 2, jsonPath: "$[0].Name");
        ThroughTheCli(dump, 3, "ReceiveConnector.json:2: $[0].Name: A string is longer");
    }

    [Fact]
    public void A_million_element_array_is_refused_where_it_passes_the_limit()
    {
        string Certificates(int count) => "[" + string.Join(",", Enumerable.Repeat("{\"Thumbprint\":\"AB\"}", count)) + "]";
        var dump = Dump("array", d => File.WriteAllText(Path.Combine(d, "servers/EX01/ExchangeCertificate.json"), Certificates(1_000_000)));
        var twice = Dump("array-twice", d => File.WriteAllText(Path.Combine(d, "servers/EX01/ExchangeCertificate.json"), Certificates(2_000_000)));

        var (load, allocated) = Measure("1,000,000 elements", dump, 400 * MB);
        var (loadTwice, allocatedTwice) = Measure("2,000,000 elements", twice, 400 * MB);

        Refused(load, "servers/EX01/ExchangeCertificate.json", "more than 200,000 elements", line: 1);
        Refused(loadTwice, "servers/EX01/ExchangeCertificate.json", "more than 200,000 elements", line: 1);
        // Refused at the 200,001st element: what follows is never read, so a million more elements cost nothing more.
        Assert.True(Math.Abs(allocatedTwice - allocated) < allocated / 20, $"{allocated:N0} bytes for a million elements, {allocatedTwice:N0} for two million");
        ThroughTheCli(dump, 3, "ExchangeCertificate.json:1: $");
    }

    [Fact]
    public void Yaml_aliases_that_expand_exponentially_are_refused_as_a_usage_error()
    {
        var dump = Dump("yaml");
        var lines = new List<string> { "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var i = 1; i < 10; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        lines.Add("suppressions: *a9");
        var config = Path.Combine(temp, "extls.yaml");
        File.WriteAllLines(config, lines);
        ThroughTheCli(dump, 2, "extls.yaml:1: the configuration expands to more than 100,000 values through its aliases", "--config", config);
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_inflated()
    {
        var zip = Path.Combine(temp, "bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var (path, bytes) in Dumps.Files(Path.Combine(Dumps.Snapshots, "scenarios/001-healthy-baseline/dump")))
            {
                using var s = archive.CreateEntry(path).Open();
                s.Write(bytes);
            }

            // 48 MB of zeros compress to some 50 KB: under the limit for one entry, a thousand times its size. Forty
            // of them would pass the limits of an entry and of the whole zip only after half a gigabyte.
            using var bomb = archive.CreateEntry("servers/EX01/ProtocolLog/Hub/SmtpReceive/RECV2026060100-1.LOG", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 48; i++)
            {
                bomb.Write(zeros);
            }
        }

        var (load, _) = Measure("zip bomb", zip, 100 * MB);
        Assert.Null(load.Snapshot);
        Assert.Contains("as only a zip bomb does", Assert.Single(load.Problems).Message(), StringComparison.Ordinal);
        ThroughTheCli(zip, 3, "bomb.zip: servers/EX01/ProtocolLog");
    }

    [Theory]
    [InlineData("../../outside.json")]
    [InlineData("/etc/extls.json")]
    [InlineData("servers/../../x.json")]
    [InlineData("C:/Windows/win.ini")]
    public void A_zip_entry_that_leads_outside_the_dump_is_refused(string entry)
    {
        var zip = Path.Combine(temp, "traversal.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var s = archive.CreateEntry("manifest.json").Open())
            {
                s.Write("{}"u8);
            }

            using var bad = archive.CreateEntry(entry).Open();
            bad.Write("{}"u8);
        }

        var load = DumpLoader.Load([zip]);
        Assert.Null(load.Snapshot);
        var problem = Assert.Single(load.Problems);
        Assert.Equal(entry, problem.JsonPath);
        Assert.Contains("points outside the dump", problem.Message(), StringComparison.Ordinal);
        ThroughTheCli(zip, 3, "points outside the dump");
    }

    [Fact]
    public void A_link_in_a_dump_folder_that_leads_outside_it_is_not_followed()
    {
        var secret = Path.Combine(temp, "secret.json");
        File.WriteAllText(secret, "[{\"Name\":\"not part of the dump\"}]");
        var dump = Dump("links", d =>
        {
            File.Delete(Path.Combine(d, "servers/EX01/TransportService.json"));
            File.CreateSymbolicLink(Path.Combine(d, "servers/EX01/TransportService.json"), secret);
            Directory.CreateSymbolicLink(Path.Combine(d, "servers/EX03"), temp);
        });

        var load = DumpLoader.Load([dump]);
        Assert.Contains(load.Problems, p => p.File.EndsWith("servers/EX01/TransportService.json", StringComparison.Ordinal) && p.Message().Contains("outside the dump; it is not read", StringComparison.Ordinal));
        Assert.Contains(load.Problems, p => p.File.EndsWith("servers/EX03", StringComparison.Ordinal) && p.Message().Contains("links are not followed", StringComparison.Ordinal));
        Assert.Null(load.Snapshot!.FindServer("EX03"));
        Assert.Equal(Model.SectionState.Absent, load.Snapshot.FindServer("EX01")!.TransportService.State);
        ThroughTheCli(dump, 3, "outside the dump; it is not read");
    }

    [Fact]
    public void A_clixml_file_with_external_entities_is_refused_and_nothing_is_resolved()
    {
        var secret = Path.Combine(temp, "passwd");
        File.WriteAllText(secret, "root:x:0:0");
        var dump = Dump("xxe", d =>
        {
            File.Delete(Path.Combine(d, "servers/EX01/TransportService.json"));
            File.WriteAllText(Path.Combine(d, "servers/EX01/TransportService.xml"), $"""
                <?xml version="1.0"?>
                <!DOCTYPE Objs [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
                  <Obj RefId="0"><MS><S N="Name">&xxe;</S></MS></Obj>
                </Objs>
                """);
        });

        var (load, _) = Measure("CliXml with external entities", dump, 100 * MB);
        var problem = Assert.Single(load.Problems, p => p.File.EndsWith("servers/EX01/TransportService.xml", StringComparison.Ordinal));
        Assert.True(problem.Line > 0, problem.ToString());
        Assert.Contains("DTD", problem.Message(), StringComparison.Ordinal);
        Assert.DoesNotContain("root:x", problem.Message(), StringComparison.Ordinal);
        ThroughTheCli(dump, 3, "TransportService.xml:2");
    }
}

/// <summary>Tests that measure allocation process-wide run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Serial
{
    public const string Name = "serial";
}
