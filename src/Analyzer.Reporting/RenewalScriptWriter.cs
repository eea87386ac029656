using System.Collections.Frozen;
using System.Text;
using Extls.Model;
using Extls.Planning;
using Extls.Rules.Engine;

namespace Extls.Reporting;

/// <summary>What a comment of a renewal plan says; <see cref="RenewalScriptWriter"/> words each in English and Japanese.</summary>
internal enum RenewalComment
{
    /// <summary>The certificate replaced: thumbprint, subject, expiry.</summary>
    Renews,

    /// <summary>The new certificate: thumbprint, subject, issuer, validity.</summary>
    By,

    /// <summary>The servers, and the dump's as-of.</summary>
    On,

    /// <summary>How to rehearse and run the plan.</summary>
    Rehearse,

    /// <summary>The send connectors' section.</summary>
    SendConnectors,

    /// <summary>The hybrid configuration's section.</summary>
    HybridConfiguration,

    /// <summary>The Edge subscription's section of one Edge server.</summary>
    EdgeSubscription,

    /// <summary>The Edge's half of the subscription.</summary>
    EdgeFirst,

    /// <summary>The Mailbox server's half of the subscription.</summary>
    EdgeThen,

    /// <summary>The removals' section.</summary>
    Removal,

    /// <summary>-Force answers the overwrite prompt yes (A10).</summary>
    Overwrite,

    /// <summary>The overwrite prompt is to be answered no (A10).</summary>
    AnswerNo,

    /// <summary>A send connector the plan changes also sends from servers that do not get the certificate.</summary>
    SendConnectorOtherSources,

    /// <summary>The hybrid configuration was not collected: what to check, and the command to run outside the plan.</summary>
    HybridConfigurationNotCollected,

    /// <summary>The hybrid configuration names servers that do not get the certificate.</summary>
    HybridOtherServers,
}

/// <summary>
/// Writes a <see cref="RenewalPlan"/> as the PowerShell plan an administrator runs in the Exchange Management Shell and
/// extls whatif rehearses. The commands and every value in them are the same in every culture (each value a single-quoted
/// literal through <see cref="PowerShellText"/>); only the comments follow the culture, with the terms of docs/glossary.md.
/// Values from the dump in a comment go through <see cref="PowerShellText.InComment"/>, so none can end its line early.
/// </summary>
public static class RenewalScriptWriter
{
    /// <summary>
    /// The file's encoding: UTF-8 with a byte-order mark. Windows PowerShell 5.1, which the Exchange Management Shell runs,
    /// reads a script without one in the system's ANSI code page, so a Japanese comment or a subject, friendly name or
    /// connector name with a non-ASCII letter would reach the cmdlet garbled; with the mark, 5.1 and PowerShell 7 both read UTF-8.
    /// </summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The plan's text (LF line ends) in the culture ("en", "ja").</summary>
    public static string Write(RenewalPlan plan, string culture)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var ja = Fmt.IsJapanese(culture);
        var sb = new StringBuilder();
        void Comment(RenewalComment kind, Facts facts) => sb.Append(Say(kind, facts, ja)).Append('\n');
        void Command(string text) => sb.Append(text).Append('\n');

        Comment(RenewalComment.Renews, new Facts { Thumbprint = plan.Replaced, Subject = plan.Old.Subject, Day = plan.Old.NotAfter });
        Comment(RenewalComment.By, new Facts { Thumbprint = plan.New.Thumbprint, Subject = plan.New.Subject, Issuer = plan.New.Issuer, From = plan.New.NotBefore, Day = plan.New.NotAfter });
        Comment(RenewalComment.On, new Facts { Servers = plan.Servers, Day = plan.AsOf });
        Comment(RenewalComment.Rehearse, new Facts());
        sb.Append('\n');
        if (plan.WithPassword)
        {
            // The prompt is part of the command, so it reads the same in every culture.
            Command($"$password = Read-Host -AsSecureString -Prompt {Literal($"Password of {FileName(plan.CertificateFile)}")}");
            sb.Append('\n');
        }

        foreach (var server in plan.Servers)
        {
            sb.Append("# ---- ").Append(PowerShellText.InComment(server)).Append(" ----\n");
            foreach (var step in plan.Steps.Where(s => s.Kind is RenewalStepKind.Import or RenewalStepKind.Enable or RenewalStepKind.ReceiveConnector
                                                       && string.Equals(s.Server, server, StringComparison.OrdinalIgnoreCase)))
            {
                ServerStep(step);
            }

            sb.Append('\n');
        }

        var sendConnectors = plan.Steps.Where(s => s.Kind == RenewalStepKind.SendConnector).ToList();
        if (sendConnectors.Count > 0)
        {
            Comment(RenewalComment.SendConnectors, new Facts());
            foreach (var step in sendConnectors)
            {
                if (NoteOn(plan, RenewalNoteKind.SendConnectorOtherSources, step.Target) is { } note)
                {
                    Comment(RenewalComment.SendConnectorOtherSources, new Facts { Target = step.Target, Servers = note.Servers });
                }

                Command($"Set-SendConnector -Identity {Literal(step.Target)} -TlsCertificateName {Literal(step.Detail!)} -WhatIf");
            }

            sb.Append('\n');
        }

        if (plan.Notes.Any(n => n.Kind == RenewalNoteKind.HybridConfigurationNotCollected))
        {
            Comment(RenewalComment.HybridConfigurationNotCollected, new Facts { Target = plan.OldName, Command = $"Set-HybridConfiguration -TlsCertificateName {Literal(plan.NewName)}" });
            sb.Append('\n');
        }

        foreach (var step in plan.Steps.Where(s => s.Kind == RenewalStepKind.HybridConfiguration))
        {
            Comment(RenewalComment.HybridConfiguration, new Facts());
            if (NoteOn(plan, RenewalNoteKind.HybridOtherServers, step.Target) is { } note)
            {
                Comment(RenewalComment.HybridOtherServers, new Facts { Target = step.Target, Servers = note.Servers });
            }

            Command($"Set-HybridConfiguration -TlsCertificateName {Literal(step.Detail!)} -WhatIf");
            sb.Append('\n');
        }

        foreach (var step in plan.Steps.Where(s => s.Kind == RenewalStepKind.EdgeSubscription))
        {
            Comment(RenewalComment.EdgeSubscription, new Facts { Server = step.Target });
            Comment(RenewalComment.EdgeFirst, new Facts { Server = step.Target });
            Command($"New-EdgeSubscription -FileName {Literal(step.File!)} -Force -WhatIf");
            Comment(RenewalComment.EdgeThen, new Facts { Target = step.Detail });
            Command($"New-EdgeSubscription -FileData ([System.IO.File]::ReadAllBytes({Literal(step.File!)})) -Site {Literal(step.Detail!)} -WhatIf");
            Command("Start-EdgeSynchronization");
            sb.Append('\n');
        }

        Comment(RenewalComment.Removal, new Facts());
        foreach (var step in plan.Steps.Where(s => s.Kind == RenewalStepKind.Remove))
        {
            Command($"Remove-ExchangeCertificate -Server {Word(step.Server!)} -Thumbprint {Word(step.Target)} -WhatIf");
        }

        return sb.ToString();

        void ServerStep(RenewalStep step)
        {
            switch (step.Kind)
            {
                case RenewalStepKind.Import:
                    Command($"Import-ExchangeCertificate -Server {Word(step.Server!)} -FileData ([System.IO.File]::ReadAllBytes({Literal(plan.CertificateFile)}))"
                            + (plan.WithPassword ? " -Password $password" : "") + " -WhatIf");
                    break;
                case RenewalStepKind.Enable:
                    if (step.Prompt is RenewalPrompt.Overwrite or RenewalPrompt.AnswerNo)
                    {
                        Comment(step.Prompt == RenewalPrompt.Overwrite ? RenewalComment.Overwrite : RenewalComment.AnswerNo, new Facts { Thumbprint = step.Replaces, Server = step.Server });
                    }

                    Command($"Enable-ExchangeCertificate -Server {Word(step.Server!)} -Thumbprint {Word(step.Target)} -Services {ServiceList(step.Services)}"
                            + (step.Prompt == RenewalPrompt.Overwrite ? " -Force" : "") + " -WhatIf");
                    break;
                default:
                    Command($"Set-ReceiveConnector -Identity {Literal(step.Target)} -TlsCertificateName {Literal(step.Detail!)} -WhatIf");
                    break;
            }
        }
    }

    /// <summary>The comments' wording kinds that lack a language (for the test that every kind has both).</summary>
    internal static IEnumerable<RenewalComment> MissingComments => Enum.GetValues<RenewalComment>().Where(k => !Comments.ContainsKey(k));

    /// <summary>A comment's lines, each starting with '#', in the language asked for.</summary>
    internal static string Say(RenewalComment kind, Facts facts, bool ja) => Comments[kind].In(ja, facts);

    /// <summary>The facts a comment is about; every value from the dump is made safe for a comment line here.</summary>
    internal sealed record Facts
    {
        public string? Thumbprint { get; init; }

        public string? Subject { get; init; }

        public string? Issuer { get; init; }

        public string? Server { get; init; }

        public string? Target { get; init; }

        /// <summary>A command shown in a comment, already written with its values quoted.</summary>
        public string? Command { get; init; }

        public DateTimeOffset From { get; init; }

        public DateTimeOffset Day { get; init; }

        public IReadOnlyList<string> Servers { get; init; } = [];

        public string T => C(Thumbprint);

        public string Sj => C(Subject);

        public string Is => C(Issuer);

        public string Sv => C(Server);

        public string Tg => C(Target);

        public string Cm => C(Command);

        public string List(bool ja) => string.Join(ja ? "、" : ", ", Servers.Select(C));

        private static string C(string? value) => PowerShellText.InComment(value ?? "");
    }

    private sealed record Sentence(Func<Facts, string> En, Func<Facts, string> Ja)
    {
        public string In(bool ja, Facts facts) => (ja ? Ja : En)(facts);
    }

    private static readonly FrozenDictionary<RenewalComment, Sentence> Comments = new Dictionary<RenewalComment, Sentence>
    {
        [RenewalComment.Renews] = new(f => $"# Renewal of {f.T} ({f.Sj}, expires {Fmt.Day(f.Day)})",
            f => $"# {f.T} ({f.Sj}、有効期限 {Fmt.Day(f.Day)}) の更新"),
        [RenewalComment.By] = new(f => $"# by {f.T} ({f.Sj}, issued by {f.Is}, valid {Fmt.Day(f.From)} to {Fmt.Day(f.Day)})",
            f => $"# 新しい証明書: {f.T} ({f.Sj}、発行者 {f.Is}、有効期間 {Fmt.Day(f.From)} ～ {Fmt.Day(f.Day)})"),
        [RenewalComment.On] = new(f => $"# on {f.List(false)}. Written by extls renew from the dump as of {Fmt.Day(f.Day)}.",
            f => $"# 対象サーバー: {f.List(true)}。{Fmt.Day(f.Day)} 時点のダンプから extls renew が作成しました。"),
        [RenewalComment.Rehearse] = new(_ => "# Rehearse it with extls whatif DUMP --change THIS-FILE; remove -WhatIf from a command to run it.",
            _ => "# extls whatif DUMP --change THIS-FILE でリハーサルできます。コマンドを実行するには、そのコマンドから -WhatIf を削除してください。"),
        [RenewalComment.SendConnectors] = new(_ => "# ---- send connectors ----", _ => "# ---- 送信コネクタ ----"),
        [RenewalComment.HybridConfiguration] = new(_ => "# ---- hybrid configuration ----", _ => "# ---- ハイブリッド構成 ----"),
        [RenewalComment.EdgeSubscription] = new(f => $"# ---- Edge subscription of {f.Sv} ----", f => $"# ---- {f.Sv} のエッジ サブスクリプション ----"),
        [RenewalComment.EdgeFirst] = new(f => $"# Its internal transport certificate changes, so subscribe it again. On {f.Sv}:",
            f => $"# 内部トランスポート証明書が変わるため、エッジ サブスクリプションを作成し直します。{f.Sv} で:"),
        [RenewalComment.EdgeThen] = new(f => $"# Copy the file to a Mailbox server of site {f.Tg}, then there:",
            f => $"# ファイルをサイト {f.Tg} のメールボックス サーバーにコピーし、そのサーバーで:"),
        [RenewalComment.Removal] = new(_ => "# ---- once mail flows with the new certificate ----",
            _ => "# ---- 新しい証明書でメール フローが動作することを確認した後 ----"),
        [RenewalComment.Overwrite] = new(
            f => $"# {f.T} is the internal transport certificate of {f.Sv}: -Force answers yes to \"overwrite the existing default SMTP certificate?\" (A10).",
            f => $"# {f.T} は {f.Sv} の内部トランスポート証明書です。-Force により、「既存の既定の SMTP 証明書を上書きしますか?」に「はい」と応答します (A10)。"),
        [RenewalComment.AnswerNo] = new(
            f => $"# Exchange asks whether to overwrite the existing default SMTP certificate: answer No, so the internal transport\n# certificate of {f.Sv} stays as it is (extls whatif rehearses both answers).",
            f => $"# 既存の既定の SMTP 証明書を上書きするかどうかを Exchange が確認したら、「いいえ」と応答してください。\n# {f.Sv} の内部トランスポート証明書はそのまま残ります (extls whatif は両方の応答をリハーサルします)。"),
        [RenewalComment.SendConnectorOtherSources] = new(
            f => $"# {f.Tg} also sends from {f.List(false)}, which do not get the new certificate in this plan: renew there too (--on) before changing it.",
            f => $"# 送信コネクタ {f.Tg} は {f.List(true)} からも送信しますが、この計画ではそれらのサーバーに新しい証明書をインポートしません。変更する前に、それらのサーバーでも更新してください (--on)。"),
        [RenewalComment.HybridConfigurationNotCollected] = new(
            f => $"# The hybrid configuration was not collected, so this plan cannot change it: if Get-HybridConfiguration shows\n# TlsCertificateName {f.Tg}, run, outside this plan,\n#   {f.Cm}\n# or the Hybrid Configuration Wizard again.",
            f => $"# ハイブリッド構成は収集されていないため、この計画では変更できません。Get-HybridConfiguration の\n# TlsCertificateName が {f.Tg} であれば、この計画とは別に\n#   {f.Cm}\n# を実行するか、ハイブリッド構成ウィザードをもう一度実行してください。"),
        [RenewalComment.HybridOtherServers] = new(
            f => $"# {f.Tg} also names {f.List(false)} as hybrid transport servers, which do not get the new certificate in this plan: renew there too (--on).",
            f => $"# ハイブリッド構成 {f.Tg} は {f.List(true)} もハイブリッド トランスポート サーバーとして指定していますが、この計画ではそれらのサーバーに新しい証明書をインポートしません。それらのサーバーでも更新してください (--on)。"),
    }.ToFrozenDictionary();

    private static RenewalNote? NoteOn(RenewalPlan plan, RenewalNoteKind kind, string target) =>
        plan.Notes.FirstOrDefault(n => n.Kind == kind && string.Equals(n.Target, target, StringComparison.OrdinalIgnoreCase));

    private static string Literal(string value) => PowerShellText.Literal(value);

    /// <summary>
    /// A server name or thumbprint: bare when it is a plain word (what Exchange's names and a thumbprint's hex digits
    /// are), so the plan reads as an administrator would type it; anything else from the dump is a quoted literal.
    /// </summary>
    private static string Word(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && char.IsAsciiLetterOrDigit(value[0]) ? value : Literal(value);

    /// <summary>The services as Enable-ExchangeCertificate takes them: SMTP,IIS (a list of bare words, so no quotes).</summary>
    private static string ServiceList(CertificateServices services) =>
        string.Join(",", Enum.GetValues<CertificateServices>().Where(s => s != CertificateServices.None && services.HasFlag(s)));

    private static string FileName(string path) => path.Replace('\\', '/').Split('/').Last();
}
