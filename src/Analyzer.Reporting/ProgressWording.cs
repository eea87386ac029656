using System.Collections.Frozen;

namespace Extls.Reporting;

/// <summary>The phases a long command shows on stderr while it works.</summary>
public enum ProgressStep
{
    ReadingSample,
    ReadingDump,
    ReadingLogs,
    Replaying,
    Rehearsing,
    ComparingBaseline,
    ReplayingTimeline,
    WritingReport,
    Generating,
}

/// <summary>The progress lines in English and Japanese.</summary>
public static class ProgressWording
{
    private static readonly FrozenDictionary<ProgressStep, Sentence<(long Count, string? Name)>> Steps = new Dictionary<ProgressStep, Sentence<(long Count, string? Name)>>
    {
        [ProgressStep.ReadingSample] = new(_ => "Reading the built-in sample", _ => "組み込みのサンプルを読み込んでいます"),
        [ProgressStep.ReadingDump] = new(_ => "Reading the dump", _ => "ダンプを読み込んでいます"),
        [ProgressStep.ReadingLogs] = new(_ => "Reading the servers' own logs", _ => "サーバー自身のログを読み込んでいます"),
        [ProgressStep.Replaying] = new(f => $"Replaying {Fmt.Int(f.Count)} servers and evaluating the rules", f => $"{Fmt.Int(f.Count)} 台のサーバーを再現し、ルールを評価しています"),
        [ProgressStep.Rehearsing] = new(_ => "Rehearsing each remediation", _ => "各修復手順をリハーサルしています"),
        [ProgressStep.ComparingBaseline] = new(_ => "Comparing with the baseline", _ => "ベースラインと比較しています"),
        [ProgressStep.ReplayingTimeline] = new(_ => "Replaying at each date a certificate changes", _ => "証明書が変わる日付ごとに再現しています"),
        [ProgressStep.WritingReport] = new(f => $"Writing the {f.Name} report", f => $"{f.Name} レポートを書き出しています"),
        [ProgressStep.Generating] = new(f => $"Generating {Fmt.Int(f.Count)} servers", f => $"{Fmt.Int(f.Count)} 台のサーバーを生成しています"),
    }.ToFrozenDictionary();

    /// <param name="count">The servers a step is about, where it names a number.</param>
    /// <param name="name">The report format a writing step names.</param>
    public static string Phase(ProgressStep step, string culture, long count = 0, string? name = null) =>
        Steps[step].In(Fmt.IsJapanese(culture), (count, name));

    /// <summary>A batch's bar: how many dumps are done, and the first few being analysed.</summary>
    public static string Batch(int done, int total, IReadOnlyCollection<string> running, string culture)
    {
        var ja = Fmt.IsJapanese(culture);
        var text = ja
            ? $"ダンプを分析しています: {Fmt.Int(total)} 個中 {Fmt.Int(done)} 個完了"
            : $"Analysing dumps: {Fmt.Int(done)} of {Fmt.Int(total)} done";
        return running.Count == 0 ? text : $"{text} · {string.Join(ja ? "、" : ", ", running.Take(3))}{(running.Count > 3 ? " …" : "")}";
    }

    internal static IEnumerable<ProgressStep> Missing => Enum.GetValues<ProgressStep>().Where(s => !Steps.ContainsKey(s));
}
