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
    /// <summary>What a progress line says beside its step: the servers it is about, or the report format it writes.</summary>
    private sealed record Facts(long Count, string? Name);

    // An array indexed by the step and filled from a switch, not a frozen dictionary keyed by it: every command that shows
    // progress builds this table, and the framework's dictionaries over an enum of this assembly are compiled at run time
    // (about 30 methods a start). The facts are a class for the same reason: Sentence over a value tuple is compiled at
    // run time too.
    private static readonly Sentence<Facts>?[] Steps = Table();

    private static Sentence<Facts>? Wording(ProgressStep step) => step switch
    {
        ProgressStep.ReadingSample => new(_ => "Reading the built-in sample", _ => "組み込みのサンプルを読み込んでいます"),
        ProgressStep.ReadingDump => new(_ => "Reading the dump", _ => "ダンプを読み込んでいます"),
        ProgressStep.ReadingLogs => new(_ => "Reading the servers' own logs", _ => "サーバー自身のログを読み込んでいます"),
        ProgressStep.Replaying => new(f => $"Replaying {Fmt.Int(f.Count)} servers and evaluating the rules", f => $"{Fmt.Int(f.Count)} 台のサーバーを再現し、ルールを評価しています"),
        ProgressStep.Rehearsing => new(_ => "Rehearsing each remediation", _ => "各修復手順をリハーサルしています"),
        ProgressStep.ComparingBaseline => new(_ => "Comparing with the baseline", _ => "ベースラインと比較しています"),
        ProgressStep.ReplayingTimeline => new(_ => "Replaying at each date a certificate changes", _ => "証明書が変わる日付ごとに再現しています"),
        ProgressStep.WritingReport => new(f => $"Writing the {f.Name} report", f => $"{f.Name} レポートを書き出しています"),
        ProgressStep.Generating => new(f => $"Generating {Fmt.Int(f.Count)} servers", f => $"{Fmt.Int(f.Count)} 台のサーバーを生成しています"),
        _ => null,
    };

    /// <param name="count">The servers a step is about, where it names a number.</param>
    /// <param name="name">The report format a writing step names.</param>
    public static string Phase(ProgressStep step, string culture, long count = 0, string? name = null) =>
        (Steps[(int)step] ?? throw new ArgumentOutOfRangeException(nameof(step), step, null)).In(Fmt.IsJapanese(culture), new Facts(count, name));

    /// <summary>A batch's bar: how many dumps are done, and the first few being analysed.</summary>
    public static string Batch(int done, int total, IReadOnlyCollection<string> running, string culture)
    {
        var ja = Fmt.IsJapanese(culture);
        var text = ja
            ? $"ダンプを分析しています: {Fmt.Int(total)} 個中 {Fmt.Int(done)} 個完了"
            : $"Analysing dumps: {Fmt.Int(done)} of {Fmt.Int(total)} done";
        return running.Count == 0 ? text : $"{text} · {string.Join(ja ? "、" : ", ", running.Take(3))}{(running.Count > 3 ? " …" : "")}";
    }

    internal static IEnumerable<ProgressStep> Missing => Enum.GetValues<ProgressStep>().Where(s => Wording(s) is null || (int)s >= Steps.Length);

    private static Sentence<Facts>?[] Table()
    {
        var table = new Sentence<Facts>?[(int)ProgressStep.Generating + 1];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = Wording((ProgressStep)i);
        }

        return table;
    }
}
