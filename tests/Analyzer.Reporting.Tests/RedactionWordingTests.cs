using Extls.Model;
using Extls.Redaction;

namespace Extls.Reporting.Tests;

/// <summary>
/// Every sentence of extls redact (its problems, its notes, its own lines) and of the validate, generate, batch and
/// --timings summaries reads in both languages from its table; the English is what these commands have always written, and
/// the Japanese leaves no English sentence behind and uses the glossary's terms.
/// </summary>
public sealed class RedactionWordingTests
{
    // Facts spelt so that they can be told apart from the table's own words.
    private const string Name = "EntryNameX";
    private const string Detail = "DetailTextW";
    private const string Thumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";

    /// <summary>Names the sentences quote as they are written: formats, files, commands, switches, algorithms.</summary>
    private static readonly string[] Syntax =
    [
        "extls", "redact", "zip", "manifest.json", "org/", "servers/", "JSON", "CliXml", "CSV", "RDN", "RSA", "sha256RSA", "IP", "CIDR",
        "24", "key", "reveal", "REPORT", "MB", "PowerShell", "Windows", "EXTLS_DEBUG", "CPU", "html", "malformedJson",
    ];

    private static readonly RedactionArguments Full = new()
    {
        Name = Name, Number = 7, Limit = 4096, TotalLimit = 8192, Detail = Detail,
        Cause = new ImportProblem("a.json", 3, "$[0]", ProblemKind.MalformedJson, new ProblemArguments { Detail = Detail }),
    };

    private static IEnumerable<RedactionProblem> EveryProblem() =>
        Enum.GetValues<RedactionProblemKind>().SelectMany(k => new[]
        {
            new RedactionProblem("a.json", 3, "$[0]", k, Full),
            new RedactionProblem("a.json", 0, "$", k),
        });

    private static IEnumerable<RedactionNote> EveryNote() =>
        Enum.GetValues<RedactionNoteKind>().Select(k => new RedactionNote(k, Thumbprint, "CN=SubjectQ", 1000, 1008));

    private static void BothLanguages(string what, string en, string ja, List<string> leftovers, params string[] facts)
    {
        Assert.False(string.IsNullOrWhiteSpace(en), $"{what}: no English");
        Assert.False(string.IsNullOrWhiteSpace(ja), $"{what}: no Japanese");
        Assert.False(JapaneseLeftovers.HasJapanese(en), $"{what}: Japanese in the English: {en}");
        Assert.True(JapaneseLeftovers.HasJapanese(ja), $"{what}: {ja}");
        leftovers.AddRange(JapaneseLeftovers.Find(ja, facts.Concat(Syntax)).Select(w => $"{what}: '{w}' in {ja}"));
    }

    [Fact]
    public void Every_kind_note_and_line_has_a_sentence()
    {
        Assert.Empty(RedactionWording.Missing);
        Assert.Empty(CommandWording.Missing);
    }

    [Fact]
    public void Every_problem_reads_in_both_languages_and_the_japanese_leaves_no_english()
    {
        var leftovers = new List<string>();
        foreach (var p in EveryProblem())
        {
            var en = RedactionWording.Message(p, "en");
            Assert.NotEqual(p.Code, en);
            BothLanguages(p.Kind.ToString(), en, RedactionWording.Message(p, "ja"), leftovers, Name, Detail, "a.json", "$[0]");
        }

        Assert.Empty(leftovers.Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_note_and_line_reads_in_both_languages()
    {
        var leftovers = new List<string>();
        foreach (var n in EveryNote())
        {
            BothLanguages(n.Kind.ToString(), RedactionWording.Note(n, "en"), RedactionWording.Note(n, "ja"), leftovers, Thumbprint, "CN=SubjectQ", "SubjectQ");
        }

        var note = EveryNote().First();
        string[] lines(string c) =>
        [
            RedactionWording.Redacted(15, "/out/red", 7, 28, c), RedactionWording.MappingFile("/out/red.mapping.json", c),
            RedactionWording.Key(generated: true, c), RedactionWording.Key(generated: false, c),
            RedactionWording.LeftOut("notes.txt", link: false, c), RedactionWording.LeftOut("servers/EX01/link", link: true, c),
            RedactionWording.NoteLine(note, c), RedactionWording.NothingWritten(c),
        ];
        foreach (var (en, ja) in lines("en").Zip(lines("ja")))
        {
            BothLanguages(en, en, ja, leftovers, Thumbprint, "CN=SubjectQ", "SubjectQ", "/out/red", "/out/red.mapping.json", "red.mapping.json",
                "notes.txt", "servers/EX01/link");
        }

        foreach (var (key, en, ja) in CommandWording.All)
        {
            BothLanguages(key, en, ja, leftovers, "x", "y");
        }

        Assert.Empty(leftovers.Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public void The_english_is_what_the_commands_have_always_written()
    {
        Assert.Equal("Not an extls dump: no manifest.json, org/ or servers/ in it.", RedactionWording.Message(new RedactionProblem("d", 0, "$", RedactionProblemKind.NotADump), "en"));
        Assert.Equal("d.zip: e/x: The zip expands to more than the limit (67108864 bytes an entry, 536870912 in all). The zip is not read.",
            RedactionWording.Line(new RedactionProblem("d.zip", 0, "e/x", RedactionProblemKind.ZipTooLarge, new() { Limit = DumpArchive.MaxEntryBytes, TotalLimit = DumpArchive.MaxTotalBytes }), "en"));
        Assert.Equal("a.json:3: $[0].Name: Not JSON (malformedJson): bad.",
            RedactionWording.Line(new RedactionProblem("a.json", 3, "$[0].Name", RedactionProblemKind.NotJson,
                new() { Cause = new ImportProblem("a.json", 3, "$[0].Name", ProblemKind.MalformedJson, new ProblemArguments { Detail = "bad." }) }), "en"));
        Assert.Equal("The file is not a readable zip: End of Central Directory record could not be found. The zip is not read.",
            RedactionWording.Message(new RedactionProblem("b.zip", 0, "$", RedactionProblemKind.NotAZip, new() { Detail = "End of Central Directory record could not be found." }), "en"));
        Assert.Equal($"{Thumbprint}: an RSA key of 1000 bits re-issued with 1008 bits.", RedactionWording.Note(new RedactionNote(RedactionNoteKind.RsaKeySizeRounded, Thumbprint, Number: 1000, Limit: 1008), "en"));
        Assert.Equal("Redacted 15 files into /o (7 certificates re-issued, 28 pseudonyms).", RedactionWording.Redacted(15, "/o", 7, 28, "en"));
        Assert.Equal("Left out (not part of a dump, so not redacted): x (a link)", RedactionWording.LeftOut("x", link: true, "en"));

        Assert.Equal("a, b: no problems.", CommandWording.ValidateClean(["a", "b"], "en"));
        Assert.Equal("1 problem.", CommandWording.ValidateProblems(1, "en"));
        Assert.Equal("2 problems.", CommandWording.ValidateProblems(2, "en"));
        Assert.Equal("Wrote 12 servers (11 Mailbox, 1 Edge) in PowerShell 7 style: 52 files, 0.1 MB.", CommandWording.GenerateWrote(11, 1, "PowerShell 7", 52, 131072, "en"));
        Assert.Equal("Broken: 3 servers; a 1; b 2.", CommandWording.GenerateBroken(3, [("a", 1), ("b", 2)], "en"));
        Assert.Equal("Broken: 0 servers.", CommandWording.GenerateBroken(0, [], "en"));
        Assert.Equal("replaying 2 servers and evaluating the rules", CommandWording.Timing(ProgressStep.Replaying, "en", 2));
        Assert.Equal("writing the json report to r.json", CommandWording.Timing(ProgressStep.WritingReport, "en", format: "json", path: "r.json"));
        Assert.Equal("writing the console report to the screen", CommandWording.Timing(ProgressStep.WritingReport, "en", format: "console"));
    }

    [Fact]
    public void The_japanese_says_the_facts_it_is_given()
    {
        Assert.Equal("a.json:3: $[0]: 予期しない文字 '}' があります。",
            RedactionWording.Line(new RedactionProblem("a.json", 3, "$[0]", RedactionProblemKind.JsonUnexpectedCharacter, new() { Name = "}" }), "ja"));
        Assert.Equal("zip のエントリ数 10001 が上限 10000 を超えています。zip は読み取りません。",
            RedactionWording.Message(new RedactionProblem("d.zip", 0, "$", RedactionProblemKind.ZipTooManyEntries, new() { Number = 10001, Limit = 10000 }), "ja"));
        // The cause of a JSON file that cannot be read is worded by the importer's own table.
        var cause = new ImportProblem("a.json", 3, "$", ProblemKind.ContentAfterJson);
        Assert.Equal($"JSON として読み取れません (contentAfterJson): {ProblemWording.Message(cause, "ja")}",
            RedactionWording.Message(new RedactionProblem("a.json", 3, "$", RedactionProblemKind.NotJson, new() { Cause = cause }), "ja"));
        Assert.Equal("壊したサーバー: 3 台 (a 1 台、b 2 台)。", CommandWording.GenerateBroken(3, [("a", 1), ("b", 2)], "ja"));
        Assert.Equal("問題は 2 件です。", CommandWording.ValidateProblems(2, "ja"));
    }

    [Fact]
    public void The_japanese_uses_the_glossary_terms_and_none_of_their_variants()
    {
        var forbidden = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "glossary.md")).Split('\n')
            .Where(l => l.StartsWith('|')).Skip(2)
            .SelectMany(r => r.Split('|')[3].Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        Assert.NotEmpty(forbidden);
        var texts = EveryProblem().Select(p => RedactionWording.Message(p, "ja"))
            .Concat(EveryNote().Select(n => RedactionWording.Note(n, "ja")))
            .Concat(CommandWording.All.Select(a => a.Ja))
            .ToList();
        foreach (var text in texts)
        {
            Assert.DoesNotContain(forbidden, f => text.Contains(f, StringComparison.Ordinal));
        }

        Assert.Contains(texts, t => t.Contains("エッジ トランスポート サーバー", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("メールボックス サーバー", StringComparison.Ordinal));
    }

    [Fact]
    public void Codes_are_camel_case_and_unique()
    {
        var kinds = Enum.GetValues<RedactionProblemKind>();
        Assert.Equal(kinds.Length, kinds.Select(RedactionCodes.Of).Distinct(StringComparer.Ordinal).Count());
        Assert.All(kinds, k => Assert.Matches("^[a-z][A-Za-z0-9]*$", RedactionCodes.Of(k)));
        Assert.Equal("a.json:3: $[0]: notJson", new RedactionProblem("a.json", 3, "$[0]", RedactionProblemKind.NotJson).ToString());
    }

    [Fact]
    public void A_japanese_label_is_padded_by_the_columns_it_takes()
    {
        Assert.Equal(4, CommandWording.Width("合計"));
        Assert.Equal(6, CommandWording.Width("CPU 時"));
        Assert.Equal("合計  |", CommandWording.PadRight("合計", 6) + "|");
        Assert.Equal("total |", CommandWording.PadRight("total", 6) + "|");
    }
}
