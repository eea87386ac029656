using Extls.Model;

namespace Extls.Reporting.Tests;

/// <summary>Every input problem reads in both languages from the one table, and its code is stable.</summary>
public sealed class ProblemWordingTests
{
    // Facts a problem can carry, spelt so that they can be told apart from the table's own words.
    private const string Name = "PropertyNameX";
    private const string Value = "ValueTextY";
    private const string Found = "FoundTextZ";
    private const string Detail = "DetailTextW";
    private static readonly string[] Names = ["NameOneA", "NameTwoB"];

    /// <summary>
    /// The formats' own syntax the sentences quote as it is written (element and property names, file names,
    /// commands, switches); Microsoft's Japanese documentation keeps them in ASCII too.
    /// </summary>
    private static readonly string[] Syntax =
    [
        "JSON", "XML", "CSV", "YAML", "SARIF", "CliXml", "Export-Clixml", "ConvertTo-Json", "Get-ExchangeServer", "Objs", "Ref", "RefId",
        "TNRef", "En", "Key", "N", "zip", "manifest.json", "org/", "servers/", "TransportEvents.json", "LOG", "json", "csv", "xml",
        "null", "true", "false", "GUID", "ISO", "8601", "base64", "IP", "IPv6", "LowerBound", "UpperBound", "RawData", "#Fields:",
        "#Log-type:", "Sending certificate", "rules", "severity", "none", "note", "warning", "error", "suppressions", "ruleId", "target",
        "justification", "expires", "helpUriBase", "http", "https", "https://wiki.contoso.com/extls/rules/", "tool", "name", "extls",
        "findings", "analyze", "--format", "--output", "DUMP", "FILE", "runs[0].tool.driver.name", "run", "format", "Exchange", "AD",
        "UTF-8", "Id", "Name", "Identity", "ID",
    ];

    private static IEnumerable<ImportProblem> Every()
    {
        foreach (var kind in Enum.GetValues<ProblemKind>())
        {
            foreach (var args in Variants())
            {
                yield return new ImportProblem("a.json", 3, "$[0]", kind, args);
            }
        }
    }

    /// <summary>The facts every kind may carry, through every value of the typed ones (shapes, expectations, entries, faults).</summary>
    private static IEnumerable<ProblemArguments> Variants()
    {
        var full = new ProblemArguments
        {
            Name = Name, Value = Value, Found = new FoundValue(ValueShape.Text, Found), Names = [.. Names], Number = 7, Limit = 4096, Detail = Detail,
        };
        yield return full;
        yield return ProblemArguments.None;
        foreach (var shape in Enum.GetValues<ValueShape>())
        {
            yield return full with { Found = new FoundValue(shape, shape is ValueShape.Scalar or ValueShape.Other ? Found : null) };
        }

        foreach (var expected in Enum.GetValues<ExpectedValue>())
        {
            yield return full with { Expected = expected };
        }

        foreach (var entry in Enum.GetValues<EntryKind>())
        {
            yield return full with { Entry = entry };
        }

        foreach (var fault in Enum.GetValues<CsvFault>())
        {
            yield return full with { Fault = fault };
        }
    }

    private static IEnumerable<PathHint> Hints() =>
        Enum.GetValues<PathHintKind>().Select(k => new PathHint(k, "DumpFolderQ", "servers") { Dumps = ["contoso", "edge"] });

    [Fact]
    public void Every_kind_has_a_sentence()
    {
        Assert.Empty(ProblemWording.Missing);
    }

    [Fact]
    public void Every_kind_reads_in_both_languages_and_the_japanese_leaves_no_english()
    {
        var facts = new[] { Name, Value, Found, Detail, "a.json", "$[0]", "contoso", "edge", "DumpFolderQ", "servers" }.Concat(Names).Concat(Syntax).ToList();
        var leftovers = new List<string>();
        foreach (var p in Every().Concat(Hints().Select(h => new ImportProblem("a.json", 0, "$", ProblemKind.NotADump) { Hint = h })))
        {
            var en = ProblemWording.Message(p, "en");
            var ja = ProblemWording.Message(p, "ja");
            Assert.False(string.IsNullOrWhiteSpace(en), $"{p.Kind}: no English");
            Assert.False(string.IsNullOrWhiteSpace(ja), $"{p.Kind}: no Japanese");
            Assert.NotEqual(p.Code, en);
            Assert.False(JapaneseLeftovers.HasJapanese(en), $"{p.Kind}: Japanese in the English: {en}");
            Assert.True(JapaneseLeftovers.HasJapanese(ja), $"{p.Kind}: {ja}");
            leftovers.AddRange(JapaneseLeftovers.Find(ja, facts).Select(w => $"{p.Kind}: '{w}' in {ja}"));
        }

        Assert.Empty(leftovers.Distinct(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Central Directory corrupt.", "The file is not a readable zip: Central Directory corrupt. The zip is not read.")]
    [InlineData("no end record", "The file is not a readable zip: no end record. The zip is not read.")]
    [InlineData(null, "The file is not a readable zip. The zip is not read.")]
    public void A_quoted_framework_message_ends_its_sentence_with_one_full_stop(string? detail, string expected)
    {
        Assert.Equal(expected, ProblemWording.Message(new ImportProblem("b.zip", 0, "$", ProblemKind.NotAZip, new() { Detail = detail }), "en"));
        Assert.Equal(expected, RedactionWording.Message(new Extls.Redaction.RedactionProblem("b.zip", 0, "$", Extls.Redaction.RedactionProblemKind.NotAZip, new() { Detail = detail }), "en"));
    }

    [Fact]
    public void The_sentences_say_the_facts_they_are_given()
    {
        var p = new ImportProblem("a.json", 3, "$[0]", ProblemKind.UnexpectedValue,
            new() { Expected = ExpectedValue.WholeNumber, Name = "Port", Found = new FoundValue(ValueShape.Text, "twenty-five") });
        Assert.Equal("Expected a whole number for Port, found \"twenty-five\".", ProblemWording.English(p));
        Assert.Equal("Port には整数が必要ですが、\"twenty-five\" でした。", ProblemWording.Message(p, "ja"));
        Assert.Equal("a.json:3: $[0]: Port には整数が必要ですが、\"twenty-five\" でした。", ProblemWording.Line(p, "ja"));
    }

    [Fact]
    public void The_japanese_uses_the_glossary_terms()
    {
        string Ja(ProblemKind kind, ProblemArguments args) => ProblemWording.Message(new ImportProblem("a.json", 0, "$", kind, args), "ja");

        Assert.Contains("受信コネクタ", Ja(ProblemKind.EntryUnnamed, new() { Entry = EntryKind.ReceiveConnector, Names = ["Name"] }), StringComparison.Ordinal);
        Assert.Contains("送信コネクタ", Ja(ProblemKind.EntryUnnamed, new() { Entry = EntryKind.SendConnector, Names = ["Name"] }), StringComparison.Ordinal);
        Assert.Contains("証明書ストア", Ja(ProblemKind.SectionEmpty, new() { Entry = EntryKind.Certificate }), StringComparison.Ordinal);
        Assert.Contains("自己署名証明書", Ja(ProblemKind.SectionEmpty, new() { Entry = EntryKind.Certificate }), StringComparison.Ordinal);
        Assert.Contains("拇印", Ja(ProblemKind.LogCertificateWithoutThumbprint, ProblemArguments.None), StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_are_camel_case_unique_and_read_back()
    {
        var kinds = Enum.GetValues<ProblemKind>();
        Assert.Equal(kinds.Length, kinds.Select(ProblemCodes.Of).Distinct(StringComparer.Ordinal).Count());
        Assert.All(kinds, k => Assert.Matches("^[a-z][A-Za-z0-9]*$", ProblemCodes.Of(k)));
        Assert.All(kinds, k => Assert.Equal(k, ProblemCodes.Parse(ProblemCodes.Of(k))));
        Assert.Null(ProblemCodes.Parse("MalformedJson"));
        Assert.Null(ProblemCodes.Parse("noSuchProblem"));
        Assert.Equal("malformedJson", ProblemCodes.Of(ProblemKind.MalformedJson));
    }

    [Fact]
    public void Every_progress_step_reads_in_both_languages()
    {
        Assert.Empty(ProgressWording.Missing);
        foreach (var step in Enum.GetValues<ProgressStep>())
        {
            var ja = ProgressWording.Phase(step, "ja", 3, "json");
            Assert.NotEqual(ProgressWording.Phase(step, "en", 3, "json"), ja);
            Assert.Empty(JapaneseLeftovers.Find(ja, ["json"]));
        }

        Assert.Equal("ダンプを分析しています: 5 個中 2 個完了 · EX01、EX02", ProgressWording.Batch(2, 5, ["EX01", "EX02"], "ja"));
        Assert.Equal("Analysing dumps: 2 of 5 done · EX01, EX02", ProgressWording.Batch(2, 5, ["EX01", "EX02"], "en"));
    }
}
