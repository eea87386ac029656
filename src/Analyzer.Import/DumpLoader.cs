using Extls.Import.Certificates;
using System.Collections.Immutable;
using Extls.Import.Formats;
using Extls.Import.Joining;
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
        using var certificates = new CertificateCache();
        var names = new DumpNames();
        foreach (var path in paths)
        {
            if (LoadOne(path, limits, problems, certificates, names) is { } snapshot)
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

    private static OrganizationSnapshot? LoadOne(string path, ZipLimits limits, List<ImportProblem> problems, CertificateCache certificates, DumpNames names)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return ReadDump(DumpFiles.FromFolder(path, problems), problems, certificates, names);
            }

            if (!File.Exists(path))
            {
                problems.Add(new ImportProblem(path, 0, "$", ProblemKind.PathNotFound));
                return null;
            }

            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var stream = File.OpenRead(path);
                var files = ZipDump.Read(stream, path, limits, problems);
                return files is null ? null : ReadDump(files, problems, certificates, names);
            }

            // Pointing at a dump's manifest means the dump.
            if (Path.GetFileName(path).Equals("manifest.json", StringComparison.OrdinalIgnoreCase))
            {
                return ReadDump(DumpFiles.FromFolder(Path.GetDirectoryName(Path.GetFullPath(path))!, problems), problems, certificates, names);
            }

            var text = TextDecoding.Decode(File.ReadAllBytes(path));
            var result = SnapshotFile.Read(text, path);
            problems.AddRange(result.Problems);
            return result.Snapshot;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ImportProblem(path, 0, "$", ProblemKind.CannotRead, new() { Detail = ex.Message }));
            return null;
        }
        catch (TextEncodingException ex)
        {
            problems.Add(new ImportProblem(path, 0, "$", ex.Kind, new() { Name = ex.Encoding }));
            return null;
        }
    }

    private static OrganizationSnapshot? ReadDump(DumpFiles files, List<ImportProblem> problems, CertificateCache certificates, DumpNames names)
    {
        // A folder or zip with none of the dump's parts is a wrong path, not an organisation without servers.
        if (!files.HasDumpLayout)
        {
            problems.Add(new ImportProblem(files.ProblemFile(string.Empty).TrimEnd('/'), 0, "$", ProblemKind.NotADump));
            return null;
        }

        var (snapshot, readProblems) = DumpReader.Read(files, certificates, names.Claim(files));
        problems.AddRange(readProblems);
        return snapshot;
    }

    private static LoadResult Finish(List<OrganizationSnapshot> parts, IReadOnlyList<string> sources, List<ImportProblem> problems)
    {
        if (parts.Count == 0)
        {
            return new LoadResult(null, Sorted(problems));
        }

        var joined = DumpJoin.Join(parts, problems);
        var final = Normalize(joined) with { Sources = [.. sources] };
        return new LoadResult(final, Sorted(problems));
    }

    internal static ImmutableArray<ImportProblem> Sorted(IEnumerable<ImportProblem> problems) =>
        [.. problems.Distinct()
            .OrderBy(p => p.File, StringComparer.Ordinal)
            .ThenBy(p => p.Line)
            .ThenBy(p => p.JsonPath, StringComparer.Ordinal)
            .ThenBy(p => p.Code, StringComparer.Ordinal)
            .ThenBy(p => p.Arguments.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Arguments.Value, StringComparer.Ordinal)
            .ThenBy(p => p.Arguments.Found?.Text, StringComparer.Ordinal)
            .ThenBy(p => p, NumberOrder.Instance)
            .ThenBy(p => p.Arguments.Detail, StringComparer.Ordinal)];

    // Orders problems by their number argument, none first as Comparer<long?> does: a key selector returning long? made
    // LINQ's ordering over a nullable struct, compiled at run time on every start; a comparer of the problem is not.
    private sealed class NumberOrder : IComparer<ImportProblem>
    {
        public static readonly NumberOrder Instance = new();

        public int Compare(ImportProblem? x, ImportProblem? y)
        {
            var a = x?.Arguments.Number;
            var b = y?.Arguments.Number;
            return a is { } av ? (b is { } bv ? av.CompareTo(bv) : 1) : (b is null ? 0 : -1);
        }
    }

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

/// <summary>
/// The names locations give the dumps of one load: each dump's folder or zip name, made unique when two
/// dumps share one ("dump" and "dump (2)"), so that a location always says which dump it is in.
/// </summary>
internal sealed class DumpNames
{
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    public string Claim(DumpFiles files)
    {
        var name = files.Name.Length > 0 ? files.Name : "dump";
        var claimed = name;
        for (var n = 2; !used.Add(claimed); n++)
        {
            claimed = $"{name} ({n.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        }

        return claimed;
    }
}
