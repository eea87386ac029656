using CsvHelper;
using Extls.Rules;
using Extls.Selection;

namespace Extls.Reporting;

/// <summary>
/// One row per finding, for a spreadsheet: RFC 4180 quoting, LF line ends, and every cell a spreadsheet would
/// run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR) prefixed with <c>'</c>,
/// since the cells hold customer names. Each row also names its organisation and input, so rows from many
/// customers' files can be pasted into one sheet; the built-in sample says so in the input column.
/// </summary>
public sealed class CsvReportWriter : IReportWriter
{
    /// <summary>The columns, stable: scripts and spreadsheet formulas refer to them by name.</summary>
    public static readonly string[] Columns =
    [
        "organization", "input", "ruleId", "name", "severity", "baselineState", "server", "targetKind", "targetId", "message",
        "eventId", "file", "line", "jsonPath", "impacts", "assumptions", "remediation", "fingerprint", "suppressed", "justification", "suppressionExpires",
    ];

    public ReportFormat Format => ReportFormat.Csv;

    public string Render(AnalysisResult result) => TextOf.Write(w => Write(result, w));

    public void Write(AnalysisResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" };
        using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        csv.WriteHeader(Columns);
        var organization = result.Snapshot.Organization ?? "";
        var input = result.BuiltInSample
            ? PipelineLabels.English.BuiltInSample
            : string.Join("; ", result.Snapshot.Sources.IsDefault ? [] : result.Snapshot.Sources);
        var rows = (result.Findings.IsDefault ? [] : result.Findings).Concat(result.Baseline?.Absent ?? []);
        foreach (var f in rows)
        {
            csv.WriteRecord(
            [
                Cell(organization),
                Cell(input),
                f.RuleId,
                f.Name,
                Fmt.SeverityName(f.Severity),
                f.BaselineState is { } state ? state.ToId() : "",
                Cell(f.Server ?? ""),
                f.Target.Kind.ToId(),
                Cell(f.Target.Id),
                Cell(f.Message),
                f.EventId is { } e ? Fmt.Int(e) : "",
                Cell(f.Location?.File ?? ""),
                f.Location is { Line: > 0 } l ? Fmt.Int(l.Line) : "",
                Cell(f.Location?.JsonPath ?? ""),
                Cell(string.Join("; ", (f.Impacts.IsDefault ? [] : f.Impacts).Select(i => $"{i.Scenario.ToId()} {i.Connector ?? i.Server}"))),
                string.Join(" ", f.Assumptions.IsDefault ? [] : f.Assumptions),
                Cell(f.Remediation.Replace("\r\n", "\n", StringComparison.Ordinal)),
                f.Fingerprint,
                f.Suppression is null ? "false" : "true",
                Cell(f.Suppression?.Justification ?? ""),
                f.Suppression?.Expires is { } x ? Fmt.Date(x) : "",
            ]);
        }

        csv.Flush();
    }

    // CsvHelper quotes and neutralises; what it cannot write is half a surrogate pair.
    private static string Cell(string text) => TextSafety.WellFormed(text);
}
