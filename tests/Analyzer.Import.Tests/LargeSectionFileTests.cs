using System.Globalization;
using System.Text;
using Extls.Model;
using Xunit.Abstractions;
using Extls.TestKit;

namespace Extls.Import.Tests;

/// <summary>Runs alone: it measures the process's live heap and its allocations, which tests running beside it would disturb.</summary>
[CollectionDefinition(nameof(LargeSectionFileTests), DisableParallelization = true)]
public sealed class LargeSectionFileGroup;

/// <summary>
/// A section file far larger than anything the import may hold is read entry by entry: a 500 MB
/// ReceiveConnector.json (generated here, not committed) is analysed with the live heap growing by a
/// fraction of the file, where holding it as bytes, one string and one tree took several times its size,
/// and with allocations of a small multiple of the file, as reading it once does.
/// </summary>
[Collection(nameof(LargeSectionFileTests))]
public sealed class LargeSectionFileTests(ITestOutputHelper output) : IDisposable
{
    // 61,000 connectors of about 8.25 KB each: just over 500 MB, the size a large organisation's section can reach.
    private const int Connectors = 61_000;
    private const int CommentLength = 8_000;

    private readonly string root = Directory.CreateTempSubdirectory("extls-large-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string WriteDump(Action<StreamWriter>? after = null)
    {
        Write("manifest.json", w => w.Write("""{"format":"extls-raw/1","collectedAt":"2026-05-31T22:00:00Z","servers":["EX01"],"errors":[]}"""));
        Write("org/ExchangeServer.json", w => w.Write("""[{"Name":"EX01","Fqdn":"ex01.contoso.com","ServerRole":"Mailbox","AdminDisplayVersion":"Version 15.2"}]"""));
        Write("servers/EX01/ReceiveConnector.json", w =>
        {
            // The shape ConvertTo-Json writes, each connector carrying a long Comment nothing reads.
            var comment = new string('x', CommentLength);
            w.Write("[\n");
            for (var i = 0; i < Connectors; i++)
            {
                var n = i.ToString("00000", CultureInfo.InvariantCulture);
                w.Write($"  {{\n    \"Identity\": \"EX01\\\\Connector {n}\",\n    \"Name\": \"Connector {n}\",\n    \"Server\": \"EX01\",\n");
                w.Write($"    \"AuthMechanism\": \"Tls, ExchangeServer\",\n    \"Enabled\": {(i == Connectors - 1 ? "\"sometimes\"" : "true")},\n");
                w.Write($"    \"Bindings\": [\"0.0.0.0:{2525 + (i % 1000)}\"],\n    \"Comment\": \"{comment}\"\n  }}{(i == Connectors - 1 ? "" : ",")}\n");
            }

            w.Write("]\n");
            after?.Invoke(w);
        });
        return root;
    }

    private void Write(string relative, Action<StreamWriter> write)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var w = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        write(w);
    }

    [Fact]
    public void A_500_MB_section_file_is_read_without_holding_it_and_keeps_every_entrys_line_and_path()
    {
        var dump = WriteDump();
        var size = new FileInfo(Path.Combine(root, "servers/EX01/ReceiveConnector.json")).Length;
        Assert.True(size > 500_000_000, $"the generated file has {size} bytes");

        var (result, peak, allocated) = PeakLiveHeapGrowth(() => DumpLoader.Load([dump]));
        output.WriteLine($"{size:N0} bytes read: live heap peak {peak:N0} bytes above the start, {allocated:N0} bytes allocated");

        var connectors = Assert.Single(result.Snapshot!.Servers).ReceiveConnectors;
        Assert.Equal(SectionState.Collected, connectors.State);
        Assert.Equal(Connectors, connectors.Items.Length);

        // The last entry's bad Enabled is reported where it is: its line and its JSON path in the whole file.
        var problem = Assert.Single(result.Problems);
        Assert.Equal($"$[{Connectors - 1}].Enabled", problem.JsonPath);
        Assert.Equal(2 + (9 * (Connectors - 1)) + 5, problem.Line);
        Assert.Equal(new SourceLocation("servers/EX01/ReceiveConnector.json", 2 + (9 * (Connectors - 1)), $"$[{Connectors - 1}]") { Dump = Path.GetFileName(dump) }, connectors.Items[^1].Location);

        // Bytes, a string of the file and a tree of it would be several times its size; streaming holds the
        // model and one entry.
        Assert.True(peak < size / 3, $"the live heap grew by {peak / 1_000_000} MB for a {size / 1_000_000} MB file");

        // Reading the file once allocates its characters as UTF-16 strings (twice its UTF-8 bytes) and a tree of one
        // entry at a time; reading it again, or an entry's work growing with the entries before it, goes past this.
        Assert.True(allocated < 3 * size, $"{allocated / 1_000_000} MB allocated for a {size / 1_000_000} MB file");
    }

    [Fact]
    public void A_fault_at_the_end_of_a_large_file_makes_the_section_unreadable_and_names_its_line()
    {
        var dump = WriteDump(w => w.Write("{ trailing"));

        var result = DumpLoader.Load([dump]);

        var connectors = Assert.Single(result.Snapshot!.Servers).ReceiveConnectors;
        Assert.Equal(SectionState.Unreadable, connectors.State);
        Assert.Empty(connectors.Items);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("Malformed JSON: Additional text", problem.Message(), StringComparison.Ordinal);
        Assert.Equal(3 + (9 * Connectors), problem.Line);
    }

    /// <summary>
    /// The largest growth of the live heap while <paramref name="run"/> runs, sampled with full collections, and the
    /// bytes allocated on every thread meanwhile (the sampler allocates next to nothing).
    /// </summary>
    private static (T Result, long Peak, long Allocated) PeakLiveHeapGrowth<T>(Func<T> run)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peak = 0;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.Wait(20))
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }) { IsBackground = true };
        sampler.Start();
        var result = run();
        done.Set();
        sampler.Join();
        return (result, peak, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }
}
