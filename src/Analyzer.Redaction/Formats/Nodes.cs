namespace Extls.Redaction.Formats;

/// <summary>
/// One file's values, whatever its format: JSON read as written, a CSV's rows, a CliXml's objects. Redaction walks
/// this tree and leaves a replacement on the nodes it changes; the file's own writer puts the replacements back
/// into the original text, so everything redaction does not change — layout, escapes, encoding — stays as it was.
/// </summary>
internal abstract class Node;

internal sealed class ObjectNode : Node
{
    /// <summary>In file order; a property written twice is here twice.</summary>
    public List<(string Name, Node Value)> Properties { get; } = [];
}

internal sealed class ArrayNode : Node
{
    public List<Node> Items { get; } = [];

    /// <summary>Set when the array is a byte array (RawData as numbers) whose bytes are replaced.</summary>
    public byte[]? BytesReplacement { get; set; }
}

internal sealed class TextNode(string value) : Node
{
    public string Value { get; } = value;

    public string? Replacement { get; set; }
}

/// <summary>Bytes the format stores as such (CliXml's &lt;BA&gt;), as base64 in the file.</summary>
internal sealed class BytesNode(byte[]? value, string text) : Node
{
    /// <summary>Null when the text is not base64.</summary>
    public byte[]? Value { get; } = value;

    public string Text { get; } = text;

    public string? Replacement { get; set; }
}

/// <summary>A number, boolean, null or anything else redaction never changes.</summary>
internal sealed class OtherNode(string raw) : Node
{
    public string Raw { get; } = raw;

    /// <summary>The value as a byte, when it is a whole number from 0 to 255.</summary>
    public int? AsByte => int.TryParse(Raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var b) && b <= 255 ? b : null;
}

/// <summary>A file that cannot be rewritten: where and why.</summary>
internal sealed class RewriteException(string file, int line, string path, RedactionProblemKind kind, RedactionArguments? arguments = null)
    : Exception(RedactionCodes.Of(kind))
{
    public RedactionProblemKind Kind { get; } = kind;

    public RedactionArguments Arguments { get; } = arguments ?? RedactionArguments.None;

    public string File { get; } = file;

    public int Line { get; } = line;

    public string JsonPath { get; } = path;
}

/// <summary>One parsed file of a dump, able to write itself back with the replacements made.</summary>
internal interface IDocument
{
    Node Root { get; }

    byte[] Write();
}
