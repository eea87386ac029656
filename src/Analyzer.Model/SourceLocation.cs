namespace Extls.Model;

/// <summary>Where an object came from in the input: the file (relative to the dump root), its line, and the JSON path.</summary>
/// <remarks>Line is 1-based; 0 when the format has no lines to speak of. CSV and CliXml map their own positions here.</remarks>
public sealed record SourceLocation(string File, int Line, string JsonPath)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({JsonPath})" : $"{File} ({JsonPath})";
}
