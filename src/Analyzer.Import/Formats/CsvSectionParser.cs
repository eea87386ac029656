using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using Extls.Model;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Formats;

/// <summary>
/// Reads a section written by <c>Export-Csv</c> into the tree <c>ConvertTo-Json</c> would have given:
/// an array with one object per row, keyed by the header. Values stay the text Export-Csv wrote
/// ("{a, b}", "System.Byte[]", locale dates) because the mapper interprets those for every format.
/// </summary>
internal sealed class CsvSectionParser : ISectionParser
{
    public string Extension => ".csv";

    public ParsedSection Parse(ReadOnlyMemory<byte> content, string file)
    {
        var problems = ImmutableArray.CreateBuilder<ImportProblem>();
        string text = TextDecoding.Decode(content.Span);

        // Export-Csv without -NoTypeInformation (and PowerShell 7 with -IncludeTypeInformation) starts
        // with "#TYPE <type name>"; it is not part of the table, but it does count as a line.
        int lineOffset = 0;
        if (text.StartsWith("#TYPE", StringComparison.OrdinalIgnoreCase))
        {
            int end = text.IndexOf('\n', StringComparison.Ordinal);
            text = end < 0 ? string.Empty : text[(end + 1)..];
            lineOffset = 1;
        }

        var rows = new JArray();
        rows.AddAnnotation(new SourceLineAnnotation(1));
        if (string.IsNullOrWhiteSpace(text))
        {
            // Export-Csv given no objects writes an empty file: the section holds nothing.
            return new ParsedSection(rows, problems.ToImmutable());
        }

        var options = new CsvReaderOptions
        {
            HasHeader = true,
            Separator = DetectSeparator(text),
            TrackLineNumbers = true,

            // Export-Csv writes none, but a file opened and saved by hand often gains a trailing one.
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record =>
            {
                problems.Add(new ImportProblem(
                    file,
                    (int)record.LineNumber + lineOffset,
                    "$",
                    ProblemKind.CsvQuoting,
                    new() { Fault = Fault(record.Reason) }));
            },
        };

        try
        {
            using var reader = CsvReader.FromText(text, options);
            var columns = ReadColumns(reader, file, lineOffset, problems);
            int dataIndex = 0;
            while (reader.Read())
            {
                int line = (int)reader.LineNumber + lineOffset;
                string path = "$[" + dataIndex.ToString(CultureInfo.InvariantCulture) + "]";
                dataIndex++;
                if (reader.FieldCount != columns.Length)
                {
                    problems.Add(new ImportProblem(
                        file,
                        line,
                        path,
                        ProblemKind.CsvFieldCount,
                        new() { Number = reader.FieldCount, Limit = columns.Length }));
                    continue;
                }

                rows.Add(ReadRow(reader, columns, line));
            }
        }
        catch (CsvFormatException ex)
        {
            int line = ex.LineNumber > 0 ? (int)ex.LineNumber + lineOffset : 0;
            problems.Add(new ImportProblem(file, line, "$", ProblemKind.CsvUnreadable, new() { Detail = ex.Message }));
        }

        return new ParsedSection(rows, problems.ToImmutable());
    }

    /// <summary>The property name of each column, or null for a column that must be ignored.</summary>
    private static string?[] ReadColumns(CsvReader reader, string file, int lineOffset, ImmutableArray<ImportProblem>.Builder problems)
    {
        reader.ReadHeader();
        var headers = reader.Headers;
        var columns = new string?[headers.Count];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int headerLine = 1 + lineOffset;
        for (int i = 0; i < headers.Count; i++)
        {
            string name = headers[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add(new ImportProblem(file, headerLine, "$", ProblemKind.CsvHeaderUnnamed, new() { Number = i + 1 }));
            }
            else if (!seen.Add(name))
            {
                // PowerShell property names ignore case, so "Name" and "name" are the same property.
                problems.Add(new ImportProblem(
                    file, headerLine, "$", ProblemKind.CsvHeaderRepeated, new() { Number = i + 1, Name = name }));
            }
            else
            {
                columns[i] = name;
            }
        }

        return columns;
    }

    private static JObject ReadRow(CsvReader reader, string?[] columns, int line)
    {
        var row = new JObject();
        row.AddAnnotation(new SourceLineAnnotation(line));
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i] is not { } name)
            {
                continue;
            }

            string? value = reader.GetString(i);

            // Export-Csv writes null and "" alike as an empty cell; ConvertTo-Json would have said null.
            var token = string.IsNullOrEmpty(value) ? JValue.CreateNull() : new JValue(value);
            token.AddAnnotation(new SourceLineAnnotation(line));
            row.Add(name, token);
        }

        return row;
    }

    /// <summary>
    /// The separator of the header line: Export-Csv writes commas, but -UseCulture and -Delimiter give the
    /// list separator of the collector's locale (often ';'). The header is all names, so whichever
    /// candidate occurs most often outside quotes is the separator.
    /// </summary>
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

    internal static CsvFault Fault(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => CsvFault.StrayQuote,
        CsvMalformedReason.TextAfterClosingQuote => CsvFault.TextAfterClosingQuote,
        CsvMalformedReason.UnterminatedQuote => CsvFault.UnterminatedQuote,
        CsvMalformedReason.LineBreakInQuotes => CsvFault.LineBreakInQuotes,
        CsvMalformedReason.FieldCountMismatch => CsvFault.FieldCountMismatch,
        _ => CsvFault.Other,
    };
}
