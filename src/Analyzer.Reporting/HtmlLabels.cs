namespace Extls.Reporting;

/// <summary>The fixed words of the HTML report beyond the shared <see cref="Labels"/>, in English and Japanese.</summary>
internal sealed record HtmlLabels
{
    public required string Title { get; init; }
    public required string Contents { get; init; }
    public required string SummaryTitle { get; init; }
    public required string Errors { get; init; }
    public required string Warnings { get; init; }
    public required string Notes { get; init; }
    public required string SuppressedCount { get; init; }
    public required string ServersCount { get; init; }
    public required string MailFlowTitle { get; init; }
    public required string PairsTotal { get; init; }
    public required string PairsWorking { get; init; }
    public required string PairsFailing { get; init; }
    public required string PairsUnknown { get; init; }
    public required string NoFailingPairs { get; init; }
    public required string FailingHalves { get; init; }
    public required string PairsBroken { get; init; }
    public required string CausesCount { get; init; }
    public required Func<int, string> EveryCause { get; init; }
    public required string ExamplePairs { get; init; }
    public required string NoKnownCause { get; init; }
    public required Func<int, string> AndMore { get; init; }
    public required string MatrixNote { get; init; }
    public required string Outbound { get; init; }
    public required string Inbound { get; init; }
    public required string NoAcceptingConnector { get; init; }
    public required string ServersTitle { get; init; }
    public required string FlowsTitle { get; init; }
    public required string CertificatesTitle { get; init; }
    public required string NoSelections { get; init; }
    public required string AppliesTo { get; init; }
    public required string Skipped { get; init; }
    public required string NotReached { get; init; }
    public required string Decided { get; init; }
    public required string Legend { get; init; }
    public required string ExplainNote { get; init; }
    public required string ExplainNoteLarge { get; init; }
    public required string Validity { get; init; }
    public required string Status { get; init; }
    public required string OrganizationFindings { get; init; }

    /// <summary>The columns of the evidence table: the logs' verdict, which replay, and what it rests on.</summary>
    public required string EvidenceVerdict { get; init; }
    public required string EvidenceSelection { get; init; }
    public required string EvidenceWhy { get; init; }
    public required string Generated { get; init; }
    public required string CopyHint { get; init; }
    public required string Days { get; init; }

    /// <summary>A path of the mail-flow matrix ("Mailbox->Edge") in words.</summary>
    public required Func<string, string> PathName { get; init; }

    public static readonly HtmlLabels English = new()
    {
        Title = "Exchange transport TLS report",
        Contents = "Contents",
        SummaryTitle = "Summary",
        Errors = "Errors",
        Warnings = "Warnings",
        Notes = "Notes",
        SuppressedCount = "Suppressed",
        ServersCount = "Servers",
        MailFlowTitle = "Mail flow between Exchange servers (anonymous TLS)",
        PairsTotal = "Server pairs",
        PairsWorking = "Working",
        PairsFailing = "Failing",
        PairsUnknown = "Unknown",
        NoFailingPairs = "No pair of servers fails.",
        FailingHalves = "Where it fails",
        PairsBroken = "Pairs broken",
        CausesCount = "Findings",
        EveryCause = n => $"Every root cause ({Html.Num(n)}), where it fails and the first pairs",
        ExamplePairs = "First pairs (sender → receiver)",
        NoKnownCause = "no reported finding explains it",
        AndMore = n => $"and {Html.Num(n)} more",
        MatrixNote = "Every failing pair is listed by extls matrix PATH (add --all for every pair, --format csv for a spreadsheet).",
        Outbound = "sending",
        Inbound = "receiving",
        NoAcceptingConnector = "no receive connector accepts the session",
        ServersTitle = "Servers",
        FlowsTitle = "Certificate selection",
        CertificatesTitle = "Certificates of the store",
        NoSelections = "No selection was replayed for this server.",
        AppliesTo = "Applies to",
        Skipped = "passed over",
        NotReached = "not reached",
        Decided = "decided here",
        Legend = "Blue: the steps the replay took. Dashed: passed over. Grey: not reached. The thick box is the step that decided the result.",
        ExplainNote = "Every value each step read is shown by extls explain PATH --server NAME.",
        ExplainNoteLarge = "In an organisation this large, the steps are spelt out for the flows that fail, warn or cause a finding; extls explain PATH --server NAME spells out any flow with every value its steps read.",
        Validity = "Valid",
        Status = "Status",
        OrganizationFindings = "The organization as a whole",
        EvidenceVerdict = "Verdict",
        EvidenceSelection = "Selection",
        EvidenceWhy = "What the logs show",
        Generated = "Generated by",
        CopyHint = "Click a script to select it, then copy. Every change command carries -WhatIf: remove it once the preview is right.",
        Days = "days",
        PathName = path => path switch
        {
            Selection.MailFlowMatrix.MailboxToMailbox => "Mailbox → Mailbox",
            Selection.MailFlowMatrix.MailboxToEdge => "Mailbox → Edge",
            Selection.MailFlowMatrix.EdgeToMailbox => "Edge → Mailbox",
            _ => path,
        },
    };

    public static readonly HtmlLabels Japanese = new()
    {
        Title = "Exchange トランスポート TLS レポート",
        Contents = "目次",
        SummaryTitle = "概要",
        Errors = "エラー",
        Warnings = "警告",
        Notes = "注意",
        SuppressedCount = "抑制済み",
        ServersCount = "サーバー",
        MailFlowTitle = "Exchange サーバー間のメール フロー (匿名 TLS)",
        PairsTotal = "サーバーの組",
        PairsWorking = "成功",
        PairsFailing = "失敗",
        PairsUnknown = "不明",
        NoFailingPairs = "失敗するサーバーの組はありません。",
        FailingHalves = "失敗する箇所",
        PairsBroken = "影響を受ける組",
        CausesCount = "検出事項",
        EveryCause = n => $"すべての根本原因 ({Html.Num(n)} 件)、失敗する箇所と最初の組",
        ExamplePairs = "最初の組 (送信側 → 受信側)",
        NoKnownCause = "報告された検出事項では説明できません",
        AndMore = n => $"ほか {Html.Num(n)} 件",
        MatrixNote = "失敗するすべての組は extls matrix PATH で一覧表示できます (すべての組は --all、表計算用は --format csv)。",
        Outbound = "送信",
        Inbound = "受信",
        NoAcceptingConnector = "セッションを受け付ける受信コネクタがありません",
        ServersTitle = "サーバー",
        FlowsTitle = "証明書の選択",
        CertificatesTitle = "証明書ストアの証明書",
        NoSelections = "このサーバーについて再現した選択処理はありません。",
        AppliesTo = "対象",
        Skipped = "省略",
        NotReached = "未到達",
        Decided = "ここで決定",
        Legend = "青: 再現で通った手順。破線: 省略された手順。灰色: 到達しなかった手順。太枠: 結果を決定した手順。",
        ExplainNote = "各手順が読み取った値は extls explain PATH --server NAME で確認できます。",
        ExplainNoteLarge = "この規模の組織では、失敗、警告、または検出事項につながるフローについてのみ手順を示します。どのフローも、各手順が読み取った値を含めて extls explain PATH --server NAME で確認できます。",
        Validity = "有効期間",
        Status = "状態",
        OrganizationFindings = "組織全体",
        EvidenceVerdict = "判定",
        EvidenceSelection = "証明書の選択",
        EvidenceWhy = "ログの内容",
        Generated = "作成ツール:",
        CopyHint = "スクリプトをクリックすると全体が選択されるので、そのままコピーできます。変更を行うコマンドには -WhatIf が付いています。結果を確認してから -WhatIf を外して実行してください。",
        Days = "日",
        PathName = path => path switch
        {
            Selection.MailFlowMatrix.MailboxToMailbox => "メールボックス → メールボックス",
            Selection.MailFlowMatrix.MailboxToEdge => "メールボックス → エッジ",
            Selection.MailFlowMatrix.EdgeToMailbox => "エッジ → メールボックス",
            _ => path,
        },
    };

    public static HtmlLabels For(string culture) => Fmt.IsJapanese(culture) ? Japanese : English;
}
