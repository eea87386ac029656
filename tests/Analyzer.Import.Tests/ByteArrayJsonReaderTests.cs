using Extls.Import.Formats;
using Extls.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Extls.Import.Tests.Fixture;

namespace Extls.Import.Tests;

/// <summary>
/// The reader that collects certificate bytes written as arrays of numbers: a collected array is one bytes value
/// where the array opened, and every other input gives exactly the tree (values and lines) and the faults of a
/// plain reader.
/// </summary>
public class ByteArrayJsonReaderTests
{
    private static ParsedSection Collecting(string json) => JsonSectionParser.ParseText(json, "s.json", certificateBytes: true);

    private static ParsedSection Plain(string json) => JsonSectionParser.ParseText(json, "s.json", certificateBytes: false);

    private static (int Line, int Position) LineOf(JToken t)
    {
        var info = (IJsonLineInfo)t;
        Assert.True(info.HasLineInfo());
        return (info.LineNumber, info.LinePosition);
    }

    /// <summary>Both trees alike, token by token, with the same lines.</summary>
    private static IEnumerable<JToken> AllOf(JToken t) => t is JContainer c ? c.DescendantsAndSelf() : [t];

    private static void AssertSameTree(JToken expected, JToken actual)
    {
        Assert.True(JToken.DeepEquals(expected, actual), $"{actual} differs from {expected}");
        var a = AllOf(expected).ToList();
        var b = AllOf(actual).ToList();
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Type, b[i].Type);
            Assert.Equal(a[i].Path, b[i].Path);
            if (a[i] is not JProperty)
            {
                Assert.Equal(LineOf(a[i]), LineOf(b[i]));
            }
        }
    }

    private static string Describe(ImportProblem p) => $"{p.File}:{p.Line}:{p.JsonPath}:{p.Kind}:{p.Arguments.Detail}:{p.Arguments.Limit}";

    private static void AssertLikePlain(string json)
    {
        var plain = Plain(json);
        var collecting = Collecting(json);
        Assert.Equal(plain.Problems.Select(Describe), collecting.Problems.Select(Describe));
        if (plain.Root is null)
        {
            Assert.Null(collecting.Root);
        }
        else
        {
            AssertSameTree(plain.Root, collecting.Root!);
        }
    }

    [Fact]
    public void An_array_of_bytes_in_raw_data_is_one_bytes_value_where_the_array_opens()
    {
        const string json = "[\n  {\n    \"Thumbprint\": \"AB\",\n    \"RawData\": [\n      48,\n      130,\n      0,\n      255\n    ],\n    \"Next\": 1\n  }\n]";
        var root = Collecting(json).Root!;
        var value = Assert.IsType<JValue>(root[0]!["RawData"]);
        Assert.Equal(JTokenType.Bytes, value.Type);
        Assert.Equal(new byte[] { 48, 130, 0, 255 }, (byte[])value.Value!);
        Assert.Equal(LineOf(Plain(json).Root![0]!["RawData"]!), LineOf(value));
        Assert.Equal((4, 16), LineOf(value));

        // What follows the array is read as before.
        Assert.Equal(1, (int)root[0]!["Next"]!);
        Assert.Equal("AB", (string)root[0]!["Thumbprint"]!);
    }

    [Fact]
    public void The_property_name_is_matched_without_case_and_includes_the_ad_attribute()
    {
        var root = Collecting("""{"rawdata":[1,2],"MSEXCHSERVERINTERNALTLSCERT":[3]}""").Root!;
        Assert.Equal(new byte[] { 1, 2 }, (byte[])((JValue)root["rawdata"]!).Value!);
        Assert.Equal(new byte[] { 3 }, (byte[])((JValue)root["MSEXCHSERVERINTERNALTLSCERT"]!).Value!);
    }

    [Fact]
    public void A_wrapped_value_and_an_array_of_values_are_collected_inside()
    {
        var root = Collecting("""{"RawData":{"value":[1,2,3],"Count":3},"msExchServerInternalTLSCert":[[4,5],[6]]}""").Root!;
        Assert.Equal(new byte[] { 1, 2, 3 }, (byte[])((JValue)root["RawData"]!["value"]!).Value!);
        Assert.Equal(3, (int)root["RawData"]!["Count"]!);
        var multi = Assert.IsType<JArray>(root["msExchServerInternalTLSCert"]);
        Assert.Equal(2, multi.Count);
        Assert.Equal(new byte[] { 4, 5 }, (byte[])((JValue)multi[0]).Value!);
        Assert.Equal(new byte[] { 6 }, (byte[])((JValue)multi[1]).Value!);
    }

    [Fact]
    public void Comments_inside_a_byte_array_are_skipped_as_the_tree_skips_them()
    {
        var value = (JValue)Collecting("{\"RawData\":[1, /* two */ 2]}").Root!["RawData"]!;
        Assert.Equal(new byte[] { 1, 2 }, (byte[])value.Value!);
    }

    [Theory]
    [InlineData("[1, 256, 3]")]
    [InlineData("[1, -1]")]
    [InlineData("[1, 2.0]")]
    [InlineData("[1, \"2\"]")]
    [InlineData("[\"MII\"]")]
    [InlineData("[1, null]")]
    [InlineData("[1,, 3]")]
    [InlineData("[1, true]")]
    [InlineData("[1, [2, 3]]")]
    [InlineData("[1, {\"a\": 2}]")]
    [InlineData("[{\"a\": 2}, 1]")]
    [InlineData("[]")]
    [InlineData("[99999999999999999999999]")]
    public void Arrays_that_are_not_bytes_reach_the_tree_as_a_plain_reader_gives_them(string array)
    {
        var json = "[\n {\n  \"Thumbprint\": \"AB\",\n  \"RawData\": " + array.Replace(", ", ",\n   ", StringComparison.Ordinal) + ",\n  \"After\": [1, 2]\n }\n]";
        AssertLikePlain(json);
        Assert.NotEqual(JTokenType.Bytes, Collecting(json).Root![0]!["RawData"]!.Type);
    }

    [Theory]
    [InlineData("""{"Other":[1,2,3]}""")]
    [InlineData("""{"RawData":"MIIB","Next":[1,2]}""")]
    [InlineData("""{"RawData":null,"Next":[1,2]}""")]
    [InlineData("""{"a":{"RawData":1},"b":[1,2]}""")]
    [InlineData("""[{"RawData":[1]},[1,2]]""")]
    [InlineData("""{"x":{"y":{"RawData":{"z":1}}},"w":[[1]]}""")]
    public void Arrays_outside_a_byte_property_are_left_as_they_are(string json)
    {
        var root = Collecting(json).Root!;
        foreach (var array in AllOf(Plain(json).Root!).OfType<JArray>()
                     .Where(a => !a.AncestorsAndSelf().OfType<JProperty>().Any(p => p.Name == "RawData")
                                 && !a.Descendants().OfType<JProperty>().Any(p => p.Name == "RawData")))
        {
            Assert.IsType<JArray>(root.SelectToken(array.Path));
            AssertSameTree(array, root.SelectToken(array.Path)!);
        }
    }

    [Theory]
    [InlineData("{\"RawData\": [1, 2,")]
    [InlineData("{\"RawData\": [1, 2")]
    [InlineData("{\"RawData\": [1, 2]")]
    [InlineData("{\"RawData\": [1, 2 3]}")]
    [InlineData("{\"RawData\": [1, x]}")]
    [InlineData("{\"RawData\": [1, 2}")]
    [InlineData("{\"RawData\": [1, 2]] }")]
    [InlineData("{\"RawData\": [[1, 2], [3,")]
    public void A_broken_or_truncated_byte_array_is_the_same_problem_as_for_a_plain_reader(string json)
    {
        var text = json.Replace(", ", ",\n", StringComparison.Ordinal);
        var plain = Plain(text);
        Assert.Null(plain.Root);
        var p = Assert.Single(plain.Problems);
        Assert.True(p.Line > 0);
        AssertLikePlain(text);
    }

    private static List<JToken> Entries(string json, bool certificateBytes, out ImportProblem? failure)
    {
        using var stream = new JsonSectionStream(new StringReader(json), "s.json", certificateBytes);
        var entries = new List<JToken>();
        while (stream.Next() is { } entry)
        {
            entries.Add(entry);
        }

        failure = stream.Failure;
        return entries;
    }

    [Fact]
    public void Streamed_sections_collect_bytes_and_keep_each_entrys_path_and_line()
    {
        const string json = "[\n {\"RawData\": [1,\n 2]},\n {\"RawData\": [3, 300]}\n]";
        var entries = Entries(json, certificateBytes: true, out var failure);
        var plain = Entries(json, certificateBytes: false, out _);
        Assert.Null(failure);
        Assert.Equal(2, entries.Count);
        Assert.Equal(new byte[] { 1, 2 }, (byte[])((JValue)entries[0]["RawData"]!).Value!);
        Assert.Equal(LineOf(plain[0]["RawData"]!), LineOf(entries[0]["RawData"]!));
        Assert.Equal(2, LineOf(entries[0]["RawData"]!).Line);
        Assert.IsType<JArray>(entries[1]["RawData"]);
        AssertSameTree(plain[1], entries[1]);
        Assert.Equal(300, (int)entries[1]["RawData"]![1]!);
    }

    [Fact]
    public void A_streamed_section_cut_inside_a_byte_array_fails_with_its_line_and_path()
    {
        const string json = "[\n {\"RawData\": [1,\n 2,\n";
        Assert.Empty(Entries(json, certificateBytes: true, out var failure));
        Entries(json, certificateBytes: false, out var plain);
        Assert.NotNull(failure);
        Assert.Equal(ProblemKind.MalformedJson, failure.Kind);
        Assert.Equal("s.json", failure.File);
        Assert.Equal(4, failure.Line);
        Assert.StartsWith("$[0].RawData", failure.JsonPath, StringComparison.Ordinal);
        Assert.Equal(Describe(plain!), Describe(failure));
    }

    [Fact]
    public void A_store_certificate_whose_byte_array_holds_a_non_byte_is_reported_at_the_array()
    {
        var files = HealthyDump();
        var numbers = Ex01Cert.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        numbers[5] = "\"x\"";
        files["servers/EX01/ExchangeCertificate.json"] = Utf8("[\n {\"Thumbprint\":\"" + Ex01Thumbprint + "\",\n  \"RawData\": [\n" + string.Join(",\n", numbers) + "],\"Services\":16}\n]");
        var result = Load(files);
        var problem = Assert.Single(result.Problems, p => p.Kind == ProblemKind.RawDataUnreadable);
        Assert.EndsWith("servers/EX01/ExchangeCertificate.json", problem.File, StringComparison.Ordinal);
        Assert.Equal(3, problem.Line);
        Assert.Equal("$[0].RawData", problem.JsonPath);
        Assert.Equal("RawData[5] is not a byte: \"x\".", problem.Arguments.Detail);
    }

    [Fact]
    public void The_ad_copy_as_an_array_of_numbers_is_read_and_a_non_byte_makes_it_corrupt()
    {
        var files = HealthyDump();
        files["servers/EX01/InternalTransportCertificate.json"] = Utf8("{\"server\":\"EX01\",\"msExchServerInternalTLSCert\":[" + string.Join(",", Ex01Cert) + "]}");
        var present = Server(Load(files)).InternalCertificate;
        Assert.Equal(AdCertificateState.Present, present.State);
        Assert.Equal(Ex01Thumbprint, present.Certificate!.Thumbprint);

        files["servers/EX01/InternalTransportCertificate.json"] = Utf8("{\"server\":\"EX01\",\"msExchServerInternalTLSCert\":[[" + string.Join(",", Ex01Cert) + "]]}");
        Assert.Equal(Ex01Thumbprint, Server(Load(files)).InternalCertificate.Certificate!.Thumbprint);

        files["servers/EX01/InternalTransportCertificate.json"] = Utf8("{\"server\":\"EX01\",\"msExchServerInternalTLSCert\":[48, 1000]}");
        var corrupt = Server(Load(files)).InternalCertificate;
        Assert.Equal(AdCertificateState.Corrupt, corrupt.State);
        Assert.Equal("msExchServerInternalTLSCert[1] is not a byte: 1000.", corrupt.CorruptReason);
    }
}
