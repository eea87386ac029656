using Extls.Planning;

namespace Extls.Reporting;

/// <summary>The words of a rehearsal (whatif, renew) in English and Japanese: what each planned command does, and the outcome headings.</summary>
internal static class PlanWording
{
    /// <summary>One planned change as a sentence.</summary>
    public static string Change(PlannedChange c, string culture) => Fmt.IsJapanese(culture) ? Japanese(c) : English(c);

    private static string Answered(PlannedChange c) => c.AnswerSource switch
    {
        PromptSource.Force => " (-Force answers the overwrite prompt yes: A10)",
        PromptSource.ConfirmFalse => " (-Confirm:$false answers the overwrite prompt yes: A10)",
        PromptSource.Open => c.Answer == PromptAnswer.Yes ? " (the overwrite prompt answered yes)" : " (the overwrite prompt answered no)",
        _ => "",
    };

    private static string AnsweredJa(PlannedChange c) => c.AnswerSource switch
    {
        PromptSource.Force => " (-Force により上書きの確認に「はい」と答えたものとします: A10)",
        PromptSource.ConfirmFalse => " (-Confirm:$false により上書きの確認に「はい」と答えたものとします: A10)",
        PromptSource.Open => c.Answer == PromptAnswer.Yes ? " (上書きの確認に「はい」と回答)" : " (上書きの確認に「いいえ」と回答)",
        _ => "",
    };

    private static string Value(string? v) => v is null ? "(unknown)" : v.Length == 0 ? "(empty)" : v;

    private static string ValueJa(string? v) => v is null ? "(不明)" : v.Length == 0 ? "(空)" : v;

    private static string English(PlannedChange c) => c.Kind switch
    {
        ChangeKind.CertificateImported => $"{c.Server}: certificate {c.Target} is imported from {c.After}.",
        ChangeKind.CertificateCreated => c.Before is null
            ? $"{c.Server}: a self-signed certificate {c.Target} is made, enabled for {c.After}."
            : $"{c.Server}: a self-signed certificate {c.Target} renews {c.Before}, enabled for {c.After}.",
        ChangeKind.CertificateRequested => $"{c.Server}: a certificate request for {c.Target} is made; nothing changes until the certificate is imported.",
        ChangeKind.CertificateRemoved => c.Before is null
            ? $"{c.Server}: certificate {c.Target} is removed from the store."
            : $"{c.Server}: certificate {c.Target} is removed from the store, though Active Directory still names it as the internal transport certificate.",
        ChangeKind.ServicesEnabled => $"{c.Server}: certificate {c.Target} is enabled for {c.After} (was {Value(c.Before)}).",
        ChangeKind.InternalCertificatePublished => c.Before is null
            ? $"{c.Server}: {c.Target} becomes the internal transport certificate{Answered(c)}."
            : $"{c.Server}: {c.Target} becomes the internal transport certificate in place of {c.Before}{Answered(c)}.",
        ChangeKind.InternalCertificateKept => $"{c.Server}: the internal transport certificate stays {Value(c.Before)}; {c.Target} only gets SMTP{Answered(c)}.",
        ChangeKind.ReceiveConnectorChanged => $"{c.Target}: {c.Property} {Value(c.Before)} -> {Value(c.After)}.",
        ChangeKind.SendConnectorChanged => $"{c.Target}: {c.Property} {Value(c.Before)} -> {Value(c.After)}.",
        ChangeKind.SendConnectorCreated => $"Send connector {c.Target} is created.",
        ChangeKind.SendConnectorRemoved => $"Send connector {c.Target} is removed.",
        ChangeKind.SubscriptionFileWritten => $"{c.Server}: the subscription file {c.Target} is written with the Edge's certificate {Value(c.After)}.",
        ChangeKind.EdgeSubscribed => $"{c.Server} is subscribed to site {c.After}; the organisation's AD takes its certificate from the subscription file.",
        ChangeKind.EdgeUnsubscribed => $"The Edge subscription of {c.Server} is removed.",
        ChangeKind.HybridConfigurationChanged => $"Hybrid configuration {c.Target}: {c.Property} {Value(c.Before)} -> {Value(c.After)}.",
        ChangeKind.NoEffect => $"{c.Command} reads or shows and changes nothing the replay reads.",
        ChangeKind.ParameterIgnored => $"{c.Command} -{c.Property}: changes nothing certificate selection reads (ignored).",
        ChangeKind.WhatIfIgnored => $"{c.Command} -WhatIf: ignored; the rehearsal shows what the command does when run.",
        ChangeKind.AlreadyInStore => $"{c.Server}: certificate {c.Target} is already in the store; Import-ExchangeCertificate refuses it and nothing changes.",
        ChangeKind.PrivateKeyUnknown => $"{c.Server}: {c.Target} has its private key only if it completes a request made on {c.Server} (New-ExchangeCertificate -GenerateRequest); the rehearsal takes it as unknown.",
        _ => c.Kind.ToString(),
    };

    private static string Japanese(PlannedChange c) => c.Kind switch
    {
        ChangeKind.CertificateImported => $"{c.Server}: 証明書 {c.Target} を {c.After} からインポートします。",
        ChangeKind.CertificateCreated => c.Before is null
            ? $"{c.Server}: 自己署名証明書 {c.Target} を作成し、{c.After} を割り当てます。"
            : $"{c.Server}: 自己署名証明書 {c.Target} で {c.Before} を更新し、{c.After} を割り当てます。",
        ChangeKind.CertificateRequested => $"{c.Server}: {c.Target} の証明書要求を作成します。証明書をインポートするまで何も変わりません。",
        ChangeKind.CertificateRemoved => c.Before is null
            ? $"{c.Server}: 証明書 {c.Target} をストアから削除します。"
            : $"{c.Server}: 証明書 {c.Target} をストアから削除しますが、Active Directory は引き続きこれを内部トランスポート証明書としています。",
        ChangeKind.ServicesEnabled => $"{c.Server}: 証明書 {c.Target} に {c.After} を割り当てます (変更前: {ValueJa(c.Before)})。",
        ChangeKind.InternalCertificatePublished => c.Before is null
            ? $"{c.Server}: {c.Target} が内部トランスポート証明書になります{AnsweredJa(c)}。"
            : $"{c.Server}: {c.Before} に代わり {c.Target} が内部トランスポート証明書になります{AnsweredJa(c)}。",
        ChangeKind.InternalCertificateKept => $"{c.Server}: 内部トランスポート証明書は {ValueJa(c.Before)} のままで、{c.Target} には SMTP だけが割り当てられます{AnsweredJa(c)}。",
        ChangeKind.ReceiveConnectorChanged => $"{c.Target}: {c.Property} {ValueJa(c.Before)} -> {ValueJa(c.After)}。",
        ChangeKind.SendConnectorChanged => $"{c.Target}: {c.Property} {ValueJa(c.Before)} -> {ValueJa(c.After)}。",
        ChangeKind.SendConnectorCreated => $"送信コネクタ {c.Target} を作成します。",
        ChangeKind.SendConnectorRemoved => $"送信コネクタ {c.Target} を削除します。",
        ChangeKind.SubscriptionFileWritten => $"{c.Server}: エッジの証明書 {ValueJa(c.After)} を含むサブスクリプション ファイル {c.Target} を書き出します。",
        ChangeKind.EdgeSubscribed => $"{c.Server} をサイト {c.After} にサブスクライブします。組織の AD はサブスクリプション ファイルからその証明書を受け取ります。",
        ChangeKind.EdgeUnsubscribed => $"{c.Server} のエッジ サブスクリプションを削除します。",
        ChangeKind.HybridConfigurationChanged => $"ハイブリッド構成 {c.Target}: {c.Property} {ValueJa(c.Before)} -> {ValueJa(c.After)}。",
        ChangeKind.NoEffect => $"{c.Command} は読み取りまたは表示のみで、リプレイが読む値を変えません。",
        ChangeKind.ParameterIgnored => $"{c.Command} -{c.Property}: 証明書の選択が読む値を変えません (無視します)。",
        ChangeKind.WhatIfIgnored => $"{c.Command} -WhatIf: 無視します。リハーサルは実行したときの結果を示します。",
        ChangeKind.AlreadyInStore => $"{c.Server}: 証明書 {c.Target} はすでにストアにあります。Import-ExchangeCertificate は拒否し、何も変わりません。",
        ChangeKind.PrivateKeyUnknown => $"{c.Server}: {c.Target} に秘密キーがあるのは、{c.Server} で作成した要求 (New-ExchangeCertificate -GenerateRequest) を完了する場合だけです。リハーサルでは不明として扱います。",
        _ => c.Kind.ToString(),
    };

    /// <summary>The heading of one outcome.</summary>
    public static string Outcome(WhatIfOutcome o, int index, int count, string culture)
    {
        var ja = Fmt.IsJapanese(culture);
        if (count == 1)
        {
            return ja ? "計画を実行した結果" : "What the plan does";
        }

        var n = $"{Fmt.Int(index + 1)}/{Fmt.Int(count)}";
        return (o.OpenAnswer, ja) switch
        {
            (PromptAnswer.Yes, false) => $"Outcome {n}, A10: the overwrite prompt answered yes (the certificate becomes the internal transport certificate)",
            (PromptAnswer.No, false) => $"Outcome {n}, A10: the overwrite prompt answered no (SMTP is added; the internal transport certificate stays)",
            (PromptAnswer.Yes, true) => $"結果 {n} (A10): 上書きの確認に「はい」と回答 (証明書が内部トランスポート証明書になります)",
            _ => $"結果 {n} (A10): 上書きの確認に「いいえ」と回答 (SMTP が割り当てられ、内部トランスポート証明書は変わりません)",
        };
    }

    /// <summary>The stable name of an outcome in the JSON: "as written", "A10: answered yes", "A10: answered no".</summary>
    public static string OutcomeId(WhatIfOutcome o) => o.OpenAnswer switch
    {
        PromptAnswer.Yes => "A10: answered yes",
        PromptAnswer.No => "A10: answered no",
        _ => "as written",
    };

    public static string ChangeId(ChangeKind kind) => Fmt.CamelCase(kind.ToString());

    /// <summary>The kinds of change that are notes about the plan rather than changes to the organisation.</summary>
    public static bool IsNote(ChangeKind kind) => kind is ChangeKind.NoEffect or ChangeKind.ParameterIgnored or ChangeKind.WhatIfIgnored
        or ChangeKind.AlreadyInStore or ChangeKind.PrivateKeyUnknown;
}
