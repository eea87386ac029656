using System.Text;
using Extls.Import.Formats;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Tests;

public class JsonSectionParserTests
{
    private const string Json = "[{\"Name\":\"Réception EX01\"}]";

    private static string NameOf(byte[] bytes)
    {
        var parsed = new JsonSectionParser().Parse(bytes, "f.json");
        Assert.Empty(parsed.Problems);
        return (string)parsed.Root![0]!["Name"]!;
    }

    [Fact]
    public void Reads_utf8_without_bom() => Assert.Equal("Réception EX01", NameOf(Encoding.UTF8.GetBytes(Json)));

    [Fact]
    public void Reads_utf8_with_bom() => Assert.Equal("Réception EX01", NameOf([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Json)]));

    [Fact]
    public void Reads_utf16_le_with_bom_as_windows_powershell_redirection_writes() =>
        Assert.Equal("Réception EX01", NameOf([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Json)]));

    [Fact]
    public void Reads_utf16_be_with_bom() =>
        Assert.Equal("Réception EX01", NameOf([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Json)]));

    [Fact]
    public void Reads_the_ansi_code_page_when_bytes_are_not_utf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes(Json);
        Assert.Contains((byte)0xE9, bytes);
        Assert.Equal("Réception EX01", NameOf(bytes));
    }

    [Fact]
    public void Keeps_date_strings_raw()
    {
        var parsed = new JsonSectionParser().Parse(Encoding.UTF8.GetBytes("{\"NotAfter\":\"2026-11-28T15:04:05+09:00\"}"), "f.json");
        var v = (JValue)parsed.Root!["NotAfter"]!;
        Assert.Equal(JTokenType.String, v.Type);
        Assert.Equal("2026-11-28T15:04:05+09:00", (string)v!);
    }

    [Fact]
    public void Malformed_json_is_a_problem_with_file_line_and_path()
    {
        var parsed = new JsonSectionParser().Parse(Encoding.UTF8.GetBytes("[\n {\"Name\": \"a\"},\n {\"Name\": }\n]"), "servers/EX01/ReceiveConnector.json");
        Assert.Null(parsed.Root);
        var p = Assert.Single(parsed.Problems);
        Assert.Equal("servers/EX01/ReceiveConnector.json", p.File);
        Assert.Equal(3, p.Line);
        Assert.Equal("$[1].Name", p.JsonPath);
    }

    [Fact]
    public void Trailing_content_is_a_problem()
    {
        var parsed = new JsonSectionParser().Parse(Encoding.UTF8.GetBytes("{}\n{}"), "f.json");
        Assert.Null(parsed.Root);
        Assert.Equal(2, Assert.Single(parsed.Problems).Line);
    }

    [Fact]
    public void An_empty_file_is_an_empty_result_not_an_error()
    {
        var parsed = new JsonSectionParser().Parse(Array.Empty<byte>(), "f.json");
        Assert.Empty(parsed.Problems);
        Assert.Empty(Assert.IsType<JArray>(parsed.Root));
    }

    [Fact]
    public void Tokens_carry_their_line()
    {
        var parsed = new JsonSectionParser().Parse(Encoding.UTF8.GetBytes("[\n{\n\"A\": 1\n}\n]"), "f.json");
        Assert.Equal(3, TokenLocation.LineOf(parsed.Root![0]!["A"]!));
        Assert.Equal("$[0].A", TokenLocation.PathOf(parsed.Root![0]!["A"]!));
    }

    [Fact]
    public void The_registry_finds_the_json_parser() =>
        Assert.IsType<JsonSectionParser>(SectionParsers.ByExtension[".json"]);
}

public class SectionParserRegistryTests
{
    [Fact]
    public void Preference_is_json_then_xml_then_csv() =>
        Assert.Equal([".json", ".xml", ".csv"], SectionParsers.PreferenceOrder.ToArray());

    [Fact]
    public void The_written_out_list_holds_every_parser_type_of_the_assembly_once_each_with_its_own_extension()
    {
        var listed = SectionParsers.Create();
        Assert.Equal(ParserTypes(), listed.Select(p => p.GetType()));
        Assert.Equal(listed.Length, listed.Select(p => p.Extension).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(listed.Select(p => p.Extension).Order(StringComparer.OrdinalIgnoreCase), SectionParsers.ByExtension.Keys.Order(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Every parser type the import assembly holds, by reflection, which the tool itself never uses (a native build keeps no type list).</summary>
    private static IEnumerable<Type> ParserTypes() =>
        typeof(SectionParsers).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISectionParser).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public void Only_registered_formats_are_looked_for_json_first() =>
        Assert.Equal(".json", SectionParsers.Extensions[0]);
}
