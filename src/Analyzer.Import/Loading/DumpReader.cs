using Extls.Import.Certificates;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Extls.Import.Formats;
using Extls.Import.Mapping;
using Extls.Model;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Loading;

/// <summary>Reads one raw dump (manifest, org sections, per-server sections) into a snapshot.</summary>
internal sealed class DumpReader
{
    public const string RawFormat = "extls-raw/1";

    private readonly DumpFiles files;
    private readonly List<ImportProblem> problems = [];
    private readonly List<SnapshotInconsistency> inconsistencies = [];
    private ImmutableArray<CollectionError> errors = ImmutableArray<CollectionError>.Empty;

    private readonly CertificateCache certificates;

    // How locations name this dump: its folder or zip name, unless another dump of the same load has it.
    private readonly string dump;

    private DumpReader(DumpFiles files, CertificateCache certificates, string dump)
    {
        this.files = files;
        this.certificates = certificates;
        this.dump = dump;
    }

    /// <param name="certificates">Parsed certificates, shared by the dumps of one load; a new cache when null.</param>
    /// <param name="dump">The name locations give the dump; the dump's own name when null.</param>
    public static (OrganizationSnapshot Snapshot, IReadOnlyList<ImportProblem> Problems) Read(DumpFiles files, CertificateCache? certificates = null, string? dump = null)
    {
        using var own = certificates is null ? new CertificateCache() : null;
        var reader = new DumpReader(files, certificates ?? own!, dump ?? files.Name);
        var snapshot = reader.Read();
        return (snapshot, reader.problems);
    }

    private OrganizationSnapshot Read()
    {
        var manifest = ReadManifest();
        errors = manifest.Errors;

        var exchangeServers = ReadSection("org", SectionMapper.ExchangeServer, null, SectionMapper.ExchangeServers);
        var entries = exchangeServers.Items;

        // A dictionary and one sort rather than a SortedDictionary: that one is a tree of key-value structs whose code
        // is compiled at run time on every start (ReadyToRun cannot precompile a framework generic over a struct).
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // Get-ExchangeServer also lists servers without a transport role (an Exchange 2010 Client Access
        // server, say); the collector dumps none of their sections, so they are not servers of this analysis
        // unless the manifest or a servers/ folder says otherwise.
        // On a subscribed Edge, Get-ExchangeServer also lists the Mailbox servers EdgeSync copied into its AD LDS;
        // the collector says it ran on the Edge, and then only the servers it collected are this dump's.
        var transportEntries = manifest.Run.EdgeTransport == true
            ? []
            : entries.Where(e => e.Role != TransportServerRole.Unknown || (e.RoleText is null && !e.Flags.AnyKnown));
        foreach (var n in transportEntries.Select(e => e.Name).Concat(manifest.Servers).Concat(ServerFolders()))
        {
            names.TryAdd(n, n);
        }

        // The first Get-ExchangeServer entry of each name, looked up rather than searched for every server.
        var entryByName = new Dictionary<string, ExchangeServerEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entries)
        {
            entryByName.TryAdd(e.Name, e);
        }

        var ordered = new List<string>(names.Values);
        ordered.Sort(StringComparer.OrdinalIgnoreCase);
        var servers = ReadServers(ordered, entryByName);

        // An Edge server's own dump: its send connectors are the Edge's, not the organisation's.
        string? dumpServer = servers.Count == 1 && servers[0].Role == TransportServerRole.Edge ? servers[0].Name : null;
        var sendConnectors = ReadSection("org", SectionMapper.SendConnector, null, (root, r) => SectionMapper.SendConnectors(root, r, dumpServer));
        var edgeSubscriptions = ReadSection("org", SectionMapper.EdgeSubscription, null, SectionMapper.EdgeSubscriptions);
        var hybrid = ReadSection("org", OrganizationMapper.HybridConfiguration, null, (source, r) => OrganizationMapper.HybridConfigurations(source.Items(r), r));
        var transportConfig = ReadSection("org", OrganizationMapper.TransportConfig, null, (source, r) => OrganizationMapper.TransportConfigs(source.Items(r), r));
        var acceptedDomains = ReadSection("org", OrganizationMapper.AcceptedDomain, null, (source, r) => OrganizationMapper.AcceptedDomains(source.Items(r), r));

        var snapshot = new OrganizationSnapshot
        {
            CollectedAt = manifest.CollectedAt,
            Organization = manifest.Organization,
            Collector = manifest.Collector,
            Servers = [.. servers],
            SendConnectors = sendConnectors,
            EdgeSubscriptions = edgeSubscriptions,
            HybridConfigurations = hybrid,
            TransportConfig = transportConfig,
            AcceptedDomains = acceptedDomains,
            Run = manifest.Run,
            CollectionErrors = errors,
            Inconsistencies = [.. inconsistencies],
            Sources = [files.Label],
        };
        for (int i = 0; i < problems.Count; i++)
        {
            problems[i] = problems[i] with { File = files.ProblemFile(problems[i].File) };
        }

        return snapshot;
    }

    private sealed record Manifest(DateTimeOffset? CollectedAt, string? Organization, CollectorInfo? Collector, ImmutableArray<string> Servers, ImmutableArray<CollectionError> Errors)
    {
        public CollectionRun Run { get; init; } = CollectionRun.Unknown;
    }

    private Manifest ReadManifest()
    {
        var empty = new Manifest(null, null, null, ImmutableArray<string>.Empty, ImmutableArray<CollectionError>.Empty);
        var path = files.Find("manifest.json");

        // A dump made by hand has no manifest: allowed, the servers come from the folders and Get-ExchangeServer.
        if (path is null)
        {
            return empty;
        }

        var parsed = Parse(path, new JsonSectionParser());
        if (parsed.Root is not JObject o)
        {
            if (parsed.Root is not null)
            {
                problems.Add(new ImportProblem(path, TokenLocation.LineOf(parsed.Root), "$", ProblemKind.ManifestNotObject));
            }

            return empty;
        }

        var r = new ValueReader(path, dump);
        var format = r.Text(o, "format");
        if (format is not null && !string.Equals(format, RawFormat, StringComparison.Ordinal))
        {
            r.Problem(PowerShellValues.Get(o, "format")!, ProblemKind.UnknownDumpFormat, new() { Value = format, Name = RawFormat });
        }

        CollectorInfo? collector = null;
        bool? edgeTransport = null;
        int? timeoutSeconds = null;
        if (PowerShellValues.Get(o, "collector") is JObject c)
        {
            collector = new CollectorInfo(r.Text(c, "name"), r.Text(c, "version"), r.Text(c, "host"), r.Text(c, "user"), r.Text(c, "powershellVersion"));
            edgeTransport = r.Bool(c, "edgeTransport");
            timeoutSeconds = r.Int(c, "timeoutSeconds");
        }

        var run = ReadRun(o, r, path) with { EdgeTransport = edgeTransport, TimeoutSeconds = timeoutSeconds };

        var servers = (r.List(o, "servers") ?? ImmutableArray<string>.Empty).Where(s => s.Length > 0).ToImmutableArray();
        var errorList = ImmutableArray.CreateBuilder<CollectionError>();
        if (PowerShellValues.Get(o, "errors") is { } errorsToken)
        {
            foreach (var e in r.Items(errorsToken))
            {
                var message = r.Text(e, "message");
                errorList.Add(new CollectionError(SectionMapper.NullIfEmpty(r.Text(e, "server")), SectionName(r.Text(e, "section")), string.IsNullOrEmpty(message) ? "(no message)" : message));
            }
        }

        var collectedAt = r.Date(o, "collectedAt")?.Value;
        var organization = SectionMapper.NullIfEmpty(r.Text(o, "organization"));

        // Last, so that every value read above can report its problem.
        problems.AddRange(r.Problems);
        var sorted = errorList.OrderBy(e => e.Server ?? string.Empty, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Section ?? string.Empty, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Message, StringComparer.Ordinal)
            .ToImmutableArray();
        return new Manifest(collectedAt, organization, collector, servers, sorted) { Run = run };
    }

    /// <summary>The manifest's account of the run (collector 1.1.0): complete or interrupted, skipped servers, timings.</summary>
    private static CollectionRun ReadRun(JObject o, ValueReader r, string path)
    {
        var skipped = ImmutableArray.CreateBuilder<SkippedServer>();
        if (PowerShellValues.Get(o, "skippedServers") is { } skippedToken)
        {
            foreach (var e in r.Items(skippedToken))
            {
                if (SectionMapper.NullIfEmpty(r.Text(e, "server")) is { } server)
                {
                    skipped.Add(new SkippedServer(server, SectionMapper.NullIfEmpty(r.Text(e, "reason")) ?? "(no reason)"));
                }
                else
                {
                    r.Problem(e, ProblemKind.SkippedServerUnnamed);
                }
            }
        }

        var serverTimings = ImmutableArray.CreateBuilder<ServerTiming>();
        if (PowerShellValues.Get(o, "serverTimings") is { } serverTimingsToken)
        {
            foreach (var e in r.Items(serverTimingsToken))
            {
                if (SectionMapper.NullIfEmpty(r.Text(e, "server")) is { } server)
                {
                    serverTimings.Add(new ServerTiming(server, Seconds(e, r), r.Bool(e, "completed") ?? true));
                }
            }
        }

        var sectionTimings = ImmutableArray.CreateBuilder<SectionTiming>();
        if (PowerShellValues.Get(o, "sectionTimings") is { } sectionTimingsToken)
        {
            foreach (var e in r.Items(sectionTimingsToken))
            {
                if (SectionName(r.Text(e, "section")) is { } section)
                {
                    sectionTimings.Add(new SectionTiming(SectionMapper.NullIfEmpty(r.Text(e, "server")), section, Seconds(e, r)));
                }
            }
        }

        return new CollectionRun
        {
            FinishedAt = r.Date(o, "finishedAt")?.Value,
            Complete = r.Bool(o, "complete"),
            Interruption = SectionMapper.NullIfEmpty(r.Text(o, "interruption")),
            SkippedServers = skipped.ToImmutable(),
            ServerTimings = serverTimings.ToImmutable(),
            SectionTimings = sectionTimings.ToImmutable(),
            Location = new SourceLocation(path, 1, "$"),
        };
    }

    private static double Seconds(JObject e, ValueReader r)
    {
        if (PowerShellValues.Get(e, "seconds") is { } t && PowerShellValues.StringForm(t) is { } text
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return seconds;
        }

        if (PowerShellValues.Get(e, "seconds") is { } bad && !PowerShellValues.IsNull(bad))
        {
            r.Problem(bad, ProblemKind.UnexpectedValue, new() { Expected = ExpectedValue.Seconds, Name = "seconds", Found = PowerShellValues.Describe(bad) });
        }

        return 0;
    }

    // Collectors write "ExchangeCertificate" or sometimes the file name.
    private static string? SectionName(string? s) =>
        string.IsNullOrEmpty(s) ? null : Path.GetFileNameWithoutExtension(s.Replace('\\', '/').Split('/')[^1]);

    private IEnumerable<string> ServerFolders() =>
        files.Paths
            .Select(p => p.Split('/'))
            .Where(p => p.Length >= 3 && p[0].Equals("servers", StringComparison.OrdinalIgnoreCase) && p[1].Length > 0)
            .Select(p => p[1]);

    /// <summary>
    /// Every server's sections, read in parallel: parsing certificates dominates the import, and servers share
    /// nothing but the read-only files, the manifest's errors and the (thread-safe) certificate cache. Each
    /// server gets a reader of its own for its problems and inconsistencies, merged back in server order, so
    /// the result does not depend on the scheduling.
    /// </summary>
    private const int ParallelFrom = 8;

    private List<ServerSnapshot> ReadServers(List<string> names, Dictionary<string, ExchangeServerEntry> entries)
    {
        var byServer = ErrorsByServer;
        var readers = new DumpReader[names.Count];
        var servers = new ServerSnapshot[names.Count];
        void Read(int i)
        {
            var reader = new DumpReader(files, certificates, dump) { errors = errors, errorsByServer = byServer };
            servers[i] = reader.ReadServer(names[i], entries.GetValueOrDefault(names[i]));
            readers[i] = reader;
        }

        // A handful of servers is read in turn: starting the thread pool and compiling Parallel.For's generic code
        // costs more than the few milliseconds their certificates take.
        if (names.Count < ParallelFrom)
        {
            for (var i = 0; i < names.Count; i++)
            {
                Read(i);
            }
        }
        else
        {
            Parallel.For(0, names.Count, Read);
        }

        foreach (var reader in readers)
        {
            problems.AddRange(reader.problems);
            inconsistencies.AddRange(reader.inconsistencies);
        }

        return [.. servers];
    }

    private ServerSnapshot ReadServer(string name, ExchangeServerEntry? entry)
    {
        var dir = "servers/" + name;
        var transport = entry?.Role is TransportServerRole.Mailbox or TransportServerRole.Edge;
        return new ServerSnapshot
        {
            Name = name,
            Fqdn = entry?.Fqdn,
            Role = entry?.Role ?? TransportServerRole.Unknown,
            ServerRoleText = entry?.RoleText,
            AdminDisplayVersion = entry?.AdminDisplayVersion,
            Site = entry?.Site,
            Location = entry?.Location,
            Flags = entry?.Flags ?? ExchangeServerFlags.Unknown,
            DistinguishedName = entry?.DistinguishedName,
            OriginatingServer = entry?.OriginatingServer,
            HostAddresses = ReadSection(dir, OrganizationMapper.HostAddress, name, (source, r) => OrganizationMapper.HostAddresses(source.Items(r), r)),
            TransportService = NotEmpty(transport, ReadSection(dir, SectionMapper.TransportService, name, (root, r) => SectionMapper.TransportServices(root, r, name)),
                EntryKind.TransportService),
            ReceiveConnectors = NotEmpty(transport, ReadSection(dir, SectionMapper.ReceiveConnector, name, (root, r) => SectionMapper.ReceiveConnectors(root, r, name)),
                EntryKind.ReceiveConnector),
            Certificates = NotEmpty(transport, ReadSection(dir, SectionMapper.ExchangeCertificate, name, (root, r) => SectionMapper.Certificates(root, r, name, inconsistencies, certificates)),
                EntryKind.Certificate),
            InternalCertificate = ReadAdCertificate(dir, name),
            DumpName = dump,
        };
    }

    /// <summary>
    /// A section of a transport server that holds nothing (an empty file, <c>null</c>, an empty array) is a
    /// collection that went wrong, not a fact: Exchange creates these objects with the server. Reported, and
    /// the section is unreadable, so that the rules that need it say so (EXTLS9001) instead of concluding from nothing.
    /// </summary>
    private Section<T> NotEmpty<T>(bool transportServer, Section<T> section, EntryKind what)
    {
        if (!transportServer || section.State != SectionState.Collected || !section.Items.IsDefaultOrEmpty || section.Location is not { } location)
        {
            return section;
        }

        long length;
        try
        {
            using var stream = files.Open(location.File);
            length = stream.Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            length = 0;
        }

        var problem = new ImportProblem(location.File, length > 0 ? 1 : 0, "$", ProblemKind.SectionEmpty, new() { Entry = what });
        problems.Add(problem);
        return Section<T>.Unreadable(problem, location);
    }

    private AdInternalCertificate ReadAdCertificate(string dir, string server)
    {
        var error = FindError(server, SectionMapper.InternalTransportCertificate);
        var file = FindFile(dir, SectionMapper.InternalTransportCertificate);
        var expected = new SourceLocation(file?.Path ?? $"{dir}/{SectionMapper.InternalTransportCertificate}.json", 0, "$") { Dump = dump };
        if (error is not null)
        {
            return new AdInternalCertificate { State = AdCertificateState.Unreadable, ReadError = error.Message, Location = expected };
        }

        if (file is not { } f)
        {
            return new AdInternalCertificate { State = AdCertificateState.NotCollected, Location = expected };
        }

        var parsed = Parse(f.Path, f.Parser);
        if (parsed.Root is null)
        {
            // The file exists but cannot be read: we know as little as if it had not been collected.
            return new AdInternalCertificate { State = AdCertificateState.NotCollected, Location = expected };
        }

        return TryMap(f.Path, parsed.Root, (root, r) => SectionMapper.AdCertificate(root, r, certificates), out var result, out _)
            ? result
            : new AdInternalCertificate { State = AdCertificateState.NotCollected, Location = expected };
    }

    /// <summary>Reads and parses a file, its problems added to the dump's.</summary>
    private ParsedSection Parse(string path, ISectionParser parser)
    {
        byte[] bytes;
        try
        {
            bytes = files.Read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var problem = new ImportProblem(path, 0, "$", ProblemKind.CannotRead, new() { Detail = ex.Message });
            problems.Add(problem);
            return new ParsedSection(null, [problem]);
        }

        var parsed = SectionParsers.Parse(parser, bytes, path);
        problems.AddRange(parsed.Problems);
        return parsed;
    }

    /// <summary>Maps a parsed file; the reader's problems, and the failure if any, are added to the dump's.</summary>
    private bool TryMap<TRoot, T>(string path, TRoot root, Func<TRoot, ValueReader, T> map, [MaybeNullWhen(false)] out T result, [NotNullWhen(false)] out ImportProblem? failure)
    {
        var r = new ValueReader(path, dump);
        try
        {
            result = map(root, r);
            failure = null;
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException or ArgumentException or InvalidOperationException)
        {
            // A shape nobody foresaw must cost this file only, never the rest of the dump.
            result = default;
            failure = new ImportProblem(path, 0, "$", ProblemKind.CannotMap, new() { Detail = ex.Message });
        }

        problems.AddRange(r.Problems);
        if (failure is not null)
        {
            problems.Add(failure);
        }

        return failure is null;
    }

    // An error naming a server but no section means the whole server could not be collected. The errors
    // are grouped by server once (in their sorted order), so each server's sections look through its own.
    private CollectionError? FindError(string? server, string section)
    {
        if (!ErrorsByServer.TryGetValue(server ?? "", out var candidates))
        {
            return null;
        }

        return candidates.FirstOrDefault(e =>
            server is null
                ? string.Equals(e.Section, section, StringComparison.OrdinalIgnoreCase)
                : e.Section is null || string.Equals(e.Section, section, StringComparison.OrdinalIgnoreCase));
    }

    private Dictionary<string, List<CollectionError>>? errorsByServer;

    private Dictionary<string, List<CollectionError>> ErrorsByServer =>
        errorsByServer ??= errors.GroupBy(e => e.Server ?? "", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);

    private (string Path, ISectionParser Parser)? FindFile(string dir, string section)
    {
        foreach (var ext in SectionParsers.Extensions)
        {
            if (files.Find($"{dir}/{section}{ext}") is { } path)
            {
                return (path, SectionParsers.ByExtension[ext]);
            }
        }

        return null;
    }

    private Section<T> ReadSection<T>(string dir, string section, string? server, Func<SectionSource, ValueReader, ImmutableArray<T>> map)
    {
        var file = FindFile(dir, section);
        var location = new SourceLocation(file?.Path ?? $"{dir}/{section}.json", 0, "$") { Dump = dump };
        if (FindError(server, section) is { } error)
        {
            return Section<T>.Missing(SectionState.Failed, error.Message, location);
        }

        if (file is not { } f)
        {
            return Section<T>.Missing(SectionState.Absent, null, location);
        }

        if (f.Parser is JsonSectionParser)
        {
            return ReadJsonSection(f.Path, location, map);
        }

        var parsed = Parse(f.Path, f.Parser);
        if (parsed.Root is null)
        {
            return Section<T>.Unreadable(parsed.Problems.FirstOrDefault() ?? new ImportProblem(f.Path, 0, "$", ProblemKind.CannotRead), location);
        }

        return TryMap(f.Path, SectionSource.Of(parsed.Root), map, out var items, out var failure)
            ? Section<T>.Collected(items, location)
            : Section<T>.Unreadable(failure, location);
    }

    /// <summary>
    /// A JSON section streamed from its file entry by entry into the mapper: the file is never one string or
    /// one tree, whatever its size. A fault anywhere makes the section unreadable, as a tree reader would:
    /// what was mapped before it is dropped, with its problems, and the fault is reported.
    /// </summary>
    private Section<T> ReadJsonSection<T>(string path, SourceLocation location, Func<SectionSource, ValueReader, ImmutableArray<T>> map)
    {
        for (var ansi = false; ; ansi = true)
        {
            try
            {
                using var text = TextDecoding.OpenReader(files.Open(path), ansi);
                using var stream = new JsonSectionStream(text, path, certificateBytes: true);
                var r = new ValueReader(path, dump);
                ImmutableArray<T> items;
                try
                {
                    items = map(SectionSource.Of(stream), r);
                    stream.Finish();
                }
                catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException or ArgumentException or InvalidOperationException
                                           && ex is not System.Text.DecoderFallbackException)
                {
                    // A shape nobody foresaw must cost this file only, never the rest of the dump.
                    problems.AddRange(r.Problems);
                    var unmappable = new ImportProblem(path, 0, "$", ProblemKind.CannotMap, new() { Detail = ex.Message });
                    problems.Add(unmappable);
                    return Section<T>.Unreadable(unmappable, location);
                }

                if (stream.Failure is { } failure)
                {
                    problems.Add(failure);
                    return Section<T>.Unreadable(failure, location);
                }

                problems.AddRange(r.Problems);
                return Section<T>.Collected(items, location);
            }
            catch (System.Text.DecoderFallbackException) when (!ansi)
            {
                // Not valid UTF-8: the ANSI code page, which maps every byte, as for every other file.
            }
            catch (System.Text.DecoderFallbackException)
            {
                // Only a UTF-8 byte order mark keeps a strict encoding for the second reading: the bytes contradict it.
                var problem = new ImportProblem(path, 0, "$", ProblemKind.ByteOrderMarkBytesInvalid, new() { Name = "UTF-8" });
                problems.Add(problem);
                return Section<T>.Unreadable(problem, location);
            }
            catch (TextEncodingException ex)
            {
                var problem = new ImportProblem(path, 0, "$", ex.Kind, new() { Name = ex.Encoding });
                problems.Add(problem);
                return Section<T>.Unreadable(problem, location);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var problem = new ImportProblem(path, 0, "$", ProblemKind.CannotRead, new() { Detail = ex.Message });
                problems.Add(problem);
                return Section<T>.Unreadable(problem, location);
            }
        }
    }
}
