using System.Globalization;
using Extls.Evidence;
using Extls.Rules;

namespace Extls.Reporting;

/// <summary>The words for evidence verdicts in the text writers (console and explain), in English and Japanese.</summary>
internal sealed record EvidenceText
{
    public required string Title { get; init; }

    /// <summary>Between the items of a list: ", ", and 、 in Japanese.</summary>
    public required string Separator { get; init; }

    /// <summary>Between groups that are lists themselves: "; ", and 、 in Japanese.</summary>
    public required string GroupSeparator { get; init; }

    /// <summary>The label of explain's line under each direction.</summary>
    public required string Short { get; init; }

    /// <summary>"{0} files, {1} sessions".</summary>
    public required string Read { get; init; }

    public required string Since { get; init; }

    public required string Sessions { get; init; }

    public required string LastSeen { get; init; }

    public required string Failures { get; init; }

    public required string Events { get; init; }

    public required string NotLogged { get; init; }

    public required string Predicted { get; init; }

    public required string NotPredicted { get; init; }

    public required IReadOnlyDictionary<EvidenceVerdict, string> Verdicts { get; init; }

    public required IReadOnlyDictionary<EvidenceReason, string> Reasons { get; init; }

    public static readonly EvidenceText English = new()
    {
        Title = "Evidence from the servers' own logs",
        Separator = ", ",
        GroupSeparator = "; ",
        Short = "Evidence",
        Read = "{0} files read, {1} sessions, {2} with TLS",
        Since = "counted from",
        Sessions = "sessions",
        LastSeen = "last seen",
        Failures = "failed negotiations",
        Events = "events",
        NotLogged = "not in the log",
        Predicted = "predicted",
        NotPredicted = "not predicted",
        Verdicts = new Dictionary<EvidenceVerdict, string>
        {
            [EvidenceVerdict.Confirmed] = "confirmed",
            [EvidenceVerdict.Contradicted] = "contradicted",
            [EvidenceVerdict.Unobserved] = "unobserved",
        },
        Reasons = new Dictionary<EvidenceReason, string>
        {
            [EvidenceReason.PresentedPredictedCertificate] = "every session presented the predicted certificate",
            [EvidenceReason.NotOfferedAsPredicted] = "not offered, as predicted",
            [EvidenceReason.OtherCertificatePresented] = "sessions presented another certificate",
            [EvidenceReason.UsedThoughNotPredicted] = "used or offered though the replay predicts not",
            [EvidenceReason.NotOfferedThoughPredicted] = "never offered though the replay predicts it",
            [EvidenceReason.NoLogCollected] = "no protocol log of this server was read",
            [EvidenceReason.LogUnreadable] = "the collector could not read this server's logs",
            [EvidenceReason.LoggingDisabled] = "the connector does not log (ProtocolLoggingLevel None)",
            [EvidenceReason.NoSessions] = "no such session in the period",
        },
    };

    public static readonly EvidenceText Japanese = new()
    {
        Title = "サーバー自身のログによる証拠",
        Separator = "、",
        GroupSeparator = "、",
        Short = "証拠",
        Read = "{0} ファイル、{1} セッション (うち TLS {2})",
        Since = "集計開始",
        Sessions = "セッション",
        LastSeen = "最終観測",
        Failures = "ネゴシエーション失敗",
        Events = "イベント",
        NotLogged = "ログになし",
        Predicted = "予測あり",
        NotPredicted = "予測なし",
        Verdicts = new Dictionary<EvidenceVerdict, string>
        {
            [EvidenceVerdict.Confirmed] = "確認",
            [EvidenceVerdict.Contradicted] = "矛盾",
            [EvidenceVerdict.Unobserved] = "未観測",
        },
        Reasons = new Dictionary<EvidenceReason, string>
        {
            [EvidenceReason.PresentedPredictedCertificate] = "すべてのセッションが予測どおりの証明書を提示しました",
            [EvidenceReason.NotOfferedAsPredicted] = "予測どおりアドバタイズされていません",
            [EvidenceReason.OtherCertificatePresented] = "別の証明書を提示したセッションがあります",
            [EvidenceReason.UsedThoughNotPredicted] = "リプレイの予測に反して使用またはアドバタイズされています",
            [EvidenceReason.NotOfferedThoughPredicted] = "リプレイの予測に反して一度もアドバタイズされていません",
            [EvidenceReason.NoLogCollected] = "このサーバーのプロトコル ログは読み込まれていません",
            [EvidenceReason.LogUnreadable] = "コレクターはこのサーバーのログを読み取れませんでした",
            [EvidenceReason.LoggingDisabled] = "コネクタはログを記録しません (ProtocolLoggingLevel None)",
            [EvidenceReason.NoSessions] = "期間内に該当するセッションはありません",
        },
    };

    public static EvidenceText For(string culture) => string.Equals(culture, "ja", StringComparison.OrdinalIgnoreCase) ? Japanese : English;

    /// <summary>One line about one selection's evidence: verdict, reason, and what it rests on.</summary>
    public string Line(SelectionEvidence e)
    {
        var parts = new List<string> { Reasons[e.Reason] };
        foreach (var c in e.ObservedCertificates)
        {
            parts.Add($"{c.Thumbprint} × {Fmt.Int(c.Sessions)} {Sessions} ({LastSeen} {Fmt.Date(c.LastSeen)})");
        }

        if (!e.Failures.IsDefaultOrEmpty)
        {
            parts.Add($"{Failures}: " + string.Join(Separator, e.Failures.Select(f => $"{f.Error} × {Fmt.Int(f.Count)}")));
        }

        if (!e.Events.IsDefaultOrEmpty)
        {
            parts.Add($"{Events}: " + string.Join(Separator, e.Events.Select(ev =>
                ev.Count == 0 ? $"{Fmt.Int(ev.Id)} ({Predicted}{Separator}{NotLogged})" : $"{Fmt.Int(ev.Id)} × {Fmt.Int(ev.Count)} ({(ev.Predicted ? Predicted : NotPredicted)})")));
        }

        return string.Join(" · ", parts);
    }

    public string Statistics(EvidenceSet set) =>
        string.Format(CultureInfo.InvariantCulture, Read, Fmt.Int(set.Statistics.Files), Fmt.Int(set.Statistics.Sessions), Fmt.Int(set.Statistics.TlsSessions))
        + (set.Since is { } since ? $" · {Since} {Fmt.Date(since)}" : "");

    /// <summary>"inbound-starttls EX01\Default Frontend EX01" for a selection.</summary>
    public static string Subject(SelectionEvidence e, string culture) => $"{DiffWriters.Process(e.Scenario, culture)} {e.Connector ?? e.Server}";

    /// <summary>The verdicts of a run by kind, for the console's closing section; nothing when no log was read.</summary>
    public static IEnumerable<(EvidenceVerdict Verdict, int Count)> Tally(AnalysisResult result) =>
        Enum.GetValues<EvidenceVerdict>().Select(v => (v, result.Evidence.Selections.Count(s => s.Verdict == v)));
}
