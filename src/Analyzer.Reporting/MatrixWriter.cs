using Newtonsoft.Json;
using CsvHelper;
using Extls.Rules;
using Extls.Selection;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>
/// The mail-flow matrix: for each ordered pair of transport servers, whether anonymous TLS works and,
/// if not, the root-cause findings of its failing half. Every format streams: a pair is written as it
/// is produced, so a million pairs never sit in memory, as objects or as text.
/// </summary>
public sealed class MatrixWriter(RenderSettings settings)
{
    private const string Gap = "   ";
    private const string Margin = "  ";

    /// <summary>
    /// A table in the layout of the other console outputs. Column widths are measured in a first pass over
    /// the pairs (lookups only), so rows can then be written one at a time.
    /// </summary>
    public void WriteConsole(MailFlowReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var labels = Labels.For(settings.Culture);
        string[] header = [labels.Sender, labels.Receiver, labels.Path, labels.Connector, labels.AnonymousTls, labels.Cause];
        var widths = header.Select(h => h.GetCellWidth()).ToArray();
        foreach (var p in report.Pairs)
        {
            var cells = Cells(p, report, labels, settings.Culture);
            for (var i = 0; i < cells.Length; i++)
            {
                widths[i] = Math.Max(widths[i], TextSafety.Terminal(cells[i]).GetCellWidth());
            }
        }

        output.Write('\n');
        WriteRow(output, header, widths, verdictColour: null);
        output.Write(new string('─', Margin.Length * 2 + widths.Sum() + Gap.Length * (widths.Length - 1)));
        output.Write('\n');
        foreach (var p in report.Pairs)
        {
            WriteRow(output, Cells(p, report, labels, settings.Culture), widths, settings.Color ? Colour(p.Verdict) : null);
        }

        var counts = report.Counts;
        output.Write('\n');
        output.Write(labels.MatrixSummary(counts.Pairs, counts.Working, counts.Failing, counts.Unknown));
        output.Write('\n');
    }

    private static string[] Cells(ServerPairResult p, MailFlowReport report, Labels labels, string culture)
    {
        var causes = report.CausesOf(p);
        var cause = causes.Count > 0
            ? string.Join(labels.ListSeparator, causes.Select(f => f.RuleId).Distinct(StringComparer.Ordinal))
            : p.Verdict == AnonymousTlsVerdict.Fails ? OutcomeWords(p, labels) : "";
        return
        [
            p.Sender,
            p.Receiver,
            ReportTerms.Path(p.Path, culture),
            AnsweringText.ConnectorCell(p.ReceiverSide.Answer, p.ReceiveConnector, culture),
            p.Verdict switch
            {
                AnonymousTlsVerdict.Works => labels.Yes,
                AnonymousTlsVerdict.Fails => labels.No,
                _ => labels.Unknown,
            },
            cause,
        ];
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths, string? verdictColour)
    {
        var line = new System.Text.StringBuilder(Margin);
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = TextSafety.Terminal(cells[i]);
            var padding = new string(' ', widths[i] - cell.GetCellWidth());
            line.Append(i == 4 && verdictColour is not null ? $"\u001b[{verdictColour}m{cell}\u001b[0m" : cell);
            if (i < cells.Length - 1)
            {
                line.Append(padding).Append(Gap);
            }
        }

        // Trailing blanks only make files and diffs noisy.
        output.Write(line.ToString().TrimEnd(' '));
        output.Write('\n');
    }

    private static string Colour(AnonymousTlsVerdict verdict) => verdict switch
    {
        AnonymousTlsVerdict.Works => "32",
        AnonymousTlsVerdict.Fails => "31",
        _ => "33",
    };

    // Without a finding naming it, the replays' own outcomes still say which half failed.
    private static string OutcomeWords(ServerPairResult p, Labels labels)
    {
        var parts = new List<string>();
        if (p.SenderSide.Verdict == AnonymousTlsVerdict.Fails && p.SenderResult is { } s)
        {
            parts.Add($"{p.Sender}: {Fmt.CamelCase(s.Outcome.ToString())}");
        }

        if (p.ReceiverSide.NoAcceptingConnector)
        {
            parts.Add($"{p.Receiver}: {labels.NoReceiveConnector}");
        }
        else if (p.ReceiverSide.Verdict == AnonymousTlsVerdict.Fails && p.ReceiverResult is { } r)
        {
            parts.Add($"{p.Receiver}: {Fmt.CamelCase(r.Outcome.ToString())}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The JSON of schemas/matrix.schema.json, streamed to <paramref name="output"/>: the head token by token, the pairs as fragments (<see cref="MatrixJsonPairs"/>).</summary>
    public static void WriteJson(MailFlowReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var lf = new LfWriter(output);
        using (var w = new JsonTextWriter(lf) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ', CloseOutput = false, AutoCompleteOnClose = false })
        {
            w.WriteStartObject();
            Json.Tool(w);
            w.WritePropertyName("asOf");
            w.WriteValue(Fmt.Date(report.AsOf));
            w.WritePropertyName("shown");
            w.WriteValue(report.AllPairs ? "all" : "failing");

            var counts = report.Counts;
            w.WritePropertyName("summary");
            w.WriteStartObject();
            Json.Property(w, "pairs", counts.Pairs);
            Json.Property(w, "working", counts.Working);
            Json.Property(w, "failing", counts.Failing);
            Json.Property(w, "unknown", counts.Unknown);
            w.WriteEndObject();

            w.WritePropertyName("causes");
            w.WriteStartArray();
            foreach (var f in report.Causes)
            {
                w.WriteStartObject();
                Json.Property(w, "ruleId", f.RuleId);
                Json.Property(w, "fingerprint", f.Fingerprint);
                Json.Property(w, "server", f.Server);
                w.WritePropertyName("target");
                w.WriteStartObject();
                Json.Property(w, "kind", f.Target.Kind.ToId());
                Json.Property(w, "id", f.Target.Id);
                w.WriteEndObject();
                Json.Property(w, "message", f.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            // The pairs are the bulk of the output (a million at a thousand servers): written as pre-rendered fragments of
            // each half, in the writer's own layout, rather than token by token.
            w.WritePropertyName("pairs");
            w.Flush();
            lf.Write(' ');
            new MatrixJsonPairs(report, lf).Write();
            lf.Write("\n}");
        }

        lf.Flush();
        output.Write('\n');
    }

    /// <summary>The answer object as the writer lays it out inside a pair (root, "pairs", the pair, "answer"), without the space before it.</summary>
    internal static string AnswerAtPairDepth(ConnectorAnswer a)
    {
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var w = Json.Writer(text);
        w.WriteStartObject();
        w.WritePropertyName("pairs");
        w.WriteStartArray();
        w.WriteStartObject();
        w.WritePropertyName("answer");
        w.Flush();
        var start = text.GetStringBuilder().Length;
        w.WriteStartObject();
        Json.Property(w, "port", a.Port);
        Json.Property(w, "connector", a.Connector);
        Json.Property(w, "outcome", Fmt.CamelCase(a.Outcome.ToString()));
        Json.Property(w, "reason", Fmt.CamelCase(a.Reason.ToString()));
        Json.Property(w, "matchedRange", a.MatchedRange?.ToString());
        Json.Property(w, "defaultConnector", a.IsDefaultConnector);
        Json.Strings(w, "assumptions", (a.Assumptions.IsDefault ? [] : a.Assumptions).Select(x => x.ToId()));
        w.WriteEndObject();
        w.Flush();
        return text.GetStringBuilder().ToString(start, text.GetStringBuilder().Length - start).TrimStart(' ');
    }

    /// <summary>One row per pair (RFC 4180, CRLF); cells a spreadsheet would run as a formula are neutralised.</summary>
    public static void WriteCsv(MailFlowReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape };
        using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        // The answering columns come last, so that scripts reading the earlier ones by position keep working.
        csv.WriteHeader(["sender", "receiver", "path", "receiveConnector", "anonymousTls", "senderOutcome", "receiverOutcome", "causes", "port", "answer", "matchedRange", "assumptions"]);
        csv.Flush();
        new MatrixCsvRows(report, output, options).Write();
    }
}
