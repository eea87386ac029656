using System.IO.Compression;
using Extls.Model;

namespace Extls.Import.Loading;

/// <summary>The files of one dump, by path relative to the dump root ("servers/EX01/ReceiveConnector.json").</summary>
internal sealed class DumpFiles
{
    // Looked up ignoring case, as Windows (where dumps are made) names files; each keeps its spelling for problems.
    // The value is a class, not a value tuple: a dictionary over a value tuple is compiled at run time (ReadyToRun
    // cannot precompile a framework generic over a struct), some dozen methods on every start.
    private readonly Dictionary<string, Entry> files;

    // Files that can be streamed from disk, by the same paths.
    private readonly Dictionary<string, Func<Stream>> opens = new(StringComparer.OrdinalIgnoreCase);

    private DumpFiles(string name, string label)
    {
        Name = name;
        Label = label;
        files = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
    }

    private sealed class Entry(string spelling, Func<byte[]> read)
    {
        public string Spelling { get; } = spelling;

        public Func<byte[]> Read { get; } = read;
    }

    private void Add(string path, Func<byte[]> read)
    {
        var normalized = Normalize(path);
        files[normalized] = new Entry(normalized, read);
    }

    /// <summary>The dump's name (folder or zip name), for <see cref="ServerSnapshot.DumpName"/>.</summary>
    public string Name { get; }

    /// <summary>How problems name the dump: the path as given.</summary>
    public string Label { get; }

    public IEnumerable<string> Paths => files.Keys;

    /// <summary>The stored spelling of a path, which may differ in case from the one asked for.</summary>
    public string? Find(string path) => files.TryGetValue(Normalize(path), out var stored) ? stored.Spelling : null;

    public byte[] Read(string path) => files[Normalize(path)].Read();

    /// <summary>
    /// The file as a seekable stream: a file of a folder is read from disk as it is consumed, never held
    /// whole (a section file can be hundreds of megabytes); a zip's or the sample's entry is already in memory.
    /// </summary>
    public Stream Open(string path) => opens.TryGetValue(Normalize(path), out var open) ? open() : new MemoryStream(Read(path), writable: false);

    public string ProblemFile(string relative) => Label.Length == 0 ? relative : Label.TrimEnd('/', '\\') + "/" + relative;

    public static string Normalize(string path) => path.Replace('\\', '/').TrimStart('/');

    /// <param name="problems">Where links that lead out of the folder are reported; they are not read.</param>
    public static DumpFiles FromFolder(string folder, List<ImportProblem>? problems = null)
    {
        var root = Path.GetFullPath(folder);
        var found = FilesInside(root, problems ?? []).Select(f => (Path: Normalize(Path.GetRelativePath(root, f)), Full: f)).ToList();
        var entries = found.Select(f => (f.Path, (Func<byte[]>)(() => File.ReadAllBytes(f.Full))));
        var dump = Rooted(Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)), folder, [.. entries]);
        var prefix = found.Count == 0 ? "" : RootPrefix([.. found.Select(f => f.Path)]);
        foreach (var (path, full) in found.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)))
        {
            // Unbuffered: whoever reads the stream reads it in blocks of its own (TextDecoding), so a buffer here was
            // 4 KB more per file, thousands of files a dump.
            dump.opens[path[prefix.Length..]] = () => new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }

        return dump;
    }

    /// <summary>
    /// Every file under <paramref name="root"/>, in a stable order, without leaving it: a symbolic link (or
    /// junction) to a file is read only when it ends inside the folder, and links to folders are not followed
    /// (they could lead anywhere on the machine, or round in a circle). Each refused link is a problem.
    /// </summary>
    private static List<string> FilesInside(string root, List<ImportProblem> problems)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true };
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", options).OrderBy(e => e.Name, StringComparer.Ordinal).Reverse())
            {
                var relative = Normalize(Path.GetRelativePath(root, entry.FullName));

                // Every link is a reparse point (a symbolic link on Unix, a link or junction on Windows): the attributes
                // come with the listing, the link's target costs a system call, asked only of those.
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 && entry.LinkTarget is not null)
                {
                    var target = SafeTarget(entry);
                    if (entry is DirectoryInfo || target is null || !Inside(root, target))
                    {
                        problems.Add(entry is DirectoryInfo
                            ? new ImportProblem(Path.Combine(root, relative), 0, "$", ProblemKind.LinkToFolder, new() { Name = relative, Value = entry.LinkTarget })
                            : new ImportProblem(Path.Combine(root, relative), 0, "$", ProblemKind.LinkOutsideDump, new() { Name = relative, Value = target ?? entry.LinkTarget }));
                        continue;
                    }
                }

                if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                }
                else
                {
                    result.Add(entry.FullName);
                }
            }
        }

        return result;
    }

    private static string? SafeTarget(FileSystemInfo entry)
    {
        try
        {
            return entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            // A circle of links, or one to nothing.
            return null;
        }
    }

    private static bool Inside(string root, string path)
    {
        var relative = Path.GetRelativePath(root, Path.GetFullPath(path));
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    /// <summary>
    /// The files of a dump that may sit one folder down, as an unzipped dump often does and a zipped one
    /// as often holds it: paths are taken relative to the dump root, and that folder names the dump.
    /// </summary>
    internal static DumpFiles Rooted(string fallbackName, string label, IReadOnlyList<(string Path, Func<byte[]> Read)> entries)
    {
        var prefix = RootPrefix([.. entries.Select(e => e.Path)]);
        var name = prefix.Length > 0 ? prefix.TrimEnd('/') : fallbackName;
        var dump = new DumpFiles(name, label);
        foreach (var (path, read) in entries)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                dump.Add(path[prefix.Length..], read);
            }
        }

        return dump;
    }

    /// <summary>Whether the files hold any part of a dump at their top.</summary>
    public bool HasDumpLayout => Paths.Any(IsDumpPart);

    private static bool IsDumpPart(string p) =>
        p.Equals("manifest.json", StringComparison.OrdinalIgnoreCase)
        || p.StartsWith("org/", StringComparison.OrdinalIgnoreCase)
        || p.StartsWith("servers/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dump root: the top, or the single folder that holds everything when the top has no dump layout.</summary>
    private static string RootPrefix(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0 || paths.Any(IsDumpPart))
        {
            return string.Empty;
        }

        var first = paths[0].Split('/')[0];
        return paths.All(p => p.StartsWith(first + "/", StringComparison.Ordinal)) ? first + "/" : string.Empty;
    }

    // In ordinal path order whatever the dictionary's own order, as a folder's files are, so that the first spelling of
    // a name seen is the same; a plain loop over the keys, not LINQ over the key-value pairs: those are structs, and
    // LINQ over them is compiled at run time.
    public static DumpFiles FromMemory(string name, IReadOnlyDictionary<string, byte[]> files)
    {
        var paths = new List<string>(files.Keys);
        paths.Sort(StringComparer.Ordinal);
        var dump = new DumpFiles(name, name);
        foreach (var path in paths)
        {
            var bytes = files[path];
            dump.Add(path, () => bytes);
        }

        return dump;
    }
}

/// <summary>Limits that keep a hostile or broken zip from exhausting memory.</summary>
/// <param name="MaxRatio">
/// How many times its compressed size an entry may expand to once past <paramref name="RatioFloorBytes"/>: text
/// that Exchange writes compresses some 10 to 100 times, a zip bomb a thousand; refusing it there costs megabytes,
/// not the whole limit.
/// </param>
internal sealed record ZipLimits(int MaxEntries, long MaxTotalBytes, long MaxEntryBytes, long MaxRatio = 500, long RatioFloorBytes = 8L * 1024 * 1024)
{
    public static readonly ZipLimits Default = new(10_000, 512L * 1024 * 1024, 64L * 1024 * 1024);
}

/// <summary>Reads a zipped dump from its stream, never to disk, refusing traversal and bombs.</summary>
internal static class ZipDump
{
    public static DumpFiles? Read(Stream stream, string label, ZipLimits limits, List<ImportProblem> problems)
    {
        void Refuse(string jsonPath, ProblemKind kind, ProblemArguments arguments) => problems.Add(new ImportProblem(label, 0, jsonPath, kind, arguments));

        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var entries = archive.Entries;
            if (entries.Count > limits.MaxEntries)
            {
                Refuse("$", ProblemKind.ZipTooManyEntries, new() { Number = entries.Count, Limit = limits.MaxEntries });
                return null;
            }

            foreach (var entry in entries)
            {
                if (!IsSafe(entry.FullName))
                {
                    Refuse(entry.FullName, ProblemKind.ZipEntryOutsideDump, new() { Name = entry.FullName });
                    return null;
                }
            }

            var contents = new List<(string Path, Func<byte[]> Read)>();
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    continue;
                }

                // Sizes are counted while inflating: the headers are the attacker's to write.
                using var input = entry.Open();
                using var output = new MemoryStream();
                int read;
                long size = 0;
                while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    size += read;
                    total += read;
                    if (size > limits.MaxEntryBytes)
                    {
                        Refuse(entry.FullName, ProblemKind.ZipEntryTooLarge, new() { Name = entry.FullName, Limit = limits.MaxEntryBytes });
                        return null;
                    }

                    if (size > limits.RatioFloorBytes && size > limits.MaxRatio * Math.Max(1, entry.CompressedLength))
                    {
                        Refuse(entry.FullName, ProblemKind.ZipEntryRatio, new() { Name = entry.FullName, Limit = limits.MaxRatio, Number = entry.CompressedLength });
                        return null;
                    }

                    if (total > limits.MaxTotalBytes)
                    {
                        Refuse(entry.FullName, ProblemKind.ZipTooLarge, new() { Limit = limits.MaxTotalBytes });
                        return null;
                    }

                    output.Write(buffer, 0, read);
                }

                var bytes = output.ToArray();
                contents.Add((DumpFiles.Normalize(entry.FullName), () => bytes));
            }

            return DumpFiles.Rooted(Path.GetFileNameWithoutExtension(label), label, contents);
        }

        catch (InvalidDataException ex)
        {
            Refuse("$", ProblemKind.NotAZip, new() { Detail = ex.Message });
            return null;
        }
    }

    internal static bool IsSafe(string name)
    {
        if (name.Length == 0 || name[0] is '/' or '\\' || (name.Length >= 2 && name[1] == ':') || Path.IsPathRooted(name))
        {
            return false;
        }

        return !name.Split('/', '\\').Any(segment => segment == "..");
    }
}
