using System.Globalization;
using System.Text;
using CsvHelper;

namespace Extls.Redaction.Formats;

/// <summary>
/// An Exchange protocol log (RECV*.LOG, SEND*.LOG): '#' header lines, kept, with '#Fields:' naming the columns, then
/// CSV rows. Each row becomes an object of its fields by column name; rows are written back with CSV quoting where
/// a field needs it, every other line as it was.
/// </summary>
internal sealed class ProtocolLogDocument : IDocument
{
    private readonly TextCodec codec;
    private readonly List<object> lines = []; // a header line (string) or a row (TextNode[])
    private readonly string newLine;

    private ProtocolLogDocument(TextCodec codec, string newLine)
    {
        this.codec = codec;
        this.newLine = newLine;
    }

    public Node Root { get; } = new ArrayNode();

    public static ProtocolLogDocument Parse(byte[] bytes, string file)
    {
        var (codec, text) = TextCodec.Decode(bytes);
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var doc = new ProtocolLogDocument(codec, newLine);
        string[] fields = [];
        var split = text.Split('\n');
        for (int i = 0; i < split.Length; i++)
        {
            var line = split[i].TrimEnd('\r');
            if (i == split.Length - 1 && line.Length == 0)
            {
                break;
            }

            if (line.StartsWith('#') || line.Length == 0)
            {
                if (line.StartsWith("#Fields:", StringComparison.OrdinalIgnoreCase))
                {
                    fields = [.. line["#Fields:".Length..].Split(',').Select(f => f.Trim())];
                }

                // Header lines name software and dates, never a customer; they stay.
                doc.lines.Add(line);
                continue;
            }

            var cells = ParseRow(line, file, i + 1);
            doc.lines.Add(cells);
            var row = new ObjectNode();
            for (int c = 0; c < cells.Length; c++)
            {
                row.Properties.Add((c < fields.Length ? fields[c] : "field" + (c + 1).ToString(CultureInfo.InvariantCulture), cells[c]));
            }

            ((ArrayNode)doc.Root).Items.Add(row);
        }

        return doc;
    }

    private static TextNode[] ParseRow(string line, string file, int lineNumber)
    {
        try
        {
            using var reader = CsvReader.FromText(line, new CsvReaderOptions { HasHeader = false, MalformedData = CsvMalformedDataHandling.Recover });
            if (!reader.Read())
            {
                return [];
            }

            var cells = new TextNode[reader.FieldCount];
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = new TextNode(reader.GetString(i) ?? string.Empty);
            }

            return cells;
        }
        catch (CsvFormatException ex)
        {
            throw new RewriteException(file, lineNumber, "$", RedactionProblemKind.LogRowUnreadable, new RedactionArguments { Detail = ex.Message });
        }
    }

    public byte[] Write()
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            if (line is string header)
            {
                sb.Append(header).Append(newLine);
                continue;
            }

            var cells = (TextNode[])line;
            using var sw = new StringWriter(CultureInfo.InvariantCulture);
            using (var writer = CsvWriter.Create(sw, new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.None }, true))
            {
                foreach (var cell in cells)
                {
                    writer.WriteField(cell.Replacement ?? cell.Value);
                }

                writer.EndRecord();
                writer.Flush();
            }

            sb.Append(sw.ToString().TrimEnd('\n')).Append(newLine);
        }

        return codec.Encode(sb.ToString());
    }
}
