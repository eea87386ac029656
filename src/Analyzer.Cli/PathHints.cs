using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Cli;

/// <summary>
/// When a path is not a dump, says which folder is: the folder above a dump's servers/ or org/ folder, the dump
/// a single section file belongs to, or the one dump inside a folder. A hint only adds to the loader's problem
/// (exit 3 stays); it never guesses a dump the user did not point near.
/// </summary>
internal static class PathHints
{
    /// <summary>The problems, each for a path that is near a dump given a second sentence naming the folder to pass.</summary>
    public static ImmutableArray<ImportProblem> Add(CliHost host, IReadOnlyList<string> paths, ImmutableArray<ImportProblem> problems)
    {
        if (problems.IsDefaultOrEmpty)
        {
            return problems.IsDefault ? [] : problems;
        }

        var hints = paths.Select(p => (Path: p, Hint: For(host.FullPath(p), p))).Where(x => x.Hint is not null).ToList();
        if (hints.Count == 0)
        {
            return problems;
        }

        return [.. problems.Select(problem =>
        {
            var hint = hints.FirstOrDefault(h => problem.Line <= 1 && SamePath(problem.File, h.Path)).Hint;
            return hint is null ? problem : problem with { Hint = hint };
        })];
    }

    /// <summary>The hint for one path, or null when the path is no near miss.</summary>
    /// <param name="typed">The path as the user typed it, so that the folder to pass is named the same way.</param>
    public static PathHint? For(string fullPath, string typed)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(fullPath);
        if (Directory.Exists(trimmed))
        {
            if (IsDump(trimmed))
            {
                return null;
            }

            // servers/, org/, or a server's own folder: a dump's folder lies one or two levels up.
            for (var (up, levels) = (Path.GetDirectoryName(trimmed), 1); up is not null && levels <= 2; (up, levels) = (Path.GetDirectoryName(up), levels + 1))
            {
                if (IsDump(up))
                {
                    return new PathHint(PathHintKind.FolderInsideDump, Relative(typed, levels), Path.GetFileName(trimmed));
                }
            }

            var inside = SafeDirectories(trimmed).Where(IsDump).Order(StringComparer.Ordinal).ToList();
            return inside.Count switch
            {
                0 => null,
                1 => new PathHint(PathHintKind.OneDumpInside, Path.Join(typed, Path.GetFileName(inside[0]))),
                _ => new PathHint(PathHintKind.SeveralDumpsInside, null) { Dumps = [.. inside.Select(d => Path.GetFileName(d))] },
            };
        }

        if (File.Exists(trimmed) && !trimmed.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            // A section file (servers/EX01/ReceiveConnector.json, org/SendConnector.json, manifest.json): its dump is up to three levels up.
            for (var (up, levels) = (Path.GetDirectoryName(trimmed), 1); up is not null && levels <= 3; (up, levels) = (Path.GetDirectoryName(up), levels + 1))
            {
                if (IsDump(up))
                {
                    return new PathHint(PathHintKind.FileOfDump, Relative(typed, levels));
                }
            }
        }

        return null;
    }

    /// <summary>What the loader accepts as a raw dump folder.</summary>
    private static bool IsDump(string folder) =>
        File.Exists(Path.Combine(folder, "manifest.json")) || Directory.Exists(Path.Combine(folder, "servers")) || Directory.Exists(Path.Combine(folder, "org"));

    private static IEnumerable<string> SafeDirectories(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The typed path with <paramref name="levels"/> segments taken off its end ("dump/servers" → "dump").</summary>
    private static string Relative(string typed, int levels)
    {
        var path = Path.TrimEndingDirectorySeparator(typed);
        for (var i = 0; i < levels; i++)
        {
            var parent = Path.GetDirectoryName(path);
            path = string.IsNullOrEmpty(parent) ? (path == "." || path.Length == 0 ? ".." : ".") : parent;
        }

        return path;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
