using System.Text;
using Extls.Import.Formats;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Tests;

/// <summary>Arbitrary bytes must give problems, never exceptions: one broken file must not stop an import.</summary>
public sealed class CsvAndCliXmlRobustnessTests
{
    private static readonly string[] CsvPieces = ["\"", ",", ";", "\r\n", "\n", "#TYPE x", "Name", "a\"b", "\"\"", " ", "ü"];

    private static readonly string[] XmlPieces =
    [
        "<Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">", "</Objs>", "<Obj RefId=\"1\">", "</Obj>", "<MS>", "</MS>",
        "<Props>", "</Props>", "<LST>", "</LST>", "<DCT><En>", "</En></DCT>", "<S N=\"Key\">k</S>", "<I32 N=\"Value\">x</I32>",
        "<Ref RefId=\"1\" />", "<Ref N=\"r\" RefId=\"7\" />", "<TN RefId=\"0\"><T>System.Enum</T></TN>", "<TNRef RefId=\"0\" />",
        "<ToString>t</ToString>", "<Nil />", "<DT N=\"d\">2026-01-01T00:00:00Z</DT>", "<BA N=\"b\">AQ=</BA>", "\n", "&amp;", "<!--c-->",
    ];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_csv_never_throws_and_every_kept_row_has_every_column(int seed)
    {
        var random = new Random(seed);
        string text = string.Concat(Enumerable.Range(0, random.Next(1, 80)).Select(_ => CsvPieces[random.Next(CsvPieces.Length)]));

        var section = new CsvSectionParser().Parse(Encoding.UTF8.GetBytes(text), "org/Random.csv");

        var rows = Assert.IsType<JArray>(section.Root);
        Assert.All(section.Problems, p => Assert.Equal("org/Random.csv", p.File));
        Assert.All(rows, row => Assert.Equal(rows.Count > 0 ? rows[0].Count() : 0, row.Count()));
        Assert.All(rows, row => Assert.True(TokenLocation.LineOf(row) >= 1));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_clixml_never_throws_and_names_its_file(int seed)
    {
        var random = new Random(seed);
        string text = XmlPieces[0] + string.Concat(Enumerable.Range(0, random.Next(1, 60)).Select(_ => XmlPieces[random.Next(XmlPieces.Length)]));

        var section = new CliXmlSectionParser().Parse(Encoding.UTF8.GetBytes(text), "org/Random.xml");

        Assert.All(section.Problems, p => Assert.Equal("org/Random.xml", p.File));
        Assert.True(section.Root is JArray || section.Problems.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_bytes_never_throw(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);

        var csv = new CsvSectionParser().Parse(bytes, "a.csv");
        var xml = new CliXmlSectionParser().Parse(bytes, "a.xml");

        Assert.IsType<JArray>(csv.Root);
        Assert.True(xml.Root is not null || xml.Problems.Length > 0);
    }
}
