using System.Collections.Frozen;
using System.Globalization;
using Extls.Model;

namespace Extls.Reporting;

/// <summary>
/// Every sentence an input problem reads as, in English and Japanese, keyed by <see cref="ProblemKind"/>: the readers
/// name what went wrong and its facts, and this table is the only place they become words. The English is what the
/// JSON and SARIF output carry as "message", beside the kind's stable code. Japanese follows Microsoft's Exchange
/// terms (受信コネクタ, 送信コネクタ, 拇印, 証明書ストア, 秘密キー, 自己署名). What .NET or a library said about a file (an I/O
/// error, a parser's reason) is quoted as it said it.
/// </summary>
public static class ProblemWording
{
    /// <summary>The problem's sentence, with its path hint if any, in the culture ("en", "ja").</summary>
    public static string Message(ImportProblem p, string culture)
    {
        var ja = Fmt.IsJapanese(culture);
        var text = Sentences.TryGetValue(p.Kind, out var sentence) ? sentence.In(ja, p.Arguments) : p.Code;
        return p.Hint is { } hint ? text + (ja ? "" : " ") + Hint(hint, ja) : text;
    }

    /// <summary>The English sentence: the "message" of the JSON and SARIF output.</summary>
    public static string English(ImportProblem p) => Message(p, "en");

    /// <summary>The problem as editors and CI logs pick it up: file:line: jsonPath: message.</summary>
    public static string Line(ImportProblem p, string culture) => $"{p.Where}: {Message(p, culture)}";

    /// <summary>
    /// For <see cref="Extls.Rules.AnalysisOptions.ProblemText"/>: the problem with its line and JSON path, in the finding's
    /// language. The finding's own location names the file (as the user typed it; the problem holds the path it was read from).
    /// </summary>
    public static string WithPlace(ImportProblem p, string culture)
    {
        var ja = Fmt.IsJapanese(culture);
        var line = p.Line > 0 ? (ja ? $"{Fmt.Int(p.Line)} 行目、" : $"line {Fmt.Int(p.Line)}, ") : "";
        // The rule's message puts it in parentheses and ends the sentence itself.
        var message = Message(p, culture);
        message = message.EndsWith(ja ? '。' : '.') ? message[..^1] : message;
        return $"{line}{p.JsonPath}: {message}";
    }

    /// <summary>The kinds that have no sentence (a test keeps this empty).</summary>
    internal static IEnumerable<ProblemKind> Missing => Enum.GetValues<ProblemKind>().Where(k => !Sentences.ContainsKey(k));

    /// <summary>A count or limit with thousands separators (1,000).</summary>
    private static string N(long? n) => (n ?? 0).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A number as it is (4096): sizes and counts the messages have always given plain.</summary>
    private static string I(long? n) => (n ?? 0).ToString(CultureInfo.InvariantCulture);

    private static string Q(string? s) => "\"" + s + "\"";

    private static string Found(FoundValue? f, bool ja) => f?.Shape switch
    {
        ValueShape.Text => Q(f.Text),
        ValueShape.Null => "null",
        ValueShape.Array => ja ? "配列" : "an array",
        ValueShape.Object => ja ? "オブジェクト" : "an object",
        null => ja ? "(不明)" : "(unknown)",
        _ => f.Text ?? f.Shape.ToString(),
    };

    private static string List(IEnumerable<string> names, bool ja) => string.Join(ja ? "、" : ", ", names);

    /// <summary>"A or B", "A, B or C".</summary>
    private static string Or(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];

    /// <summary>"neither A nor B", "neither A, B nor C"; one name: "no A".</summary>
    private static string Neither(IReadOnlyList<string> names) =>
        names.Count <= 1 ? "no " + string.Concat(names) : "neither " + string.Join(", ", names.Take(names.Count - 1)) + " nor " + names[^1];

    private static IReadOnlyList<string> Names(ProblemArguments a) => a.Names.IsDefault ? [] : a.Names;

    private static readonly FrozenDictionary<ExpectedValue, Words> ExpectedWords = new Dictionary<ExpectedValue, Words>
    {
        [ExpectedValue.ArrayOrObject] = new("an array or an object", "配列またはオブジェクト"),
        [ExpectedValue.Object] = new("an object", "オブジェクト"),
        [ExpectedValue.Text] = new("a text value", "文字列"),
        [ExpectedValue.Boolean] = new("true or false", "true または false"),
        [ExpectedValue.WholeNumber] = new("a whole number", "整数"),
        [ExpectedValue.List] = new("a list", "リスト"),
        [ExpectedValue.Role] = new("a role", "役割"),
        [ExpectedValue.Seconds] = new("a number of seconds", "秒数"),
        [ExpectedValue.IsoDateTime] = new("an ISO 8601 date and time", "ISO 8601 の日時"),
        [ExpectedValue.Duration] = new("a duration", "期間"),
        [ExpectedValue.Guid] = new("a GUID", "GUID"),
        [ExpectedValue.CharacterCode] = new("a character code", "文字コード"),
        [ExpectedValue.Base64] = new("base64 bytes", "base64 のバイト列"),
        [ExpectedValue.Value] = new("a value", "値"),
        [ExpectedValue.Integer] = new("an integer", "整数"),
        [ExpectedValue.UnsignedInteger] = new("an unsigned integer", "符号なし整数"),
        [ExpectedValue.FloatingPoint] = new("a floating-point number", "浮動小数点数"),
        [ExpectedValue.Decimal] = new("a decimal number", "10 進数"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<EntryKind, Words> EntryWords = new Dictionary<EntryKind, Words>
    {
        [EntryKind.ExchangeServer] = new("A Get-ExchangeServer entry", "Get-ExchangeServer のエントリ"),
        [EntryKind.ReceiveConnector] = new("A receive connector", "受信コネクタ"),
        [EntryKind.SendConnector] = new("A send connector", "送信コネクタ"),
        [EntryKind.EdgeSubscription] = new("An Edge subscription", "エッジ サブスクリプション"),
        [EntryKind.HybridConfiguration] = new("A hybrid configuration", "ハイブリッド構成"),
        [EntryKind.AcceptedDomain] = new("An accepted domain", "承認済みドメイン"),
        [EntryKind.HostAddress] = new("A host address entry", "ホスト アドレスのエントリ"),
        [EntryKind.Event] = new("An event", "イベント"),
        [EntryKind.Certificate] = new("A certificate", "証明書"),
        [EntryKind.TransportService] = new("A transport service", "トランスポート サービス"),
        [EntryKind.Finding] = new("A finding", "検出事項"),
        [EntryKind.Result] = new("A result", "結果"),
        [EntryKind.Selection] = new("A selection", "選択"),
    }.ToFrozenDictionary();

    /// <summary>What a transport server's empty section should have held (SectionEmpty).</summary>
    private static readonly FrozenDictionary<EntryKind, Words> EmptySectionWords = new Dictionary<EntryKind, Words>
    {
        [EntryKind.TransportService] = new("no transport service, though every Exchange transport server has one", "トランスポート サービスがありません (Exchange のトランスポート サーバーには必ずあります)"),
        [EntryKind.ReceiveConnector] = new("no receive connector, though every Exchange transport server has its default receive connectors", "受信コネクタがありません (Exchange のトランスポート サーバーには既定の受信コネクタが必ずあります)"),
        [EntryKind.Certificate] = new("no certificate, though the store of every Exchange transport server holds at least its self-signed certificate", "証明書がありません (Exchange のトランスポート サーバーの証明書ストアには少なくとも自己署名証明書があります)"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<CsvFault, Words> FaultWords = new Dictionary<CsvFault, Words>
    {
        [CsvFault.StrayQuote] = new("a quote inside an unquoted field", "引用符で囲まれていないフィールド内の引用符"),
        [CsvFault.TextAfterClosingQuote] = new("text after the closing quote of a field", "フィールドの閉じ引用符の後の文字"),
        [CsvFault.UnterminatedQuote] = new("a quoted field is never closed", "引用符で囲まれたフィールドが閉じられていません"),
        [CsvFault.LineBreakInQuotes] = new("a line break inside a quoted field", "引用符で囲まれたフィールド内の改行"),
        [CsvFault.FieldCountMismatch] = new("a row with the wrong number of fields", "フィールド数が正しくない行"),
        [CsvFault.Other] = new("a quoting error", "引用符の誤り"),
    }.ToFrozenDictionary();

    private static string Expected(ProblemArguments a, bool ja) => a.Expected is { } e ? ExpectedWords[e].In(ja) : ja ? "値" : "a value";

    private static string Entry(ProblemArguments a, bool ja) => a.Entry is { } e ? EntryWords[e].In(ja) : ja ? "エントリ" : "An entry";

    private static string Fault(ProblemArguments a, bool ja) => FaultWords[a.Fault ?? CsvFault.Other].In(ja);

    private static string Detail(ProblemArguments a) => a.Detail ?? "";

    /// <summary>": detail" when there is one.</summary>
    private static string WithDetail(ProblemArguments a) => string.IsNullOrEmpty(a.Detail) ? "" : ": " + a.Detail;

    /// <summary>
    /// ": detail." closing a sentence: .NET's own messages mostly end in a full stop already, and one is added only
    /// where the detail lacks it (or there is none), so "Central Directory corrupt." is not followed by a second.
    /// </summary>
    private static string WithDetailClosed(ProblemArguments a) => Closed(WithDetail(a));

    /// <summary>The text with a full stop at its end unless it already ends a sentence.</summary>
    internal static string Closed(string text) => text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') ? text : text + ".";

    /// <summary>
    /// " (詳細: 「detail」)" for Japanese, which puts the reason before the verb: what .NET or a library said stays in its own
    /// words, marked as the original message so the Japanese sentence reads whole without it.
    /// </summary>
    private static string DetailJa(ProblemArguments a) => string.IsNullOrEmpty(a.Detail) ? "" : $" (詳細: 「{a.Detail}」)";

    private static Sentence<ProblemArguments> S(Func<ProblemArguments, string> en, Func<ProblemArguments, string> ja) => new(en, ja);

    private static readonly FrozenDictionary<ProblemKind, Sentence<ProblemArguments>> Sentences = new Dictionary<ProblemKind, Sentence<ProblemArguments>>
    {
        [ProblemKind.PathNotFound] = S(_ => "No such file or folder.", _ => "ファイルまたはフォルダーがありません。"),
        [ProblemKind.CannotRead] = S(a => string.IsNullOrEmpty(a.Detail) ? "The file cannot be read." : "Cannot read the file: " + a.Detail, a => $"ファイルを読み取れません{DetailJa(a)}。"),
        [ProblemKind.NotADump] = S(_ => "Not an extls dump: no manifest.json, org/ or servers/ in it.", _ => "extls のダンプではありません: manifest.json、org/、servers/ のいずれもありません。"),
        [ProblemKind.NoBuiltInSample] = S(_ => "This build of extls carries no built-in sample organisation; pass the path of a dump.", _ => "この extls のビルドには組み込みのサンプル組織がありません。ダンプのパスを指定してください。"),
        [ProblemKind.NotAReport] = S(_ => "not a report of extls: give the JSON or SARIF report of an earlier run (extls analyze DUMP --format json --output FILE)", _ => "extls のレポートではありません。以前の実行の JSON または SARIF レポートを指定してください (extls analyze DUMP --format json --output FILE)。"),
        [ProblemKind.LinkToFolder] = S(a => $"\"{a.Name}\" is a link to a folder ({a.Value}); links are not followed out of a dump.", a => $"\"{a.Name}\" はフォルダーへのリンクです ({a.Value})。ダンプの外へのリンクはたどりません。"),
        [ProblemKind.LinkOutsideDump] = S(a => $"\"{a.Name}\" is a link to {a.Value}, outside the dump; it is not read.", a => $"\"{a.Name}\" はダンプの外にある {a.Value} へのリンクです。読み取りません。"),
        [ProblemKind.ZipTooManyEntries] = S(a => $"The zip holds {I(a.Number)} entries, more than the limit of {I(a.Limit)}. The zip is not read.", a => $"zip のエントリ数 {I(a.Number)} が上限 {I(a.Limit)} を超えています。zip は読み取りません。"),
        [ProblemKind.ZipEntryOutsideDump] = S(a => $"The entry \"{a.Name}\" points outside the dump (\"..\" or an absolute path). The zip is not read.", a => $"エントリ \"{a.Name}\" はダンプの外を指しています (\"..\" または絶対パス)。zip は読み取りません。"),
        [ProblemKind.ZipEntryTooLarge] = S(a => $"The entry \"{a.Name}\" expands to more than {I(a.Limit)} bytes. The zip is not read.", a => $"エントリ \"{a.Name}\" は展開すると {I(a.Limit)} バイトを超えます。zip は読み取りません。"),
        [ProblemKind.ZipEntryRatio] = S(a => $"The entry \"{a.Name}\" expands to more than {I(a.Limit)} times its compressed size ({I(a.Number)} bytes), as only a zip bomb does. The zip is not read.", a => $"エントリ \"{a.Name}\" は展開すると圧縮サイズ ({I(a.Number)} バイト) の {I(a.Limit)} 倍を超えます。これは zip 爆弾の特徴です。zip は読み取りません。"),
        [ProblemKind.ZipTooLarge] = S(a => $"The zip expands to more than {I(a.Limit)} bytes in total. The zip is not read.", a => $"zip は展開すると合計 {I(a.Limit)} バイトを超えます。zip は読み取りません。"),
        [ProblemKind.NotAZip] = S(a => "The file is not a readable zip" + WithDetailClosed(a) + " The zip is not read.", a => $"ファイルは読み取り可能な zip ではありません{DetailJa(a)}。zip は読み取りません。"),
        [ProblemKind.ByteOrderMarkBytesInvalid] = S(a => $"The file starts with a {a.Name} byte order mark, but it holds bytes that are not {a.Name}.", a => $"ファイルは {a.Name} のバイト順マークで始まりますが、{a.Name} ではないバイトを含んでいます。"),
        [ProblemKind.ByteOrderMarkTextInvalid] = S(a => $"The file starts with a {a.Name} byte order mark, but what follows is not {a.Name} text.", a => $"ファイルは {a.Name} のバイト順マークで始まりますが、続く内容は {a.Name} のテキストではありません。"),

        [ProblemKind.ManifestNotObject] = S(_ => "The manifest should be a JSON object.", _ => "manifest.json は JSON オブジェクトである必要があります。"),
        [ProblemKind.UnknownDumpFormat] = S(a => $"Unknown dump format \"{a.Value}\"; expected \"{a.Name}\". Reading it as that.", a => $"ダンプ形式 \"{a.Value}\" は不明です。\"{a.Name}\" であるものとして読み取ります。"),
        [ProblemKind.SkippedServerUnnamed] = S(_ => "A skipped server entry names no server; it is ignored.", _ => "対象外にしたサーバーのエントリにサーバー名がありません。無視します。"),
        [ProblemKind.SectionEmpty] = S(a => $"The file holds {(a.Entry is { } e && EmptySectionWords.TryGetValue(e, out var w) ? w.En : "nothing")}: the collection of this section is incomplete.", a => $"ファイルに{(a.Entry is { } e && EmptySectionWords.TryGetValue(e, out var w) ? w.Ja : "何もありません")}。このセクションの収集は不完全です。"),
        [ProblemKind.CannotMap] = S(a => "The file cannot be mapped" + WithDetail(a), a => $"ファイルの内容を解釈できません{DetailJa(a)}。"),
        [ProblemKind.ServerInSeveralDumps] = S(a => $"Server {a.Name} is in more than one dump; the first one given is kept.", a => $"サーバー {a.Name} は複数のダンプにあります。最初に指定したものを使います。"),
        [ProblemKind.MoreProblemsNotListed] = S(a => $"{N(a.Number)} more problems in this file are not listed; the first {N(a.Limit)} are.", a => $"このファイルには一覧にない問題がほかに {N(a.Number)} 件あります。最初の {N(a.Limit)} 件だけを示します。"),

        [ProblemKind.MalformedJson] = S(a => "Malformed JSON" + WithDetail(a), a => $"JSON の形式が正しくありません{DetailJa(a)}。"),
        [ProblemKind.ContentAfterJson] = S(_ => "Unexpected content after the end of the JSON value.", _ => "JSON 値の終わりの後に余分な内容があります。"),
        [ProblemKind.JsonStringTooLong] = S(a => $"A string is longer than {N(a.Limit)} characters, far longer than any value Exchange writes; the file is not read.", a => $"文字列が {N(a.Limit)} 文字を超えています。Exchange が書き出すどの値よりもはるかに長いため、ファイルは読み取りません。"),
        [ProblemKind.JsonTooDeep] = S(a => $"The JSON nests deeper than {N(a.Limit)} levels, deeper than ConvertTo-Json writes; the file is not read.", a => $"JSON の入れ子が {N(a.Limit)} 階層を超えています。ConvertTo-Json が書き出すより深いため、ファイルは読み取りません。"),
        [ProblemKind.JsonTooManyElements] = S(a => $"An array or object holds more than {N(a.Limit)} elements, more than any Exchange organisation has; the file is not read.", a => $"配列またはオブジェクトの要素が {N(a.Limit)} 個を超えています。どの Exchange 組織よりも多いため、ファイルは読み取りません。"),

        [ProblemKind.CliXmlEmpty] = S(_ => "The file is empty; Export-Clixml writes at least an <Objs> root.", _ => "ファイルが空です。Export-Clixml は少なくとも <Objs> ルートを書き出します。"),
        [ProblemKind.CliXmlNoElement] = S(_ => "The file holds no XML element; Export-Clixml writes an <Objs> root.", _ => "ファイルに XML 要素がありません。Export-Clixml は <Objs> ルートを書き出します。"),
        [ProblemKind.CliXmlWrongRoot] = S(a => $"The root element is <{a.Name}>, not the <Objs> that Export-Clixml writes.", a => $"ルート要素が <{a.Name}> です。Export-Clixml が書き出す <Objs> ではありません。"),
        [ProblemKind.CliXmlWrongNamespace] = S(a => $"The <Objs> root is not in the namespace {a.Name}; it is read as CliXml anyway.", a => $"<Objs> ルートが名前空間 {a.Name} にありません。それでも CliXml として読み取ります。"),
        [ProblemKind.CliXmlTextInRoot] = S(_ => "Text directly inside <Objs> is not an object; it is ignored.", _ => "<Objs> の直下にある文字列はオブジェクトではありません。無視します。"),
        [ProblemKind.XmlNestedTooDeep] = S(a => $"Elements are nested more than {I(a.Limit)} levels deep; the object is skipped.", a => $"要素の入れ子が {I(a.Limit)} 階層を超えています。このオブジェクトはスキップします。"),
        [ProblemKind.MalformedXml] = S(a => "The XML is malformed" + WithDetail(a), a => $"XML の形式が正しくありません{DetailJa(a)}。"),
        [ProblemKind.CliXmlValuesTooDeep] = S(a => $"Values are nested more than {I(a.Limit)} levels deep; the rest is read as null.", a => $"値の入れ子が {I(a.Limit)} 階層を超えています。残りは null として読み取ります。"),
        [ProblemKind.CliXmlUnknownElement] = S(a => $"<{a.Name}> is not a value element of CliXml; it is read as null.", a => $"<{a.Name}> は CliXml の値の要素ではありません。null として読み取ります。"),
        [ProblemKind.CliXmlRefIdRepeated] = S(a => $"RefId {a.Value} is used by more than one object; references go to the first.", a => $"RefId {a.Value} が複数のオブジェクトで使われています。参照は最初のものを指します。"),
        [ProblemKind.CliXmlPropertyUnnamed] = S(a => $"A property element <{a.Name}> has no N attribute (name); it is skipped.", a => $"プロパティ要素 <{a.Name}> に N 属性 (名前) がありません。スキップします。"),
        [ProblemKind.CliXmlDictionaryEntryWithoutKey] = S(_ => "A dictionary entry has no <En> element with a Key; it is skipped.", _ => "ディクショナリのエントリに Key を持つ <En> 要素がありません。スキップします。"),
        [ProblemKind.CliXmlDictionaryKeyRepeated] = S(a => $"The dictionary key '{a.Value}' occurs twice; the first entry is used.", a => $"ディクショナリのキー '{a.Value}' が 2 回現れます。最初のエントリを使います。"),
        [ProblemKind.CliXmlRefWithoutId] = S(_ => "A <Ref> has no RefId; it is read as null.", _ => "<Ref> に RefId がありません。null として読み取ります。"),
        [ProblemKind.CliXmlReferencesTooMany] = S(a => $"References expand to more than {I(a.Limit)} values; this one is read as null.", a => $"参照を展開すると {I(a.Limit)} 個を超える値になります。この参照は null として読み取ります。"),
        [ProblemKind.CliXmlRefUndefined] = S(a => $"<Ref RefId=\"{a.Value}\"> refers to no object defined before it; it is read as null.", a => $"<Ref RefId=\"{a.Value}\"> は、それより前に定義されたどのオブジェクトも指していません。null として読み取ります。"),
        [ProblemKind.CliXmlTypeNamesUndefined] = S(a => $"<TNRef RefId=\"{a.Value}\"> refers to no type name list defined before it.", a => $"<TNRef RefId=\"{a.Value}\"> は、それより前に定義されたどの型名リストも指していません。"),
        [ProblemKind.CliXmlValueInvalid] = S(a => $"<{a.Name}> '{a.Value}' is not {Expected(a, false)}; it is read as null.", a => $"<{a.Name}> '{a.Value}' は{Expected(a, true)}ではありません。null として読み取ります。"),

        [ProblemKind.CsvQuoting] = S(a => $"Malformed CSV quoting ({Fault(a, false)}); the row was read as far as possible.", a => $"CSV の引用符が正しくありません ({Fault(a, true)})。行は読み取れる範囲で読み取りました。"),
        [ProblemKind.CsvFieldCount] = S(a => $"Row has {I(a.Number)} fields but the header has {I(a.Limit)}; the row is skipped.", a => $"行のフィールド数は {I(a.Number)} ですが、ヘッダーは {I(a.Limit)} です。この行はスキップします。"),
        [ProblemKind.CsvUnreadable] = S(a => "The CSV file could not be read further" + WithDetail(a), a => $"CSV ファイルをこれ以上読み取れません{DetailJa(a)}。"),
        [ProblemKind.CsvHeaderUnnamed] = S(a => $"Header column {I(a.Number)} has no name; the column is ignored.", a => $"ヘッダーの {I(a.Number)} 列目に名前がありません。この列は無視します。"),
        [ProblemKind.CsvHeaderRepeated] = S(a => $"Header column {I(a.Number)} repeats the name '{a.Name}'; only the first column of that name is used.", a => $"ヘッダーの {I(a.Number)} 列目は名前 '{a.Name}' を繰り返しています。その名前の最初の列だけを使います。"),

        [ProblemKind.UnexpectedValue] = S(
            a => a.Name is null ? $"Expected {Expected(a, false)}, found {Found(a.Found, false)}." : $"Expected {Expected(a, false)} for {a.Name}, found {Found(a.Found, false)}.",
            a => a.Name is null ? $"{Expected(a, true)}が必要ですが、{Found(a.Found, true)} でした。" : $"{a.Name} には{Expected(a, true)}が必要ですが、{Found(a.Found, true)} でした。"),
        [ProblemKind.EntryNotObject] = S(a => $"Expected an object, found {Found(a.Found, false)}; the entry is skipped.", a => $"オブジェクトが必要ですが、{Found(a.Found, true)} でした。このエントリはスキップします。"),
        [ProblemKind.NotAnEnumValue] = S(a => $"{Found(a.Found, false)} is not a value of {a.Name} ({List(Names(a), false)}).", a => $"{Found(a.Found, true)} は {a.Name} の値ではありません ({List(Names(a), true)})。"),
        [ProblemKind.ListEntryUnreadable] = S(a => $"Cannot read an entry of {a.Name}: {Found(a.Found, false)}.", a => $"{a.Name} のエントリを読み取れません: {Found(a.Found, true)}。"),
        [ProblemKind.NotADate] = S(a => $"Cannot read {Found(a.Found, false)} as a date for {a.Name}.", a => $"{Found(a.Found, true)} を {a.Name} の日付として読み取れません。"),
        [ProblemKind.BindingUnreadable] = S(a => $"Cannot read {Found(a.Found, false)} as a binding of {a.Name} (address:port, [IPv6]:port); the entry is left out.", a => $"{Found(a.Found, true)} を {a.Name} のバインド (アドレス:ポート、[IPv6]:ポート) として読み取れません。このエントリは除外します。"),
        [ProblemKind.IpAddressUnreadable] = S(a => $"Cannot read {Found(a.Found, false)} as an IP address for {a.Name}.", a => $"{Found(a.Found, true)} を {a.Name} の IP アドレスとして読み取れません。"),
        [ProblemKind.RangeBoundsUnreadable] = S(a => $"Cannot read the range of {a.Name} from its LowerBound and UpperBound; the entry is left out.", a => $"{a.Name} の範囲を LowerBound と UpperBound から読み取れません。このエントリは除外します。"),
        [ProblemKind.RangeUnreadable] = S(a => $"Cannot read {Found(a.Found, false)} as a range of {a.Name} (an address, address/length or start-end); the entry is left out.", a => $"{Found(a.Found, true)} を {a.Name} の範囲 (アドレス、アドレス/長さ、開始-終了) として読み取れません。このエントリは除外します。"),
        [ProblemKind.EntryUnnamed] = S(
            a => a.Entry == EntryKind.Event ? $"An event without {Or(Names(a))} is skipped." : $"{Entry(a, false)} has {Neither(Names(a))}; it is skipped.",
            a => $"{Entry(a, true)}に {List(Names(a), true)} がありません。スキップします。"),
        [ProblemKind.NoInternalCertificateEntry] = S(_ => "The file holds no internal transport certificate entry.", _ => "ファイルに内部トランスポート証明書のエントリがありません。"),
        [ProblemKind.InternalCertificateValueMissing] = S(a => $"{a.Name} is missing: the AD value is unknown.", a => $"{a.Name} がありません。AD の値は不明です。"),
        [ProblemKind.RawDataUnreadable] = S(a => $"{a.Name} cannot be read ({Detail(a)}); the certificate's own properties are used instead.", a => $"{a.Name} を読み取れません{DetailJa(a)}。代わりに証明書自身のプロパティを使います。"),
        [ProblemKind.CertificateIncomplete] = S(a => $"A certificate without readable RawData lacks {List(Names(a), false)}; it is skipped.", a => $"読み取れる RawData のない証明書に {List(Names(a), true)} がありません。スキップします。"),

        [ProblemKind.NotASnapshot] = S(a => $"Not a snapshot file: \"format\" must be \"{a.Value}\". A raw dump is read from its folder or zip.", a => $"スナップショット ファイルではありません: \"format\" は \"{a.Value}\" である必要があります。未加工のダンプはそのフォルダーまたは zip から読み取ります。"),
        [ProblemKind.SnapshotPropertyMissing] = S(a => $"Required property \"{a.Name}\" is missing.", a => $"必須のプロパティ \"{a.Name}\" がありません。"),
        [ProblemKind.SnapshotPropertyUnknown] = S(a => $"Property \"{a.Name}\" is not part of the snapshot format.", a => $"プロパティ \"{a.Name}\" はスナップショット形式にありません。"),
        [ProblemKind.SnapshotSchemaViolation] = S(a => $"Schema violation: {a.Name}.", a => $"スキーマに違反しています: {a.Name}。"),

        [ProblemKind.NotAnEventsExport] = S(_ => "Not an events export: the file should end in .json, .csv or .xml.", _ => "イベントのエクスポートではありません: ファイルの拡張子は .json、.csv、.xml のいずれかである必要があります。"),
        [ProblemKind.NoEvidenceInside] = S(_ => "No protocol log (*.LOG) or event export (TransportEvents.json) in it.", _ => "プロトコル ログ (*.LOG) もイベントのエクスポート (TransportEvents.json) もありません。"),
        [ProblemKind.LogQuoting] = S(a => $"Malformed CSV quoting ({Fault(a, false)}); the row is skipped.", a => $"CSV の引用符が正しくありません ({Fault(a, true)})。この行はスキップします。"),
        [ProblemKind.LogFieldsMissing] = S(a => $"The #Fields: header lacks {List(Names(a), false)}; the rows under it are not read.", a => $"#Fields: ヘッダーに {List(Names(a), true)} がありません。その下の行は読み取りません。"),
        [ProblemKind.LogRowBeforeFields] = S(_ => "A row before any #Fields: header; the row is skipped.", _ => "#Fields: ヘッダーより前に行があります。この行はスキップします。"),
        [ProblemKind.LogTypeUnknown] = S(_ => "Neither the #Log-type: header nor the file name says whether this is a receive or a send log; the row is skipped.", _ => "#Log-type: ヘッダーからもファイル名からも、受信ログか送信ログかがわかりません。この行はスキップします。"),
        [ProblemKind.LogFieldCount] = S(a => $"The row has {I(a.Number)} fields but the #Fields: header names {I(a.Limit)}; the row is skipped.", a => $"行のフィールド数は {I(a.Number)} ですが、#Fields: ヘッダーは {I(a.Limit)} 個を示しています。この行はスキップします。"),
        [ProblemKind.LogNotADate] = S(a => $"'{a.Value}' is not a date-time; the row is skipped.", a => $"'{a.Value}' は日時ではありません。この行はスキップします。"),
        [ProblemKind.LogNotAnEvent] = S(a => $"'{a.Value}' is not a protocol log event (+ - < > *); the row is skipped.", a => $"'{a.Value}' はプロトコル ログのイベント (+ - < > *) ではありません。この行はスキップします。"),
        [ProblemKind.LogCertificateWithoutThumbprint] = S(_ => "A 'Sending certificate' row names no 40-hex thumbprint; the row is skipped.", _ => "'Sending certificate' の行に 40 桁の 16 進数の拇印がありません。この行はスキップします。"),
        [ProblemKind.LogUnreadable] = S(a => "The log cannot be read further" + WithDetail(a), a => $"ログをこれ以上読み取れません{DetailJa(a)}。"),
        [ProblemKind.LogNotText] = S(a => "The log is not text" + WithDetail(a), a => $"ログはテキストではありません{DetailJa(a)}。"),
        [ProblemKind.LogMoreRowsUnread] = S(a => $"{I(a.Number)} more rows of this file could not be read (the first {I(a.Limit)} are listed).", a => $"このファイルではほかに {I(a.Number)} 行を読み取れませんでした (最初の {I(a.Limit)} 行を示します)。"),

        [ProblemKind.ConfigNotYaml] = S(a => "not valid YAML" + WithDetail(a), a => $"有効な YAML ではありません{DetailJa(a)}。"),
        [ProblemKind.ConfigAliasesTooMany] = S(a => $"the configuration expands to more than {N(a.Limit)} values through its aliases (*name); it is not read", a => $"構成はエイリアス (*name) により {N(a.Limit)} 個を超える値に展開されます。読み取りません。"),
        [ProblemKind.ConfigNotMapping] = S(a => $"the configuration must be a mapping ({List(Names(a), false)})", a => $"構成はマッピング ({List(Names(a), true)}) である必要があります。"),
        [ProblemKind.UnknownSetting] = S(a => $"unknown setting '{a.Name}' (expected {Or(Names(a))})", a => $"不明な設定 '{a.Name}' です ({List(Names(a), true)} のいずれかを指定してください)。"),
        [ProblemKind.RulesNotMapping] = S(_ => "rules must be a mapping from rule id to { severity: … }", _ => "rules はルール ID から { severity: … } へのマッピングである必要があります。"),
        [ProblemKind.UnknownRuleId] = S(a => $"'{a.Value}' is not an extls rule id", a => $"'{a.Value}' は extls のルール ID ではありません。"),
        [ProblemKind.RuleSettingNotMapping] = S(_ => "expected { severity: none|note|warning|error }", _ => "{ severity: none|note|warning|error } の形式で指定してください。"),
        [ProblemKind.ValueNotAllowed] = S(a => $"{a.Name} must be {Or(Names(a))}, not '{a.Value}'", a => $"{a.Name} には {List(Names(a), true)} のいずれかを指定してください ('{a.Value}' は指定できません)。"),
        [ProblemKind.SuppressionsNotList] = S(_ => "suppressions must be a list", _ => "suppressions はリストである必要があります。"),
        [ProblemKind.SuppressionNotMapping] = S(_ => "a suppression must be a mapping with ruleId, target, justification and optionally expires", _ => "抑制は ruleId、target、justification (および必要に応じて expires) を持つマッピングである必要があります。"),
        [ProblemKind.SuppressionFieldMissing] = S(a => $"a suppression needs a non-empty {a.Name}", a => $"抑制には空でない {a.Name} が必要です。"),
        [ProblemKind.NotWholeDays] = S(a => $"expected a whole number of days, not '{a.Value}'", a => $"日数は 0 以上の整数で指定してください ('{a.Value}' は指定できません)。"),
        [ProblemKind.NotAConfigDate] = S(a => $"expected an ISO 8601 date (2026-06-30) or date-time, not '{a.Value}'", a => $"ISO 8601 の日付 (2026-06-30) または日時で指定してください ('{a.Value}' は指定できません)。"),
        [ProblemKind.HelpUriNotAbsolute] = S(a => $"helpUriBase: '{a.Value}' is not an absolute http or https address (for example https://wiki.contoso.com/extls/rules/)", a => $"helpUriBase: '{a.Value}' は http または https の絶対アドレスではありません (例: https://wiki.contoso.com/extls/rules/)。"),
        [ProblemKind.HelpUriHasQuery] = S(a => $"helpUriBase: '{a.Value}' has a query or a fragment; give the folder the rule pages are published in", a => $"helpUriBase: '{a.Value}' にクエリまたはフラグメントがあります。ルールのページを公開しているフォルダーを指定してください。"),

        [ProblemKind.ReportNotJson] = S(a => "not valid JSON" + WithDetail(a), a => $"有効な JSON ではありません{DetailJa(a)}。"),
        [ProblemKind.NotAFindingsReport] = S(_ => "not an extls findings report (expected \"tool\": { \"name\": \"extls\" } and \"findings\", as 'extls analyze --format json' writes)", _ => "extls の検出事項のレポートではありません ('extls analyze --format json' が書き出す \"tool\": { \"name\": \"extls\" } と \"findings\" が必要です)。"),
        [ProblemKind.SarifWithoutRun] = S(_ => "a SARIF log without a run", _ => "run のない SARIF ログです。"),
        [ProblemKind.SarifNotExtls] = S(_ => "not SARIF written by extls (runs[0].tool.driver.name is not \"extls\"): its results have no extls fingerprints", _ => "extls が書き出した SARIF ではありません (runs[0].tool.driver.name が \"extls\" ではありません)。結果に extls のフィンガープリントがありません。"),
        [ProblemKind.SarifSeveralRuns] = S(_ => "a SARIF log with more than one run; only the first is read", _ => "複数の run を含む SARIF ログです。最初の run だけを読み取ります。"),
        [ProblemKind.ReportEntryNotObject] = S(a => $"{Entry(a, false).ToLowerInvariant()} must be an object", a => $"{Entry(a, true)}はオブジェクトである必要があります。"),
        [ProblemKind.NotAScenario] = S(a => $"'{a.Value}' is not a scenario", a => $"'{a.Value}' は選択処理の値ではありません。"),
        [ProblemKind.NotAnOutcome] = S(a => $"'{a.Value}' is not a selection outcome", a => $"'{a.Value}' は選択の結果ではありません。"),
        [ProblemKind.UnknownTargetKind] = S(a => $"'{a.Value}' is not a target kind this version of extls knows ({List(Names(a), false)})", a => $"'{a.Value}' はこのバージョンの extls が知らない対象の種類です ({List(Names(a), true)})。"),
        [ProblemKind.PropertyMissing] = S(_ => "missing", _ => "ありません。"),
        [ProblemKind.NotADateTime] = S(a => $"expected an ISO 8601 date-time, not '{a.Value}'", a => $"ISO 8601 の日時が必要です ('{a.Value}' は指定できません)。"),
        [ProblemKind.EmptyText] = S(a => $"{a.Name} must be a non-empty string", a => $"{a.Name} は空でない文字列である必要があります。"),
    }.ToFrozenDictionary();

    private static string Hint(PathHint h, bool ja) => (h.Kind, ja) switch
    {
        (PathHintKind.FolderInsideDump, false) => $"It is the {h.Folder}{Path.DirectorySeparatorChar} folder inside a dump; pass the dump's folder instead: {h.Path}",
        (PathHintKind.FolderInsideDump, true) => $"これはダンプ内の {h.Folder}{Path.DirectorySeparatorChar} フォルダーです。代わりにダンプのフォルダーを指定してください: {h.Path}",
        (PathHintKind.OneDumpInside, false) => $"The folder holds one dump; pass it instead: {h.Path}",
        (PathHintKind.OneDumpInside, true) => $"このフォルダーにはダンプが 1 つあります。代わりにそれを指定してください: {h.Path}",
        (PathHintKind.SeveralDumpsInside, false) => $"The folder holds {I(h.Dumps.Length)} dumps ({string.Join(", ", h.Dumps)}); pass one of them, or several to join an organisation's dump with its Edge dumps.",
        (PathHintKind.SeveralDumpsInside, true) => $"このフォルダーにはダンプが {I(h.Dumps.Length)} 個あります ({string.Join("、", h.Dumps)})。そのうち 1 つを指定するか、組織のダンプとエッジのダンプを結合するには複数を指定してください。",
        (PathHintKind.FileOfDump, false) => $"It is one file of a dump; extls reads a dump from its folder or zip: {h.Path}",
        (_, _) => $"これはダンプ内の 1 つのファイルです。extls はダンプをそのフォルダーまたは zip から読み取ります: {h.Path}",
    };
}
