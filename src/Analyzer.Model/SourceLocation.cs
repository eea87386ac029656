namespace Extls.Model;

/// <summary>Where an object came from in the input: the file (relative to the dump root), its line, and the JSON path.</summary>
/// <remarks>Line is 1-based; 0 when the format has no lines to speak of. CSV and CliXml map their own positions here.</remarks>
public sealed record SourceLocation(string File, int Line, string JsonPath)
{
    /// <summary>
    /// The dump the file belongs to (its folder or zip name; unique among the dumps joined into one
    /// organisation). Null when the input was no dump (a hand-made snapshot without it).
    /// </summary>
    public string? Dump { get; init; }

    /// <summary>The file as a path from the folder holding the dumps: "dump/servers/EX01/…".</summary>
    public string DumpFile => Dump is null ? File : Dump + "/" + File;

    public override string ToString() =>
        Line > 0 ? $"{DumpFile}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({JsonPath})" : $"{DumpFile} ({JsonPath})";
}
