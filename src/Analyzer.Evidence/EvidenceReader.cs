using System.Collections.Immutable;
using System.IO.Compression;
using System.IO.Enumeration;
using Extls.Import;
using Extls.Model;

namespace Extls.Evidence;

/// <summary>Where evidence comes from: a dump (its servers/&lt;NAME&gt;/ProtocolLog and TransportEvents files) or a folder of Exchange's own logs.</summary>
public enum EvidenceSourceKind
{
    /// <summary>An analysed dump folder or zip: only the evidence files of the dump layout are read.</summary>
    Dump,

    /// <summary>--evidence: a folder, zip or file of RECV*/SEND*.LOG files and event exports, at any depth.</summary>
    Logs,
}

/// <param name="Path">The full path to read.</param>
/// <param name="Label">How problems name it: the path as the user typed it.</param>
public sealed record EvidenceSource(string Path, string Label, EvidenceSourceKind Kind);

/// <summary>One file of evidence held elsewhere (in memory, in an archive): its path and how to open it.</summary>
/// <param name="Path">Its path, "/"-separated; a servers/&lt;NAME&gt;/ or a folder named like a server ties it to that server.</param>
public sealed record EvidenceFile(string Path, Func<Stream> Open);

/// <summary>A server of the analysed organisation, by which send logs and event exports are tied to it.</summary>
public sealed record KnownServer(string Name, string? Fqdn);

/// <summary>
/// Reads evidence from dumps and log folders: every protocol log streamed row by row (a folder of gigabytes is
/// never held whole), zips read entry by entry, event exports through the importer's readers.
/// </summary>
public static class EvidenceReader
{
    /// <summary>Evidence files given one by one, read as an --evidence folder holding them.</summary>
    public static EvidenceSet Read(IReadOnlyList<EvidenceFile> files, IReadOnlyList<KnownServer> servers, DateTimeOffset? since = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Read([], servers, since, files);
    }

    public static EvidenceSet Read(IReadOnlyList<EvidenceSource> sources, IReadOnlyList<KnownServer> servers, DateTimeOffset? since = null) =>
        Read(sources, servers, since, []);

    private static EvidenceSet Read(IReadOnlyList<EvidenceSource> sources, IReadOnlyList<KnownServer> servers, DateTimeOffset? since, IReadOnlyList<EvidenceFile> loose)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(servers);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in servers)
        {
            names.TryAdd(s.Name, s.Name);
            if (!string.IsNullOrEmpty(s.Fqdn))
            {
                names.TryAdd(s.Fqdn, s.Name);
            }
        }

        string? Resolve(string? host)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                return null;
            }

            host = host.Trim().TrimEnd('.');
            return names.TryGetValue(host, out var n) ? n : names.TryGetValue(host.Split('.')[0], out var m) ? m : null;
        }

        var problems = new List<ImportProblem>();
        var aggregator = new SessionAggregator(session => Resolve(session.EhloName), since);
        var events = new List<ServerEvents>();
        long files = 0, bytes = 0, rows = 0;

        void Log(Func<Stream> open, string relative, string label, string? server)
        {
            files++;
            using var stream = new CountingStream(open());
            rows += ProtocolLogReader.Read(stream, label, server, aggregator, problems);
            bytes += stream.Count;
        }

        void Events(Func<Stream> open, string label, string? server)
        {
            files++;
            var (read, eventProblems) = TransportEventsFile.Read(open, label);
            problems.AddRange(eventProblems);
            var counted = since is { } s ? read.Where(e => e.TimeCreated is not { } t || t >= s).ToImmutableArray() : read;
            if (server is not null)
            {
                events.Add(new ServerEvents(server, label, counted));
                return;
            }

            // A bare export ties each event to its server by MachineName.
            foreach (var group in counted.GroupBy(e => Resolve(e.MachineName) ?? "", StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
            {
                events.Add(new ServerEvents(group.Key.Length == 0 ? null : group.Key, label, [.. group]));
            }
        }

        void Entry(string relative, Func<Stream> open, string label, EvidenceSourceKind kind, bool insideZip)
        {
            var server = ServerOf(relative, kind, names);
            var isLog = relative.EndsWith(".log", StringComparison.OrdinalIgnoreCase);
            if (kind == EvidenceSourceKind.Dump)
            {
                if (server is null)
                {
                    return;
                }

                if (isLog && relative.Contains("/ProtocolLog/", StringComparison.OrdinalIgnoreCase))
                {
                    Log(open, relative, label, server);
                }
                else if (TransportEventsFile.IsEventsFile(relative) && Segments(relative).Length >= 3)
                {
                    Events(open, label, server);
                }

                return;
            }

            if (isLog)
            {
                Log(open, relative, label, server);
            }
            else if (TransportEventsFile.IsEventsFile(relative))
            {
                Events(open, label, server);
            }
            else if (!insideZip && relative.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                Zip(open, label, kind, problems, Entry);
            }
        }

        foreach (var file in loose)
        {
            var relative = file.Path.Replace('\\', '/').TrimStart('/');
            Entry(relative, file.Open, relative, EvidenceSourceKind.Logs, insideZip: false);
        }

        foreach (var source in sources)
        {
            var before = files;
            try
            {
                if (Directory.Exists(source.Path))
                {
                    var root = Path.GetFullPath(source.Path);
                    foreach (var full in FilesThatMayHoldEvidence(root, source.Kind).Order(StringComparer.Ordinal))
                    {
                        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
                        Entry(relative, () => new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan),
                            source.Label.TrimEnd('/', '\\') + "/" + relative, source.Kind, insideZip: false);
                    }
                }
                else if (File.Exists(source.Path))
                {
                    var name = Path.GetFileName(source.Path);
                    if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                    {
                        Zip(() => File.OpenRead(source.Path), source.Label, source.Kind, problems, Entry);
                    }
                    else if (source.Kind == EvidenceSourceKind.Logs)
                    {
                        Entry(name, () => File.OpenRead(source.Path), source.Label, source.Kind, insideZip: false);
                    }
                }
                else if (source.Kind == EvidenceSourceKind.Logs)
                {
                    problems.Add(new ImportProblem(source.Label, 0, "$", ProblemKind.PathNotFound));
                    continue;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                problems.Add(new ImportProblem(source.Label, 0, "$", ProblemKind.CannotRead, new() { Detail = ex.Message }));
            }

            if (source.Kind == EvidenceSourceKind.Logs && files == before)
            {
                problems.Add(new ImportProblem(source.Label, 0, "$", ProblemKind.NoEvidenceInside));
            }
        }

        return new EvidenceSet
        {
            Observations = aggregator.Observations(),
            Events = [.. events.OrderBy(e => e.Server ?? "", StringComparer.OrdinalIgnoreCase).ThenBy(e => e.File, StringComparer.Ordinal)],
            ReceiveLogServers = [.. aggregator.ReceiveServers],
            SendLogServers = [.. aggregator.SendServers],
            Since = since,
            Statistics = new EvidenceStatistics(files, bytes, rows, aggregator.Sessions, aggregator.TlsSessions),
            Problems = [.. problems.Distinct()
                .OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Code, StringComparer.Ordinal).ThenBy(p => p.Arguments.Value, StringComparer.Ordinal).ThenBy(p => p.Arguments.Number)],
        };
    }

    /// <summary>
    /// The files under <paramref name="root"/> that <c>Entry</c> would read, as <see cref="Directory.EnumerateFiles(string, string, SearchOption)"/>
    /// lists every file (same options, same paths): a protocol log, an event export, or for --evidence a zip. The
    /// name alone decides, so the thousands of section files of a large dump are passed over without a path made,
    /// compared or sorted for each.
    /// </summary>
    private static FileSystemEnumerable<string> FilesThatMayHoldEvidence(string root, EvidenceSourceKind kind) =>
        new(root, static (ref FileSystemEntry e) => e.ToSpecifiedFullPath(), new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && MayHoldEvidence(e.FileName, kind),
        };

    private static bool MayHoldEvidence(ReadOnlySpan<char> name, EvidenceSourceKind kind) =>
        name.EndsWith(".log", StringComparison.OrdinalIgnoreCase)
        || TransportEventsFile.IsEventsFile(name)
        || (kind == EvidenceSourceKind.Logs && name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase));

    private static string[] Segments(string relative) => relative.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The server a file's place names: servers/&lt;NAME&gt;/… as the dump lays it out, else (a folder of raw logs)
    /// a folder named like a known server. Receive logs name their server in every row anyway.
    /// </summary>
    internal static string? ServerOf(string relative, EvidenceSourceKind kind, IReadOnlyDictionary<string, string> names)
    {
        var parts = Segments(relative);
        for (var i = 0; i + 2 < parts.Length; i++)
        {
            if (parts[i].Equals("servers", StringComparison.OrdinalIgnoreCase))
            {
                return names.TryGetValue(parts[i + 1], out var known) ? known : parts[i + 1];
            }
        }

        if (kind == EvidenceSourceKind.Logs)
        {
            foreach (var part in parts.Take(parts.Length - 1).Reverse())
            {
                if (names.TryGetValue(part, out var known))
                {
                    return known;
                }
            }
        }

        return null;
    }

    private static void Zip(Func<Stream> open, string label, EvidenceSourceKind kind, List<ImportProblem> problems, Action<string, Func<Stream>, string, EvidenceSourceKind, bool> entry)
    {
        try
        {
            using var stream = open();
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);

            // Entries are inflated as they are read, one at a time: a zip of gigabytes of logs never lands in memory or on disk.
            foreach (var e in archive.Entries.Where(e => !e.FullName.EndsWith('/')).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var relative = e.FullName.Replace('\\', '/').TrimStart('/');
                entry(relative, e.Open, label + "/" + relative, kind, true);
            }
        }
        catch (InvalidDataException ex)
        {
            problems.Add(new ImportProblem(label, 0, "$", ProblemKind.NotAZip, new() { Detail = ex.Message }));
        }
    }

    /// <summary>Counts the bytes read through it, for the statistics.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Count += n;
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            Count += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
