using System.Collections.Immutable;
using System.Globalization;

namespace Extls.Model;

/// <summary>
/// What went wrong with an input (a dump, a snapshot, an evidence file, a configuration, a report): one member per
/// sentence a reader sees. The readers name the kind and hand over its facts (<see cref="ProblemArguments"/>); the
/// words, in English and Japanese, come from the writers' wording table. The camelCase name is the problem's stable
/// code in the JSON and SARIF output: a member is never renamed.
/// </summary>
public enum ProblemKind
{
    // Paths, files, folders, zips.
    PathNotFound,
    CannotRead,
    NotADump,
    NoBuiltInSample,
    NotAReport,
    LinkToFolder,
    LinkOutsideDump,
    ZipTooManyEntries,
    ZipEntryOutsideDump,
    ZipEntryTooLarge,
    ZipEntryRatio,
    ZipTooLarge,
    NotAZip,
    ByteOrderMarkBytesInvalid,
    ByteOrderMarkTextInvalid,

    // The dump's manifest and sections.
    ManifestNotObject,
    UnknownDumpFormat,
    SkippedServerUnnamed,
    SectionEmpty,
    CannotMap,
    ServerInSeveralDumps,
    MoreProblemsNotListed,

    // JSON.
    MalformedJson,
    ContentAfterJson,
    JsonStringTooLong,
    JsonTooDeep,
    JsonTooManyElements,

    // CliXml (Export-Clixml).
    CliXmlEmpty,
    CliXmlNoElement,
    CliXmlWrongRoot,
    CliXmlWrongNamespace,
    CliXmlTextInRoot,
    XmlNestedTooDeep,
    MalformedXml,
    CliXmlValuesTooDeep,
    CliXmlUnknownElement,
    CliXmlRefIdRepeated,
    CliXmlPropertyUnnamed,
    CliXmlDictionaryEntryWithoutKey,
    CliXmlDictionaryKeyRepeated,
    CliXmlRefWithoutId,
    CliXmlReferencesTooMany,
    CliXmlRefUndefined,
    CliXmlTypeNamesUndefined,
    CliXmlValueInvalid,

    // CSV (Export-Csv).
    CsvQuoting,
    CsvFieldCount,
    CsvUnreadable,
    CsvHeaderUnnamed,
    CsvHeaderRepeated,

    // Values inside a section.
    UnexpectedValue,
    EntryNotObject,
    NotAnEnumValue,
    ListEntryUnreadable,
    NotADate,
    BindingUnreadable,
    IpAddressUnreadable,
    RangeBoundsUnreadable,
    RangeUnreadable,
    EntryUnnamed,
    NoInternalCertificateEntry,
    InternalCertificateValueMissing,
    RawDataUnreadable,
    CertificateIncomplete,

    // The normalised snapshot file.
    NotASnapshot,
    SnapshotPropertyMissing,
    SnapshotPropertyUnknown,
    SnapshotSchemaViolation,

    // Evidence: event exports and protocol logs.
    NotAnEventsExport,
    NoEvidenceInside,
    LogQuoting,
    LogFieldsMissing,
    LogRowBeforeFields,
    LogTypeUnknown,
    LogFieldCount,
    LogNotADate,
    LogNotAnEvent,
    LogCertificateWithoutThumbprint,
    LogUnreadable,
    LogNotText,
    LogMoreRowsUnread,

    // The configuration file (extls.yaml).
    ConfigNotYaml,
    ConfigAliasesTooMany,
    ConfigNotMapping,
    UnknownSetting,
    RulesNotMapping,
    UnknownRuleId,
    RuleSettingNotMapping,
    ValueNotAllowed,
    SuppressionsNotList,
    SuppressionNotMapping,
    SuppressionFieldMissing,
    NotWholeDays,
    NotAConfigDate,
    HelpUriNotAbsolute,
    HelpUriHasQuery,

    // A report of an earlier run (JSON or SARIF).
    ReportNotJson,
    NotAFindingsReport,
    SarifWithoutRun,
    SarifNotExtls,
    SarifSeveralRuns,
    ReportEntryNotObject,
    NotAScenario,
    NotAnOutcome,
    UnknownTargetKind,
    PropertyMissing,
    NotADateTime,
    EmptyText,
}

/// <summary>The shape of a value the file holds where a problem says something else was expected.</summary>
public enum ValueShape
{
    Text,
    Scalar,
    Null,
    Array,
    Object,
    Other,
}

/// <summary>A value as the file holds it: its shape, and for a text or a number its text (shortened).</summary>
public sealed record FoundValue(ValueShape Shape, string? Text)
{
    /// <summary>As a certificate's read error quotes it (the trace's own reason text).</summary>
    public override string ToString() => Shape switch
    {
        ValueShape.Text => "\"" + Text + "\"",
        ValueShape.Null => "null",
        ValueShape.Array => "an array",
        ValueShape.Object => "an object",
        _ => Text ?? Shape.ToString(),
    };
}

/// <summary>What a value should have been.</summary>
public enum ExpectedValue
{
    ArrayOrObject,
    Object,
    Text,
    Boolean,
    WholeNumber,
    List,
    Role,
    Seconds,
    IsoDateTime,
    Duration,
    Guid,
    CharacterCode,
    Base64,
    Value,
    Integer,
    UnsignedInteger,
    FloatingPoint,
    Decimal,
}

/// <summary>What is wrong with a CSV row's quoting.</summary>
public enum CsvFault
{
    StrayQuote,
    TextAfterClosingQuote,
    UnterminatedQuote,
    LineBreakInQuotes,
    FieldCountMismatch,
    Other,
}

/// <summary>What kind of entry a problem is about.</summary>
public enum EntryKind
{
    ExchangeServer,
    ReceiveConnector,
    SendConnector,
    EdgeSubscription,
    HybridConfiguration,
    AcceptedDomain,
    HostAddress,
    Event,
    Certificate,
    TransportService,
    Finding,
    Result,
    Selection,
}

/// <summary>
/// The facts a problem's sentence is made of, typed; each kind uses the few it names. <see cref="Detail"/> is what the
/// operating system or a library said (an I/O error, a parser's reason), quoted as it said it.
/// </summary>
public sealed record ProblemArguments
{
    public static readonly ProblemArguments None = new();

    /// <summary>A property, element, setting, server, file or entry name, as the input spells it.</summary>
    public string? Name { get; init; }

    /// <summary>A value as the input holds it, or a second name (a link's target, the format expected).</summary>
    public string? Value { get; init; }

    public FoundValue? Found { get; init; }

    public ExpectedValue? Expected { get; init; }

    public EntryKind? Entry { get; init; }

    public CsvFault? Fault { get; init; }

    /// <summary>Names: the values allowed, the properties missing.</summary>
    public ImmutableArray<string> Names { get; init; } = [];

    public long? Number { get; init; }

    /// <summary>A limit, or the count something should have had.</summary>
    public long? Limit { get; init; }

    public string? Detail { get; init; }

    public bool Equals(ProblemArguments? other) =>
        other is not null && Name == other.Name && Value == other.Value && Equals(Found, other.Found) && Expected == other.Expected
        && Entry == other.Entry && Fault == other.Fault && Number == other.Number && Limit == other.Limit && Detail == other.Detail
        && (Names.IsDefault ? [] : Names).SequenceEqual(other.Names.IsDefault ? [] : other.Names, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Name, Value, Found, Expected, Entry, Number, Limit, Detail);
}

/// <summary>How a path that is not a dump relates to one (a second sentence the problem carries).</summary>
public enum PathHintKind
{
    /// <summary>A folder inside a dump (servers/, org/, a server's folder): <see cref="PathHint.Path"/> is the dump.</summary>
    FolderInsideDump,

    /// <summary>A folder holding one dump: <see cref="PathHint.Path"/> is it.</summary>
    OneDumpInside,

    /// <summary>A folder holding several dumps, named in <see cref="PathHint.Dumps"/>.</summary>
    SeveralDumpsInside,

    /// <summary>One file of a dump: <see cref="PathHint.Path"/> is the dump.</summary>
    FileOfDump,
}

/// <summary>Which folder to pass instead of a path that is not a dump.</summary>
/// <param name="Folder">For <see cref="PathHintKind.FolderInsideDump"/>: the folder's own name (servers, org, EX01).</param>
public sealed record PathHint(PathHintKind Kind, string? Path, string? Folder = null)
{
    public ImmutableArray<string> Dumps { get; init; } = [];

    public bool Equals(PathHint? other) =>
        other is not null && Kind == other.Kind && Path == other.Path && Folder == other.Folder
        && (Dumps.IsDefault ? [] : Dumps).SequenceEqual(other.Dumps.IsDefault ? [] : other.Dumps, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Kind, Path, Folder);
}

/// <summary>
/// A problem with an input, at its file, line (0 when unknown) and JSON path: what went wrong as a kind with its facts,
/// never as text. The writers word it in the reader's language.
/// </summary>
public sealed record ImportProblem(string File, int Line, string JsonPath, ProblemKind Kind, ProblemArguments Arguments)
{
    public ImportProblem(string file, int line, string jsonPath, ProblemKind kind)
        : this(file, line, jsonPath, kind, ProblemArguments.None)
    {
    }

    /// <summary>A second sentence naming the folder to pass, when the path is near a dump.</summary>
    public PathHint? Hint { get; init; }

    /// <summary>The stable, machine-readable name of the kind (camelCase), as the JSON and SARIF output carry it.</summary>
    public string Code => ProblemCodes.Of(Kind);

    /// <summary>Where the problem is, as file:line: path (for logs and messages that do not word it).</summary>
    public string Where =>
        Line > 0
            ? $"{File}:{Line.ToString(CultureInfo.InvariantCulture)}: {JsonPath}"
            : $"{File}: {JsonPath}";

    public override string ToString() => $"{Where}: {Code}";
}

/// <summary>The stable codes of the problem kinds.</summary>
public static class ProblemCodes
{
    public static string Of(ProblemKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static ProblemKind? Parse(string? code) =>
        code is { Length: > 0 } && char.IsLower(code[0]) && Enum.TryParse<ProblemKind>(char.ToUpperInvariant(code[0]) + code[1..], false, out var kind)
            && Of(kind) == code
            ? kind
            : null;
}
