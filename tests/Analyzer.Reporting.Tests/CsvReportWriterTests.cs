using CsvHelper;
using Extls.Rules;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed class CsvReportWriterTests
{
    private static string Render(AnalysisResult result) => ReportWriters.Create(ReportFormat.Csv, RenderSettings.Plain).Render(result);

    /// <summary>The cells as a spreadsheet (or any RFC 4180 reader) reads them back, header first.</summary>
    private static List<string[]> Read(string csv)
    {
        using var reader = CsvReader.FromText(csv, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "")]);
        }

        return rows;
    }

    private static string Cell(string[] header, string[] row, string column) => row[Array.IndexOf(header, column)];

    [Fact]
    public void Csv_golden() => Golden.Verify(Render(Samples.Result()), "full", "csv");

    [Fact]
    public void One_row_per_finding_under_a_stable_header()
    {
        var result = Samples.Result();
        var rows = Read(Render(result));
        Assert.Equal(CsvReportWriter.Columns, rows[0]);
        Assert.Equal(result.Findings.Select(f => f.Fingerprint), rows.Skip(1).Select(r => Cell(rows[0], r, "fingerprint")));
        Assert.All(rows, r => Assert.Equal(CsvReportWriter.Columns.Length, r.Length));

        var notInStore = rows.Single(r => Cell(rows[0], r, "ruleId") == "EXTLS1004");
        Assert.Equal("error", Cell(rows[0], notInStore, "severity"));
        Assert.Equal("server", Cell(rows[0], notInStore, "targetKind"));
        Assert.Equal("12013", Cell(rows[0], notInStore, "eventId"));
        Assert.Equal("", Cell(rows[0], notInStore, "baselineState"));
        Assert.Contains("New-ExchangeCertificate -Server 'EX02' -WhatIf", Cell(rows[0], notInStore, "remediation"), StringComparison.Ordinal);
        Assert.Equal("true", Cell(rows[0], rows.Single(r => Cell(rows[0], r, "ruleId") == "EXTLS4004"), "suppressed"));
    }

    [Fact]
    public void Cells_a_spreadsheet_would_run_as_a_formula_are_neutralised()
    {
        var rows = Read(Render(Samples.Hostile()));
        var header = rows[0];
        foreach (var row in rows.Skip(1))
        {
            foreach (var cell in row)
            {
                Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"cell starts with a formula character: {cell}");
            }
        }

        var first = rows[1];
        Assert.Equal("'" + Samples.HostileOrganization, Cell(header, first, "organization"));
        var connector = rows.First(r => Cell(header, r, "targetId").Contains("calc", StringComparison.Ordinal));
        // The name keeps its pipes, quotes and line break inside one quoted cell; only half a surrogate pair is replaced.
        Assert.Equal("EX01\\" + Samples.HostileName.Replace("\ud800", "\ufffd", StringComparison.Ordinal), Cell(header, connector, "targetId"));
    }

    [Fact]
    public void A_cell_starting_with_each_formula_character_is_prefixed_with_a_quote()
    {
        foreach (var start in new[] { "=", "+", "-", "@", "\t", "\r" })
        {
            var result = Samples.Result() with { Snapshot = Samples.Result().Snapshot with { Organization = start + "1+1" } };
            var rows = Read(Render(result));
            Assert.Equal("'" + start + "1+1", Cell(rows[0], rows[1], "organization"));
        }
    }

    [Fact]
    public void Each_row_names_its_input_and_the_built_in_sample_says_so()
    {
        var rows = Read(Render(Samples.Result() with { BuiltInSample = true }));
        Assert.All(rows.Skip(1), r => Assert.Equal("Built-in sample organisation", Cell(rows[0], r, "input")));
        rows = Read(Render(Samples.Result()));
        Assert.All(rows.Skip(1), r => Assert.Equal("dumps/contoso", Cell(rows[0], r, "input")));
    }

    [Fact]
    public void With_a_baseline_every_row_has_its_state_and_the_absent_findings_are_rows_too()
    {
        var result = Samples.WithBaseline();
        var rows = Read(Render(result));
        var states = rows.Skip(1).Select(r => Cell(rows[0], r, "baselineState")).ToList();
        Assert.Equal(result.Findings.Length + 1, states.Count);
        Assert.Equal(1, states.Count(s => s == "new"));
        Assert.Equal(result.Findings.Length - 1, states.Count(s => s == "unchanged"));
        Assert.Equal("absent", states[^1]);
        Assert.Equal("EX09", Cell(rows[0], rows[^1], "targetId"));
    }

    [Fact]
    public void Records_end_with_lf() => Assert.DoesNotContain("\r", Render(Samples.Result()), StringComparison.Ordinal);
}
