using System.Collections.Frozen;
using System.Globalization;
using Extls.Redaction;

namespace Extls.Reporting;

/// <summary>The lines <c>extls redact</c> writes about its own run, one member per sentence.</summary>
internal enum RedactLine
{
    Redacted,
    MappingFile,
    KeyGiven,
    KeyGenerated,
    LeftOut,
    LeftOutLink,
    Note,
    NothingWritten,
}

/// <summary>
/// Every sentence of <c>extls redact</c>, in English and Japanese: the problems that stop a redaction or a reveal (keyed by
/// <see cref="RedactionProblemKind"/>), what a redaction could not keep exactly (<see cref="RedactionNoteKind"/>), and the
/// command's own lines. Redaction names kinds and facts; this table is the only place they become words. What .NET or a
/// library said (an I/O error, a parser's reason) is quoted as it said it. Japanese follows docs/glossary.md; 匿名化 is
/// redaction, 仮名 a pseudonym, 対応表ファイル the mapping file, and a certificate re-issued is 発行し直し (a certificate
/// is issued, by the redaction's own CA).
/// </summary>
public static class RedactionWording
{
    /// <summary>The problem's sentence in the culture ("en", "ja").</summary>
    public static string Message(RedactionProblem p, string culture)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Problems.TryGetValue(p.Kind, out var sentence) ? sentence.In(Fmt.IsJapanese(culture), p.Arguments) : p.Code;
    }

    /// <summary>The problem as editors and CI logs pick it up: file:line: jsonPath: message.</summary>
    public static string Line(RedactionProblem p, string culture)
    {
        ArgumentNullException.ThrowIfNull(p);
        return $"{p.Where}: {Message(p, culture)}";
    }

    /// <summary>What could not be kept exactly, as one sentence.</summary>
    public static string Note(RedactionNote note, string culture)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Notes[note.Kind].In(Fmt.IsJapanese(culture), note);
    }

    /// <summary>The first line of a redaction that worked.</summary>
    public static string Redacted(int files, string target, int certificates, int pseudonyms, string culture) =>
        Say(RedactLine.Redacted, culture, new(Fmt.Int(files), target, Fmt.Int(certificates), Fmt.Int(pseudonyms)));

    /// <summary>Where the mapping file went, and that it stays private.</summary>
    public static string MappingFile(string path, string culture) =>
        Say(RedactLine.MappingFile, culture, new(path, Path.GetFileName(path)));

    /// <summary>Where the pseudonyms came from: the key given, or one made for this run.</summary>
    public static string Key(bool generated, string culture) => Say(generated ? RedactLine.KeyGenerated : RedactLine.KeyGiven, culture, new());

    /// <summary>A file that is not part of a dump (or a link, which is not followed), left out of the copy.</summary>
    public static string LeftOut(string path, bool link, string culture) => Say(link ? RedactLine.LeftOutLink : RedactLine.LeftOut, culture, new(path));

    /// <summary>A note, as the command prints it.</summary>
    public static string NoteLine(RedactionNote note, string culture) => Say(RedactLine.Note, culture, new(Note(note, culture)));

    /// <summary>The last line after problems: nothing was written.</summary>
    public static string NothingWritten(string culture) => Say(RedactLine.NothingWritten, culture, new());

    /// <summary>The kinds and keys that have no sentence (a test keeps this empty).</summary>
    internal static IEnumerable<string> Missing =>
        Enum.GetValues<RedactionProblemKind>().Where(k => !Problems.ContainsKey(k)).Select(k => k.ToString())
            .Concat(Enum.GetValues<RedactionNoteKind>().Where(k => !Notes.ContainsKey(k)).Select(k => k.ToString()))
            .Concat(Enum.GetValues<RedactLine>().Where(k => !Lines.ContainsKey(k)).Select(k => k.ToString()));

    private static string Say(RedactLine line, string culture, Facts facts) => Lines[line].In(Fmt.IsJapanese(culture), facts);

    /// <summary>A count or limit as it is (4096).</summary>
    private static string I(long? n) => (n ?? 0).ToString(CultureInfo.InvariantCulture);

    /// <summary>": detail" when there is one.</summary>
    private static string WithDetail(RedactionArguments a) => string.IsNullOrEmpty(a.Detail) ? "" : ": " + a.Detail;

    /// <summary>" (detail)" for Japanese, which puts the reason before the end of the sentence.</summary>
    private static string DetailJa(RedactionArguments a) => string.IsNullOrEmpty(a.Detail) ? "" : $" ({a.Detail})";

    private static Sentence<RedactionArguments> S(Func<RedactionArguments, string> en, Func<RedactionArguments, string> ja) => new(en, ja);

    private static readonly FrozenDictionary<RedactionProblemKind, Sentence<RedactionArguments>> Problems = new Dictionary<RedactionProblemKind, Sentence<RedactionArguments>>
    {
        [RedactionProblemKind.PathNotFound] = S(_ => "The path does not exist.", _ => "パスが存在しません。"),
        [RedactionProblemKind.NotADumpPath] = S(
            _ => "Not a dump: give the dump's folder or zip (a snapshot file cannot be redacted; redact the dump it was imported from).",
            _ => "ダンプではありません。ダンプのフォルダーまたは zip を指定してください (スナップショット ファイルは匿名化できません。インポート元のダンプを匿名化してください)。"),
        [RedactionProblemKind.NotADump] = S(_ => "Not an extls dump: no manifest.json, org/ or servers/ in it.", _ => "extls のダンプではありません: manifest.json、org/、servers/ のいずれもありません。"),
        [RedactionProblemKind.CannotRead] = S(a => "Cannot read" + WithDetail(a), a => $"読み取れません{DetailJa(a)}。"),

        [RedactionProblemKind.ZipTooManyEntries] = S(
            a => $"The zip holds {I(a.Number)} entries, more than {I(a.Limit)}. The zip is not read.",
            a => $"zip のエントリ数 {I(a.Number)} が上限 {I(a.Limit)} を超えています。zip は読み取りません。"),
        [RedactionProblemKind.ZipEntryOutsideDump] = S(
            a => $"The entry \"{a.Name}\" points outside the dump. The zip is not read.",
            a => $"エントリ \"{a.Name}\" はダンプの外を指しています。zip は読み取りません。"),
        [RedactionProblemKind.ZipTooLarge] = S(
            a => $"The zip expands to more than the limit ({I(a.Limit)} bytes an entry, {I(a.TotalLimit)} in all). The zip is not read.",
            a => $"zip は展開すると上限 (1 エントリあたり {I(a.Limit)} バイト、合計 {I(a.TotalLimit)} バイト) を超えます。zip は読み取りません。"),
        [RedactionProblemKind.NotAZip] = S(
            a => "The file is not a readable zip" + ProblemWording.Closed(WithDetail(a)) + " The zip is not read.",
            a => $"ファイルは読み取り可能な zip ではありません{DetailJa(a)}。zip は読み取りません。"),

        [RedactionProblemKind.NotJson] = S(
            a => a.Cause is { } c ? $"Not JSON ({c.Code}){(c.Arguments.Detail is { } d ? ": " + d : ".")}" : "Not JSON.",
            a => a.Cause is { } c ? $"JSON として読み取れません ({c.Code}): {ProblemWording.Message(c, "ja")}" : "JSON として読み取れません。"),
        [RedactionProblemKind.JsonUnexpectedEnd] = S(_ => "Unexpected end of the file.", _ => "ファイルが途中で終わっています。"),
        [RedactionProblemKind.JsonUnexpectedCharacter] = S(a => $"Unexpected character '{a.Name}'.", a => $"予期しない文字 '{a.Name}' があります。"),
        [RedactionProblemKind.JsonColonExpected] = S(_ => "Expected ':' after a property name.", _ => "プロパティ名の後に ':' が必要です。"),
        [RedactionProblemKind.JsonObjectUnterminated] = S(_ => "Unexpected end of the file inside an object.", _ => "オブジェクトの途中でファイルが終わっています。"),
        [RedactionProblemKind.JsonArrayUnterminated] = S(_ => "Unexpected end of the file inside an array.", _ => "配列の途中でファイルが終わっています。"),
        [RedactionProblemKind.JsonStringUnterminated] = S(_ => "Unterminated string.", _ => "文字列が閉じられていません。"),
        [RedactionProblemKind.CliXmlMalformed] = S(a => "Malformed CliXml" + WithDetail(a), a => $"CliXml の形式が正しくありません{DetailJa(a)}。"),
        [RedactionProblemKind.CsvUnreadable] = S(a => "The CSV file cannot be read" + WithDetail(a), a => $"CSV ファイルを読み取れません{DetailJa(a)}。"),
        [RedactionProblemKind.LogRowUnreadable] = S(a => "The log row cannot be read" + WithDetail(a), a => $"ログの行を読み取れません{DetailJa(a)}。"),

        [RedactionProblemKind.MappingCannotRead] = S(a => "Cannot read the mapping file" + WithDetail(a), a => $"対応表ファイルを読み取れません{DetailJa(a)}。"),
        [RedactionProblemKind.MappingNotJson] = S(a => "Not a mapping file" + WithDetail(a), a => $"対応表ファイルではありません{DetailJa(a)}。"),
        [RedactionProblemKind.MappingWrongFormat] = S(
            a => $"Not a mapping file of extls redact (format \"{a.Name}\" expected).",
            a => $"extls redact の対応表ファイルではありません (形式 \"{a.Name}\" である必要があります)。"),
        [RedactionProblemKind.MappingNoEntries] = S(_ => "The mapping file has no entries.", _ => "対応表ファイルにエントリがありません。"),
        [RedactionProblemKind.MappingEntryIncomplete] = S(_ => "An entry needs a kind, a pseudonym and a real value.", _ => "エントリには種類、仮名、元の値が必要です。"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<RedactionNoteKind, Sentence<RedactionNote>> Notes = new Dictionary<RedactionNoteKind, Sentence<RedactionNote>>
    {
        [RedactionNoteKind.SubjectOneAttributePerRdn] = new(
            n => $"{n.Thumbprint}: the subject \"{n.Name}\" was written with one attribute per RDN.",
            n => $"{n.Thumbprint}: サブジェクト \"{n.Name}\" は RDN ごとに 1 つの属性で書き出しました。"),
        [RedactionNoteKind.SignatureAlgorithmReissued] = new(
            n => $"{n.Thumbprint}: signature algorithm {n.Name} re-issued as sha256RSA.",
            n => $"{n.Thumbprint}: 署名アルゴリズム {n.Name} は sha256RSA で発行し直しました。"),
        [RedactionNoteKind.RsaKeySizeRounded] = new(
            n => $"{n.Thumbprint}: an RSA key of {I(n.Number)} bits re-issued with {I(n.Limit)} bits.",
            n => $"{n.Thumbprint}: {I(n.Number)} ビットの RSA キーは {I(n.Limit)} ビットで発行し直しました。"),
        [RedactionNoteKind.KeyReissuedAsRsa] = new(
            n => $"{n.Thumbprint}: a {n.Name} key re-issued as RSA 2048.",
            n => $"{n.Thumbprint}: {n.Name} のキーは RSA 2048 で発行し直しました。"),
        [RedactionNoteKind.IpRangesApproximate] = new(
            n => $"{I(n.Number)} IP range(s) span several /24 networks without being one CIDR block; their pseudonymous ranges keep their ends' order but not their size.",
            n => $"{I(n.Number)} 個の IP 範囲が、1 つの CIDR ブロックではないまま複数の /24 ネットワークにまたがっています。仮名の範囲では両端の順序は保たれますが、大きさは保たれません。"),
    }.ToFrozenDictionary();

    /// <summary>The texts a line of the command is made of, in its order.</summary>
    private sealed record Facts(string A = "", string B = "", string C = "", string D = "");

    private static readonly FrozenDictionary<RedactLine, Sentence<Facts>> Lines = new Dictionary<RedactLine, Sentence<Facts>>
    {
        [RedactLine.Redacted] = new(
            f => $"Redacted {f.A} files into {f.B} ({f.C} certificates re-issued, {f.D} pseudonyms).",
            f => $"{f.A} 個のファイルを匿名化して {f.B} に書き出しました (証明書 {f.C} 個を発行し直し、仮名は {f.D} 個)。"),
        [RedactLine.MappingFile] = new(
            f => $"Mapping file: {f.A}. Keep it private and do not send it with the dump: it turns the pseudonyms back into names (extls redact --reveal {f.B} REPORT).",
            f => $"対応表ファイル: {f.A}。仮名を元の名前に戻すためのファイルです。社外に出さず、ダンプと一緒に送らないでください (extls redact --reveal {f.B} REPORT)。"),
        [RedactLine.KeyGiven] = new(
            _ => "Pseudonyms come from your --key: redact other dumps of this organisation with the same key to get the same pseudonyms.",
            _ => "仮名は指定した --key から計算しました。この組織のほかのダンプも同じキーで匿名化すると、同じ仮名になります。"),
        [RedactLine.KeyGenerated] = new(
            _ => "The key was made for this run and written only into the mapping file; give its \"key\" as --key to redact another dump of this organisation the same way.",
            _ => "キーはこの実行のために作成し、対応表ファイルにだけ書き込みました。この組織のほかのダンプを同じように匿名化するには、その \"key\" の値を --key に指定してください。"),
        [RedactLine.LeftOut] = new(
            f => $"Left out (not part of a dump, so not redacted): {f.A}",
            f => $"除外 (ダンプの一部ではないため匿名化していません): {f.A}"),
        [RedactLine.LeftOutLink] = new(
            f => $"Left out (not part of a dump, so not redacted): {f.A} (a link)",
            f => $"除外 (リンクはたどらないため匿名化していません): {f.A}"),
        [RedactLine.Note] = new(f => $"Note: {f.A}", f => $"注: {f.A}"),
        [RedactLine.NothingWritten] = new(_ => "Nothing was written.", _ => "何も書き出していません。"),
    }.ToFrozenDictionary();
}
