using System.IO.Compression;

namespace Extls.Redaction;

/// <summary>
/// Reads a dump folder or zip into its files, and writes a redacted dump as a folder or a zip. Reading follows the
/// importer's rules: the dump root is the top, or the single folder that holds everything; a zip is read in memory
/// with the importer's limits (entries, sizes counted while inflating, no absolute or ".." names); links inside a
/// folder are not followed, since they may point outside the dump.
/// </summary>
public static class DumpArchive
{
    public const int MaxEntries = 10_000;
    public const long MaxEntryBytes = 64L * 1024 * 1024;
    public const long MaxTotalBytes = 512L * 1024 * 1024;

    /// <summary>The date every entry of a redacted zip carries, so the same input and key give the same bytes.</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="skipped">Receives the links inside a dump folder, which are not followed.</param>
    public static IReadOnlyList<DumpFile> Read(string path, List<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        if (Directory.Exists(path))
        {
            return Rooted(ReadFolder(path, skipped), path);
        }

        if (!File.Exists(path))
        {
            throw new RedactionException([new RedactionProblem(path, 0, "$", RedactionProblemKind.PathNotFound)]);
        }

        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = File.OpenRead(path);
            return Rooted(ReadZip(stream, path), path);
        }

        if (Path.GetFileName(path).Equals("manifest.json", StringComparison.OrdinalIgnoreCase))
        {
            return Read(Path.GetDirectoryName(Path.GetFullPath(path))!, skipped);
        }

        throw new RedactionException([new RedactionProblem(path, 0, "$", RedactionProblemKind.NotADumpPath)]);
    }

    private static List<DumpFile> ReadFolder(string folder, List<string> skipped)
    {
        var root = Path.GetFullPath(folder);
        var files = new List<DumpFile>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
        foreach (var file in Directory.EnumerateFiles(root, "*", options))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (new FileInfo(file).LinkTarget is not null)
            {
                skipped.Add(relative);
                continue;
            }

            files.Add(new DumpFile(relative, File.ReadAllBytes(file)));
        }

        return files;
    }

    private static List<DumpFile> ReadZip(Stream stream, string label)
    {
        RedactionException Refuse(string entry, RedactionProblemKind kind, RedactionArguments arguments) => new([new RedactionProblem(label, 0, entry, kind, arguments)]);
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > MaxEntries)
            {
                throw Refuse("$", RedactionProblemKind.ZipTooManyEntries, new RedactionArguments { Number = archive.Entries.Count, Limit = MaxEntries });
            }

            var files = new List<DumpFile>();
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (name.Length == 0 || name[0] == '/' || (name.Length >= 2 && name[1] == ':') || name.Split('/').Any(s => s == ".."))
                {
                    throw Refuse(entry.FullName, RedactionProblemKind.ZipEntryOutsideDump, new RedactionArguments { Name = entry.FullName });
                }

                if (name.EndsWith('/'))
                {
                    continue;
                }

                using var input = entry.Open();
                using var output = new MemoryStream();
                int read;
                long size = 0;
                while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    size += read;
                    total += read;
                    if (size > MaxEntryBytes || total > MaxTotalBytes)
                    {
                        throw Refuse(entry.FullName, RedactionProblemKind.ZipTooLarge, new RedactionArguments { Limit = MaxEntryBytes, TotalLimit = MaxTotalBytes });
                    }

                    output.Write(buffer, 0, read);
                }

                files.Add(new DumpFile(name, output.ToArray()));
            }

            return files;
        }
        catch (InvalidDataException ex)
        {
            throw Refuse("$", RedactionProblemKind.NotAZip, new RedactionArguments { Detail = ex.Message });
        }
    }

    private static bool IsDumpPart(string p) =>
        p.Equals("manifest.json", StringComparison.OrdinalIgnoreCase)
        || p.StartsWith("org/", StringComparison.OrdinalIgnoreCase)
        || p.StartsWith("servers/", StringComparison.OrdinalIgnoreCase);

    private static List<DumpFile> Rooted(List<DumpFile> files, string label)
    {
        if (!files.Any(f => IsDumpPart(f.Path)) && files.Count > 0)
        {
            var first = files[0].Path.Split('/')[0] + "/";
            if (files.All(f => f.Path.StartsWith(first, StringComparison.Ordinal)))
            {
                files = [.. files.Select(f => f with { Path = f.Path[first.Length..] })];
            }
        }

        if (!files.Any(f => IsDumpPart(f.Path)))
        {
            throw new RedactionException([new RedactionProblem(label, 0, "$", RedactionProblemKind.NotADump)]);
        }

        return files;
    }

    /// <summary>Writes the files into a new folder, or a zip when the path ends in .zip; written beside and moved into place, so a failure leaves nothing half-written.</summary>
    public static void Write(string path, IReadOnlyList<DumpFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using (var stream = File.Create(temp))
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
                {
                    foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
                    {
                        var entry = zip.CreateEntry(file.Path, CompressionLevel.Optimal);
                        entry.LastWriteTime = EntryTime;
                        using var output = entry.Open();
                        output.Write(file.Content);
                    }
                }

                File.Move(temp, full, overwrite: true);
            }
            else
            {
                foreach (var file in files)
                {
                    var target = Path.Combine(temp, file.Path.Replace('/', Path.DirectorySeparatorChar));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllBytes(target, file.Content);
                }

                if (Directory.Exists(full))
                {
                    Directory.Delete(full, recursive: true);
                }

                Directory.Move(temp, full);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
