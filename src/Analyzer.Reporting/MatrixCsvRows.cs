using CsvHelper;
using Extls.Rules;
using Extls.Selection;

namespace Extls.Reporting;

/// <summary>
/// The rows of the matrix CSV after its header. A row's cells are its two halves' (the receiving half's path, connector,
/// outcome and answer; the sending half's outcome; each failing half's causes), and there are a few thousand halves for a
/// million rows, so each half's cells are rendered once, by CsvHelper with the writer's own options (quoting and formula
/// neutralising unchanged), and every row is a handful of copies.
/// </summary>
internal sealed class MatrixCsvRows(MailFlowReport report, TextWriter output, CsvWriterOptions options)
{
    private readonly Dictionary<string, string> names = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AnonymousTlsSide, string> senderCells = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AnonymousTlsSide, ReceiverCells> receiverCells = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AnonymousTlsSide, string> causeCells = new(ReferenceEqualityComparer.Instance);
    private string? newLine;

    public void Write()
    {
        string works = Cells("works"), fails = Cells("fails"), unknown = Cells("unknown"), noCauses = Cells("");
        newLine = NewLine();
        foreach (var p in report.Pairs)
        {
            var receiving = ReceiverCellsOf(p);
            output.Write(Name(p.Sender));
            output.Write(',');
            output.Write(Name(p.Receiver));
            output.Write(',');
            output.Write(receiving.Head);
            output.Write(',');
            output.Write(p.Verdict switch
            {
                AnonymousTlsVerdict.Works => works,
                AnonymousTlsVerdict.Fails => fails,
                _ => unknown,
            });
            output.Write(',');
            output.Write(SenderCell(p.SenderSide));
            output.Write(',');
            output.Write(receiving.Outcome);
            output.Write(',');
            var senderFails = p.SenderSide.Verdict == AnonymousTlsVerdict.Fails;
            var receiverFails = p.ReceiverSide.Verdict == AnonymousTlsVerdict.Fails;
            output.Write(senderFails && receiverFails ? CausesCell(report.CausesOf(p))
                : senderFails ? SideCauses(p.SenderSide)
                : receiverFails ? SideCauses(p.ReceiverSide)
                : noCauses);
            output.Write(',');
            output.Write(receiving.Answer);
            output.Write(newLine);
        }
    }

    private ReceiverCells ReceiverCellsOf(ServerPairResult p)
    {
        var side = p.ReceiverSide;
        if (receiverCells.TryGetValue(side, out var cells) && ReferenceEquals(cells.Path, p.Path) && ReferenceEquals(cells.Connector, p.ReceiveConnector))
        {
            return cells;
        }

        var a = side.Answer;
        cells = new ReceiverCells(
            p.Path,
            p.ReceiveConnector,
            Cells(p.Path, p.ReceiveConnector ?? ""),
            Cells(side.NoAcceptingConnector ? "noReceiveConnector" : p.ReceiverResult is { } r ? Fmt.CamelCase(r.Outcome.ToString()) : ""),
            Cells(
                a is null ? "" : Fmt.Int(a.Port),
                a is null ? "" : Fmt.CamelCase(a.Outcome.ToString()),
                a?.MatchedRange?.ToString() ?? "",
                a is null ? "" : string.Join(" ", a.Assumptions.Select(x => x.ToId()))));
        receiverCells[side] = cells;
        return cells;
    }

    private string SenderCell(AnonymousTlsSide side)
    {
        if (!senderCells.TryGetValue(side, out var cell))
        {
            cell = Cells(side.Result is { } s ? Fmt.CamelCase(s.Outcome.ToString()) : "");
            senderCells.Add(side, cell);
        }

        return cell;
    }

    private string SideCauses(AnonymousTlsSide side)
    {
        if (!causeCells.TryGetValue(side, out var cell))
        {
            cell = CausesCell(report.CausesOf(side));
            causeCells.Add(side, cell);
        }

        return cell;
    }

    private string CausesCell(IReadOnlyList<Finding> causes) => Cells(string.Join("; ", causes.Select(f => $"{f.RuleId} {f.Fingerprint}")));

    private string Name(string name)
    {
        if (!names.TryGetValue(name, out var cell))
        {
            cell = Cells(name);
            names.Add(name, cell);
        }

        return cell;
    }

    /// <summary>
    /// Cells as CsvHelper writes them within a row (quoted and neutralised as it decides, comma-separated): rendered as the
    /// rest of a record after a plain first cell, so that nothing about being a row's first cell or a whole row applies.
    /// </summary>
    private string Cells(params string[] cells)
    {
        var text = Record(["x", .. cells]);
        return text[2..^NewLine().Length];
    }

    private string NewLine() => newLine ??= Record(["x"])[1..];

    private string Record(string[] cells)
    {
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            csv.WriteRecord(cells);
            csv.Flush();
        }

        return text.ToString();
    }

    private sealed record ReceiverCells(string Path, string? Connector, string Head, string Outcome, string Answer);
}
