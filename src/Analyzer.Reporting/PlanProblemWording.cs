using System.Collections.Frozen;
using System.Globalization;
using Extls.Planning;

namespace Extls.Reporting;

/// <summary>
/// Every sentence a rehearsal's refusal reads as, in English and Japanese: the problems of a plan (keyed by
/// <see cref="PlanProblemKind"/>), why a renewal cannot be worked out (<see cref="RenewalRefusalKind"/>), what a renewal
/// plan cannot do (<see cref="RenewalNoteKind"/>), why a certificate file cannot be read (<see cref="CertificateFileFault"/>)
/// and why a remediation failed its rehearsal. The planner names what went wrong and its facts; this table is the only
/// place they become words. Cmdlet, parameter and property names, values and thumbprints stay as the plan spells them;
/// what PowerShell's parser or .NET said is quoted as it said it. Japanese follows Microsoft's Exchange terms (受信コネクタ,
/// 送信コネクタ, 拇印, 証明書ストア, コマンドレット, パラメーター).
/// </summary>
public static class PlanProblemWording
{
    /// <summary>The problem's sentence in the culture ("en", "ja").</summary>
    public static string Message(PlanProblem p, string culture)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Sentences.TryGetValue(p.Kind, out var sentence) ? sentence.In(Fmt.IsJapanese(culture), p.Arguments ?? PlanProblemArguments.None) : p.Code;
    }

    /// <summary>The problem as editors pick it up: FILE:LINE:COLUMN: message.</summary>
    public static string Line(PlanProblem p, string culture)
    {
        ArgumentNullException.ThrowIfNull(p);
        return $"{p.Position}: {Message(p, culture)}";
    }

    /// <summary>The closing line under a plan's problems: nothing was rehearsed.</summary>
    public static string NothingRehearsed(int problems, string culture) => (problems == 1, Fmt.IsJapanese(culture)) switch
    {
        (true, false) => "The plan cannot be rehearsed as written; nothing was rehearsed.",
        (false, false) => $"The plan has {I(problems)} problems; nothing was rehearsed.",
        (true, true) => "計画は記述どおりにはリハーサルできません。何もリハーサルしていません。",
        (false, true) => $"計画に {I(problems)} 件の問題があります。何もリハーサルしていません。",
    };

    /// <summary>Why a certificate file cannot be read, after its name: "new.pfx: is not a PKCS #12 file that this password opens (…)".</summary>
    public static string CertificateFile(string file, CertificateFileFault fault, string? detail, string culture) =>
        $"{file}: {(FileFaults.TryGetValue(fault, out var s) ? s.In(Fmt.IsJapanese(culture), detail ?? "") : fault.ToString())}";

    /// <summary>Why a renewal cannot be worked out.</summary>
    public static string Refusal(RenewalRefusal refusal, string culture)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Refusals.TryGetValue(refusal.Kind, out var s) ? s.In(Fmt.IsJapanese(culture), refusal) : refusal.Kind.ToString();
    }

    /// <summary>What a renewal plan cannot do for the administrator.</summary>
    public static string Note(RenewalNote note, string culture)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Notes.TryGetValue(note.Kind, out var s) ? s.In(Fmt.IsJapanese(culture), note) : note.Kind.ToString();
    }

    /// <summary>"Note: …" before a renewal note on the screen.</summary>
    public static string NoteLabel(string culture) => Fmt.IsJapanese(culture) ? "注意: " : "Note: ";

    /// <summary>The line renew writes once the plan is on disk, before it rehearses it.</summary>
    public static string RenewalWritten(string planFile, int changes, IEnumerable<string> servers, string culture) => Fmt.IsJapanese(culture)
        ? $"更新計画を {planFile} に書き出しました ({string.Join("、", servers)} での {I(changes)} 件の変更)。これをリハーサルします。"
        : $"Wrote the renewal plan to {planFile} ({I(changes)} changes on {string.Join(", ", servers)}); rehearsing it.";

    /// <summary>Why a remediation failed its rehearsal; null when it did not fail.</summary>
    public static string? Why(RemediationVerdict verdict, string culture)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var ja = Fmt.IsJapanese(culture);
        return verdict.Failure switch
        {
            RemediationFailure.PlanProblems => string.Join(ja ? " " : "; ", (verdict.Problems.IsDefault ? [] : verdict.Problems).Select(p => Message(p, culture))),
            RemediationFailure.FindingStays => ja ? "修復後も検出事項が報告されます。" : "the finding is still reported after the remediation",
            RemediationFailure.NewError => ja ? $"修復により {verdict.NewTarget} に {verdict.NewRuleId} が発生します。" : $"the remediation brings {verdict.NewRuleId} on {verdict.NewTarget}",
            _ => null,
        };
    }

    /// <summary>The kinds that have no sentence (a test keeps each of these empty).</summary>
    internal static IEnumerable<PlanProblemKind> Missing => Enum.GetValues<PlanProblemKind>().Where(k => !Sentences.ContainsKey(k));

    internal static IEnumerable<RenewalRefusalKind> MissingRefusals => Enum.GetValues<RenewalRefusalKind>().Where(k => !Refusals.ContainsKey(k));

    internal static IEnumerable<RenewalNoteKind> MissingNotes => Enum.GetValues<RenewalNoteKind>().Where(k => !Notes.ContainsKey(k));

    internal static IEnumerable<CertificateFileFault> MissingFaults => Enum.GetValues<CertificateFileFault>().Where(k => !FileFaults.ContainsKey(k));

    private static string I(long? n) => (n ?? 0).ToString(CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Names(PlanProblemArguments a) => a.Names.IsDefault ? [] : a.Names;

    private static string List(IEnumerable<string> names, bool ja) => string.Join(ja ? "、" : ", ", names);

    private static string? First(PlanProblemArguments a) => Names(a) is [var first, ..] ? first : null;

    private static string Dashed(PlanProblemArguments a, bool ja) => List(Names(a).Select(n => "-" + n), ja);

    private const string ServerNotSaidEn = "(without it the cmdlet runs on the server the shell is connected to)";
    private const string ServerNotSaidJa = "(指定しないと、コマンドレットはシェルの接続先のサーバーで実行されます)";

    private static readonly FrozenDictionary<PlanConstruct, Words> Constructs = new Dictionary<PlanConstruct, Words>
    {
        [PlanConstruct.If] = new("an if statement", "if ステートメント"),
        [PlanConstruct.ForEach] = new("a foreach loop", "foreach ループ"),
        [PlanConstruct.Loop] = new("a loop", "ループ"),
        [PlanConstruct.FunctionDefinition] = new("a function definition", "関数の定義"),
        [PlanConstruct.Try] = new("a try statement", "try ステートメント"),
        [PlanConstruct.Switch] = new("a switch statement", "switch ステートメント"),
    }.ToFrozenDictionary();

    private static string Construct(PlanProblemArguments a, bool ja) =>
        a.Construct is { } c && Constructs.TryGetValue(c, out var w) ? w.In(ja) : ja ? $"{a.Name} ステートメント" : $"a {a.Name} statement";

    /// <summary>What a value is, as English names it with what the rehearsal follows of it; Japanese names it and lists what it follows apart.</summary>
    private sealed record ObjectWords(string En, string JaNoun, string? JaFollows);

    private static readonly FrozenDictionary<PlanObjectKind, ObjectWords> Objects = new Dictionary<PlanObjectKind, ObjectWords>
    {
        [PlanObjectKind.Certificate] = new("a certificate (it follows Thumbprint, Subject, Issuer, FriendlyName, Identity, NotBefore, NotAfter)", "証明書",
            "Thumbprint、Subject、Issuer、FriendlyName、Identity、NotBefore、NotAfter"),
        [PlanObjectKind.ReceiveConnector] = new("a receive connector (it follows Identity, Name, Server, Fqdn, TlsCertificateName)", "受信コネクタ",
            "Identity、Name、Server、Fqdn、TlsCertificateName"),
        [PlanObjectKind.SendConnector] = new("a send connector (it follows Identity, Name, Fqdn, TlsCertificateName)", "送信コネクタ", "Identity、Name、Fqdn、TlsCertificateName"),
        [PlanObjectKind.EdgeSubscription] = new("an Edge subscription (it follows Name, Identity)", "エッジ サブスクリプション", "Name、Identity"),
        [PlanObjectKind.List] = new("a list of several objects", "複数のオブジェクトの一覧", null),
        [PlanObjectKind.Other] = new("this value", "この値", null),
    }.ToFrozenDictionary();

    private static ObjectWords Object(PlanProblemArguments a) => Objects[a.Object ?? PlanObjectKind.Other];

    private static readonly FrozenDictionary<PlanObjectKind, Words> Taken = new Dictionary<PlanObjectKind, Words>
    {
        [PlanObjectKind.Certificate] = new("certificates", "証明書"),
        [PlanObjectKind.ReceiveConnector] = new("receive connectors", "受信コネクタ"),
        [PlanObjectKind.SendConnector] = new("send connectors", "送信コネクタ"),
        [PlanObjectKind.EdgeSubscription] = new("subscriptions", "エッジ サブスクリプション"),
        [PlanObjectKind.List] = new("lists", "一覧"),
        [PlanObjectKind.Other] = new("objects", "オブジェクト"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<PlanExpectedValue, Words> Expected = new Dictionary<PlanExpectedValue, Words>
    {
        [PlanExpectedValue.Binding] = new("a binding such as 0.0.0.0:25 or [::]:2525", "0.0.0.0:25 や [::]:2525 のようなバインド"),
        [PlanExpectedValue.IpRange] = new("an address, a CIDR range or a start-end range", "アドレス、CIDR 範囲、開始-終了の範囲のいずれか"),
    }.ToFrozenDictionary();

    private static string ExpectedIn(PlanProblemArguments a, bool ja) => a.Expected is { } e ? Expected[e].In(ja) : ja ? "値" : "a value";

    private static Sentence<PlanProblemArguments> S(Func<PlanProblemArguments, string> en, Func<PlanProblemArguments, string> ja) => new(en, ja);

    private static Sentence<PlanProblemArguments> S(string en, string ja) => new(_ => en, _ => ja);

    private static readonly FrozenDictionary<PlanProblemKind, Sentence<PlanProblemArguments>> Sentences = new Dictionary<PlanProblemKind, Sentence<PlanProblemArguments>>
    {
        // The file and its shape.
        [PlanProblemKind.PlanUnreadable] = S(a => $"Cannot read the plan: {a.Detail}", a => $"計画を読み取れません ({a.Detail})。"),
        [PlanProblemKind.SyntaxError] = S(
            a => a.Detail ?? $"PowerShell cannot parse this{(a.Name is { } id ? $" ({id})" : "")}.",
            a => $"PowerShell の構文として解析できません{(a.Name is null && a.Detail is null ? "" : $" ({string.Join(": ", new[] { a.Name, a.Detail }.OfType<string>())})")}。"),
        [PlanProblemKind.ParamBlock] = S("A plan with a param() block cannot be rehearsed: give the values in the plan itself.",
            "param() ブロックのある計画はリハーサルできません。値は計画の中に直接記述してください。"),
        [PlanProblemKind.ScriptBlockSection] = S(a => $"A plan is a list of commands; its {a.Name} block cannot be rehearsed.",
            a => $"計画はコマンドの並びです。{a.Name} ブロックはリハーサルできません。"),
        [PlanProblemKind.TrapStatement] = S("trap statements cannot be rehearsed.", "trap ステートメントはリハーサルできません。"),
        [PlanProblemKind.UsingStatement] = S(a => $"A using {a.Name} statement cannot be rehearsed: PowerShell would load the {a.Name} from the machine that reads the plan.",
            a => $"using {a.Name} ステートメントはリハーサルできません。PowerShell が、計画を読み取るコンピューターから指定されたものを読み込むためです。"),

        // Statements and pipelines.
        [PlanProblemKind.StatementNotFollowed] = S(
            a => $"A plan is a list of commands and variable assignments; {Construct(a, false)} cannot be rehearsed, since what it does depends on what it finds when it runs.",
            a => $"計画はコマンドと変数への代入の並びです。{Construct(a, true)}は、実行時に見つかるものによって動作が変わるため、リハーサルできません。"),
        [PlanProblemKind.AssignmentNotPlain] = S("Only plain assignments to a variable ($name = …) can be followed.", "追跡できるのは変数への単純な代入 ($name = …) だけです。"),
        [PlanProblemKind.AssignmentValueNotFollowed] = S("The value of this assignment cannot be followed.", "この代入の値は追跡できません。"),
        [PlanProblemKind.UnsupportedCommand] = S(
            a => $"{a.Command} is not a command whatif can rehearse. It follows {List(Names(a), false)}, the Get- cmdlets that feed them, and commands that only read or show (Get-TransportService, Format-List, Start-EdgeSynchronization, …).",
            a => $"{a.Command} は whatif でリハーサルできるコマンドではありません。whatif が追跡するのは {List(Names(a), true)}、それらに渡す Get- コマンドレット、および読み取りや表示だけを行うコマンド (Get-TransportService、Format-List、Start-EdgeSynchronization など) です。"),
        [PlanProblemKind.ExpressionNotFirst] = S("An expression can only start a pipeline.", "式を置けるのはパイプラインの先頭だけです。"),
        [PlanProblemKind.InvocationOperator] = S("Commands run with & or . cannot be followed.", "& または . で実行するコマンドは追跡できません。"),
        [PlanProblemKind.ComputedCommandName] = S("A command whose name is computed cannot be followed.", "名前を計算で求めるコマンドは追跡できません。"),
        [PlanProblemKind.DisplayOutputAssigned] = S(a => $"The output of {a.Command} cannot be followed into a variable; assign the object itself.",
            a => $"{a.Command} の出力を代入した変数は追跡できません。オブジェクトそのものを代入してください。"),
        [PlanProblemKind.DisplayCommandInPipeline] = S(a => $"{a.Command} between commands cannot be followed: the rehearsal cannot tell which objects it passes on.",
            a => $"コマンドの間にある {a.Command} は追跡できません。どのオブジェクトを次に渡すのか、リハーサルでは判断できません。"),
        [PlanProblemKind.WhereObjectForm] = S("Only Where-Object in its simplified form (Where-Object Property -eq|-ne|-in|-like Value) after a Get- cmdlet can be followed.",
            "追跡できる Where-Object は、Get- コマンドレットの後に置いた簡易構文 (Where-Object Property -eq|-ne|-in|-like Value) だけです。"),
        [PlanProblemKind.WhereObjectOperator] = S(a => $"-{a.Parameter} is not an operator whatif follows in Where-Object (it follows -eq, -ne, -in and -like).",
            a => $"-{a.Parameter} は whatif が Where-Object で追跡する演算子ではありません (追跡するのは -eq、-ne、-in、-like です)。"),
        [PlanProblemKind.CmdletNotRehearsed] = S(a => $"{a.Command} cannot be rehearsed.", a => $"{a.Command} はリハーサルできません。"),

        // Parameters.
        [PlanProblemKind.Splatted] = S("Splatted parameters (@params) cannot be followed; write the parameters out.",
            "スプラッティングしたパラメーター (@params) は追跡できません。パラメーターを 1 つずつ記述してください。"),
        [PlanProblemKind.UnknownParameter] = S(a => $"-{a.Parameter} is not a parameter of {a.Command}.", a => $"-{a.Parameter} は {a.Command} のパラメーターではありません。"),
        [PlanProblemKind.AmbiguousParameter] = S(a => $"-{a.Parameter} is ambiguous for {a.Command}: it could be {Dashed(a, false)}.",
            a => $"-{a.Parameter} は {a.Command} のどのパラメーターか特定できません ({Dashed(a, true)} のいずれにも当たります)。"),
        [PlanProblemKind.ParameterRepeated] = S(a => $"-{a.Parameter} is given twice.", a => $"-{a.Parameter} が 2 回指定されています。"),
        [PlanProblemKind.ParameterRepeatedByPosition] = S(a => $"-{a.Parameter} is given twice (by name and by position).", a => $"-{a.Parameter} が名前と位置で 2 回指定されています。"),
        [PlanProblemKind.ParameterNeedsValue] = S(a => $"-{a.Parameter} needs a value.", a => $"-{a.Parameter} には値が必要です。"),
        [PlanProblemKind.TooManyPositional] = S(
            a => $"{a.Command} takes {(a.Number is null or 0 ? "no" : I(a.Number))} positional argument{(a.Number == 1 ? "" : "s")}; name the parameter of '{a.Value}'.",
            a => (a.Number is null or 0 ? $"{a.Command} は位置指定の引数を取りません。" : $"{a.Command} が取る位置指定の引数は {I(a.Number)} 個です。") + $"'{a.Value}' にはパラメーター名を付けてください。"),
        [PlanProblemKind.ParameterNeedsText] = S(a => $"-{a.Parameter} needs text.", a => $"-{a.Parameter} には文字列が必要です。"),
        [PlanProblemKind.ParameterNeedsTexts] = S(a => $"-{a.Parameter} needs text values.", a => $"-{a.Parameter} には文字列の値が必要です。"),
        [PlanProblemKind.NotBoolean] = S(a => $"'{a.Value}' is not $true or $false.", a => $"'{a.Value}' は $true でも $false でもありません。"),
        [PlanProblemKind.NotAnEnumValue] = S(a => $"'{a.Value}' is not a value of -{a.Parameter} (it takes {List(Names(a), false)}).",
            a => $"'{a.Value}' は -{a.Parameter} の値ではありません ({List(Names(a), true)} のいずれかを指定します)。"),
        [PlanProblemKind.EnumNeedsValue] = S(a => $"-{a.Parameter} needs a value ({List(Names(a), false)}).",
            a => $"-{a.Parameter} には値 ({List(Names(a), true)} のいずれか) が必要です。"),
        [PlanProblemKind.ValueNotParsed] = S(a => $"'{a.Value}' is not {ExpectedIn(a, false)} (-{a.Parameter}).",
            a => $"'{a.Value}' は{ExpectedIn(a, true)}ではありません (-{a.Parameter})。"),
        [PlanProblemKind.HelperParameterNotFollowed] = S(a => $"-{a.Parameter} of {a.Command} cannot be followed.", a => $"{a.Command} の -{a.Parameter} は追跡できません。"),

        // Values.
        [PlanProblemKind.ExpressionNotFollowed] = S("This expression cannot be followed.", "この式は追跡できません。"),
        [PlanProblemKind.ComputedPropertyName] = S("A computed property name cannot be followed.", "計算で求めるプロパティ名は追跡できません。"),
        [PlanProblemKind.HashtableValue] = S("Changes to a multi-valued property as @{Add=…; Remove=…} cannot be followed; give the whole new list.",
            "@{Add=…; Remove=…} による複数値プロパティの変更は追跡できません。新しい値の一覧全体を指定してください。"),
        [PlanProblemKind.ScriptBlockValue] = S("A script block cannot be followed: what it does depends on what it finds when it runs.",
            "スクリプト ブロックは追跡できません。実行時に見つかるものによって動作が変わるためです。"),
        [PlanProblemKind.ValueNotFollowed] = S(
            a => $"whatif cannot follow the value '{a.Value}'; use literals, variables assigned earlier in the plan, or the objects Get-ExchangeCertificate returns.",
            a => $"whatif は値 '{a.Value}' を追跡できません。リテラル、計画のこれより前の箇所で代入した変数、または Get-ExchangeCertificate が返すオブジェクトを使ってください。"),
        [PlanProblemKind.StatementInSubexpression] = S("Only expressions and commands can be followed inside @( ) and $( ).", "@( ) と $( ) の中で追跡できるのは式とコマンドだけです。"),
        [PlanProblemKind.DriveVariable] = S(a => $"{a.Value} is read when the plan runs; write its value in the plan.",
            a => $"{a.Value} は計画の実行時に読み取られます。その値を計画に記述してください。"),
        [PlanProblemKind.PipelineVariable] = S("$_ is only set inside a script block, which cannot be followed.",
            "$_ が設定されるのはスクリプト ブロックの中だけですが、スクリプト ブロックは追跡できません。"),
        [PlanProblemKind.VariableNotAssigned] = S(
            a => $"${a.Name} is not assigned earlier in the plan; whatif follows variables assigned from literals and from the Get-, Import- and New-ExchangeCertificate cmdlets.",
            a => $"${a.Name} は計画のこれより前の箇所で代入されていません。whatif が追跡するのは、リテラルおよび Get-、Import-、New-ExchangeCertificate コマンドレットの結果を代入した変数です。"),
        [PlanProblemKind.NoTextValue] = S(a => $"'{a.Value}' has no text value to put in a string.", a => $"'{a.Value}' には文字列に埋め込める値がありません。"),
        [PlanProblemKind.SplitNeedsText] = S("-split needs text on its left.", "-split の左辺には文字列が必要です。"),
        [PlanProblemKind.SplitNeedsSeparator] = S("-split needs a separator.", "-split には区切り文字が必要です。"),
        [PlanProblemKind.SplitRegex] = S("-split with a regular expression cannot be followed; split on plain text such as ','.",
            "正規表現による -split は追跡できません。',' のような通常の文字列で分割してください。"),
        [PlanProblemKind.AddOperands] = S("Only text and numbers can be added.", "加算できるのは文字列と数値だけです。"),
        [PlanProblemKind.OperatorNotFollowed] = S(a => $"The operator {a.Value} cannot be followed.", a => $"演算子 {a.Value} は追跡できません。"),
        [PlanProblemKind.ReadAllBytesNeedsFile] = S("ReadAllBytes needs a file name.", "ReadAllBytes にはファイル名が必要です。"),
        [PlanProblemKind.MethodCallNotFollowed] = S(a => $"The method call '{a.Value}' cannot be followed; the one a plan may make is [System.IO.File]::ReadAllBytes('file').",
            a => $"メソッド呼び出し '{a.Value}' は追跡できません。計画で使えるメソッド呼び出しは [System.IO.File]::ReadAllBytes('file') だけです。"),
        [PlanProblemKind.PasswordNotGiven] = S("Read-Host -AsSecureString asks for a password when the plan runs; give it to the rehearsal with --password.",
            "Read-Host -AsSecureString は計画の実行時にパスワードを求めます。リハーサルには --password でパスワードを指定してください。"),
        [PlanProblemKind.InputRequested] = S(
            a => $"{a.Command} asks for input when the plan runs; to rehearse the plan, write the value in it, or for a password use Read-Host -AsSecureString with --password.",
            a => $"{a.Command} は計画の実行時に入力を求めます。計画をリハーサルするには値を計画に記述するか、パスワードであれば Read-Host -AsSecureString を使って --password で指定してください。"),
        [PlanProblemKind.SecureStringForm] = S("Only ConvertTo-SecureString -String '…' -AsPlainText -Force gives a password the rehearsal can use.",
            "リハーサルで使えるパスワードになるのは ConvertTo-SecureString -String '…' -AsPlainText -Force だけです。"),
        [PlanProblemKind.GetContentForm] = S("Only Get-Content -Path '…' -Encoding Byte (or -AsByteStream) gives the bytes of a file the rehearsal can read.",
            "リハーサルで読み取れるファイルのバイトになるのは Get-Content -Path '…' -Encoding Byte (または -AsByteStream) だけです。"),
        [PlanProblemKind.PropertyNotFollowed] = S(a => $"whatif cannot follow the property {a.Name} of {Object(a).En}.",
            a => $"whatif は{Object(a).JaNoun}のプロパティ {a.Name} を追跡できません{(Object(a).JaFollows is { } f ? $" (追跡できるのは {f} です)" : "")}。"),

        // Servers, stores, connectors.
        [PlanProblemKind.UnknownServer] = S(a => $"There is no server '{a.Name}' in the snapshot ({List(Names(a), false)}).",
            a => $"スナップショットにサーバー '{a.Name}' はありません (あるのは {List(Names(a), true)} です)。"),
        [PlanProblemKind.ServerAmbiguous] = S(
            a => $"{a.Command} has no -Server, and certificate {a.Value} is on {List(Names(a), false)}: add -Server to say which {ServerNotSaidEn}.",
            a => $"{a.Command} に -Server がなく、証明書 {a.Value} は {List(Names(a), true)} にあります。-Server でどのサーバーかを指定してください {ServerNotSaidJa}。"),
        [PlanProblemKind.ServerNotGiven] = S(a => $"{a.Command} has no -Server: add it to say which server {ServerNotSaidEn}.",
            a => $"{a.Command} に -Server がありません。-Server でどのサーバーかを指定してください {ServerNotSaidJa}。"),
        [PlanProblemKind.ServerNotGivenThumbprintUnknown] = S(a => $"{a.Command} has no -Server, and no server's store holds certificate {a.Value}.",
            a => $"{a.Command} に -Server がなく、証明書 {a.Value} はどのサーバーの証明書ストアにもありません。"),
        [PlanProblemKind.StoreNotCollected] = S(a => $"The certificate store of {a.Name} was not collected, so the rehearsal cannot tell what it holds.",
            a => $"{a.Name} の証明書ストアは収集されていないため、何が入っているかをリハーサルでは判断できません。"),
        [PlanProblemKind.UnknownReceiveConnector] = S(
            a => $"There is no receive connector '{a.Name}' in the snapshot{(a.Server is { } s ? $" (the receive connectors of {s} were not collected)" : "")}.",
            a => $"スナップショットに受信コネクタ '{a.Name}' はありません{(a.Server is { } s ? $" ({s} の受信コネクタは収集されていません)" : "")}。"),
        [PlanProblemKind.ReceiveConnectorAmbiguous] = S(a => $"'{a.Name}' names receive connectors on several servers ({List(Names(a), false)}): write it as SERVER\\{a.Value}.",
            a => $"'{a.Name}' は複数のサーバー ({List(Names(a), true)}) の受信コネクタを指します。SERVER\\{a.Value} の形式で指定してください。"),
        [PlanProblemKind.SendConnectorsNotCollected] = S("The send connectors were not collected, so the rehearsal cannot change one.",
            "送信コネクタは収集されていないため、リハーサルでは変更できません。"),
        [PlanProblemKind.SendConnectorListNotCollected] = S("The send connectors were not collected.", "送信コネクタは収集されていません。"),
        [PlanProblemKind.UnknownSendConnector] = S(a => $"There is no send connector '{a.Name}' in the snapshot.", a => $"スナップショットに送信コネクタ '{a.Name}' はありません。"),
        [PlanProblemKind.NoPipelineInput] = S(a => $"{a.Command} takes no pipeline input here.", a => $"{a.Command} はここではパイプラインからの入力を受け取りません。"),
        [PlanProblemKind.WrongPipelineInput] = S(a => $"{a.Command} takes {Taken[a.Takes ?? PlanObjectKind.Other].En} from the pipeline, not {Object(a).En}.",
            a => $"{a.Command} がパイプラインから受け取るのは{Taken[a.Takes ?? PlanObjectKind.Other].Ja}で、{Object(a).JaNoun}ではありません。"),
        [PlanProblemKind.ReceiveConnectorIdentityMissing] = S("Set-ReceiveConnector needs -Identity, or a connector from Get-ReceiveConnector in the pipeline.",
            "Set-ReceiveConnector には -Identity か、パイプラインで Get-ReceiveConnector から渡す受信コネクタが必要です。"),
        [PlanProblemKind.SendConnectorIdentityMissing] = S("Set-SendConnector needs -Identity, or a connector from Get-SendConnector in the pipeline.",
            "Set-SendConnector には -Identity か、パイプラインで Get-SendConnector から渡す送信コネクタが必要です。"),
        [PlanProblemKind.NameEmpty] = S("-Name cannot be empty.", "-Name は空にできません。"),
        [PlanProblemKind.ReceiveConnectorNameTaken] = S(a => $"{a.Name} already has a receive connector named '{a.Value}'.",
            a => $"{a.Name} には '{a.Value}' という名前の受信コネクタがすでにあります。"),
        [PlanProblemKind.SendConnectorNameTaken] = S(a => $"There already is a send connector named '{a.Value}'.", a => $"'{a.Value}' という名前の送信コネクタがすでにあります。"),
        [PlanProblemKind.PortInvalid] = S("-Port takes a TCP port, 1 to 65535.", "-Port には TCP ポート (1 ～ 65535) を指定します。"),
        [PlanProblemKind.SourceIpAddressInvalid] = S("-SourceIPAddress takes an IP address.", "-SourceIPAddress には IP アドレスを指定します。"),
        [PlanProblemKind.CertificateNameMalformed] = S(
            a => $"'{a.Value}' is not a certificate name: -TlsCertificateName takes '<I>issuer<S>subject' (the certificate's Issuer and Subject), or $null to clear it.",
            a => $"'{a.Value}' は証明書の名前ではありません。-TlsCertificateName には '<I>issuer<S>subject' (証明書の Issuer と Subject) を指定します。値を消去するには $null を指定します。"),
        [PlanProblemKind.NoHybridConfiguration] = S(
            "The organisation has no hybrid configuration (Get-HybridConfiguration returned nothing), so Set-HybridConfiguration has nothing to change.",
            "組織にはハイブリッド構成がない (Get-HybridConfiguration が何も返さなかった) ため、Set-HybridConfiguration で変更するものがありません。"),
        [PlanProblemKind.HybridConfigurationNotCollected] = S("The hybrid configuration was not collected, so the rehearsal cannot change it.",
            "ハイブリッド構成は収集されていないため、リハーサルでは変更できません。"),

        // Edge subscriptions.
        [PlanProblemKind.NoEdgeServer] = S("The snapshot has no Edge server.", "スナップショットにエッジ トランスポート サーバーがありません。"),
        [PlanProblemKind.EdgeForFileUnknown] = S(
            a => $"The rehearsal cannot tell which Edge '{a.Value}' is for ({List(Names(a), false)}): name the file after the Edge, e.g. C:\\Temp\\{First(a)}-EdgeSubscription.xml.",
            a => $"'{a.Value}' がどのエッジ トランスポート サーバー ({List(Names(a), true)}) のファイルか、リハーサルでは判断できません。ファイル名にエッジの名前を入れてください (例: C:\\Temp\\{First(a)}-EdgeSubscription.xml)。"),
        [PlanProblemKind.SubscriptionFileMissing] = S("New-EdgeSubscription needs -FileName (on the Edge) or -FileData with -Site (on a Mailbox server).",
            "New-EdgeSubscription には -FileName (エッジ トランスポート サーバーで実行する場合) か、-FileData と -Site (メールボックス サーバーで実行する場合) が必要です。"),
        [PlanProblemKind.FileDataNotFile] = S("-FileData can be followed when it reads a file: ([System.IO.File]::ReadAllBytes('file')) or (Get-Content -Path 'file' -Encoding Byte -ReadCount 0).",
            "-FileData を追跡できるのは、ファイルを読み取る場合だけです: ([System.IO.File]::ReadAllBytes('file')) または (Get-Content -Path 'file' -Encoding Byte -ReadCount 0)。"),
        [PlanProblemKind.SiteMissing] = S("New-EdgeSubscription -FileData needs -Site, the Active Directory site of the Mailbox servers that synchronise with the Edge.",
            "New-EdgeSubscription -FileData には -Site (エッジと同期するメールボックス サーバーの Active Directory サイト) が必要です。"),
        [PlanProblemKind.EdgeSubscriptionIdentityMissing] = S("Remove-EdgeSubscription needs -Identity, the Edge server's name.",
            "Remove-EdgeSubscription には -Identity (エッジ トランスポート サーバーの名前) が必要です。"),
        [PlanProblemKind.NotAnEdge] = S(a => $"{a.Name} is not an Edge server.", a => $"{a.Name} はエッジ トランスポート サーバーではありません。"),
        [PlanProblemKind.UnknownEdgeSubscription] = S(a => $"There is no Edge subscription '{a.Name}'.", a => $"エッジ サブスクリプション '{a.Name}' はありません。"),

        // Certificates.
        [PlanProblemKind.ThumbprintMissing] = S(a => $"{a.Command} needs -Thumbprint, or a certificate from Get-ExchangeCertificate in the pipeline.",
            a => $"{a.Command} には -Thumbprint か、パイプラインで Get-ExchangeCertificate から渡す証明書が必要です。"),
        [PlanProblemKind.CertificateNotInStore] = S(
            a => $"{a.Name} has no certificate {a.Value} in its store{(a.Number is { } line ? $" (the plan removes it at line {I(line)})" : "")}.",
            a => $"{a.Name} の証明書ストアに証明書 {a.Value} はありません{(a.Number is { } line ? $" (計画の {I(line)} 行目で削除されます)" : "")}。"),
        [PlanProblemKind.ServicesMissing] = S("Enable-ExchangeCertificate needs -Services.", "Enable-ExchangeCertificate には -Services が必要です。"),
        [PlanProblemKind.ImportFromPipeline] = S("Import-ExchangeCertificate takes its file from -FileData or -FileName, not from the pipeline.",
            "Import-ExchangeCertificate はファイルをパイプラインからではなく、-FileData または -FileName から受け取ります。"),
        [PlanProblemKind.ImportFileMissing] = S("Import-ExchangeCertificate needs -FileData or -FileName.", "Import-ExchangeCertificate には -FileData または -FileName が必要です。"),
        [PlanProblemKind.PasswordNotFollowed] = S("-Password can be followed when the plan writes it: (ConvertTo-SecureString -String '…' -AsPlainText -Force).",
            "-Password を追跡できるのは、計画にパスワードを記述した場合だけです: (ConvertTo-SecureString -String '…' -AsPlainText -Force)。"),
        [PlanProblemKind.CertificateFileUnreadable] = S(a => CertificateFile(a.Name ?? "", a.File ?? CertificateFileFault.Unreadable, a.Detail, "en"),
            a => CertificateFile(a.Name ?? "", a.File ?? CertificateFileFault.Unreadable, a.Detail, "ja")),
        [PlanProblemKind.FileNotFound] = S(a => $"The file '{a.Name}' is not in {a.Value} (the rehearsal reads the files a plan names from the plan's folder, by their name).",
            a => $"ファイル '{a.Name}' が {a.Value} にありません (リハーサルでは、計画が指定するファイルを計画のフォルダーからファイル名で読み取ります)。"),
        [PlanProblemKind.InstanceDeprecated] = S("-Instance is deprecated; pipe the certificate from Get-ExchangeCertificate instead.",
            "-Instance は非推奨です。代わりに Get-ExchangeCertificate から証明書をパイプラインで渡してください。"),
        [PlanProblemKind.AcceptedDomainsNotCollected] = S(
            "The organisation's accepted domains were not collected; list the names with -DomainName instead of -IncludeAcceptedDomains / -IncludeAutoDiscover.",
            "組織の承認済みドメインは収集されていません。-IncludeAcceptedDomains / -IncludeAutoDiscover の代わりに -DomainName で名前を列挙してください。"),
        [PlanProblemKind.KeySizeInvalid] = S("-KeySize takes 1024, 2048 or 4096.", "-KeySize には 1024、2048、4096 のいずれかを指定します。"),
        [PlanProblemKind.CertificateMadeTwice] = S(a => $"This command makes certificate {a.Value} twice on {a.Name}.", a => $"このコマンドは {a.Name} で証明書 {a.Value} を 2 回作成します。"),
        [PlanProblemKind.CertificateNotMade] = S(a => $"The certificate cannot be made: {a.Detail}", a => $"証明書を作成できません ({a.Detail})。"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<CertificateFileFault, Sentence<string>> FileFaults = new Dictionary<CertificateFileFault, Sentence<string>>
    {
        [CertificateFileFault.Unreadable] = new(d => $"cannot be read: {d}", d => $"ファイルを読み取れません ({d})。"),
        [CertificateFileFault.NotACertificate] = new(d => $"is not a certificate ({d})", d => $"証明書ではありません ({d})。"),
        [CertificateFileFault.Pkcs12NeedsPassword] = new(d => $"is a PKCS #12 file that cannot be opened without -Password ({d})", d => $"-Password なしでは開けない PKCS #12 ファイルです ({d})。"),
        [CertificateFileFault.Pkcs12WrongPassword] = new(d => $"is not a PKCS #12 file that this password opens ({d})", d => $"このパスワードで開ける PKCS #12 ファイルではありません ({d})。"),
        [CertificateFileFault.NoCertificate] = new(_ => "holds no certificate", _ => "証明書が含まれていません。"),
        [CertificateFileFault.NotPkcs7] = new(d => $"is not a PKCS #7 certificate bundle ({d})", d => $"PKCS #7 の証明書バンドルではありません ({d})。"),
    }.ToFrozenDictionary();

    private static string Candidates(RenewalRefusal r, bool ja) =>
        List((r.Candidates.IsDefault ? [] : r.Candidates).Select(c => ja ? $"{c.Thumbprint} (有効期限 {Day(c.NotAfter)})" : $"{c.Thumbprint} expires {Day(c.NotAfter)}"), ja);

    private static readonly FrozenDictionary<RenewalRefusalKind, Sentence<RenewalRefusal>> Refusals = new Dictionary<RenewalRefusalKind, Sentence<RenewalRefusal>>
    {
        [RenewalRefusalKind.SameCertificate] = new(r => $"The new certificate {r.Thumbprint} is the one --replaces names: give the certificate that replaces it.",
            r => $"新しい証明書 {r.Thumbprint} は --replaces で指定した証明書そのものです。それを置き換える証明書を指定してください。"),
        [RenewalRefusalKind.ReplacedNotFound] = new(r => $"No server's store holds the certificate {r.Thumbprint} that --replaces names.",
            r => $"--replaces で指定した証明書 {r.Thumbprint} は、どのサーバーの証明書ストアにもありません。"),
        [RenewalRefusalKind.NothingToReplace] = new(
            r => $"No certificate in the dump has the subject {r.Subject} or the same names as the new certificate: say which one it replaces with --replaces THUMBPRINT.",
            r => $"ダンプには、サブジェクトが {r.Subject} の証明書も、新しい証明書と同じ名前を持つ証明書もありません。どの証明書を置き換えるかを --replaces THUMBPRINT で指定してください。"),
        [RenewalRefusalKind.SeveralToReplace] = new(
            r => $"Several certificates could be the one the new certificate replaces ({Candidates(r, false)}): say which with --replaces THUMBPRINT.",
            r => $"新しい証明書が置き換える証明書の候補が複数あります ({Candidates(r, true)})。どれを置き換えるかを --replaces THUMBPRINT で指定してください。"),
        [RenewalRefusalKind.UnknownServer] = new(r => $"There is no server '{r.Server}' in the dump.", r => $"ダンプにサーバー '{r.Server}' はありません。"),
        [RenewalRefusalKind.ServerLacksCertificate] = new(r => $"{r.Server}'s store does not hold the certificate {r.Thumbprint} being replaced.",
            r => $"{r.Server} の証明書ストアには、置き換える証明書 {r.Thumbprint} がありません。"),
    }.ToFrozenDictionary();

    private static string Servers(RenewalNote n, bool ja) => List(n.Servers.IsDefault ? [] : n.Servers, ja);

    private static readonly FrozenDictionary<RenewalNoteKind, Sentence<RenewalNote>> Notes = new Dictionary<RenewalNoteKind, Sentence<RenewalNote>>
    {
        [RenewalNoteKind.SendConnectorOtherSources] = new(n => $"{n.Target} also sends from {Servers(n, false)}, which this plan does not give the new certificate.",
            n => $"送信コネクタ {n.Target} は {Servers(n, true)} からも送信しますが、この計画ではそれらのサーバーに新しい証明書をインポートしません。"),
        [RenewalNoteKind.HybridConfigurationNotCollected] = new(
            _ => "The hybrid configuration was not collected: check Get-HybridConfiguration's TlsCertificateName and set it to the new certificate with Set-HybridConfiguration.",
            _ => "ハイブリッド構成は収集されていません。Get-HybridConfiguration の TlsCertificateName を確認し、Set-HybridConfiguration で新しい証明書を設定してください。"),
        [RenewalNoteKind.HybridOtherServers] = new(n => $"{n.Target} also names {Servers(n, false)} as hybrid transport servers, which this plan does not give the new certificate.",
            n => $"ハイブリッド構成 {n.Target} は {Servers(n, true)} もハイブリッドのトランスポート サーバーとして指定していますが、この計画ではそれらのサーバーに新しい証明書をインポートしません。"),
    }.ToFrozenDictionary();
}
