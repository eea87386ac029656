using System.Collections.Frozen;
using System.Globalization;

namespace Extls.Reporting;

/// <summary>The summary lines of <c>validate</c>, <c>generate</c> and <c>batch</c>, one member per sentence.</summary>
internal enum CommandLine
{
    ValidateClean,
    ValidateOneProblem,
    ValidateProblems,
    GenerateWrote,
    GenerateBroken,
    GenerateAnalyse,
    BatchNoSuchPath,
    BatchNoDumpInside,
    BatchInternalError,
}

/// <summary>What <c>analyze --timings</c> names: its phases, its columns and its last lines.</summary>
internal enum TimingLabel
{
    Title,
    Wall,
    Cpu,
    StartUp,
    ReadingSample,
    ReadingDump,
    ReadingLogs,
    Replaying,
    Rehearsing,
    ComparingBaseline,
    ReplayingTimeline,
    WritingReport,
    WritingReportToScreen,
    Total,
    Memory,
}

/// <summary>
/// The summary lines of the commands that are not reports (<c>validate</c>, <c>generate</c>, <c>batch</c>) and the table of
/// <c>analyze --timings</c>, in English and Japanese. The commands hand over counts and names; this table words them.
/// </summary>
public static class CommandWording
{
    /// <summary>validate found nothing wrong in these paths.</summary>
    public static string ValidateClean(IReadOnlyList<string> paths, string culture) =>
        Say(CommandLine.ValidateClean, culture, new(Text: string.Join(Fmt.IsJapanese(culture) ? "、" : ", ", paths)));

    /// <summary>How many problems validate listed.</summary>
    public static string ValidateProblems(int count, string culture) =>
        Say(count == 1 ? CommandLine.ValidateOneProblem : CommandLine.ValidateProblems, culture, new(count));

    /// <summary>What generate wrote.</summary>
    /// <param name="style">The PowerShell the dump imitates, as its product name (Windows PowerShell 5.1, PowerShell 7).</param>
    public static string GenerateWrote(int mailbox, int edge, string style, int files, long bytes, string culture) =>
        Say(CommandLine.GenerateWrote, culture, new(mailbox, edge, files, style, (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)));

    /// <summary>How many servers generate broke, and how many of each kind of break (kinds by their --break name).</summary>
    public static string GenerateBroken(int servers, IReadOnlyList<(string Kind, int Count)> kinds, string culture)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var ja = Fmt.IsJapanese(culture);
        var list = ja
            ? string.Join("、", kinds.Select(k => $"{k.Kind} {Fmt.Int(k.Count)} 台"))
            : string.Concat(kinds.Select(k => $"; {k.Kind} {Fmt.Int(k.Count)}"));
        return Say(CommandLine.GenerateBroken, culture, new(servers, Text: list));
    }

    /// <summary>The command that analyses what generate wrote.</summary>
    public static string GenerateAnalyse(string command, string culture) => Say(CommandLine.GenerateAnalyse, culture, new(Text: command));

    /// <summary>A batch path that does not exist.</summary>
    public static string BatchNoSuchPath(string culture) => Say(CommandLine.BatchNoSuchPath, culture, new());

    /// <summary>A batch folder that holds no dump.</summary>
    public static string BatchNoDumpInside(string culture) => Say(CommandLine.BatchNoDumpInside, culture, new());

    /// <summary>A fault in extls while analysing one dump of a batch.</summary>
    /// <param name="details">The exception in full (EXTLS_DEBUG=1), or null to say how to see it.</param>
    public static string BatchInternalError(string message, string? details, string culture) =>
        Say(CommandLine.BatchInternalError, culture, new(Text: message, More: details));

    /// <summary>A phase's label in the timings table.</summary>
    /// <param name="count">The servers replayed.</param>
    /// <param name="format">The report's format; <paramref name="path"/> where it went, null for the screen.</param>
    /// <remarks>The phases are the progress display's steps (both follow the same run); generating is never timed.</remarks>
    public static string Timing(ProgressStep phase, string culture, long count = 0, string? format = null, string? path = null) =>
        Label(phase switch
        {
            ProgressStep.ReadingSample => TimingLabel.ReadingSample,
            ProgressStep.ReadingDump => TimingLabel.ReadingDump,
            ProgressStep.ReadingLogs => TimingLabel.ReadingLogs,
            ProgressStep.Replaying => TimingLabel.Replaying,
            ProgressStep.Rehearsing => TimingLabel.Rehearsing,
            ProgressStep.ComparingBaseline => TimingLabel.ComparingBaseline,
            ProgressStep.ReplayingTimeline => TimingLabel.ReplayingTimeline,
            ProgressStep.WritingReport => path is null ? TimingLabel.WritingReportToScreen : TimingLabel.WritingReport,
            _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "analyze --timings times no such phase."),
        }, culture, new(count, Text: format, More: path));

    /// <summary>The time before the command ran: the runtime starting, the command line parsed.</summary>
    public static string TimingStartUp(string culture) => Label(TimingLabel.StartUp, culture, new());

    public static string TimingTotal(string culture) => Label(TimingLabel.Total, culture, new());

    /// <summary>The table's heading and its two column names.</summary>
    public static (string Title, string Wall, string Cpu) TimingColumns(string culture) =>
        (Label(TimingLabel.Title, culture, new()), Label(TimingLabel.Wall, culture, new()), Label(TimingLabel.Cpu, culture, new()));

    /// <summary>The memory line: peak working set and allocations in MB, garbage collections per generation.</summary>
    public static string TimingMemory(double peakMb, double allocatedMb, int gen0, int gen1, int gen2, string culture) =>
        Label(TimingLabel.Memory, culture, new(gen0, gen1, gen2,
            peakMb.ToString("N0", CultureInfo.InvariantCulture), allocatedMb.ToString("N0", CultureInfo.InvariantCulture)));

    /// <summary>The columns a text takes on a terminal: East Asian wide characters take two.</summary>
    public static int Width(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Sum(c => IsWide(c) ? 2 : 1);
    }

    /// <summary>The text padded with spaces to <paramref name="width"/> terminal columns.</summary>
    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - Width(text)));

    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');

    /// <summary>The keys that have no sentence (a test keeps this empty).</summary>
    internal static IEnumerable<string> Missing =>
        Enum.GetValues<CommandLine>().Where(k => !Lines.ContainsKey(k)).Select(k => k.ToString())
            .Concat(Enum.GetValues<TimingLabel>().Where(k => !Labels.ContainsKey(k)).Select(k => k.ToString()));

    /// <summary>Every key, worded with sample facts, for the tests.</summary>
    internal static IEnumerable<(string Key, string En, string Ja)> All =>
        Lines.Select(l => (l.Key.ToString(), l.Value.En(Sample), l.Value.Ja(Sample)))
            .Concat(Labels.Select(l => (l.Key.ToString(), l.Value.En(Sample), l.Value.Ja(Sample))));

    private static readonly Facts Sample = new(3, 1, 2, "x", "y");

    private static string Say(CommandLine line, string culture, Facts facts) => Lines[line].In(Fmt.IsJapanese(culture), facts);

    private static string Label(TimingLabel label, string culture, Facts facts) => Labels[label].In(Fmt.IsJapanese(culture), facts);

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The counts and texts a line is made of.</summary>
    private sealed record Facts(long A = 0, long B = 0, long C = 0, string? Text = null, string? More = null);

    private static readonly FrozenDictionary<CommandLine, Sentence<Facts>> Lines = new Dictionary<CommandLine, Sentence<Facts>>
    {
        [CommandLine.ValidateClean] = new(f => $"{f.Text}: no problems.", f => $"{f.Text}: 問題はありません。"),
        [CommandLine.ValidateOneProblem] = new(_ => "1 problem.", _ => "問題は 1 件です。"),
        [CommandLine.ValidateProblems] = new(f => $"{N(f.A)} problems.", f => $"問題は {N(f.A)} 件です。"),
        [CommandLine.GenerateWrote] = new(
            f => $"Wrote {N(f.A + f.B)} servers ({N(f.A)} Mailbox, {N(f.B)} Edge) in {f.Text} style: {N(f.C)} files, {f.More} MB.",
            f => $"{N(f.A + f.B)} 台のサーバー (メールボックス サーバー {N(f.A)} 台、エッジ トランスポート サーバー {N(f.B)} 台) を {f.Text} の形式で書き出しました: ファイル {N(f.C)} 個、{f.More} MB。"),
        [CommandLine.GenerateBroken] = new(
            f => $"Broken: {N(f.A)} servers{f.Text}.",
            f => string.IsNullOrEmpty(f.Text) ? $"壊したサーバー: {N(f.A)} 台。" : $"壊したサーバー: {N(f.A)} 台 ({f.Text})。"),
        [CommandLine.GenerateAnalyse] = new(f => $"Analyse it with: {f.Text}", f => $"分析するには: {f.Text}"),
        [CommandLine.BatchNoSuchPath] = new(_ => "No such file or folder.", _ => "ファイルまたはフォルダーがありません。"),
        [CommandLine.BatchNoDumpInside] = new(_ => "No dump folder or zipped dump inside.", _ => "中にダンプのフォルダーも zip 形式のダンプもありません。"),
        [CommandLine.BatchInternalError] = new(
            f => $"extls: internal error: {f.Text}{(f.More is { } d ? "\n" + d : " (set EXTLS_DEBUG=1 to see the details)")}",
            f => $"extls: 内部エラー: {f.Text}{(f.More is { } d ? "\n" + d : " (詳細を表示するには EXTLS_DEBUG=1 を設定してください)")}"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<TimingLabel, Sentence<Facts>> Labels = new Dictionary<TimingLabel, Sentence<Facts>>
    {
        [TimingLabel.Title] = new(_ => "extls: timings", _ => "extls: 所要時間"),
        [TimingLabel.Wall] = new(_ => "wall", _ => "経過時間"),
        [TimingLabel.Cpu] = new(_ => "CPU", _ => "CPU 時間"),
        [TimingLabel.StartUp] = new(_ => "start-up (runtime, command line)", _ => "起動 (ランタイム、コマンド ライン)"),
        [TimingLabel.ReadingSample] = new(_ => "reading the built-in sample", _ => "組み込みのサンプルの読み込み"),
        [TimingLabel.ReadingDump] = new(_ => "reading the dump", _ => "ダンプの読み込み"),
        [TimingLabel.ReadingLogs] = new(_ => "reading the servers' own logs", _ => "サーバー自身のログの読み込み"),
        [TimingLabel.Replaying] = new(f => $"replaying {N(f.A)} servers and evaluating the rules", f => $"{N(f.A)} 台のサーバーの再現とルールの評価"),
        [TimingLabel.Rehearsing] = new(_ => "rehearsing each remediation", _ => "各修復手順のリハーサル"),
        [TimingLabel.ComparingBaseline] = new(_ => "comparing with the baseline", _ => "ベースラインとの比較"),
        [TimingLabel.ReplayingTimeline] = new(_ => "replaying at each date a certificate changes", _ => "証明書が変わる日付ごとの再現"),
        [TimingLabel.WritingReport] = new(f => $"writing the {f.Text} report to {f.More}", f => $"{f.Text} レポートの {f.More} への書き出し"),
        [TimingLabel.WritingReportToScreen] = new(f => $"writing the {f.Text} report to the screen", f => $"{f.Text} レポートの画面への書き出し"),
        [TimingLabel.Total] = new(_ => "total", _ => "合計"),
        [TimingLabel.Memory] = new(
            f => $"peak memory {f.Text} MB, {f.More} MB allocated, garbage collections {N(f.A)}/{N(f.B)}/{N(f.C)} (generation 0/1/2)",
            f => $"最大メモリ {f.Text} MB、確保したメモリ {f.More} MB、ガベージ コレクション {N(f.A)}/{N(f.B)}/{N(f.C)} 回 (第 0/1/2 世代)"),
    }.ToFrozenDictionary();
}
