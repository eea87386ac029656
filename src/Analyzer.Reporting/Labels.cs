using System.Globalization;
using Extls.Rules;

namespace Extls.Reporting;

/// <summary>The fixed words of the text writers, in English and Japanese. Finding text itself comes from the rule descriptors.</summary>
internal sealed record Labels
{
    public required string Organization { get; init; }
    public required string CollectedAt { get; init; }
    public required string AsOf { get; init; }
    public required string Unknown { get; init; }
    public required string Target { get; init; }
    public required string Event { get; init; }
    public required string Location { get; init; }
    public required string Impacts { get; init; }
    public required string Assumptions { get; init; }
    public required string Remediation { get; init; }
    public required string Suppressed { get; init; }
    public required string Expires { get; init; }
    public required string NoFindings { get; init; }
    public required string Problems { get; init; }
    public required string WholeOrganization { get; init; }
    public required string Scenario { get; init; }
    public required string Server { get; init; }
    public required string Connector { get; init; }
    public required string ReceiveConnector { get; init; }
    public required string SendConnector { get; init; }
    public required string NoReceiveConnector { get; init; }
    public required string ListSeparator { get; init; }
    public required string Outcome { get; init; }
    public required string Certificate { get; init; }
    public required string None { get; init; }
    public required string Events { get; init; }
    public required string Steps { get; init; }
    public required string EndedAtStep { get; init; }
    public required string MatchKey { get; init; }
    public required string Candidates { get; init; }
    public required string Kept { get; init; }
    public required string Refused { get; init; }
    public required string Chosen { get; init; }
    public required string Rank { get; init; }
    public required string Valid { get; init; }
    public required string RestsOnUnknowns { get; init; }
    public required string Uncertain { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Severity { get; init; }
    public required string Category { get; init; }
    public required string Help { get; init; }
    public required string Documentation { get; init; }
    public required string Title { get; init; }
    public required string Sender { get; init; }
    public required string Receiver { get; init; }
    public required string Path { get; init; }
    public required string AnonymousTls { get; init; }
    public required string Cause { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string NoSelection { get; init; }

    /// <summary>Below the matrix: pairs in all, working, failing, unknown.</summary>
    public required Func<int, int, int, int, string> MatrixSummary { get; init; }

    public required string SummaryTitle { get; init; }
    public required string Process { get; init; }
    public required string Result { get; init; }
    public required string ResultAndStep { get; init; }
    public required string Findings { get; init; }
    public required string StepShort { get; init; }
    public required string WholeServer { get; init; }
    public required string SendingServer { get; init; }
    public required string ReceiveConnectors { get; init; }
    public required string SendConnectors { get; init; }
    public required string StoreCertificatesTitle { get; init; }
    public required string EachConnector { get; init; }

    public required string NoCertificates { get; init; }
    public required string Has { get; init; }
    public required string HasNot { get; init; }
    public required Func<int, string> CertificateCount { get; init; }
    public required string StoreNotKnown { get; init; }
    public required string SelfSigned { get; init; }
    public required string Issuer { get; init; }
    public required string Names { get; init; }
    public required Func<int, string> DaysLeft { get; init; }
    public required Func<int, string> ExpiredDaysAgo { get; init; }
    public required string ServicesLabel { get; init; }
    public required string PrivateKey { get; init; }
    public required string KeyLabel { get; init; }
    public required string Signature { get; init; }
    public required string Role { get; init; }
    public required string InternalTransportRole { get; init; }
    public required Func<string, string> ChosenFor { get; init; }
    public required string UnusedRole { get; init; }
    public required string RoleSeparator { get; init; }

    /// <summary>The CSV header of the certificate inventory.</summary>
    public required IReadOnlyList<string> CertificateColumns { get; init; }

    /// <summary>"send connector, from EX01": a send connector's replay is per source server.</summary>
    public required Func<string, string> SendConnectorFrom { get; init; }

    /// <summary>"refused at step 7", from the step's number.</summary>
    public required Func<string, string> RefusedAt { get; init; }

    /// <summary>"not a candidate at step 6", from the step's number.</summary>
    public required Func<string, string> NotCandidateAt { get; init; }
    public required Func<FindingSummary, string> Summary { get; init; }
    public required string ExpiredSuppressions { get; init; }

    /// <summary>One expired suppression: rule, target glob, expiry day, findings it matches.</summary>
    public required Func<string, string, string, int, string> ExpiredSuppression { get; init; }

    public static readonly Labels English = new()
    {
        Organization = "Organization",
        CollectedAt = "collected",
        AsOf = "as of",
        Unknown = "unknown",
        Target = "Target",
        Event = "Event",
        Location = "Location",
        Impacts = "Impacts",
        Assumptions = "Assumptions",
        Remediation = "Remediation",
        Suppressed = "suppressed",
        Expires = "expires",
        NoFindings = "No findings.",
        Problems = "Input problems",
        WholeOrganization = "(organization)",
        Scenario = "Scenario",
        Server = "Server",
        Connector = "Connector",
        ReceiveConnector = "Receive connector",
        SendConnector = "Send connector",
        NoReceiveConnector = "no receive connector",
        ListSeparator = ", ",
        Outcome = "Outcome",
        Certificate = "Certificate",
        None = "none",
        Events = "Events",
        Steps = "Steps",
        EndedAtStep = "decided at step",
        MatchKey = "Match key",
        Candidates = "Candidates",
        Kept = "kept",
        Refused = "refused",
        Chosen = "chosen",
        Rank = "rank",
        Valid = "valid",
        RestsOnUnknowns = "Rests on unknowns",
        Uncertain = "uncertain",
        Id = "Id",
        Name = "Name",
        Severity = "Severity",
        Category = "Category",
        Help = "Help",
        Documentation = "Documentation",
        Title = "Title",
        Sender = "Sender",
        Receiver = "Receiver",
        Path = "Path",
        AnonymousTls = "Anonymous TLS",
        Cause = "Cause",
        Yes = "yes",
        No = "no",
        NoSelection = "No selection matches.",
        MatrixSummary = (pairs, working, failing, unknown) => string.Create(CultureInfo.InvariantCulture,
            $"{pairs} server pairs: {working} working, {failing} failing, {unknown} unknown."),
        SummaryTitle = "Summary",
        Process = "Process",
        Result = "Result",
        ResultAndStep = "Result (step)",
        Findings = "Findings",
        StepShort = "step",
        WholeServer = "the server",
        SendingServer = "sending to other Exchange servers",
        ReceiveConnectors = "Receive connectors",
        SendConnectors = "Send connectors",
        StoreCertificatesTitle = "Certificates of the store",
        EachConnector = "each connector above",
        RefusedAt = step => $"refused at step {step}",
        SendConnectorFrom = server => $"Send connector, from {server}",
        NoCertificates = "No certificate in the collected stores.",
        Has = "yes",
        HasNot = "no",
        CertificateCount = n => Count(n, "certificate", "certificates"),
        StoreNotKnown = "the certificate store is not known",
        SelfSigned = "self-signed",
        Issuer = "Issuer",
        Names = "DNS names",
        DaysLeft = n => $"{Count(n, "day", "days")} left",
        ExpiredDaysAgo = n => $"expired {Count(n, "day", "days")} ago",
        ServicesLabel = "Services",
        PrivateKey = "Private key",
        KeyLabel = "Key",
        Signature = "Signature",
        Role = "Role",
        InternalTransportRole = "internal transport certificate (msExchServerInternalTLSCert)",
        ChosenFor = process => $"chosen for {process}",
        UnusedRole = "unused: no connector chooses it and AD does not name it",
        RoleSeparator = "; ",
        CertificateColumns =
        [
            "Server", "Thumbprint", "Subject", "Issuer", "DnsNames", "Services", "NotBefore", "NotAfter", "DaysLeft",
            "KeyAlgorithm", "KeySize", "SignatureAlgorithm", "SelfSigned", "HasPrivateKey", "Status", "Roles", "ChosenFor",
        ],
        NotCandidateAt = step => $"not a candidate at step {step}",
        Summary = s => string.Join(", ",
            Count(s.Error, "error", "errors"),
            Count(s.Warning, "warning", "warnings"),
            Count(s.Note, "note", "notes"),
            $"{Fmt.Int(s.Suppressed)} suppressed"),
        ExpiredSuppressions = "Expired suppressions (no longer applied; renew or remove them in extls.yaml)",
        ExpiredSuppression = (rule, target, day, n) =>
            $"{rule} on '{target}': expired {day}, {Count(n, "finding", "findings")} reported again",
    };

    public static readonly Labels Japanese = new()
    {
        Organization = "組織",
        CollectedAt = "収集日時",
        AsOf = "基準日時",
        Unknown = "不明",
        Target = "対象",
        Event = "イベント",
        Location = "場所",
        Impacts = "影響",
        Assumptions = "前提",
        Remediation = "対処",
        Suppressed = "抑制済み",
        Expires = "期限",
        NoFindings = "検出事項はありません。",
        Problems = "入力の問題",
        WholeOrganization = "(組織全体)",
        Scenario = "処理",
        Server = "サーバー",
        Connector = "コネクタ",
        ReceiveConnector = "受信コネクタ",
        SendConnector = "送信コネクタ",
        NoReceiveConnector = "受信コネクタなし",
        ListSeparator = "、",
        Outcome = "結果",
        Certificate = "証明書",
        None = "なし",
        Events = "イベント",
        Steps = "手順",
        EndedAtStep = "決定した手順",
        MatchKey = "照合キー",
        Candidates = "候補",
        Kept = "適格",
        Refused = "除外",
        Chosen = "選択",
        Rank = "順位",
        Valid = "有効期間",
        RestsOnUnknowns = "不明な値に依存",
        Uncertain = "不確定",
        Id = "ID",
        Name = "名前",
        Severity = "重大度",
        Category = "分類",
        Help = "説明",
        Documentation = "ドキュメント",
        Title = "タイトル",
        Sender = "送信側",
        Receiver = "受信側",
        Path = "経路",
        AnonymousTls = "匿名 TLS",
        Cause = "原因",
        Yes = "可",
        No = "不可",
        NoSelection = "該当する選択処理はありません。",
        MatrixSummary = (pairs, working, failing, unknown) => string.Create(CultureInfo.InvariantCulture,
            $"サーバーの組 {pairs}: 成功 {working}、失敗 {failing}、不明 {unknown}。"),
        SummaryTitle = "概要",
        Process = "処理",
        Result = "結果",
        ResultAndStep = "結果 (手順)",
        Findings = "検出事項",
        StepShort = "手順",
        WholeServer = "サーバー全体",
        SendingServer = "他の Exchange サーバーへの送信",
        ReceiveConnectors = "受信コネクタ",
        SendConnectors = "送信コネクタ",
        StoreCertificatesTitle = "証明書ストアの証明書",
        EachConnector = "上記の各コネクタ",
        RefusedAt = step => $"手順 {step} で除外",
        SendConnectorFrom = server => $"{server} からの送信コネクタ",
        NoCertificates = "収集された証明書ストアに証明書はありません。",
        Has = "あり",
        HasNot = "なし",
        CertificateCount = n => $"証明書 {Fmt.Int(n)} 件",
        StoreNotKnown = "証明書ストアは不明です",
        SelfSigned = "自己署名",
        Issuer = "発行者",
        Names = "DNS 名",
        DaysLeft = n => $"残り {Fmt.Int(n)} 日",
        ExpiredDaysAgo = n => $"{Fmt.Int(n)} 日前に期限切れ",
        ServicesLabel = "サービス",
        PrivateKey = "秘密キー",
        KeyLabel = "キー",
        Signature = "署名アルゴリズム",
        Role = "役割",
        InternalTransportRole = "内部トランスポート証明書 (msExchServerInternalTLSCert)",
        ChosenFor = process => $"選択 ({process})",
        UnusedRole = "未使用 (どのコネクタにも選択されず、AD にも記録されていません)",
        // Not 、: the connectors a role is chosen for are listed with 、 inside it.
        RoleSeparator = " / ",
        CertificateColumns =
        [
            "サーバー", "拇印", "サブジェクト", "発行者", "DNS 名", "サービス", "NotBefore", "NotAfter", "残り日数",
            "キー アルゴリズム", "キー サイズ", "署名アルゴリズム", "自己署名", "秘密キー", "状態", "役割", "選択された用途",
        ],
        NotCandidateAt = step => $"手順 {step} で候補外",
        Summary = s =>
            $"エラー {Fmt.Int(s.Error)} 件、警告 {Fmt.Int(s.Warning)} 件、注意 {Fmt.Int(s.Note)} 件、抑制 {Fmt.Int(s.Suppressed)} 件",
        ExpiredSuppressions = "期限切れの抑制 (適用されません。extls.yaml で更新または削除してください)",
        ExpiredSuppression = (rule, target, day, n) =>
            $"{rule} ('{target}'): {day} に期限切れ、{Fmt.Int(n)} 件の検出事項を再び報告",
    };

    public static Labels For(string culture) => Fmt.IsJapanese(culture) ? Japanese : English;

    private static string Count(int n, string one, string many) => $"{Fmt.Int(n)} {(n == 1 ? one : many)}";
}
