using System.Collections.Frozen;
using Extls.Selection;

namespace Extls.Reporting;

/// <summary>
/// "Which receive connector answers a session" in words, English and Japanese: the kinds of session, the
/// steps, what each step decided and how the process ended. The replay returns the facts
/// (<see cref="ConnectorAnswer"/>, <see cref="AnsweringTraceStep"/>); this is the only place they become words.
/// </summary>
public static class AnsweringText
{
    internal static readonly FrozenDictionary<SessionKind, Words> Kinds = new Dictionary<SessionKind, Words>
    {
        [SessionKind.MailboxToMailbox] = new("Mailbox → Mailbox (Transport service, port 2525)", "メールボックス → メールボックス (トランスポート サービス、ポート 2525)"),
        [SessionKind.FrontendToMailbox] = new("Front End Transport → Mailbox (port 2525)", "フロントエンド トランスポート → メールボックス (ポート 2525)"),
        [SessionKind.EdgeToMailbox] = new("Edge → Mailbox (Front End Transport service, port 25)", "エッジ → メールボックス (フロントエンド トランスポート サービス、ポート 25)"),
        [SessionKind.MailboxToEdge] = new("Mailbox → Edge (port 25)", "メールボックス → エッジ (ポート 25)"),
        [SessionKind.OutboundProxy] = new("Outbound proxy, Transport → Front End Transport (port 717)", "送信プロキシ: トランスポート → フロントエンド トランスポート (ポート 717)"),
    }.ToFrozenDictionary();

    internal static readonly FrozenDictionary<AnsweringStep, Words> Steps = new Dictionary<AnsweringStep, Words>
    {
        [AnsweringStep.Listener] = new("Service and port", "サービスとポート"),
        [AnsweringStep.Binding] = new("Binding", "バインド"),
        [AnsweringStep.SenderAddress] = new("Sender's address", "送信側のアドレス"),
        [AnsweringStep.RemoteRange] = new("Most specific remote range", "最も限定的なリモート範囲"),
    }.ToFrozenDictionary();

    internal static readonly FrozenDictionary<AnsweringOutcome, Words> Outcomes = new Dictionary<AnsweringOutcome, Words>
    {
        [AnsweringOutcome.Answered] = new("accepted by the connector whose remote range holds the sender most specifically", "送信側を最も限定的に含むリモート範囲のコネクタが受け付けます"),
        [AnsweringOutcome.DefaultAssumed] = new("taken to be accepted by the default connector (A9)", "既定のコネクタが受け付けるものとします (A9)"),
        [AnsweringOutcome.Refused] = new("refused: no connector accepts it", "拒否されます (受け付けるコネクタがありません)"),
        [AnsweringOutcome.Undetermined] = new("cannot be told: the receiving server's connectors were not collected", "判断できません (受信側サーバーのコネクタが収集されていません)"),
    }.ToFrozenDictionary();

    internal static readonly FrozenDictionary<AnsweringReason, Sentence<AnsweringFacts>> Reasons = new Dictionary<AnsweringReason, Sentence<AnsweringFacts>>
    {
        [AnsweringReason.ConnectorsNotCollected] = new(
            _ => "The receiving server's receive connectors were not collected: which connector answers cannot be told.",
            _ => "受信側サーバーの受信コネクタが収集されていないため、どのコネクタが応答するかは判断できません。"),
        [AnsweringReason.NoListener] = new(
            v => $"No enabled receive connector of the service that owns port {v[TraceField.Port]} is bound to it: the session is refused.",
            v => $"ポート {v[TraceField.Port]} を所有するサービスの有効な受信コネクタで、このポートにバインドされているものがないため、セッションは拒否されます。"),
        [AnsweringReason.Listeners] = new(
            v => $"Receive connectors of the service that owns port {v[TraceField.Port]} and bound to it: {v[TraceField.ReceiveConnectors]}.",
            v => $"ポート {v[TraceField.Port]} を所有するサービスの受信コネクタで、このポートにバインドされているもの: {v[TraceField.ReceiveConnectors]}。"),
        [AnsweringReason.NoBindingReached] = new(
            v => $"The connectors on the port are bound only to addresses other than those the sender reaches: the session is refused.",
            v => $"このポートのコネクタは、送信側が接続するアドレス以外にのみバインドされているため、セッションは拒否されます。"),
        [AnsweringReason.BindingsReached] = new(
            _ => "Connectors bound to the any-address or to one of the receiving server's own addresses stay candidates.",
            _ => "任意のアドレス、または受信側サーバー自身のアドレスにバインドされたコネクタが候補として残ります。"),
        [AnsweringReason.BindingsReachedReceiverAddressesUnknown] = new(
            _ => "The receiving server's addresses are unknown: a binding to a specific address (always one of its own) is taken to be the one the sender reaches.",
            _ => "受信側サーバーのアドレスが不明のため、特定のアドレスへのバインド (常にサーバー自身のアドレス) も送信側が接続するアドレスとみなします。"),
        [AnsweringReason.SenderAddressesUnknown] = new(
            v => $"The dump holds no addresses for {v[TraceField.Server]}: the default connector for the port is taken to answer (A9).",
            v => $"ダンプに {v[TraceField.Server]} のアドレスがないため、このポートの既定のコネクタが応答するものとします (A9)。"),
        [AnsweringReason.NoUsableSenderAddress] = new(
            v => $"{v[TraceField.Server]} has no address another server sees on a family the receiving server is reached on (only loopback or link-local ones): the default connector for the port is taken to answer (A9).",
            v => $"{v[TraceField.Server]} には、受信側サーバーに接続できるアドレス ファミリで他のサーバーから見えるアドレスがありません (ループバックまたはリンクローカルのみ)。このポートの既定のコネクタが応答するものとします (A9)。"),
        [AnsweringReason.SessionAddress] = new(
            v => $"The session from {v[TraceField.Server]} comes from {v[TraceField.SessionAddress]}, its first address another server sees, IPv4 before IPv6 (A11).",
            v => $"{v[TraceField.Server]} からのセッションの送信元は {v[TraceField.SessionAddress]} です (他のサーバーから見える最初のアドレス、IPv4 を IPv6 より優先。A11)。"),
        [AnsweringReason.MostSpecificRange] = new(
            v => $"The RemoteIPRanges entry {v[TraceField.MatchedRange]} of {v[TraceField.Connector]} holds {v[TraceField.SessionAddress]} most specifically: that connector answers the session.",
            v => $"{v[TraceField.Connector]} の RemoteIPRanges の {v[TraceField.MatchedRange]} が {v[TraceField.SessionAddress]} を最も限定的に含むため、このコネクタがセッションに応答します。"),
        [AnsweringReason.NoRangeHoldsSender] = new(
            v => $"No candidate's RemoteIPRanges hold {v[TraceField.SessionAddress]}: the session is refused.",
            v => $"どの候補の RemoteIPRanges にも {v[TraceField.SessionAddress]} が含まれないため、セッションは拒否されます。"),
        [AnsweringReason.RangesUnknown] = new(
            v => $"The dump does not carry the RemoteIPRanges of every candidate: the default connector, {v[TraceField.Connector]}, is taken to answer (A9).",
            v => $"ダンプにすべての候補の RemoteIPRanges がないため、既定のコネクタ {v[TraceField.Connector]} が応答するものとします (A9)。"),
        [AnsweringReason.DefaultConnector] = new(
            v => $"The default connector for the port, {v[TraceField.Connector]}, answers (A9).",
            v => $"このポートの既定のコネクタ {v[TraceField.Connector]} が応答します (A9)。"),
    }.ToFrozenDictionary();

    internal static readonly FrozenDictionary<ConnectorRefusal, Words> Refusals = new Dictionary<ConnectorRefusal, Words>
    {
        [ConnectorRefusal.Disabled] = new("disabled (Enabled is false): it accepts nothing", "無効 (Enabled が false) のため、何も受け付けません"),
        [ConnectorRefusal.OtherService] = new("belongs to the other transport service (TransportRole)", "別のトランスポート サービス (TransportRole) のコネクタです"),
        [ConnectorRefusal.NotOnPort] = new("no binding on this port", "このポートのバインドがありません"),
        [ConnectorRefusal.BindingsUnknown] = new("its Bindings were not collected", "Bindings が収集されていません"),
        [ConnectorRefusal.BindingNotReached] = new("bound to this port only on an address other than the server's own", "このポートには、サーバー自身のもの以外のアドレスでのみバインドされています"),
        [ConnectorRefusal.OtherAddressFamily] = new("bound only to the other address family", "別のアドレス ファミリにのみバインドされています"),
        [ConnectorRefusal.RangeDoesNotHoldSender] = new("no RemoteIPRanges entry holds the session's address", "RemoteIPRanges のどのエントリにもセッションのアドレスが含まれません"),
        [ConnectorRefusal.LessSpecificRange] = new("its RemoteIPRanges hold the address less specifically", "RemoteIPRanges がアドレスを含みますが、より限定的ではありません"),
    }.ToFrozenDictionary();

    internal static readonly Words Title = new("Which receive connector answers each session", "各セッションに応答する受信コネクタ");

    internal static readonly Words None = new("No server opens a session to this server.", "このサーバーへのセッションを開くサーバーはありません。");

    internal static readonly Words SetAside = new("set aside", "除外");

    internal static readonly Words RefusedShort = new("refused", "拒否");

    internal static readonly Words NotCollectedShort = new("connectors not collected", "コネクタ未収集");

    /// <summary>"Senders (3)".</summary>
    internal static string Senders(int count, bool japanese) => japanese ? $"送信側 ({Fmt.Int(count)})" : $"Senders ({Fmt.Int(count)})";

    /// <summary>"… and 979 more".</summary>
    internal static string More(int count, bool japanese) => japanese ? $"… ほか {Fmt.Int(count)} 台" : $"… and {Fmt.Int(count)} more";

    /// <summary>"Steps, for the session from EX01".</summary>
    internal static string StepsFor(string sender, bool japanese) => japanese ? $"手順 ({sender} からのセッション)" : $"Steps, for the session from {sender}";

    public static string Kind(SessionKind kind, string culture) =>
        Kinds.TryGetValue(kind, out var w) ? w.In(Fmt.IsJapanese(culture)) : kind.ToId();

    public static string StepTitle(AnsweringStep step, string culture) =>
        Steps.TryGetValue(step, out var w) ? w.In(Fmt.IsJapanese(culture)) : step.ToString();

    /// <summary>How the session ends, in a phrase.</summary>
    public static string Outcome(AnsweringOutcome outcome, string culture) =>
        Outcomes.TryGetValue(outcome, out var w) ? w.In(Fmt.IsJapanese(culture)) : outcome.ToString();

    /// <summary>What the step decided, in a sentence built from what it read.</summary>
    public static string Decision(AnsweringTraceStep step, string culture)
    {
        ArgumentNullException.ThrowIfNull(step);
        var japanese = Fmt.IsJapanese(culture);
        return Reasons.TryGetValue(step.Reason, out var sentence) ? sentence.In(japanese, new AnsweringFacts(step, japanese)) : step.Reason.ToString();
    }

    /// <summary>Why a step set a connector aside, in a phrase.</summary>
    public static string Refusal(ConnectorRefusal refusal, string culture) =>
        Refusals.TryGetValue(refusal, out var w) ? w.In(Fmt.IsJapanese(culture)) : refusal.ToString();

    /// <summary>
    /// The matrix's connector cell: the connector that answers, with the remote range that chose it when that is not
    /// the default connector, or the assumption it rests on; a dash with a word when none answers.
    /// </summary>
    public static string ConnectorCell(ConnectorAnswer? answer, string? connector, string culture)
    {
        var japanese = Fmt.IsJapanese(culture);
        return answer?.Outcome switch
        {
            AnsweringOutcome.Answered when !answer.IsDefaultConnector && answer.MatchedRange is { } range => $"{connector} ({range})",
            AnsweringOutcome.DefaultAssumed => $"{connector} ({string.Join(japanese ? "、" : ", ", answer.Assumptions.Select(a => a.ToId()))})",
            AnsweringOutcome.Refused => $"— ({RefusedShort.In(japanese)})",
            AnsweringOutcome.Undetermined => $"— ({NotCollectedShort.In(japanese)})",
            _ => connector ?? "—",
        };
    }

    /// <summary>One line per value the step read: "name = value".</summary>
    public static IReadOnlyList<string> ReadLines(AnsweringTraceStep step, string culture)
    {
        ArgumentNullException.ThrowIfNull(step);
        var japanese = Fmt.IsJapanese(culture);
        return [.. (step.Reads.IsDefault ? [] : step.Reads).Select(r => SelectionText.ReadLine(r, japanese))];
    }

    /// <summary>Every key a table lacks, as "Table.Key"; empty when each has its wording.</summary>
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        void Check<TKey, TValue>(string table, IReadOnlyDictionary<TKey, TValue> words)
            where TKey : struct, Enum =>
            missing.AddRange(Enum.GetValues<TKey>().Where(k => !words.ContainsKey(k)).Select(k => $"{table}.{k}"));

        Check(nameof(Kinds), Kinds);
        Check(nameof(Steps), Steps);
        Check(nameof(Outcomes), Outcomes);
        Check(nameof(Reasons), Reasons);
        Check(nameof(Refusals), Refusals);
        return missing;
    }
}

/// <summary>What an answering sentence may say: the values its step read, written in the reader's language.</summary>
internal sealed class AnsweringFacts(AnsweringTraceStep step, bool japanese)
{
    /// <exception cref="InvalidOperationException">The step did not read it: a sentence asks for a fact its step never carries.</exception>
    public string this[TraceField field] =>
        SelectionText.Value((step.Reads.IsDefault ? [] : step.Reads).FirstOrDefault(r => r.Field == field)?.Value
            ?? throw new InvalidOperationException($"{step.Step} ({step.Reason}) read no {field}."), japanese);
}
