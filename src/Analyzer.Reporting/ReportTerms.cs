using Extls.Rules;

namespace Extls.Reporting;

/// <summary>
/// Severities and target kinds in the reader's language, for the writers that speak to a person (console,
/// HTML). The machine formats (JSON, SARIF) keep their stable codes.
/// </summary>
public static class ReportTerms
{
    public static string Severity(Severity severity, string culture) => (severity, Fmt.IsJapanese(culture)) switch
    {
        (Rules.Severity.Error, false) => "error",
        (Rules.Severity.Warning, false) => "warning",
        (Rules.Severity.Note, false) => "note",
        (_, false) => "none",
        (Rules.Severity.Error, true) => "エラー",
        (Rules.Severity.Warning, true) => "警告",
        (Rules.Severity.Note, true) => "注意",
        (_, true) => "なし",
    };

    /// <summary>
    /// A rule's category (rules/*.yaml spec.category) for a person: English keeps the descriptor's name, as SARIF does;
    /// Japanese says what it covers. A category this table does not know is shown by its name.
    /// </summary>
    public static string Category(string category, string culture) => !Fmt.IsJapanese(culture) ? category : category switch
    {
        "InternalTransportCertificate" => "内部トランスポート証明書",
        "ReceiveConnector" => "受信コネクタ",
        "SendConnector" => "送信コネクタ",
        "MailFlow" => "メール フロー",
        "CertificateHygiene" => "証明書の管理",
        "Snapshot" => "スナップショット",
        "Evidence" => "証拠",
        _ => category,
    };

    /// <summary>Get-ExchangeCertificate's Status, as a label.</summary>
    public static string Status(string culture) => Fmt.IsJapanese(culture) ? "状態" : "Status";

    /// <summary>A path of the mail-flow matrix in words: English keeps the matrix's own spelling, Japanese says it.</summary>
    public static string Path(string path, string culture) => !Fmt.IsJapanese(culture) ? path : path switch
    {
        Selection.MailFlowMatrix.MailboxToMailbox => "メールボックス → メールボックス",
        Selection.MailFlowMatrix.MailboxToEdge => "メールボックス → エッジ",
        Selection.MailFlowMatrix.EdgeToMailbox => "エッジ → メールボックス",
        _ => path,
    };

    public static string TargetKind(FindingTargetKind kind, string culture) => (kind, Fmt.IsJapanese(culture)) switch
    {
        (FindingTargetKind.Server, false) => "server",
        (FindingTargetKind.ReceiveConnector, false) => "receive connector",
        (FindingTargetKind.SendConnector, false) => "send connector",
        (FindingTargetKind.Certificate, false) => "certificate",
        (FindingTargetKind.MailFlow, false) => "mail flow",
        (FindingTargetKind.Snapshot, false) => "snapshot",
        (FindingTargetKind.Server, true) => "サーバー",
        (FindingTargetKind.ReceiveConnector, true) => "受信コネクタ",
        (FindingTargetKind.SendConnector, true) => "送信コネクタ",
        (FindingTargetKind.Certificate, true) => "証明書",
        (FindingTargetKind.MailFlow, true) => "メール フロー",
        (FindingTargetKind.Snapshot, true) => "スナップショット",
        (FindingTargetKind.HybridConfiguration, true) => "ハイブリッド構成",
        _ => kind.ToId(),
    };
}
