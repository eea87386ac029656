using System.Collections.Immutable;
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
    // PLACEHOLDER (replaced by the import work): the signature is the contract the CLI builds on.
    public static LoadResult Load(IReadOnlyList<string> paths) => throw new NotImplementedException();

    /// <summary>Reads a dump from files held in memory (path relative to the dump root → bytes); used for the embedded sample.</summary>
    public static LoadResult LoadFromFiles(string name, IReadOnlyDictionary<string, byte[]> files) => throw new NotImplementedException();
}

/// <summary>The normalised snapshot file (schemas/snapshot.schema.json).</summary>
public static class SnapshotFile
{
    // PLACEHOLDER (replaced by the import work).
    public static string Write(OrganizationSnapshot snapshot) => throw new NotImplementedException();
}
