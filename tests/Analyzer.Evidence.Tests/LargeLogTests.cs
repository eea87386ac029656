using System.Diagnostics;
using System.Globalization;
using System.Text;
using Extls.Generation.Logs;
using Xunit.Abstractions;

namespace Extls.Evidence.Tests;

/// <summary>
/// Gigabytes of logs are streamed, never loaded whole: a folder of generated protocol logs (about 100 MB; set
/// EXTLS_EVIDENCE_MB=1024 for the 1 GB check the documentation describes) is read while the managed heap is sampled.
/// The heap must stay a small fraction of the input, and every session must be counted.
/// </summary>
public sealed class LargeLogTests(ITestOutputHelper output)
{
    private const long HeapLimit = 64L * 1024 * 1024;

    [Fact]
    public async Task A_large_log_folder_is_read_within_bounded_memory()
    {
        var megabytes = int.TryParse(Environment.GetEnvironmentVariable("EXTLS_EVIDENCE_MB"), NumberStyles.None, CultureInfo.InvariantCulture, out var mb) ? mb : 100;
        var root = Directory.CreateTempSubdirectory("extls-large-logs-").FullName;
        try
        {
            var written = Generate(root, megabytes * 1024L * 1024L, out var sessions);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseline = GC.GetTotalMemory(true);
            long peak = 0;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                    Thread.Sleep(5);
                }
            });

            var clock = Stopwatch.StartNew();
            var set = EvidenceReader.Read([new EvidenceSource(root, "logs", EvidenceSourceKind.Logs)], [new KnownServer("EX01", "ex01.contoso.com")]);
            clock.Stop();
            stop.Cancel();
            await sampler;
            peak = Math.Max(peak, GC.GetTotalMemory(false));

            Assert.Empty(set.Problems);
            Assert.Equal(written, set.Statistics.Bytes);
            Assert.Equal(sessions, set.Statistics.Sessions);
            var starttls = Assert.Single(set.Observations, o => o.Mode == TlsMode.StartTls);
            Assert.Equal(sessions, starttls.Sessions);
            Assert.Equal(sessions, starttls.Certificates.Sum(c => c.Sessions));
            Assert.Equal(2, starttls.Certificates.Length);
            var rate = written / 1048576.0 / clock.Elapsed.TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{written / 1048576.0:F0} MB, {set.Statistics.Rows} rows, {sessions} sessions in {clock.Elapsed.TotalSeconds:F1} s: {rate:F0} MB/s; managed heap peak {(peak - baseline) / 1048576.0:F1} MB above {baseline / 1048576.0:F1} MB"));
            Assert.True(peak - baseline < HeapLimit, $"the heap grew by {(peak - baseline) / 1048576} MB while reading {written / 1048576} MB");
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    /// <summary>Files of about 32 MB, each a day's sessions on Default Frontend EX01 with messages, as Exchange rolls them over.</summary>
    private static long Generate(string root, long bytes, out long sessions)
    {
        var folder = Path.Combine(root, "EX01", "SmtpReceive");
        Directory.CreateDirectory(folder);
        var certificates = new[]
        {
            new PresentedCertificate("CN=mail.contoso.com, O=Contoso Ltd, C=JP", "CN=Contoso Issuing CA, DC=contoso, DC=com", "0A1B2C3D", "7FF1EE3AE28BF94B209AF6AC0AF397A2FCE26E86", new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), new(2028, 8, 1, 0, 0, 0, TimeSpan.Zero), ["mail.contoso.com"]),
            new PresentedCertificate("CN=mail.contoso.com, O=Contoso Ltd, C=JP", "CN=Contoso Issuing CA, DC=contoso, DC=com", "0A1B2C3E", "A1E9666F1D9B7AF82BB5D4A42F559773D7DBDCE2", new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), ["mail.contoso.com"]),
        };
        long written = 0;
        sessions = 0;
        var start = new DateTimeOffset(2026, 5, 30, 0, 0, 0, TimeSpan.Zero);
        for (var file = 1; written < bytes; file++)
        {
            var path = Path.Combine(folder, $"RECV2026053000-{file.ToString(CultureInfo.InvariantCulture)}.LOG");
            using (var stream = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                var writer = new ProtocolLogWriter(stream, ProtocolLogKind.Receive);
                writer.Header(start);
                var size = 0L;
                while (size < 32L * 1024 * 1024 && written + size < bytes)
                {
                    var before = stream.BaseStream.Position;
                    ProtocolLogSessions.Write(writer, new SessionSpec
                    {
                        Start = start.AddSeconds(sessions),
                        Connector = "EX01\\Default Frontend EX01",
                        SessionId = "08DE" + sessions.ToString("X12", CultureInfo.InvariantCulture),
                        Remote = $"203.0.113.{sessions % 250}:{40000 + (sessions % 20000)}",
                        Presented = certificates[sessions % 7 == 0 ? 1 : 0],
                    });
                    stream.Flush();
                    size += stream.BaseStream.Position - before;
                    sessions++;
                }
            }

            written += new FileInfo(path).Length;
        }

        return written;
    }
}
