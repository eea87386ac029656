using System.Globalization;
using Extls.Model;

namespace Extls.Redaction;

/// <summary>
/// Why a dump, a zip or a mapping file cannot be redacted or revealed: one member per sentence the reader sees. Redaction
/// names the kind and hands over its facts (<see cref="RedactionArguments"/>); the words, in English and Japanese, come from
/// the writers' wording table. The camelCase name is the problem's stable code: a member is never renamed.
/// </summary>
public enum RedactionProblemKind
{
    // The path given.
    PathNotFound,
    NotADumpPath,
    NotADump,
    CannotRead,

    // A zipped dump.
    ZipTooManyEntries,
    ZipEntryOutsideDump,
    ZipTooLarge,
    NotAZip,

    // A file of the dump, in its own format.
    NotJson,
    JsonUnexpectedEnd,
    JsonUnexpectedCharacter,
    JsonColonExpected,
    JsonObjectUnterminated,
    JsonArrayUnterminated,
    JsonStringUnterminated,
    CliXmlMalformed,
    CsvUnreadable,
    LogRowUnreadable,

    // The mapping file and the reports of --reveal.
    MappingCannotRead,
    MappingNotJson,
    MappingWrongFormat,
    MappingNoEntries,
    MappingEntryIncomplete,
}

/// <summary>
/// The facts a redaction problem's sentence is made of; each kind uses the few it names. <see cref="Detail"/> is what .NET or
/// a library said (an I/O error, a parser's reason), quoted as it said it.
/// </summary>
public sealed record RedactionArguments
{
    public static readonly RedactionArguments None = new();

    /// <summary>A zip entry's name, a character found, or the format a mapping file should name.</summary>
    public string? Name { get; init; }

    public long? Number { get; init; }

    /// <summary>A limit (the zip's entries, an entry's bytes).</summary>
    public long? Limit { get; init; }

    /// <summary>A second limit (the zip's bytes in all).</summary>
    public long? TotalLimit { get; init; }

    public string? Detail { get; init; }

    /// <summary>What the importer's own reader found wrong with a JSON file, worded by its own table.</summary>
    public ImportProblem? Cause { get; init; }
}

/// <summary>A file that cannot be redacted, with where in it: what went wrong as a kind with its facts, never as text.</summary>
public sealed record RedactionProblem(string File, int Line, string JsonPath, RedactionProblemKind Kind, RedactionArguments Arguments)
{
    public RedactionProblem(string file, int line, string jsonPath, RedactionProblemKind kind)
        : this(file, line, jsonPath, kind, RedactionArguments.None)
    {
    }

    /// <summary>The stable, machine-readable name of the kind (camelCase).</summary>
    public string Code => RedactionCodes.Of(Kind);

    /// <summary>Where the problem is, as file:line: path.</summary>
    public string Where =>
        Line > 0
            ? $"{File}:{Line.ToString(CultureInfo.InvariantCulture)}: {JsonPath}"
            : $"{File}: {JsonPath}";

    public override string ToString() => $"{Where}: {Code}";
}

/// <summary>The stable codes of the redaction problem kinds.</summary>
public static class RedactionCodes
{
    public static string Of(RedactionProblemKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}

/// <summary>What a redaction could not keep exactly, though the copy still analyses as the original.</summary>
public enum RedactionNoteKind
{
    /// <summary>A subject with several attributes in one RDN, re-issued with one attribute per RDN.</summary>
    SubjectOneAttributePerRdn,

    /// <summary>A signature algorithm that cannot be signed with here, re-issued as sha256RSA.</summary>
    SignatureAlgorithmReissued,

    /// <summary>An RSA key of an unusual size, re-issued with the nearest size that can be made.</summary>
    RsaKeySizeRounded,

    /// <summary>A key that is not RSA, re-issued as RSA 2048.</summary>
    KeyReissuedAsRsa,

    /// <summary>IP ranges whose pseudonymous ranges keep their ends' order but not their size.</summary>
    IpRangesApproximate,
}

/// <summary>One thing a redaction could not keep exactly, with its facts.</summary>
/// <param name="Thumbprint">The certificate it is about (the original's thumbprint), if any.</param>
/// <param name="Name">The subject, or the algorithm's name.</param>
/// <param name="Number">A key size, or a count of ranges.</param>
/// <param name="Limit">The key size used instead.</param>
public sealed record RedactionNote(RedactionNoteKind Kind, string? Thumbprint = null, string? Name = null, long? Number = null, long? Limit = null);
