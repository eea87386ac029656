using Extls.Model;
using Extls.Rules;
using Extls.Selection;
using Extls.TestKit;
using NJsonSchema;

namespace Extls.Reporting.Tests;

/// <summary>
/// The matrix writers over a real analysis of a small organisation: EX02's AD value is empty (EXTLS1002,
/// both directions), EX03's Default connector lacks ExchangeServer (EXTLS2001, inbound), EX04 has no
/// connector that accepts Mailbox servers (no finding explains it), EX01 and EX05 are healthy.
/// </summary>
public sealed class MatrixWriterTests
{
    private static readonly Lazy<(MailFlowMatrix Matrix, AnalysisResult Result)> Analysis = new(() =>
    {
        var ex02 = Build.Mailbox("EX02") with { InternalCertificate = Build.Ad(null) };
        var ex03 = Build.Mailbox("EX03");
        ex03 = ex03.WithConnectors([.. ex03.ReceiveConnectors.Items.Select(c => c.Name == "Default EX03" ? c with { AuthMechanism = ReceiveAuthMechanism.Tls } : c)]);
        var ex04 = Build.Mailbox("EX04");
        ex04 = ex04.WithConnectors([.. ex04.ReceiveConnectors.Items.Where(c => c.Name != "Default EX04")]);
        var org = Build.Org(Build.Mailbox("EX01"), ex02, ex03, ex04, Build.Mailbox("EX05"));
        var result = AnalysisEngine.CreateDefault().Analyze(org, [], new AnalysisOptions(Build.AsOf, 30));
        return (result.MailFlow, result);
    });

    private static MailFlowReport Report(bool all) =>
        new(Analysis.Value.Matrix, Analysis.Value.Result.Findings, Build.AsOf, all);

    private static string Text(Action<TextWriter> write)
    {
        using var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(w);
        return w.ToString();
    }

    [Fact]
    public void Console_table_shows_the_failing_pairs_with_their_root_causes() =>
        Golden.Verify(Text(w => new MatrixWriter(RenderSettings.Plain).WriteConsole(Report(all: false), w)), "console");

    [Fact]
    public void Console_table_in_japanese_keeps_its_columns_aligned() =>
        Golden.Verify(Text(w => new MatrixWriter(RenderSettings.Plain with { Culture = "ja" }).WriteConsole(Report(all: false), w)), "console-ja");

    [Fact]
    public void Json_golden_of_every_pair() => Golden.Verify(Text(w => MatrixWriter.WriteJson(Report(all: true), w)), "pairs", "json");

    [Fact]
    public void Csv_golden_of_every_pair() => Golden.Verify(Text(w => MatrixWriter.WriteCsv(Report(all: true), w)), "pairs", "csv");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Json_validates_against_the_matrix_schema(bool all)
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("matrix.schema.json"));
        var errors = schema.Validate(Text(w => MatrixWriter.WriteJson(Report(all), w)));
        Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));
    }

    [Fact]
    public void A_pair_cites_only_the_root_causes_of_its_own_failing_halves()
    {
        var report = Report(all: true);
        var findings = Analysis.Value.Result.Findings;
        string Causes(string sender, string receiver) =>
            string.Join(",", report.CausesOf(report.Pairs.Single(p => p.Sender == sender && p.Receiver == receiver)).Select(f => f.RuleId));

        Assert.Equal("EXTLS1002", Causes("EX01", "EX02"));
        Assert.Equal("EXTLS1002", Causes("EX02", "EX01"));
        Assert.Equal("EXTLS1002,EXTLS2001", Causes("EX02", "EX03"));
        Assert.Equal("EXTLS2001", Causes("EX01", "EX03"));
        Assert.Equal("", Causes("EX01", "EX04"));
        Assert.Equal("", Causes("EX01", "EX05"));

        // Every cause is a finding of the run, and never the mail-flow finding itself.
        Assert.All(report.Causes, c => Assert.Contains(c, findings));
        Assert.DoesNotContain(report.Causes, c => c.RuleId == RuleIds.EXTLS5001);
        Assert.Equal(new MailFlowCounts(20, 6, 14, 0), report.Counts);
    }

    [Fact]
    public void Every_format_names_the_connector_that_answers_and_the_range_that_chose_it()
    {
        // EX02's relay on 2525 holds 10.0.0.0/24 without ExchangeServer: it captures EX01's sessions, not EX03's.
        var relay = Build.Receive("EX02", "Relay 2525", auth: ReceiveAuthMechanism.Tls, binding: "0.0.0.0:2525", remoteIPRanges: ["10.0.0.0/24"]);
        var org = Build.Org(Build.Mailbox("EX01").WithAddresses("10.0.0.1"), Build.Mailbox("EX02").WithAddresses("10.0.0.2").WithConnector(relay),
            Build.Mailbox("EX03").WithAddresses("10.8.0.3"));
        var result = AnalysisEngine.CreateDefault().Analyze(org, [], new AnalysisOptions(Build.AsOf, 30));
        var report = new MailFlowReport(result.MailFlow, result.Findings, Build.AsOf, allPairs: true);

        var console = Text(w => new MatrixWriter(RenderSettings.Plain).WriteConsole(report, w)).Split('\n');
        Assert.Contains(console, l => l.Contains("EX01", StringComparison.Ordinal) && l.Contains("EX02\\Relay 2525 (10.0.0.0/24)", StringComparison.Ordinal));
        Assert.Contains(console, l => l.StartsWith("  EX03     EX02", StringComparison.Ordinal) && l.Contains("EX02\\Default EX02 ", StringComparison.Ordinal));

        var csv = Text(w => MatrixWriter.WriteCsv(report, w));
        Assert.Contains("EX01,EX02,Mailbox->Mailbox,EX02\\Relay 2525,fails,", csv, StringComparison.Ordinal);
        Assert.Contains(",2525,answered,10.0.0.0/24,", csv, StringComparison.Ordinal);

        var json = Newtonsoft.Json.Linq.JObject.Parse(Text(w => MatrixWriter.WriteJson(report, w)));
        var captured = json["pairs"]!.Single(p => (string?)p["sender"] == "EX01" && (string?)p["receiver"] == "EX02");
        Assert.Equal("EX02\\Relay 2525", (string?)captured["answer"]!["connector"]);
        Assert.Equal("mostSpecificRange", (string?)captured["answer"]!["reason"]);
        Assert.Equal("10.0.0.0/24", (string?)captured["answer"]!["matchedRange"]);
        Assert.False((bool)captured["answer"]!["defaultConnector"]!);
        Assert.False((bool?)captured["anonymousTlsWorks"]);
    }

    [Fact]
    public void Csv_neutralises_a_cell_a_spreadsheet_would_run()
    {
        var org = Build.Org(Build.Mailbox("=cmd"), Build.Mailbox("EX01") with { InternalCertificate = Build.Ad(null) });
        var result = AnalysisEngine.CreateDefault().Analyze(org, [], new AnalysisOptions(Build.AsOf, 30));
        var csv = Text(w => MatrixWriter.WriteCsv(new MailFlowReport(MailFlowMatrix.Build(org, result.Selections), result.Findings, Build.AsOf, true), w));

        Assert.Contains("\"'=cmd\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=cmd", csv, StringComparison.Ordinal);
    }

    /// <summary>
    /// Servers whose names need escaping in JSON (quote, backslash, a control character, U+2028) and quoting or neutralising
    /// in CSV (comma, quote, a leading "="), one of them broken so that pairs fail at one half and at both.
    /// </summary>
    private static MailFlowReport Awkward()
    {
        var org = Build.Org(Build.Mailbox("EX\"Q\""), Build.Mailbox("EX\\back") with { InternalCertificate = Build.Ad(null) },
            Build.Mailbox("EX,comma\u0001"), Build.Mailbox("=cmd\u2028"), Build.Mailbox("EX05"));
        var result = AnalysisEngine.CreateDefault().Analyze(org, [], new AnalysisOptions(Build.AsOf, 30));
        return new MailFlowReport(result.MailFlow, result.Findings, Build.AsOf, allPairs: true);
    }

    [Fact]
    public void Json_pairs_are_laid_out_and_escaped_as_the_json_writer_lays_them_out()
    {
        // The pairs are written as pre-rendered fragments: read back and written again token by token, they must not change.
        var json = Text(w => MatrixWriter.WriteJson(Awkward(), w));
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        var tree = Newtonsoft.Json.Linq.JToken.ReadFrom(reader);

        Assert.Equal(Json.Serialize(tree), json);
        Assert.Contains("\"EX\\\"Q\\\"\"", json, StringComparison.Ordinal);
        Assert.Contains("\\u2028", json, StringComparison.Ordinal);
        Assert.Contains(tree["pairs"]!, p => p["causes"]!.Any() && (string?)p["sender"] == "EX\\back");
    }

    [Fact]
    public void Csv_rows_are_the_cells_csvhelper_writes_for_each_pair()
    {
        // The rows are copies of each half's pre-rendered cells: they must be the bytes of writing each row's cells in one record.
        var report = Awkward();
        var expected = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var csv = CsvHelper.CsvWriter.Create(expected, new CsvHelper.CsvWriterOptions { Injection = CsvHelper.CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(["sender", "receiver", "path", "receiveConnector", "anonymousTls", "senderOutcome", "receiverOutcome", "causes", "port", "answer", "matchedRange", "assumptions"]);
            foreach (var p in report.Pairs)
            {
                var a = p.ReceiverSide.Answer;
                csv.WriteRecord(
                [
                    p.Sender, p.Receiver, p.Path, p.ReceiveConnector ?? "",
                    p.Verdict switch { AnonymousTlsVerdict.Works => "works", AnonymousTlsVerdict.Fails => "fails", _ => "unknown" },
                    p.SenderResult is { } s ? Fmt.CamelCase(s.Outcome.ToString()) : "",
                    p.ReceiverSide.NoAcceptingConnector ? "noReceiveConnector" : p.ReceiverResult is { } r ? Fmt.CamelCase(r.Outcome.ToString()) : "",
                    string.Join("; ", report.CausesOf(p).Select(f => $"{f.RuleId} {f.Fingerprint}")),
                    a is null ? "" : Fmt.Int(a.Port), a is null ? "" : Fmt.CamelCase(a.Outcome.ToString()), a?.MatchedRange?.ToString() ?? "",
                    a is null ? "" : string.Join(" ", a.Assumptions.Select(x => x.ToId())),
                ]);
            }

            csv.Flush();
        }

        var written = Text(w => MatrixWriter.WriteCsv(report, w));
        Assert.Equal(expected.ToString(), written);
        Assert.Contains("\"'=cmd", written, StringComparison.Ordinal);
        Assert.Contains("\"EX,comma", written, StringComparison.Ordinal);
    }
}
