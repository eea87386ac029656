using System.Globalization;
using CsvHelper;

namespace Extls.Redaction.Formats;

/// <summary>
/// An Export-Csv file: the "#TYPE" line kept, the header kept, each row an object of its cells by column name.
/// Written back with the same separator, the same quoting (Export-Csv quotes every field), line ends and encoding.
/// </summary>
internal sealed class CsvDocument : IDocument
{
    private readonly TextCodec codec;
    private readonly string typeLine;
    private readonly char separator;
    private readonly bool quoteAll;
    private readonly string newLine;
    private readonly string[] header;
    private readonly List<TextNode[]> rows = [];
    private readonly bool endsWithNewLine;

    private CsvDocument(TextCodec codec, string typeLine, char separator, bool quoteAll, string newLine, string[] header, bool endsWithNewLine)
    {
        this.codec = codec;
        this.typeLine = typeLine;
        this.separator = separator;
        this.quoteAll = quoteAll;
        this.newLine = newLine;
        this.header = header;
        this.endsWithNewLine = endsWithNewLine;
    }

    public Node Root { get; } = new ArrayNode();

    public static CsvDocument Parse(byte[] bytes, string file)
    {
        var (codec, text) = TextCodec.Decode(bytes);
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var typeLine = string.Empty;
        if (text.StartsWith("#TYPE", StringComparison.OrdinalIgnoreCase))
        {
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            typeLine = end < 0 ? text : text[..(end + 1)];
            text = end < 0 ? string.Empty : text[(end + 1)..];
        }

        var separator = DetectSeparator(text);
        var doc = new CsvDocument(codec, typeLine, separator, text.TrimStart().StartsWith('"'), newLine, [], text.EndsWith('\n'));
        if (string.IsNullOrWhiteSpace(text))
        {
            return doc;
        }

        var options = new CsvReaderOptions
        {
            HasHeader = true,
            Separator = separator,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };

        string[] columns;
        var parsed = new List<TextNode[]>();
        try
        {
            using var reader = CsvReader.FromText(text, options);
            reader.ReadHeader();
            columns = [.. reader.Headers];
            while (reader.Read())
            {
                var cells = new TextNode[reader.FieldCount];
                for (int i = 0; i < cells.Length; i++)
                {
                    cells[i] = new TextNode(reader.GetString(i) ?? string.Empty);
                }

                parsed.Add(cells);
            }
        }
        catch (CsvFormatException ex)
        {
            throw new RewriteException(file, (int)Math.Max(0, ex.LineNumber), "$", RedactionProblemKind.CsvUnreadable, new RedactionArguments { Detail = ex.Message });
        }

        var result = new CsvDocument(codec, typeLine, separator, doc.quoteAll, newLine, columns, text.EndsWith('\n'));
        var root = (ArrayNode)result.Root;
        foreach (var cells in parsed)
        {
            result.rows.Add(cells);
            var row = new ObjectNode();
            for (int i = 0; i < cells.Length; i++)
            {
                row.Properties.Add((i < columns.Length ? columns[i] : "Column" + (i + 1).ToString(CultureInfo.InvariantCulture), cells[i]));
            }

            root.Items.Add(row);
        }

        return result;
    }

    public byte[] Write()
    {
        using var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.Write(typeLine);
        if (header.Length > 0)
        {
            var options = new CsvWriterOptions
            {
                Separator = separator,
                NewLine = newLine,
                Quoting = quoteAll ? CsvQuoting.Always : CsvQuoting.WhenNeeded,
                Injection = CsvInjection.None,
            };
            using (var writer = CsvWriter.Create(sw, options, true))
            {
                foreach (var h in header)
                {
                    writer.WriteField(h);
                }

                writer.EndRecord();
                foreach (var row in rows)
                {
                    foreach (var cell in row)
                    {
                        writer.WriteField(cell.Replacement ?? cell.Value);
                    }

                    writer.EndRecord();
                }

                writer.Flush();
            }
        }

        var text = sw.ToString();
        if (!endsWithNewLine && text.EndsWith(newLine, StringComparison.Ordinal))
        {
            text = text[..^newLine.Length];
        }

        return codec.Encode(text);
    }

    /// <summary>As the importer finds it: the candidate that occurs most often outside quotes on the header line.</summary>
    private static char DetectSeparator(string text)
    {
        ReadOnlySpan<char> candidates = [',', ';', '\t', '|'];
        Span<int> counts = stackalloc int[candidates.Length];
        bool quoted = false;
        foreach (char c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '\n' || c == '\r'))
            {
                break;
            }
            else if (!quoted && candidates.IndexOf(c) is var k and >= 0)
            {
                counts[k]++;
            }
        }

        int best = 0;
        for (int k = 1; k < candidates.Length; k++)
        {
            if (counts[k] > counts[best])
            {
                best = k;
            }
        }

        return candidates[best];
    }
}
