using Extls.Rules;
using Extls.Rules.Comparison;

namespace Extls.Reporting;

/// <summary>
/// The fixed words of the reports a pipeline publishes (JUnit, Markdown, the diff), in English and Japanese.
/// The words every writer shares (organisation, target, summary) stay in <see cref="Labels"/>.
/// </summary>
internal sealed record PipelineLabels
{
    /// <summary>Says, wherever a report starts, that the input was the sample and not the reader's organisation.</summary>
    public required string BuiltInSample { get; init; }
    public required string BuiltInSampleNote { get; init; }
    public required string NoFinding { get; init; }
    public required string Baseline { get; init; }
    public required Func<BaselineState, string> State { get; init; }
    public required Func<BaselineComparison, string> BaselineCounts { get; init; }
    public required string SinceBaseline { get; init; }
    public required string Severity { get; init; }
    public required string Rule { get; init; }
    public required string Message { get; init; }
    public required string Findings { get; init; }
    public required string ByRule { get; init; }
    public required string Count { get; init; }
    public required Func<int, int, string> Showing { get; init; }
    public required Func<int, string> AllFindings { get; init; }
    public required Func<int, string> NotListed { get; init; }
    public required string Fixed { get; init; }
    public required string New { get; init; }
    public required string Unchanged { get; init; }
    public required string SelectionChanges { get; init; }
    public required string Before { get; init; }
    public required string After { get; init; }
    public required string Nothing { get; init; }
    public required Func<SelectionChangeKind, string> Change { get; init; }
    public required Func<ResultDiffCounts, string> DiffSummary { get; init; }
    public required string Help { get; init; }
    public required string Advertised { get; init; }
    public required string NotAdvertised { get; init; }

    public static readonly PipelineLabels English = new()
    {
        BuiltInSample = "Built-in sample organisation",
        BuiltInSampleNote = "No dump was given, so extls analysed its built-in sample organisation, not yours. Pass the path of a dump to analyse your own.",
        NoFinding = "no finding",
        Baseline = "Baseline",
        State = s => s switch
        {
            BaselineState.New => "new",
            BaselineState.Unchanged => "unchanged",
            _ => "fixed",
        },
        BaselineCounts = b => $"{Fmt.Int(b.New)} new, {Fmt.Int(b.Unchanged)} unchanged, {Fmt.Int(b.Absent.Length)} fixed",
        SinceBaseline = "since the baseline",
        Severity = "Severity",
        Rule = "Rule",
        Message = "Message",
        Findings = "Findings",
        ByRule = "By rule",
        Count = "Findings",
        Showing = (shown, all) => $"The {Fmt.Int(shown)} most severe of {Fmt.Int(all)} findings; all of them are listed below.",
        AllFindings = n => n == 1 ? "The finding in full" : $"All {Fmt.Int(n)} findings in full",
        NotListed = n => $"{Fmt.Int(n)} more {(n == 1 ? "finding is" : "findings are")} not listed, to keep this summary within the size of a pull-request comment; the JSON, CSV or SARIF report lists every finding.",
        Fixed = "Fixed",
        New = "New",
        Unchanged = "Unchanged",
        SelectionChanges = "Selections that changed",
        Before = "before",
        After = "after",
        Nothing = "none",
        Change = k => k switch
        {
            SelectionChangeKind.Added => "new replay",
            SelectionChangeKind.Removed => "replay gone",
            SelectionChangeKind.Advertised => "advertising",
            SelectionChangeKind.Certificate => "certificate",
            SelectionChangeKind.Outcome => "outcome",
            _ => "events",
        },
        DiffSummary = c => $"{Fmt.Int(c.New)} new, {Fmt.Int(c.Fixed)} fixed, {Fmt.Int(c.Unchanged)} unchanged, {Fmt.Int(c.SelectionChanges)} {(c.SelectionChanges == 1 ? "selection" : "selections")} changed",
        Help = "Rule page",
        Advertised = "advertised",
        NotAdvertised = "not advertised",
    };

    public static readonly PipelineLabels Japanese = new()
    {
        BuiltInSample = "組み込みのサンプル組織",
        BuiltInSampleNote = "ダンプが指定されなかったため、お使いの組織ではなく extls 組み込みのサンプル組織を分析しました。自組織を分析するにはダンプのパスを指定してください。",
        NoFinding = "検出事項なし",
        Baseline = "ベースライン",
        State = s => s switch
        {
            BaselineState.New => "新規",
            BaselineState.Unchanged => "既存",
            _ => "解消",
        },
        BaselineCounts = b => $"新規 {Fmt.Int(b.New)} 件、既存 {Fmt.Int(b.Unchanged)} 件、解消 {Fmt.Int(b.Absent.Length)} 件",
        SinceBaseline = "(ベースライン比)",
        Severity = "重大度",
        Rule = "ルール",
        Message = "メッセージ",
        Findings = "検出事項",
        ByRule = "ルール別",
        Count = "件数",
        Showing = (shown, all) => $"{Fmt.Int(all)} 件のうち重大度の高い {Fmt.Int(shown)} 件です。すべての検出事項は下に一覧します。",
        AllFindings = n => $"検出事項 {Fmt.Int(n)} 件の詳細",
        NotListed = n => $"プル リクエストのコメントに収まるよう、ほかの {Fmt.Int(n)} 件は省略しました。すべての検出事項は JSON、CSV または SARIF のレポートにあります。",
        Fixed = "解消",
        New = "新規",
        Unchanged = "既存",
        SelectionChanges = "変化した選択処理",
        Before = "変更前",
        After = "変更後",
        Nothing = "なし",
        Change = k => k switch
        {
            SelectionChangeKind.Added => "新しい選択処理",
            SelectionChangeKind.Removed => "なくなった選択処理",
            SelectionChangeKind.Advertised => "アドバタイズの有無",
            SelectionChangeKind.Certificate => "証明書",
            SelectionChangeKind.Outcome => "結果",
            _ => "イベント",
        },
        DiffSummary = c => $"新規 {Fmt.Int(c.New)} 件、解消 {Fmt.Int(c.Fixed)} 件、既存 {Fmt.Int(c.Unchanged)} 件、変化した選択処理 {Fmt.Int(c.SelectionChanges)} 件",
        Help = "ルールのページ",
        Advertised = "アドバタイズあり",
        NotAdvertised = "アドバタイズなし",
    };

    public static PipelineLabels For(string culture) => Fmt.IsJapanese(culture) ? Japanese : English;
}

/// <summary>The counts a diff's summary line states.</summary>
internal sealed record ResultDiffCounts(int New, int Fixed, int Unchanged, int SelectionChanges)
{
    public static ResultDiffCounts Of(ResultDiff diff) =>
        new(diff.New.Length, diff.Fixed.Length, diff.Unchanged.Length, diff.SelectionChanges.Length);
}
