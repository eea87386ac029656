using System.Collections.Frozen;
using Extls.Model;
using Extls.Selection;

namespace Extls.Reporting;

/// <summary>A fixed wording in both languages.</summary>
internal readonly record struct Words(string En, string Ja)
{
    /// <summary>An Exchange name (a property, a value): spelt the same in every language.</summary>
    public static Words Identifier(string name) => new(name, name);

    public string In(bool japanese) => japanese ? Ja : En;
}

/// <summary>A sentence in both languages, built from the facts it is about.</summary>
internal sealed record Sentence<T>(Func<T, string> En, Func<T, string> Ja)
{
    public string In(bool japanese, T facts) => japanese ? Ja(facts) : En(facts);
}

/// <summary>
/// Every word a replay's explanation uses, in English and Japanese, keyed by the replay's own types: step
/// kinds, reason codes, fields, value kinds, outcomes, assumptions. The replay returns facts; this table is
/// the only place they become words.
/// </summary>
/// <remarks>
/// A C# table rather than a .resx or YAML file, for three reasons. The sentences need plurals, optional
/// clauses and typed values (dates, counts, keys), which a resource file could only hold through a template
/// language of its own. Each entry takes both languages as constructor arguments, so an entry with one
/// language missing does not compile, and the two read side by side, as the rule descriptors' en/ja pairs
/// do. And a sentence can use only the facts its step carries, checked by the compiler. A key with no entry
/// at all is what <see cref="Missing"/> reports, and a test fails on it. Japanese follows Microsoft's
/// Exchange terms: 受信コネクタ, 送信コネクタ, 拇印, 証明書ストア, 秘密キー, 自己署名, アドバタイズ
/// (advertise, always), and 割り当て for assigning the SMTP service (発行 only for what a CA does).
/// </remarks>
internal static class SelectionWording
{
    private const string LocalStoreEn = @"Local Computer\Personal";
    private const string LocalStoreJa = "ローカル コンピューターの個人証明書ストア";
    private const string EligibleMeansEn = "X.509 v3, with a private key, containing the name";
    private const string EligibleMeansJa = "X.509 v3 で、秘密キーがあり、名前を含むもの";

    /// <summary>The SMTP response a sender logs when TlsCertificateName names no certificate it has; quoted as Exchange writes it.</summary>
    internal const string Response454 = "454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found";

    /// <summary>The error Exchange logs when the chosen certificate is not assigned the SMTP service; quoted as Exchange writes it.</summary>
    internal const string UnknownCredentials = "TLS negotiation failed with error UnknownCredentials";

    public static readonly FrozenDictionary<Scenario, Words> ScenarioTitles = new Dictionary<Scenario, Words>
    {
        [Scenario.InboundAnonymousTls] = new("process 1, inbound anonymous TLS on the receiving server", "処理 1: 受信側サーバーでの匿名 TLS (受信)"),
        [Scenario.OutboundAnonymousTls] = new("process 2, outbound anonymous TLS on the sending server", "処理 2: 送信側サーバーでの匿名 TLS (送信)"),
        [Scenario.InboundStartTls] = new("process 3, inbound STARTTLS on the receiving server", "処理 3: 受信側サーバーでの STARTTLS (受信)"),
        [Scenario.OutboundStartTls] = new("process 4, outbound STARTTLS on the sending server", "処理 4: 送信側サーバーでの STARTTLS (送信)"),
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<StepKind, Words> StepTitles = new Dictionary<StepKind, Words>
    {
        [StepKind.Load] = new("Load", "読み込み"),
        [StepKind.ExchangeServerAuthentication] = new("ExchangeServer authentication", "Exchange Server 認証"),
        [StepKind.StartByRole] = new("Start, by role", "開始 (役割別)"),
        [StepKind.ReadAd] = new("Read AD", "AD の読み取り"),
        [StepKind.FindInStore] = new("Find in store", "証明書ストアでの検索"),
        [StepKind.TlsOffered] = new("TLS offered?", "TLS の確認"),
        [StepKind.KeyTlsCertificateName] = new("Match key: TlsCertificateName", "照合キー: TlsCertificateName"),
        [StepKind.KeyConnectorFqdn] = new("Match key: connector Fqdn", "照合キー: コネクタの Fqdn"),
        [StepKind.KeyServerFqdn] = new("Match key: server FQDN", "照合キー: サーバーの FQDN"),
        [StepKind.Key] = new("Match key", "照合キー"),
        [StepKind.Candidates] = new("Candidates", "候補"),
        [StepKind.Eligible] = new("Eligible", "適格性"),
        [StepKind.Rank] = new("Rank", "順位付け"),
        [StepKind.Choose] = new("Choose", "選択"),
        [StepKind.Expiry] = new("Expiry", "有効期限"),
        [StepKind.TlsCertificateNameOnSource] = new("TlsCertificateName on the source server", "送信元サーバーでの TlsCertificateName"),
        [StepKind.SmtpService] = new("SMTP service", "SMTP サービス"),
        [StepKind.ExchangeOnline] = new("Exchange Online", "Exchange Online"),
        [StepKind.RequireTls] = new("RequireTLS", "RequireTLS"),
    }.ToFrozenDictionary();

    /// <summary>What a read is called on its line. Exchange's property names stay as Exchange spells them.</summary>
    public static readonly FrozenDictionary<TraceField, Words> Fields = new Dictionary<TraceField, Words>
    {
        [TraceField.Connector] = new("Receive connector", "受信コネクタ"),
        [TraceField.AuthMechanism] = Words.Identifier("AuthMechanism"),
        [TraceField.SuppressXAnonymousTls] = Words.Identifier("SuppressXAnonymousTls"),
        [TraceField.Role] = new("Role", "役割"),
        [TraceField.ServerRole] = Words.Identifier("ServerRole"),
        [TraceField.SendConnectors] = new("Send connectors", "送信コネクタ"),
        [TraceField.EdgeSyncConnectors] = new("EdgeSync send connectors", "EdgeSync 送信コネクタ"),
        [TraceField.SmartHostAuthMechanism] = Words.Identifier("SmartHostAuthMechanism"),
        [TraceField.InternalTransportCertificateThumbprint] = Words.Identifier("InternalTransportCertificateThumbprint"),
        [TraceField.MsExchServerInternalTlsCert] = Words.Identifier("msExchServerInternalTLSCert"),
        [TraceField.ReadError] = new("Read error", "読み取りエラー"),
        [TraceField.CorruptReason] = new("Why not a certificate", "証明書ではない理由"),
        [TraceField.Thumbprint] = new("Thumbprint", "拇印"),
        [TraceField.Subject] = new("Subject", "サブジェクト"),
        [TraceField.Store] = new("Certificate store", "証明書ストア"),
        [TraceField.StoreCertificates] = new("Certificates in store", "ストア内の証明書数"),
        [TraceField.StoreThumbprints] = new("Thumbprints in store", "ストア内の証明書の拇印"),
        [TraceField.NotMatching] = new("Not a candidate", "候補外"),
        [TraceField.NotAfter] = Words.Identifier("NotAfter"),
        [TraceField.AsOf] = new("As of", "基準日時"),
        [TraceField.WarningDays] = new("Warning window (days)", "警告期間 (日)"),
        [TraceField.TlsCertificateName] = Words.Identifier("TlsCertificateName"),
        [TraceField.Fqdn] = Words.Identifier("Fqdn"),
        [TraceField.ServerFqdn] = new("Server FQDN", "サーバーの FQDN"),
        [TraceField.Key] = new("Match key", "照合キー"),
        [TraceField.Candidates] = new("Candidates", "候補"),
        [TraceField.Candidate] = new("Candidate", "候補"),
        [TraceField.Ranked] = new("Rank", "順位"),
        [TraceField.Standing] = new("Standing", "区分"),
        [TraceField.Chosen] = new("Chosen", "選択された証明書"),
        [TraceField.Services] = Words.Identifier("Services"),
        [TraceField.RequireTls] = Words.Identifier("RequireTLS"),
        [TraceField.TlsAuthLevel] = Words.Identifier("TlsAuthLevel"),
        [TraceField.TlsDomain] = Words.Identifier("TlsDomain"),
        [TraceField.SmartHosts] = Words.Identifier("SmartHosts"),
        [TraceField.CloudServicesMailEnabled] = Words.Identifier("CloudServicesMailEnabled"),
        [TraceField.SourceServer] = new("Source server", "送信元サーバー"),
        [TraceField.Port] = new("Port", "ポート"),
        [TraceField.ReceiveConnectors] = new("Receive connectors", "受信コネクタ"),
        [TraceField.Bindings] = Words.Identifier("Bindings"),
        [TraceField.RemoteIPRanges] = Words.Identifier("RemoteIPRanges"),
        [TraceField.ReceiverAddresses] = new("Receiving server's addresses", "受信側サーバーのアドレス"),
        [TraceField.SenderAddresses] = new("Sending server's addresses", "送信側サーバーのアドレス"),
        [TraceField.SessionAddress] = new("Session from", "セッションの送信元アドレス"),
        [TraceField.MatchedRange] = new("Matching range", "一致した範囲"),
        [TraceField.Server] = new("Sending server", "送信側サーバー"),
    }.ToFrozenDictionary();

    /// <summary>The words values are written with, beyond their own text.</summary>
    public static readonly FrozenDictionary<ValueWord, Words> ValueWords = new Dictionary<ValueWord, Words>
    {
        [ValueWord.Unknown] = new("(unknown)", "(不明)"),
        [ValueWord.Empty] = new("(empty)", "(空)"),
        [ValueWord.Eligible] = new("eligible", "適格"),
        [ValueWord.Refused] = new("refused", "除外"),
        [ValueWord.UnknownProperties] = new("unknown", "不明"),
        [ValueWord.ListSeparator] = new(", ", "、"),
        [ValueWord.NotCandidate] = new("not a candidate", "候補外"),
        [ValueWord.Names] = new("names", "名前"),
        [ValueWord.Issuer] = new("issuer", "発行者"),
        [ValueWord.Subject] = new("subject", "サブジェクト"),
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<SectionState, Words> SectionStates = new Dictionary<SectionState, Words>
    {
        [SectionState.Collected] = new("collected", "収集済み"),
        [SectionState.Failed] = new("collection failed", "収集に失敗"),
        [SectionState.Absent] = new("not collected", "未収集"),
        [SectionState.Unreadable] = new("unreadable", "読み取り不可"),
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<AdCertificateState, Words> AdStates = new Dictionary<AdCertificateState, Words>
    {
        [AdCertificateState.NotCollected] = new("not collected", "未収集"),
        [AdCertificateState.Unreadable] = new("unreadable", "読み取り不可"),
        [AdCertificateState.Empty] = new("empty", "空"),
        [AdCertificateState.Corrupt] = new("not a certificate", "証明書ではない"),
        [AdCertificateState.Present] = new("present", "証明書あり"),
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<CertificateStanding, Words> Standings = new Dictionary<CertificateStanding, Words>
    {
        [CertificateStanding.ValidCaIssued] = new("valid CA-issued", "有効な CA 発行"),
        [CertificateStanding.SelfSigned] = new("self-signed", "自己署名"),
        [CertificateStanding.CaIssuedNotValid] = new("CA-issued, not valid", "CA 発行だが有効ではない"),
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<RefusalReason, Words> Refusals = new Dictionary<RefusalReason, Words>
    {
        [RefusalReason.NotV3] = new("not an X.509 v3 certificate", "X.509 v3 証明書ではない"),
        [RefusalReason.NoPrivateKey] = new("no private key", "秘密キーがない"),
        [RefusalReason.NameNotInCertificate] = new("the name is not in the certificate", "名前が証明書に含まれていない"),
    }.ToFrozenDictionary();

    /// <summary>Why a certificate of the store is not a candidate; the value line adds the issuer, subject or names compared.</summary>
    public static readonly FrozenDictionary<MismatchReason, Words> Mismatches = new Dictionary<MismatchReason, Words>
    {
        [MismatchReason.IssuerDiffers] = new("another issuer", "発行者が異なる"),
        [MismatchReason.SubjectDiffers] = new("another subject", "サブジェクトが異なる"),
        [MismatchReason.NameNotInCertificate] = new("the name is neither its subject CN nor one of its DNS names", "名前がサブジェクトの CN にも DNS 名にもない"),
        [MismatchReason.WildcardCoversOneLabel] = new("a wildcard stands for exactly one label, and the name has none or more than one in its place (A5)",
            "ワイルドカードは 1 つのラベルだけを表しますが、名前のその位置にはラベルがないか、2 つ以上あります (A5)"),
    }.ToFrozenDictionary();

    /// <summary>Why a step of the process was passed over.</summary>
    public static readonly FrozenDictionary<SkipReason, Words> Skips = new Dictionary<SkipReason, Words>
    {
        [SkipReason.KeyAlreadyFound] = new("not needed: an earlier step gave the key", "不要 (前の手順で照合キーが決まりました)"),
        [SkipReason.KeyNotFromTlsCertificateName] = new("not needed: the key is not a TlsCertificateName", "不要 (照合キーは TlsCertificateName ではありません)"),
        [SkipReason.KeyMalformed] = new("not run: a malformed TlsCertificateName matches no certificate", "実行されません (形式が正しくない TlsCertificateName に一致する証明書はありません)"),
    }.ToFrozenDictionary();

    /// <summary>The one-line result of a replay in the summary: what happens to the session, in a few words.</summary>
    public static readonly FrozenDictionary<Verdict, Sentence<Conclusion>> VerdictWords = new Dictionary<Verdict, Sentence<Conclusion>>
    {
        [Verdict.Works] = new(c => c.Inbound ? "advertised" : "used", c => c.Inbound ? "アドバタイズ" : "使用"),
        [Verdict.ExpiresSoon] = new(c => $"{(c.Inbound ? "advertised" : "used")}, expires soon", c => $"{(c.Inbound ? "アドバタイズ" : "使用")} (まもなく期限切れ)"),
        [Verdict.Expired] = new(c => $"{(c.Inbound ? "advertised" : "used")}, expired", c => $"{(c.Inbound ? "アドバタイズ" : "使用")} (期限切れ)"),
        [Verdict.HandshakeFails] = new(_ => "handshake fails (no SMTP)", _ => "ハンドシェイク失敗 (SMTP 未割り当て)"),
        [Verdict.WrongCertificateForExchangeOnline] = new(_ => "hybrid mail flow breaks", _ => "ハイブリッドのメール フローが失敗"),
        [Verdict.NotOffered] = new(c => c.Inbound ? "not advertised" : "not used", c => c.Inbound ? "アドバタイズされない" : "使用されない"),
        [Verdict.SendFails] = new(_ => "fails (454 4.7.5)", _ => "失敗 (454 4.7.5)"),
        [Verdict.Undetermined] = new(_ => "undetermined", _ => "判断できない"),
    }.ToFrozenDictionary();

    /// <summary>Short titles of the processes, for the summary's rows.</summary>
    public static readonly FrozenDictionary<Scenario, Words> ScenarioShortTitles = new Dictionary<Scenario, Words>
    {
        [Scenario.InboundAnonymousTls] = new("1 X-ANONYMOUSTLS in", "1 X-ANONYMOUSTLS 受信"),
        [Scenario.OutboundAnonymousTls] = new("2 X-ANONYMOUSTLS out", "2 X-ANONYMOUSTLS 送信"),
        [Scenario.InboundStartTls] = new("3 STARTTLS in", "3 STARTTLS 受信"),
        [Scenario.OutboundStartTls] = new("4 STARTTLS out", "4 STARTTLS 送信"),
    }.ToFrozenDictionary();

    /// <summary>A server named by its role, in a sentence.</summary>
    public static readonly FrozenDictionary<TransportServerRole, Words> RoleServers = new Dictionary<TransportServerRole, Words>
    {
        [TransportServerRole.Mailbox] = new("Mailbox server", "メールボックス サーバー"),
        [TransportServerRole.Edge] = new("Edge server", "エッジ トランスポート サーバー"),
        [TransportServerRole.Unknown] = new("Server of unknown role", "役割が不明なサーバー"),
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<Assumption, Words> AssumptionMeanings = new Dictionary<Assumption, Words>
    {
        [Assumption.A1] = new("SuppressXAnonymousTls is checked right after the ExchangeServer authentication step.",
            "SuppressXAnonymousTls は Exchange Server 認証の手順の直後に確認されるものとします。"),
        [Assumption.A2] = new("Exchange 2016/2019 do not fall back (events 12023/12024) when the internal certificate is not in the store.",
            "内部証明書がストアにない場合、Exchange 2016/2019 は代替証明書 (イベント 12023/12024) を使わないものとします。"),
        [Assumption.A3] = new("The sender's thumbprint check applies to every Mailbox-to-Exchange session; the queue DeliveryType is ignored.",
            "送信側の拇印の確認はメールボックス サーバーから Exchange サーバーへのすべてのセッションに適用し、キューの DeliveryType は考慮しません。"),
        [Assumption.A4] = new("TlsCertificateName issuer and subject are compared case-insensitively after normalising spaces around ',' and '='.",
            "TlsCertificateName の発行者とサブジェクトは、',' と '=' の前後の空白を正規化し、大文字と小文字を区別せずに比較します。"),
        [Assumption.A5] = new("A wildcard name matches exactly one left-most label, case-insensitively (RFC 6125).",
            "ワイルドカード名は左端のラベル 1 つだけに一致し、大文字と小文字を区別しません (RFC 6125)。"),
        [Assumption.A6] = new("Candidates are not filtered on the SMTP service; a chosen certificate without SMTP makes the handshake fail later.",
            "候補は SMTP サービスの割り当てで絞り込みません。SMTP サービスが割り当てられていない証明書が選択されると、後でハンドシェイクが失敗します。"),
        [Assumption.A7] = new("'Valid CA-issued' means not self-signed, Status not Revoked/Untrusted/Invalid, and NotBefore not after the as-of time.",
            "「有効な CA 発行」とは、自己署名ではなく、Status が Revoked/Untrusted/Invalid ではなく、NotBefore が基準日時以前であることです。"),
        [Assumption.A8] = new("Outbound STARTTLS follows a model built from the cmdlet reference and Microsoft's diagnostics; Microsoft publishes no flowchart for it.",
            "送信の STARTTLS は、コマンドレット リファレンスと Microsoft の診断から組み立てたモデルに従います (Microsoft はフローチャートを公開していません)。"),
        [Assumption.A9] = new("When the sender's addresses, or the remote IP ranges of the connectors on the port, are unknown, the default connector for the port answers the session.",
            "送信側サーバーのアドレス、またはポート上のコネクタのリモート IP 範囲が不明な場合、そのポートの既定のコネクタがセッションに応答するものとします。"),
        [Assumption.A10] = new("A planned Enable-ExchangeCertificate or New-ExchangeCertificate with SMTP: -Force or -Confirm:$false answers yes to \"overwrite the existing default SMTP certificate?\", which makes the certificate the internal transport certificate; a plan that says neither is rehearsed with both answers.",
            "SMTP を指定した Enable-ExchangeCertificate または New-ExchangeCertificate の計画では、-Force または -Confirm:$false は「既存の既定の SMTP 証明書を上書きしますか?」に「はい」と答えたものとし、その証明書が内部トランスポート証明書になります。どちらも指定しない計画は、両方の答えでリハーサルします。"),
        [Assumption.A11] = new("A session comes from the sender's first address another server sees, IPv4 before IPv6; a binding accepts its own address family only; among equally specific ranges, a binding to the receiver's own address wins over the any-address.",
            "セッションは、他のサーバーから見える送信側の最初のアドレス (IPv4 を IPv6 より優先) から来るものとします。バインドは自身のアドレス ファミリのみを受け付け、同じ限定度の範囲では、受信側自身のアドレスへのバインドが任意のアドレスへのバインドより優先されます。"),
    }.ToFrozenDictionary();

    /// <summary>One sentence saying what the replay concluded.</summary>
    public static readonly FrozenDictionary<SelectionOutcome, Sentence<Conclusion>> Outcomes = new Dictionary<SelectionOutcome, Sentence<Conclusion>>
    {
        [SelectionOutcome.Selected] = new(
            c => $"{c.Protocol} {Is(c)} with the chosen certificate.",
            c => $"{c.Protocol} は選択された証明書で{IsJa(c)}。"),
        [SelectionOutcome.SelectedExpiresSoon] = new(
            c => $"{c.Protocol} {Is(c)}; the chosen certificate expires inside the warning window.",
            c => $"{c.Protocol} は{IsJa(c)}。選択された証明書は警告期間内に期限切れになります。"),
        [SelectionOutcome.SelectedExpired] = new(
            c => $"{c.Protocol} {Is(c)}, but with an expired certificate: it must be renewed.",
            c => $"{c.Protocol} は{IsJa(c)}が、証明書は期限切れです。更新が必要です。"),
        [SelectionOutcome.ExchangeServerAuthMissing] = new(
            c => $"{c.Protocol} {IsNot(c)}: the receive connector lacks ExchangeServer authentication.",
            c => $"{c.Protocol} は{IsNotJa(c)}。受信コネクタに Exchange Server 認証がありません。"),
        [SelectionOutcome.AnonymousTlsSuppressed] = new(
            c => $"{c.Protocol} {IsNot(c)}: SuppressXAnonymousTls is set on the receive connector.",
            c => $"{c.Protocol} は{IsNotJa(c)}。受信コネクタに SuppressXAnonymousTls が設定されています。"),
        [SelectionOutcome.TransportThumbprintEmpty] = new(
            c => $"{c.Protocol} {IsNot(c)}: InternalTransportCertificateThumbprint is empty.",
            c => $"{c.Protocol} は{IsNotJa(c)}。InternalTransportCertificateThumbprint が空です。"),
        [SelectionOutcome.EdgeSyncConnectorNotUsable] = new(
            c => $"{c.Protocol} {IsNot(c)}: no EdgeSync send connector ('--' smart host with ExchangeServer smart host authentication).",
            c => $"{c.Protocol} は{IsNotJa(c)}。EdgeSync 送信コネクタ (スマート ホスト '--'、スマート ホスト認証 ExchangeServer) がありません。"),
        [SelectionOutcome.AdValueUnreadable] = new(
            c => $"{c.Protocol} {IsNot(c)}: the internal transport certificate could not be read from AD.",
            c => $"{c.Protocol} は{IsNotJa(c)}。AD から内部トランスポート証明書を読み取れません。"),
        [SelectionOutcome.AdValueEmpty] = new(
            c => $"{c.Protocol} {IsNot(c)}: AD holds no internal transport certificate.",
            c => $"{c.Protocol} は{IsNotJa(c)}。AD に内部トランスポート証明書がありません。"),
        [SelectionOutcome.AdValueCorrupt] = new(
            c => $"{c.Protocol} {IsNot(c)}: the internal transport certificate in AD is corrupt.",
            c => $"{c.Protocol} は{IsNotJa(c)}。AD の内部トランスポート証明書が破損しています。"),
        [SelectionOutcome.CertificateNotInStore] = new(
            c => $"{c.Protocol} {IsNot(c)}: the certificate AD holds for the server is not in its certificate store.",
            c => $"{c.Protocol} は{IsNotJa(c)}。SMTP サービスの割り当てで AD に記録された証明書が、サーバーの証明書ストアにありません。"),
        [SelectionOutcome.TlsNotOffered] = new(
            c => $"{c.Protocol} {IsNot(c)}: the receive connector does not offer TLS.",
            c => $"{c.Protocol} は{IsNotJa(c)}。受信コネクタの AuthMechanism に Tls がありません。"),
        [SelectionOutcome.NoMatchingCertificate] = new(
            c => $"{c.Protocol} {IsNot(c)}: no certificate in the store matches the key.",
            c => $"{c.Protocol} は{IsNotJa(c)}。照合キーに一致する証明書が証明書ストアにありません。"),
        [SelectionOutcome.NoEligibleCertificate] = new(
            c => $"{c.Protocol} {IsNot(c)}: certificates match the key but none is eligible.",
            c => $"{c.Protocol} は{IsNotJa(c)}。照合キーに一致する証明書はありますが、適格なものがありません。"),
        [SelectionOutcome.SendCertificateNotFound] = new(
            c => $"{c.Protocol} fails from this server: the certificate named in TlsCertificateName is not in its store (454 4.7.5).",
            c => $"このサーバーからの {c.Protocol} は失敗します。TlsCertificateName で指定された証明書が証明書ストアにありません (454 4.7.5)。"),
        [SelectionOutcome.Undetermined] = new(
            _ => "Nothing can be said: a section the replay needs was not collected or could not be read.",
            _ => "判断できません。再現に必要なセクションが収集されていないか、読み取れませんでした。"),
    }.ToFrozenDictionary();

    /// <summary>The outcome when a certificate is chosen but the handshake with it fails (A6): not "used with the chosen certificate".</summary>
    public static readonly Sentence<Conclusion> HandshakeFailsOutcome = new(
        c => $"{c.Protocol} {Is(c)}, but the chosen certificate is not enabled for SMTP: the TLS handshake fails ({UnknownCredentials}).",
        c => $"{c.Protocol} は{IsJa(c)}が、選択された証明書に SMTP サービスが割り当てられていないため、TLS ハンドシェイクは失敗します ({UnknownCredentials})。");

    /// <summary>The outcome of a connector to Exchange Online that names no certificate (EXTLS3005): a certificate is used, the wrong one.</summary>
    public static readonly Sentence<Conclusion> ImplicitHybridOutcome = new(
        _ => "STARTTLS is used, but with the certificate the server's own FQDN picks, not one Exchange Online expects: hybrid mail flow breaks. Set TlsCertificateName.",
        _ => "STARTTLS は使用されますが、証明書はサーバー自身の FQDN で選択されたもので、Exchange Online が想定する証明書ではないため、ハイブリッドのメール フローが失敗します。TlsCertificateName を設定してください。");

    /// <summary>Said under the outcome when the chosen certificate is not assigned the SMTP service (A6).</summary>
    public static readonly Sentence<Conclusion> HandshakeFails = new(
        c => $"The chosen certificate is not enabled for SMTP: STARTTLS {Is(c)} but the handshake fails (UnknownCredentials).",
        c => $"選択された証明書には SMTP サービスが割り当てられていません。STARTTLS は{IsJa(c)}が、ハンドシェイクは失敗します (UnknownCredentials)。");

    /// <summary>What each step decided, in a sentence built from what it read.</summary>
    public static readonly FrozenDictionary<StepReason, Sentence<StepFacts>> Reasons = new Dictionary<StepReason, Sentence<StepFacts>>
    {
        [StepReason.SessionStarts] = new(
            v => $"A session to {v[TraceField.Connector]} starts; transport begins loading a certificate for it.",
            v => $"{BeforeParticle(v[TraceField.Connector])}へのセッションが始まり、トランスポートがこのセッションの証明書の読み込みを始めます。"),

        [StepReason.AuthMechanismUnknown] = new(
            v => $"The dump does not carry the receive connector's AuthMechanism: whether {v.Protocol} is advertised cannot be told.",
            v => $"ダンプに受信コネクタの AuthMechanism がないため、{v.Protocol} がアドバタイズされるかどうかは判断できません。"),
        [StepReason.ExchangeServerNotInAuthMechanism] = new(
            v => $"ExchangeServer is not in AuthMechanism ({v[TraceField.AuthMechanism]}): X-ANONYMOUSTLS is not advertised.",
            v => $"AuthMechanism ({v[TraceField.AuthMechanism]}) に ExchangeServer が含まれていないため、X-ANONYMOUSTLS はアドバタイズされません。"),
        [StepReason.AnonymousTlsSuppressed] = new(
            v => $"ExchangeServer is in AuthMechanism ({v[TraceField.AuthMechanism]}), but SuppressXAnonymousTls is True: X-ANONYMOUSTLS is not advertised.",
            v => $"AuthMechanism ({v[TraceField.AuthMechanism]}) に ExchangeServer は含まれていますが、SuppressXAnonymousTls が True のため、X-ANONYMOUSTLS はアドバタイズされません。"),
        [StepReason.ExchangeServerInAuthMechanism] = new(
            v => $"ExchangeServer is in AuthMechanism ({v[TraceField.AuthMechanism]}) and SuppressXAnonymousTls is not set: continue.",
            v => $"AuthMechanism ({v[TraceField.AuthMechanism]}) に ExchangeServer が含まれ、SuppressXAnonymousTls は設定されていません。次の手順に進みます。"),
        [StepReason.ExchangeServerInAuthMechanismSuppressionUnknown] = new(
            v => $"ExchangeServer is in AuthMechanism ({v[TraceField.AuthMechanism]}); SuppressXAnonymousTls is unknown and taken as not set: continue.",
            v => $"AuthMechanism ({v[TraceField.AuthMechanism]}) に ExchangeServer が含まれています。SuppressXAnonymousTls は不明のため、設定されていないものとして次の手順に進みます。"),
        [StepReason.TlsNotInAuthMechanism] = new(
            v => $"Tls is not in AuthMechanism ({v[TraceField.AuthMechanism]}): STARTTLS is not advertised.",
            v => $"AuthMechanism ({v[TraceField.AuthMechanism]}) に Tls が含まれていないため、STARTTLS はアドバタイズされません。"),
        [StepReason.TlsInAuthMechanism] = new(
            v => $"Tls is in AuthMechanism ({v[TraceField.AuthMechanism]}): continue.",
            v => $"AuthMechanism ({v[TraceField.AuthMechanism]}) に Tls が含まれています。次の手順に進みます。"),

        [StepReason.RoleUnknown] = new(
            _ => "The dump says neither the server's role nor its TransportService: which checks apply cannot be told.",
            _ => "ダンプにサーバーの役割も TransportService もないため、どの確認が適用されるかは判断できません。"),
        [StepReason.SendConnectorsNotCollected] = new(
            _ => "The organization's send connectors were not collected: whether the Edge has a usable EdgeSync send connector cannot be told.",
            _ => "組織の送信コネクタが収集されていないため、エッジ トランスポート サーバーに使用できる EdgeSync 送信コネクタがあるかどうかは判断できません。"),
        [StepReason.NoEdgeSyncConnector] = new(
            _ => "The Edge has no send connector with the EdgeSync placeholder \"--\" as smart host or address space: anonymous TLS is not used towards the Mailbox servers.",
            _ => "エッジ トランスポート サーバーには、スマート ホストまたはアドレス空間が EdgeSync のプレースホルダー \"--\" の送信コネクタがありません。メールボックス サーバーへの送信に匿名 TLS は使用されません。"),
        [StepReason.EdgeSyncAuthenticationUnknown] = new(
            _ => "The dump does not carry SmartHostAuthMechanism of the Edge's EdgeSync send connector: whether anonymous TLS is used cannot be told.",
            _ => "ダンプにエッジ トランスポート サーバーの EdgeSync 送信コネクタの SmartHostAuthMechanism がないため、匿名 TLS が使用されるかどうかは判断できません。"),
        [StepReason.EdgeSyncWithoutExchangeServerAuthentication] = new(
            _ => "No EdgeSync send connector of the Edge has SmartHostAuthMechanism ExchangeServer: anonymous TLS is not used towards the Mailbox servers.",
            _ => "エッジ トランスポート サーバーの EdgeSync 送信コネクタに、SmartHostAuthMechanism が ExchangeServer のものがありません。メールボックス サーバーへの送信に匿名 TLS は使用されません。"),
        [StepReason.TransportThumbprintUnknown] = new(
            _ => "The dump does not carry Get-TransportService's InternalTransportCertificateThumbprint: whether anonymous TLS is used cannot be told.",
            _ => "ダンプに Get-TransportService の InternalTransportCertificateThumbprint がないため、匿名 TLS が使用されるかどうかは判断できません。"),
        [StepReason.TransportThumbprintEmpty] = new(
            v => $"{RoleServers[v.Role].En} with an empty InternalTransportCertificateThumbprint: the server does not use anonymous TLS when it sends.",
            v => $"{RoleServers[v.Role].Ja}の InternalTransportCertificateThumbprint が空です。このサーバーは送信時に匿名 TLS を使用しません。"),
        [StepReason.MailboxWithTransportThumbprint] = new(
            _ => "Mailbox server with an InternalTransportCertificateThumbprint; the queue's DeliveryType is not consulted (A3): continue.",
            _ => "InternalTransportCertificateThumbprint のあるメールボックス サーバーです。キューの DeliveryType は考慮しません (A3)。次の手順に進みます。"),
        [StepReason.EdgeWithEdgeSyncAndTransportThumbprint] = new(
            _ => "Edge server with a usable EdgeSync send connector and an InternalTransportCertificateThumbprint: continue.",
            _ => "使用できる EdgeSync 送信コネクタと InternalTransportCertificateThumbprint のあるエッジ トランスポート サーバーです。次の手順に進みます。"),

        [StepReason.AdValueNotCollected] = new(
            _ => "The dump does not carry msExchServerInternalTLSCert for this server: which internal transport certificate it uses cannot be told.",
            _ => "ダンプにこのサーバーの msExchServerInternalTLSCert がないため、どの内部トランスポート証明書が使用されるかは判断できません。"),
        [StepReason.AdValueUnreadable] = new(
            v => $"msExchServerInternalTLSCert could not be read: {NotUsed(v)}, and event {v.Event} is logged at Transport service start-up.",
            v => $"msExchServerInternalTLSCert を読み取れないため、{NotUsedJa(v)}。トランスポート サービスの起動時にイベント {v.Event} が記録されます。"),
        [StepReason.AdValueEmpty] = new(
            v => $"msExchServerInternalTLSCert is empty: {NotUsed(v)}, and event {v.Event} is logged at Transport service start-up.",
            v => $"msExchServerInternalTLSCert が空のため、{NotUsedJa(v)}。トランスポート サービスの起動時にイベント {v.Event} が記録されます。"),
        [StepReason.AdValueCorrupt] = new(
            v => $"msExchServerInternalTLSCert holds bytes that are not a certificate: {NotUsed(v)}; event {v.Event}.",
            v => $"msExchServerInternalTLSCert の値は証明書ではないため、{NotUsedJa(v)}。イベント {v.Event} が記録されます。"),
        [StepReason.AdValueHoldsCertificate] = new(
            v => $"msExchServerInternalTLSCert holds a certificate with thumbprint {v[TraceField.Thumbprint]}: continue.",
            v => $"msExchServerInternalTLSCert には拇印 {v[TraceField.Thumbprint]} の証明書が格納されています。次の手順に進みます。"),

        [StepReason.StoreNotCollected] = new(
            _ => "The server's certificate store was not collected: which certificates it holds cannot be told.",
            _ => "サーバーの証明書ストアが収集されていないため、どの証明書があるかは判断できません。"),
        [StepReason.NotInStore] = new(
            v => $"No certificate with thumbprint {v[TraceField.Thumbprint]} in {LocalStoreEn}: {NotUsed(v)}; event {v.Event}. "
                 + "Exchange's event catalogue also defines fall-backs (12023: a certificate matching the server FQDN; 12024: an ephemeral self-signed certificate); "
                 + "the replay follows Microsoft's article and assumes no fall-back (A2).",
            v => $"{LocalStoreJa}に拇印 {v[TraceField.Thumbprint]} の証明書がないため、{NotUsedJa(v)}。イベント {v.Event} が記録されます。"
                 + "Exchange のイベント一覧には代替 (12023: サーバーの FQDN に一致する証明書、12024: 一時的な自己署名証明書) も定義されていますが、"
                 + "この再現は Microsoft の記事に従い、代替は行われないものとします (A2)。"),
        [StepReason.InStore] = new(
            v => $"The store holds {v[TraceField.Thumbprint]}: continue.",
            v => $"証明書ストアに {v[TraceField.Thumbprint]} があります。次の手順に進みます。"),

        [StepReason.TlsCertificateNameUnknown] = new(
            v => $"The dump does not carry the {Connector(v)}'s TlsCertificateName: the key cannot be told.",
            v => $"ダンプに{ConnectorJa(v)}の TlsCertificateName がないため、照合キーを判断できません。"),
        [StepReason.TlsCertificateNameMalformed] = new(
            v => $"TlsCertificateName \"{v[TraceField.TlsCertificateName]}\" is neither <I>issuer<S>subject nor [I]issuer[S]subject: no certificate can match it.",
            v => $"TlsCertificateName \"{v[TraceField.TlsCertificateName]}\" は <I>発行者<S>サブジェクト の形式でも [I]発行者[S]サブジェクト の形式でもないため、一致する証明書はありません。"),
        [StepReason.KeyIsTlsCertificateName] = new(
            v => $"The key is TlsCertificateName: issuer \"{v.Key.Issuer}\" and subject \"{v.Key.Subject}\".",
            v => $"照合キーは TlsCertificateName です (発行者 \"{v.Key.Issuer}\"、サブジェクト \"{v.Key.Subject}\")。"),
        [StepReason.TlsCertificateNameNotSet] = new(
            v => $"TlsCertificateName is not set: continue with the {Connector(v)}'s Fqdn.",
            v => $"TlsCertificateName は設定されていません。次に{ConnectorJa(v)}の Fqdn を確認します。"),
        [StepReason.FqdnUnknown] = new(
            v => $"TlsCertificateName is not set and the dump does not carry the {Connector(v)}'s Fqdn: the key cannot be told.",
            v => $"TlsCertificateName は設定されておらず、ダンプに{ConnectorJa(v)}の Fqdn もないため、照合キーを判断できません。"),
        [StepReason.KeyIsConnectorFqdn] = new(
            v => $"TlsCertificateName is not set: the key is the {Connector(v)}'s Fqdn, {v.Key.Text}.",
            v => $"TlsCertificateName は設定されていないため、照合キーは{ConnectorJa(v)}の Fqdn ({v.Key.Text}) です。"),
        [StepReason.FqdnNotSet] = new(
            _ => "Fqdn is not set: continue with the server's FQDN.",
            _ => "Fqdn は設定されていません。次にサーバーの FQDN を確認します。"),
        [StepReason.ServerFqdnUnknown] = new(
            _ => "Neither TlsCertificateName nor Fqdn is set, and the dump does not carry the server's FQDN: the key cannot be told.",
            _ => "TlsCertificateName も Fqdn も設定されておらず、ダンプにサーバーの FQDN もないため、照合キーを判断できません。"),
        [StepReason.KeyIsServerFqdn] = new(
            v => $"Neither TlsCertificateName nor Fqdn is set: the key is the server's own FQDN, {v.Key.Text}.",
            v => $"TlsCertificateName も Fqdn も設定されていないため、照合キーはサーバー自身の FQDN ({v.Key.Text}) です。"),
        [StepReason.SourceServerNotInSnapshot] = new(
            v => $"The source server {v[TraceField.SourceServer]} is not in the snapshot: its FQDN and its certificate store are unknown.",
            v => $"送信元サーバー {v[TraceField.SourceServer]} はスナップショットにないため、その FQDN も証明書ストアも不明です。"),

        [StepReason.MalformedKeyMatchesNothing] = new(
            v => $"No certificate matches the malformed key \"{v.Key.Text}\": STARTTLS is not advertised; event {v.Event}.",
            v => $"形式が正しくない照合キー \"{v.Key.Text}\" に一致する証明書はないため、STARTTLS はアドバタイズされません。イベント {v.Event} が記録されます。"),
        [StepReason.NoCandidate] = new(
            v => $"No certificate in {LocalStoreEn} matches {KeyPhrase(v.Key)}: {NothingChosen(v)}.",
            v => $"{LocalStoreJa}に{KeyPhraseJa(v.Key)}と一致する証明書がないため、{NothingChosenJa(v)}。"),
        [StepReason.NoCandidateForTlsCertificateName] = new(
            v => $"No certificate in {LocalStoreEn} matches {KeyPhrase(v.Key)}.",
            v => $"{LocalStoreJa}に{KeyPhraseJa(v.Key)}と一致する証明書はありません。"),
        [StepReason.CandidatesFound] = new(
            v => $"{Count(v.Count(TraceField.Candidates), "certificate", "certificates")} in {LocalStoreEn} {(v.Count(TraceField.Candidates) == 1 ? "matches" : "match")} {KeyPhrase(v.Key)}: continue.",
            v => $"{LocalStoreJa}で{KeyPhraseJa(v.Key)}と一致する証明書は {v.Count(TraceField.Candidates)} 件です。次の手順に進みます。"),

        [StepReason.NoneEligible] = new(
            v => $"No candidate is eligible ({EligibleMeansEn}): {NothingChosen(v)}.",
            v => $"適格な候補 ({EligibleMeansJa}) がないため、{NothingChosenJa(v)}。"),
        [StepReason.NoneEligibleForTlsCertificateName] = new(
            v => $"No candidate is eligible ({EligibleMeansEn}): no certificate is chosen, and sessions from {v.Server} are expected to fail with {Response454}.",
            v => $"適格な候補 ({EligibleMeansJa}) がないため、証明書は選択されず、{v.Server} からのセッションは {Response454} で失敗すると予想されます。"),
        [StepReason.SomeEligible] = new(
            v => $"{v.EligibleCount} of {Count(v.Count(TraceField.Candidate), "candidate", "candidates")} {(v.EligibleCount == 1 ? "is" : "are")} eligible: continue.",
            v => $"候補 {v.Count(TraceField.Candidate)} 件のうち {v.EligibleCount} 件が適格です。次の手順に進みます。"),
        [StepReason.SomeEligibleWithoutSmtp] = new(
            v => $"{v.EligibleCount} of {Count(v.Count(TraceField.Candidate), "candidate", "candidates")} {(v.EligibleCount == 1 ? "is" : "are")} eligible; a certificate without the SMTP service stays eligible (A6): continue.",
            v => $"候補 {v.Count(TraceField.Candidate)} 件のうち {v.EligibleCount} 件が適格です。SMTP サービスが割り当てられていない証明書も適格のままです (A6)。次の手順に進みます。"),

        [StepReason.Ranked] = new(
            _ => "Eligible certificates sorted by NotBefore, newest first.",
            _ => "適格な証明書を NotBefore の新しい順に並べます。"),
        [StepReason.FirstValidCaIssued] = new(
            v => $"{v[TraceField.Chosen]} is the first valid CA-issued certificate (not self-signed, Status not Revoked/Untrusted/Invalid, NotBefore not after the as-of time; A7).",
            v => $"{v[TraceField.Chosen]} が最初の有効な CA 発行の証明書です (自己署名ではなく、Status が Revoked/Untrusted/Invalid ではなく、NotBefore が基準日時以前。A7)。"),
        [StepReason.FirstSelfSigned] = new(
            v => $"No eligible certificate is valid and CA-issued; {v[TraceField.Chosen]} is the first self-signed one.",
            v => $"適格な証明書に有効な CA 発行のものがないため、最初の自己署名証明書 {v[TraceField.Chosen]} を選択します。"),
        [StepReason.FirstEligible] = new(
            v => $"No eligible certificate is valid and CA-issued, and none is self-signed; the replay takes the first eligible one, {v[TraceField.Chosen]}.",
            v => $"適格な証明書に有効な CA 発行のものも自己署名のものもないため、この再現では最初の適格な証明書 {v[TraceField.Chosen]} を選択します。"),

        [StepReason.Expired] = new(
            v => $"{TheCertificate(v)} expired on {v[TraceField.NotAfter]}{(v.Event is { } e ? $": event {e}," : ",")} but {UsedWith(v, still: true)}. Renew it.",
            v => $"{TheCertificateJa(v)}は {v[TraceField.NotAfter]} に期限切れになりました。{(v.Event is { } e ? $"イベント {e} が記録されますが、" : string.Empty)}{UsedWithJa(v, still: true)}。証明書を更新してください。"),
        [StepReason.ExpiresSoon] = new(
            v => $"{TheCertificate(v)} expires on {v[TraceField.NotAfter]}, within the {v[TraceField.WarningDays]}-day warning window: {UsedWith(v, still: false)}{(v.Event is { } e ? $"; event {e} is expected" : string.Empty)}.",
            v => $"{TheCertificateJa(v)}は {v[TraceField.NotAfter]} に期限切れになります (警告期間 {v[TraceField.WarningDays]} 日以内)。{UsedWithJa(v, still: false)}。{(v.Event is { } e ? $"イベント {e} が記録される見込みです。" : string.Empty)}"),
        [StepReason.NotExpired] = new(
            v => $"{TheCertificate(v)} is valid until {v[TraceField.NotAfter]}: {UsedWith(v, still: false)}.",
            v => $"{TheCertificateJa(v)}は {v[TraceField.NotAfter]} まで有効です。{UsedWithJa(v, still: false)}。"),

        [StepReason.TlsCertificateNameNotOnSource] = new(
            v => $"The certificate named by TlsCertificateName is not on {v[TraceField.SourceServer]}: sessions from it fail with {Response454}.",
            v => $"TlsCertificateName で指定された証明書は {v[TraceField.SourceServer]} にないため、このサーバーからのセッションは {Response454} で失敗します。"),
        [StepReason.TlsCertificateNameOnSource] = new(
            v => $"The certificate named by TlsCertificateName is on {v[TraceField.SourceServer]}: no 454 4.7.5.",
            v => $"TlsCertificateName で指定された証明書は {v[TraceField.SourceServer]} にあります。454 4.7.5 は発生しません。"),

        [StepReason.ServicesUnknown] = new(
            v => $"The dump does not say which services the chosen certificate is enabled for: STARTTLS {Is(v.Inbound)}; whether the handshake succeeds cannot be told.",
            v => $"選択された証明書にどのサービスが割り当てられているかがダンプにないため、STARTTLS は{IsJa(v.Inbound)}が、ハンドシェイクが成功するかどうかは判断できません。"),
        [StepReason.NotEnabledForSmtp] = new(
            v => $"The chosen certificate is not enabled for SMTP ({v[TraceField.Services]}): STARTTLS {Is(v.Inbound)}, but the handshake will fail ({UnknownCredentials}).",
            v => $"選択された証明書には SMTP サービスが割り当てられていない ({v[TraceField.Services]}) ため、STARTTLS は{IsJa(v.Inbound)}が、ハンドシェイクは失敗します ({UnknownCredentials})。"),
        [StepReason.EnabledForSmtp] = new(
            v => $"The chosen certificate is enabled for SMTP: STARTTLS {Is(v.Inbound)} with it.",
            v => $"選択された証明書には SMTP サービスが割り当てられています。STARTTLS はこの証明書で{IsJa(v.Inbound)}。"),

        [StepReason.ImplicitHybridCertificate] = new(
            v => $"The send connector sends to Exchange Online with neither TlsCertificateName nor Fqdn: the certificate is chosen by the server's own FQDN ({v.Key.Text}), and hybrid mail flow breaks. Set TlsCertificateName.",
            v => $"この送信コネクタは TlsCertificateName も Fqdn もないまま Exchange Online に送信するため、証明書はサーバー自身の FQDN ({v.Key.Text}) で選択され、ハイブリッドのメール フローが失敗します。TlsCertificateName を設定してください。"),
        [StepReason.ExchangeOnlineNamedCertificate] = new(
            _ => "The send connector sends to Exchange Online and names its certificate explicitly.",
            _ => "この送信コネクタは Exchange Online に送信し、証明書を明示的に指定しています。"),
        [StepReason.NotExchangeOnline] = new(
            _ => "The send connector does not send to Exchange Online.",
            _ => "この送信コネクタは Exchange Online に送信しません。"),

        [StepReason.RequireTlsUnknown] = new(
            _ => $"RequireTLS is unknown; {Opportunistic}.",
            _ => $"RequireTLS は不明です。{OpportunisticJa}。"),
        [StepReason.RequireTlsUnknownAuthLevelIgnored] = new(
            v => $"RequireTLS is unknown; {Opportunistic}. {AuthLevelIgnored(v)}",
            v => $"RequireTLS は不明です。{OpportunisticJa}。{AuthLevelIgnoredJa(v)}"),
        [StepReason.RequireTlsOff] = new(
            _ => $"RequireTLS is off: {Opportunistic}.",
            _ => $"RequireTLS はオフです。{OpportunisticJa}。"),
        [StepReason.RequireTlsOffAuthLevelIgnored] = new(
            v => $"RequireTLS is off: {Opportunistic}. {AuthLevelIgnored(v)}",
            v => $"RequireTLS はオフです。{OpportunisticJa}。{AuthLevelIgnoredJa(v)}"),
        [StepReason.DomainValidationWithoutTlsDomain] = new(
            _ => "RequireTLS is on with TlsAuthLevel DomainValidation but no TlsDomain: the remote certificate's domain cannot be checked.",
            _ => "RequireTLS はオンで TlsAuthLevel は DomainValidation ですが、TlsDomain がないため、リモートの証明書のドメインを確認できません。"),
        [StepReason.DomainValidation] = new(
            v => $"RequireTLS is on: the remote certificate must be trusted and issued for {v[TraceField.TlsDomain]}.",
            v => $"RequireTLS はオンです。リモートの証明書は信頼されたもので、{v[TraceField.TlsDomain]} に対して発行されている必要があります。"),
        [StepReason.CertificateValidation] = new(
            _ => "RequireTLS is on: the remote certificate must be trusted.",
            _ => "RequireTLS はオンです。リモートの証明書は信頼されたものである必要があります。"),
        [StepReason.EncryptionOnly] = new(
            _ => "RequireTLS is on: the session must be encrypted; the remote certificate is not checked.",
            _ => "RequireTLS はオンです。セッションは暗号化される必要がありますが、リモートの証明書は確認されません。"),
        [StepReason.RequireTlsWithoutAuthLevel] = new(
            _ => "RequireTLS is on: a session that cannot use TLS is not sent.",
            _ => "RequireTLS はオンです。TLS を使用できないセッションでは送信されません。"),
    }.ToFrozenDictionary();

    /// <summary>Every key some table lacks, as "Table.Key"; empty when each key has its wording.</summary>
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        void Check<TKey, TValue>(string table, IReadOnlyDictionary<TKey, TValue> words)
            where TKey : struct, Enum =>
            missing.AddRange(Enum.GetValues<TKey>().Where(k => !words.ContainsKey(k)).Select(k => $"{table}.{k}"));

        Check(nameof(ScenarioTitles), ScenarioTitles);
        Check(nameof(StepTitles), StepTitles);
        Check(nameof(Fields), Fields);
        Check(nameof(ValueWords), ValueWords);
        Check(nameof(SectionStates), SectionStates);
        Check(nameof(AdStates), AdStates);
        Check(nameof(Standings), Standings);
        Check(nameof(Refusals), Refusals);
        Check(nameof(Mismatches), Mismatches);
        Check(nameof(Skips), Skips);
        Check(nameof(VerdictWords), VerdictWords);
        Check(nameof(ScenarioShortTitles), ScenarioShortTitles);
        Check(nameof(RoleServers), RoleServers);
        Check(nameof(AssumptionMeanings), AssumptionMeanings);
        Check(nameof(Outcomes), Outcomes);
        Check(nameof(Reasons), Reasons);
        return missing;
    }

    /// <summary>
    /// A value before a Japanese particle: a connector's name takes a space (EX01\Default EX01 へ), the folded trace's
    /// 上記の各コネクタ, itself Japanese, none.
    /// </summary>
    private static string BeforeParticle(string value) => value.Length > 0 && value[^1] > '\u3000' ? value : value + " ";

    private const string Opportunistic = "without it TLS is opportunistic and a failure falls back to plain SMTP";
    private const string OpportunisticJa = "RequireTLS がない場合の TLS は便宜的 TLS で、TLS に失敗すると平文の SMTP で送信されます";

    private static string AuthLevelIgnored(StepFacts v) => $"TlsAuthLevel {v[TraceField.TlsAuthLevel]} has no effect without RequireTLS.";

    private static string AuthLevelIgnoredJa(StepFacts v) => $"TlsAuthLevel {v[TraceField.TlsAuthLevel]} は RequireTLS がなければ効果がありません。";

    private static string Count(int n, string one, string many) => $"{Fmt.Int(n)} {(n == 1 ? one : many)}";

    private static string Is(bool inbound) => inbound ? "is advertised" : "is used";

    private static string IsJa(bool inbound) => inbound ? "アドバタイズされます" : "使用されます";

    private static string Is(Conclusion c) => Is(c.Inbound);

    private static string IsJa(Conclusion c) => IsJa(c.Inbound);

    private static string IsNot(Conclusion c) => c.Inbound ? "is not advertised" : "is not used";

    private static string IsNotJa(Conclusion c) => c.Inbound ? "アドバタイズされません" : "使用されません";

    private static string Connector(StepFacts v) => v.Inbound ? "receive connector" : "send connector";

    private static string ConnectorJa(StepFacts v) => v.Inbound ? "受信コネクタ" : "送信コネクタ";

    /// <summary>What the anonymous-TLS processes conclude when they stop before a certificate is loaded.</summary>
    private static string NotUsed(StepFacts v) =>
        v.Inbound ? "X-ANONYMOUSTLS is not advertised" : "the server does not use anonymous TLS when it sends";

    private static string NotUsedJa(StepFacts v) =>
        v.Inbound ? "X-ANONYMOUSTLS はアドバタイズされません" : "このサーバーは送信時に匿名 TLS を使用しません";

    /// <summary>What processes 3 and 4 conclude when no certificate comes out of the candidates.</summary>
    private static string NothingChosen(StepFacts v) => v.Inbound
        ? $"STARTTLS is not advertised; event {v.Event} names the key"
        : "no certificate is chosen, and sessions through this send connector offer none of their own";

    private static string NothingChosenJa(StepFacts v) => v.Inbound
        ? $"STARTTLS はアドバタイズされません。イベント {v.Event} に照合キーが記録されます"
        : "証明書は選択されず、この送信コネクタ経由のセッションでは送信側の証明書が使用されません";

    private static string KeyPhrase(KeyValue key) =>
        key.Issuer is not null ? $"issuer \"{key.Issuer}\" and subject \"{key.Subject}\"" : $"the name {key.Text}";

    private static string KeyPhraseJa(KeyValue key) =>
        key.Issuer is not null ? $"発行者 \"{key.Issuer}\"、サブジェクト \"{key.Subject}\" " : $"名前 {key.Text} ";

    private static string TheCertificate(StepFacts v) => v.Anonymous ? "The certificate" : "The chosen certificate";

    private static string TheCertificateJa(StepFacts v) => v.Anonymous ? "内部トランスポート証明書" : "選択された証明書";

    /// <summary>The certificate is used whatever its expiry; the sentence says how, for the process.</summary>
    private static string UsedWith(StepFacts v, bool still) => (v.Anonymous, v.Inbound) switch
    {
        (true, true) => $"X-ANONYMOUSTLS is {(still ? "still " : string.Empty)}advertised with it",
        (true, false) => $"anonymous TLS is {(still ? "still " : string.Empty)}used with it",
        (false, true) => $"STARTTLS is {(still ? "still " : string.Empty)}advertised with it",
        (false, false) => $"STARTTLS is {(still ? "still " : string.Empty)}used with it",
    };

    private static string UsedWithJa(StepFacts v, bool still) => (v.Anonymous, v.Inbound) switch
    {
        (true, true) => $"X-ANONYMOUSTLS は{(still ? "引き続き" : string.Empty)}この証明書でアドバタイズされます",
        (true, false) => $"匿名 TLS は{(still ? "引き続き" : string.Empty)}この証明書で使用されます",
        (false, true) => $"STARTTLS は{(still ? "引き続き" : string.Empty)}この証明書でアドバタイズされます",
        (false, false) => $"STARTTLS は{(still ? "引き続き" : string.Empty)}この証明書で使用されます",
    };
}

/// <summary>Words a value is written with, beyond its own text.</summary>
internal enum ValueWord
{
    Unknown,
    Empty,
    Eligible,
    Refused,
    UnknownProperties,
    ListSeparator,
    NotCandidate,
    Names,
    Issuer,
    Subject,
}

/// <summary>What an outcome sentence is about: the protocol and the direction of the replay.</summary>
internal sealed record Conclusion(Scenario Scenario)
{
    public bool Inbound => Scenario is Scenario.InboundAnonymousTls or Scenario.InboundStartTls;

    public string Protocol => Scenario is Scenario.InboundAnonymousTls or Scenario.OutboundAnonymousTls ? "X-ANONYMOUSTLS" : "STARTTLS";
}
