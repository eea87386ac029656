using System.Collections.Frozen;
using Extls.Selection;

namespace Extls.Reporting;

/// <summary>Sentences an administrator reads in a replay trace: outcomes, assumptions and refusal reasons (selection.md).</summary>
public static class SelectionText
{
    public static string ScenarioTitle(Scenario scenario, string culture) => (scenario, Fmt.IsJapanese(culture)) switch
    {
        (Scenario.InboundAnonymousTls, false) => "process 1, inbound anonymous TLS on the receiving server",
        (Scenario.OutboundAnonymousTls, false) => "process 2, outbound anonymous TLS on the sending server",
        (Scenario.InboundStartTls, false) => "process 3, inbound STARTTLS on the receiving server",
        (Scenario.OutboundStartTls, false) => "process 4, outbound STARTTLS on the sending server",
        (Scenario.InboundAnonymousTls, true) => "処理 1: 受信サーバーの匿名 TLS (受信)",
        (Scenario.OutboundAnonymousTls, true) => "処理 2: 送信サーバーの匿名 TLS (送信)",
        (Scenario.InboundStartTls, true) => "処理 3: 受信サーバーの STARTTLS (受信)",
        (Scenario.OutboundStartTls, true) => "処理 4: 送信サーバーの STARTTLS (送信)",
        _ => scenario.ToId(),
    };

    /// <summary>One sentence saying what the replay concluded.</summary>
    public static string Outcome(SelectionResult result, string culture)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ja = Fmt.IsJapanese(culture);
        var anonymous = result.Scenario is Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls;
        var inbound = result.Scenario is Scenario.InboundAnonymousTls or Scenario.InboundStartTls;
        var what = anonymous ? "X-ANONYMOUSTLS" : "STARTTLS";
        var verb = ja
            ? (inbound ? "提示されます" : "使用されます")
            : (inbound ? "is advertised" : "is used");
        var notVerb = ja
            ? (inbound ? "提示されません" : "使用されません")
            : (inbound ? "is not advertised" : "is not used");

        return (result.Outcome, ja) switch
        {
            (SelectionOutcome.Selected, false) => $"{what} {verb} with the chosen certificate.",
            (SelectionOutcome.SelectedExpiresSoon, false) => $"{what} {verb}; the chosen certificate expires inside the warning window.",
            (SelectionOutcome.SelectedExpired, false) => $"{what} {verb}, but with an expired certificate: it must be renewed.",
            (SelectionOutcome.ExchangeServerAuthMissing, false) => $"{what} {notVerb}: the connector lacks ExchangeServer authentication.",
            (SelectionOutcome.AnonymousTlsSuppressed, false) => $"{what} {notVerb}: SuppressXAnonymousTls is set on the connector.",
            (SelectionOutcome.TransportThumbprintEmpty, false) => $"{what} {notVerb}: InternalTransportCertificateThumbprint is empty.",
            (SelectionOutcome.EdgeSyncConnectorNotUsable, false) => $"{what} {notVerb}: no EdgeSync send connector ('--' smart host with ExchangeServer smart host authentication).",
            (SelectionOutcome.AdValueUnreadable, false) => $"{what} {notVerb}: the internal transport certificate could not be read from AD.",
            (SelectionOutcome.AdValueEmpty, false) => $"{what} {notVerb}: AD holds no internal transport certificate.",
            (SelectionOutcome.AdValueCorrupt, false) => $"{what} {notVerb}: the internal transport certificate in AD is corrupt.",
            (SelectionOutcome.CertificateNotInStore, false) => $"{what} {notVerb}: the certificate published in AD is not in the server's store.",
            (SelectionOutcome.TlsNotOffered, false) => $"{what} {notVerb}: the connector does not offer TLS.",
            (SelectionOutcome.NoMatchingCertificate, false) => $"{what} {notVerb}: no certificate in the store matches the key.",
            (SelectionOutcome.NoEligibleCertificate, false) => $"{what} {notVerb}: certificates match the key but none is eligible.",
            (SelectionOutcome.SendCertificateNotFound, false) => $"{what} fails from this server: the certificate named in TlsCertificateName is not in its store (454 4.7.5).",
            (SelectionOutcome.Undetermined, false) => "Nothing can be said: a section the replay needs was not collected or could not be read.",
            (SelectionOutcome.Selected, true) => $"{what} は選択された証明書で{verb}。",
            (SelectionOutcome.SelectedExpiresSoon, true) => $"{what} は{verb}。選択された証明書は警告期間内に期限切れになります。",
            (SelectionOutcome.SelectedExpired, true) => $"{what} は{verb}が、証明書は期限切れです。更新が必要です。",
            (SelectionOutcome.ExchangeServerAuthMissing, true) => $"{what} は{notVerb}。コネクタに ExchangeServer 認証がありません。",
            (SelectionOutcome.AnonymousTlsSuppressed, true) => $"{what} は{notVerb}。コネクタに SuppressXAnonymousTls が設定されています。",
            (SelectionOutcome.TransportThumbprintEmpty, true) => $"{what} は{notVerb}。InternalTransportCertificateThumbprint が空です。",
            (SelectionOutcome.EdgeSyncConnectorNotUsable, true) => $"{what} は{notVerb}。EdgeSync 送信コネクタ (スマート ホスト '--'、ExchangeServer 認証) がありません。",
            (SelectionOutcome.AdValueUnreadable, true) => $"{what} は{notVerb}。AD から内部トランスポート証明書を読み取れません。",
            (SelectionOutcome.AdValueEmpty, true) => $"{what} は{notVerb}。AD に内部トランスポート証明書がありません。",
            (SelectionOutcome.AdValueCorrupt, true) => $"{what} は{notVerb}。AD の内部トランスポート証明書が破損しています。",
            (SelectionOutcome.CertificateNotInStore, true) => $"{what} は{notVerb}。AD に公開された証明書がサーバーのストアにありません。",
            (SelectionOutcome.TlsNotOffered, true) => $"{what} は{notVerb}。コネクタが TLS を提供していません。",
            (SelectionOutcome.NoMatchingCertificate, true) => $"{what} は{notVerb}。キーに一致する証明書がストアにありません。",
            (SelectionOutcome.NoEligibleCertificate, true) => $"{what} は{notVerb}。キーに一致する証明書はありますが、適格なものがありません。",
            (SelectionOutcome.SendCertificateNotFound, true) => $"このサーバーからの {what} は失敗します。TlsCertificateName の証明書がストアにありません (454 4.7.5)。",
            (SelectionOutcome.Undetermined, true) => "判定できません。必要なセクションが収集されていないか、読み取れませんでした。",
            _ => result.Outcome.ToString(),
        };
    }

    private static readonly FrozenDictionary<string, (string En, string Ja)> AssumptionMeanings = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["A1"] = ("SuppressXAnonymousTls is checked right after the ExchangeServer authentication step.",
                  "SuppressXAnonymousTls は ExchangeServer 認証の手順の直後に確認されるものとします。"),
        ["A2"] = ("Exchange 2016/2019 do not fall back (events 12023/12024) when the internal certificate is not in the store.",
                  "内部証明書がストアにない場合、Exchange 2016/2019 は代替証明書 (イベント 12023/12024) を使わないものとします。"),
        ["A3"] = ("The sender's thumbprint check applies to every Mailbox-to-Exchange session; the queue DeliveryType is ignored.",
                  "送信側の拇印の確認はすべての Mailbox から Exchange へのセッションに適用し、キューの DeliveryType は考慮しません。"),
        ["A4"] = ("TlsCertificateName issuer and subject are compared case-insensitively after normalising spaces around ',' and '='.",
                  "TlsCertificateName の発行者とサブジェクトは、',' と '=' の前後の空白を正規化し、大文字小文字を区別せずに比較します。"),
        ["A5"] = ("A wildcard name matches exactly one left-most label, case-insensitively (RFC 6125).",
                  "ワイルドカード名は左端のラベル 1 つだけに一致し、大文字小文字を区別しません (RFC 6125)。"),
        ["A6"] = ("Candidates are not filtered on the SMTP service; a chosen certificate without SMTP makes the handshake fail later.",
                  "候補は SMTP サービスで絞り込みません。SMTP のない証明書が選ばれると、後でハンドシェイクが失敗します。"),
        ["A7"] = ("'Valid CA-issued' means not self-signed, Status not Revoked/Untrusted/Invalid, and NotBefore not after the as-of time.",
                  "「有効な CA 発行」とは、自己署名でなく、Status が Revoked/Untrusted/Invalid でなく、NotBefore が基準日時以前であることです。"),
        ["A8"] = ("Outbound STARTTLS follows a model built from the cmdlet reference and Microsoft's diagnostics; Microsoft publishes no flowchart for it.",
                  "送信 STARTTLS はコマンドレット リファレンスと Microsoft の診断から組み立てたモデルに従います (公開されたフローチャートはありません)。"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The one-line meaning of an assumption id of selection.md; the id itself when not known.</summary>
    public static string Assumption(string id, string culture) =>
        AssumptionMeanings.TryGetValue(id, out var m) ? (Fmt.IsJapanese(culture) ? m.Ja : m.En) : id;

    private static readonly FrozenDictionary<string, (string En, string Ja)> Reasons = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["NotV3"] = ("not an X.509 v3 certificate", "X.509 v3 証明書ではない"),
        ["NoPrivateKey"] = ("no private key", "秘密キーがない"),
        ["NameNotInCertificate"] = ("the name is not in the certificate", "名前が証明書に含まれていない"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Why a candidate was refused, in words; an unfamiliar code is shown as it is.</summary>
    public static string Reason(string code, string culture) =>
        Reasons.TryGetValue(code, out var m) ? (Fmt.IsJapanese(culture) ? m.Ja : m.En) : code;
}
