using Extls.Import.Certificates;
using System.Collections.Immutable;
using Extls.Import.Formats;
using Extls.Import.Loading;
using Extls.Model;

namespace Extls.Import;

/// <summary>The result of reading inputs: the organisation (whatever could be read) and every problem found.</summary>
/// <param name="Snapshot">Null only when nothing at all could be read.</param>
public sealed record LoadResult(OrganizationSnapshot? Snapshot, ImmutableArray<ImportProblem> Problems);

/// <summary>
/// Reads raw dump folders, zipped dumps and normalised snapshot files, and joins several into one
/// organisation (an organisation dump plus Edge dumps).
/// </summary>
public static class DumpLoader
{
    /// <summary>Each path a dump folder, a zipped dump or a snapshot file; several are joined into one organisation.</summary>
    public static LoadResult Load(IReadOnlyList<string> paths) => Load(paths, ZipLimits.Default);

    internal static LoadResult Load(IReadOnlyList<string> paths, ZipLimits limits)
    {
        var problems = new List<ImportProblem>();
        var parts = new List<OrganizationSnapshot>();
        var certificates = new CertificateCache();
        foreach (var path in paths)
        {
            if (LoadOne(path, limits, problems, certificates) is { } snapshot)
            {
                parts.Add(snapshot);
            }
        }

        return Finish(parts, paths, problems);
    }

    /// <summary>Reads a dump from files held in memory (path relative to the dump root → bytes); used for the embedded sample.</summary>
    public static LoadResult LoadFromFiles(string name, IReadOnlyDictionary<string, byte[]> files)
    {
        var problems = new List<ImportProblem>();
        var (snapshot, readProblems) = DumpReader.Read(DumpFiles.FromMemory(name, files));
        problems.AddRange(readProblems);
        return Finish([snapshot], [name], problems);
    }

    private static OrganizationSnapshot? LoadOne(string path, ZipLimits limits, List<ImportProblem> problems, CertificateCache certificates)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return ReadDump(DumpFiles.FromFolder(path), problems, certificates);
            }

            if (!File.Exists(path))
            {
                problems.Add(new ImportProblem(path, 0, "$", "The path does not exist."));
                return null;
            }

            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var stream = File.OpenRead(path);
                var files = ZipDump.Read(stream, path, limits, problems);
                return files is null ? null : ReadDump(files, problems, certificates);
            }

            // Pointing at a dump's manifest means the dump.
            if (Path.GetFileName(path).Equals("manifest.json", StringComparison.OrdinalIgnoreCase))
            {
                return ReadDump(DumpFiles.FromFolder(Path.GetDirectoryName(Path.GetFullPath(path))!), problems, certificates);
            }

            var text = TextDecoding.Decode(File.ReadAllBytes(path));
            var result = SnapshotFile.Read(text, path);
            problems.AddRange(result.Problems);
            return result.Snapshot;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ImportProblem(path, 0, "$", "Cannot read: " + ex.Message));
            return null;
        }
    }

    private static OrganizationSnapshot? ReadDump(DumpFiles files, List<ImportProblem> problems, CertificateCache certificates)
    {
        // A folder or zip with none of the dump's parts is a wrong path, not an organisation without servers.
        if (!files.HasDumpLayout)
        {
            problems.Add(new ImportProblem(files.ProblemFile(string.Empty).TrimEnd('/'), 0, "$",
                "Not an extls dump: no manifest.json, org/ or servers/ in it."));
            return null;
        }

        var (snapshot, readProblems) = DumpReader.Read(files, certificates);
        problems.AddRange(readProblems);
        return snapshot;
    }

    private static LoadResult Finish(List<OrganizationSnapshot> parts, IReadOnlyList<string> sources, List<ImportProblem> problems)
    {
        if (parts.Count == 0)
        {
            return new LoadResult(null, Sorted(problems));
        }

        var joined = DumpJoiner.Join(parts, problems);
        var final = Normalize(joined) with { Sources = [.. sources] };
        return new LoadResult(final, Sorted(problems));
    }

    internal static ImmutableArray<ImportProblem> Sorted(IEnumerable<ImportProblem> problems) =>
        [.. problems.Distinct()
            .OrderBy(p => p.File, StringComparer.Ordinal)
            .ThenBy(p => p.Line)
            .ThenBy(p => p.JsonPath, StringComparer.Ordinal)
            .ThenBy(p => p.Message, StringComparer.Ordinal)];

    /// <summary>Sorts everything and adds the inconsistencies only the whole organisation reveals.</summary>
    internal static OrganizationSnapshot Normalize(OrganizationSnapshot s)
    {
        var inconsistencies = s.Inconsistencies.ToList();
        var known = new HashSet<string>(s.Servers.Select(x => x.Name), StringComparer.OrdinalIgnoreCase);
        inconsistencies.RemoveAll(i => i.Kind == InconsistencyKind.ConnectorOnUnknownServer);
        foreach (var server in s.Servers)
        {
            foreach (var connector in server.ReceiveConnectors.Items.Where(c => !known.Contains(c.Server)))
            {
                inconsistencies.Add(new SnapshotInconsistency(InconsistencyKind.ConnectorOnUnknownServer, server.Name, connector.Identity, "Server", connector.Server, server.Name, connector.Location));
            }
        }

        return s with
        {
            Servers = [.. s.Servers.OrderBy(x => x.Name, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.Name, StringComparer.Ordinal)
                .Select(x => x with
                {
                    ReceiveConnectors = x.ReceiveConnectors with { Items = [.. x.ReceiveConnectors.Items.OrderBy(c => c.Identity, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Identity, StringComparer.Ordinal)] },
                    Certificates = x.Certificates with { Items = [.. x.Certificates.Items.OrderBy(c => c.Thumbprint, StringComparer.Ordinal)] },
                    HostAddresses = x.HostAddresses with { Items = [.. x.HostAddresses.Items.OrderBy(a => a.Address, IPAddresses.Order)] },
                })],
            HybridConfigurations = s.HybridConfigurations with { Items = [.. s.HybridConfigurations.Items.OrderBy(h => h.Identity, StringComparer.OrdinalIgnoreCase).ThenBy(h => h.Identity, StringComparer.Ordinal)] },
            TransportConfig = s.TransportConfig with { Items = [.. s.TransportConfig.Items.OrderBy(t => t.Identity, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Identity, StringComparer.Ordinal)] },
            AcceptedDomains = s.AcceptedDomains with { Items = [.. s.AcceptedDomains.Items.OrderBy(d => d.DomainName ?? d.Identity, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Identity, StringComparer.Ordinal)] },
            Run = s.Run with { SkippedServers = [.. s.Run.SkippedServers.Distinct()] },
            SendConnectors = s.SendConnectors with { Items = [.. s.SendConnectors.Items.OrderBy(c => c.Identity, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.DumpServer ?? string.Empty, StringComparer.OrdinalIgnoreCase)] },
            EdgeSubscriptions = s.EdgeSubscriptions with { Items = [.. s.EdgeSubscriptions.Items.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)] },
            CollectionErrors = [.. s.CollectionErrors.Distinct().OrderBy(e => e.Server ?? string.Empty, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Section ?? string.Empty, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Message, StringComparer.Ordinal)],
            Inconsistencies = [.. inconsistencies.Distinct()
                .OrderBy(i => i.Kind.ToId(), StringComparer.Ordinal)
                .ThenBy(i => i.Server ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                .ThenBy(i => i.Subject, StringComparer.Ordinal)
                .ThenBy(i => i.Property ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(i => i.DumpValue ?? string.Empty, StringComparer.Ordinal)],
        };
    }
}

/// <summary>Checks inputs for <c>extls validate</c>: every problem, not just the first.</summary>
public static class DumpValidator
{
    public static ImmutableArray<ImportProblem> Validate(IReadOnlyList<string> paths) => DumpLoader.Load(paths).Problems;
}

/// <summary>Joins an organisation's dump with Edge servers' own dumps.</summary>
internal static class DumpJoiner
{
    public static bool IsEdgeDump(OrganizationSnapshot s) => s.Servers.Length == 1 && s.Servers[0].Role == TransportServerRole.Edge;

    public static OrganizationSnapshot Join(List<OrganizationSnapshot> parts, List<ImportProblem> problems)
    {
        // The organisation's dump is the base; Edge dumps are laid over it, in the order given.
        var baseIndex = parts.FindIndex(p => !IsEdgeDump(p));
        if (baseIndex < 0)
        {
            baseIndex = 0;
        }

        var result = parts[baseIndex];
        for (int i = 0; i < parts.Count; i++)
        {
            if (i != baseIndex)
            {
                result = Add(result, parts[i], problems);
            }
        }

        return result;
    }

    private static OrganizationSnapshot Add(OrganizationSnapshot into, OrganizationSnapshot other, List<ImportProblem> problems)
    {
        var servers = into.Servers.ToList();
        var indexByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < servers.Count; i++)
        {
            indexByName.TryAdd(servers[i].Name, i);
        }

        bool edge = IsEdgeDump(other);
        foreach (var server in other.Servers)
        {
            if (!indexByName.TryGetValue(server.Name, out var index))
            {
                indexByName.TryAdd(server.Name, servers.Count);
                servers.Add(server);
            }
            else if (edge)
            {
                // The Edge's own dump is authoritative; what the organisation's AD holds for it is the subscription's certificate.
                var org = servers[index];
                servers[index] = server with
                {
                    Fqdn = server.Fqdn ?? org.Fqdn,
                    Site = server.Site ?? org.Site,
                    AdminDisplayVersion = server.AdminDisplayVersion ?? org.AdminDisplayVersion,
                    ServerRoleText = server.ServerRoleText ?? org.ServerRoleText,
                    Flags = server.Flags.AnyKnown ? server.Flags : org.Flags,
                    DistinguishedName = server.DistinguishedName ?? org.DistinguishedName,
                    OriginatingServer = server.OriginatingServer ?? org.OriginatingServer,

                    // The Mailbox servers reach the Edge on the addresses the organisation resolves for it.
                    HostAddresses = org.HostAddresses.IsKnown ? org.HostAddresses : server.HostAddresses,
                    SubscriptionCertificate = org.InternalCertificate,
                };
            }
            else
            {
                problems.Add(new ImportProblem(other.Sources.FirstOrDefault() ?? string.Empty, 0, "$", $"Server {server.Name} is in more than one dump; the first one given is kept."));
            }
        }

        return into with
        {
            Servers = [.. servers],
            CollectedAt = into.CollectedAt ?? other.CollectedAt,
            Organization = into.Organization ?? other.Organization,
            Collector = into.Collector ?? other.Collector,
            SendConnectors = Merge(into.SendConnectors, other.SendConnectors),
            EdgeSubscriptions = Merge(into.EdgeSubscriptions, other.EdgeSubscriptions),

            // The organisation's configuration objects: EdgeSync copies them to an Edge, so the base's copy is kept.
            HybridConfigurations = Prefer(into.HybridConfigurations, other.HybridConfigurations),
            TransportConfig = Prefer(into.TransportConfig, other.TransportConfig),
            AcceptedDomains = Prefer(into.AcceptedDomains, other.AcceptedDomains),
            Run = Join(into.Run, other.Run),
            CollectionErrors = into.CollectionErrors.AddRange(other.CollectionErrors),
            Inconsistencies = into.Inconsistencies.AddRange(other.Inconsistencies),
        };
    }

    private static Section<T> Prefer<T>(Section<T> a, Section<T> b) => a.IsKnown || !b.IsKnown ? a : b;

    /// <summary>Complete only when every run was; the skipped servers and timings of all runs.</summary>
    private static CollectionRun Join(CollectionRun a, CollectionRun b) => a with
    {
        Complete = a.Complete == false || b.Complete == false ? false : a.Complete is null || b.Complete is null ? null : true,
        Interruption = a.Complete == false ? a.Interruption : b.Complete == false ? b.Interruption : a.Interruption,
        Location = a.Complete == false ? a.Location : b.Complete == false ? b.Location : a.Location ?? b.Location,
        FinishedAt = a.FinishedAt ?? b.FinishedAt,
        SkippedServers = a.SkippedServers.AddRange(b.SkippedServers),
        ServerTimings = a.ServerTimings.AddRange(b.ServerTimings),
        SectionTimings = a.SectionTimings.AddRange(b.SectionTimings),
    };

    // A failed or unreadable base section stays so (its items are still added); an absent one takes the other's.
    private static Section<T> Merge<T>(Section<T> a, Section<T> b) =>
        b.State != SectionState.Collected ? a
        : a.State == SectionState.Absent ? b
        : a with { Items = a.Items.AddRange(b.Items) };
}
