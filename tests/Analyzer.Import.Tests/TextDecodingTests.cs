using System.Text;
using Extls.Import.Formats;

namespace Extls.Import.Tests;

public sealed class TextDecodingTests
{
    public static TheoryData<string, byte[], string> Files()
    {
        const string json = "[{\"Subject\":\"CN=Müller\"}]";
        var utf16 = Encoding.Unicode.GetBytes(json);
        return new()
        {
            { "UTF-8 without a byte order mark", Encoding.UTF8.GetBytes(json), json },
            { "UTF-8 with a byte order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)], json },
            { "UTF-16 LE with a byte order mark", [0xFF, 0xFE, .. utf16], json },
            { "UTF-16 LE without a mark", utf16, json },
            { "UTF-16 BE without a mark", Encoding.BigEndianUnicode.GetBytes(json), json },
        };
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_small_file_decoded_whole_reads_as_a_large_one_streamed(string how, byte[] bytes, string expected)
    {
        // Padded past the limit, the same text is read through the streaming reader.
        var padding = new string(' ', TextDecoding.WholeFileLimit);
        var large = how.Contains("UTF-16", StringComparison.Ordinal)
            ? [.. bytes, .. (how.Contains("BE", StringComparison.Ordinal) ? Encoding.BigEndianUnicode : Encoding.Unicode).GetBytes(padding)]
            : bytes.Concat(Encoding.ASCII.GetBytes(padding)).ToArray();

        using var small = TextDecoding.OpenReader(new MemoryStream(bytes), ansi: false);
        using var streamed = TextDecoding.OpenReader(new MemoryStream(large), ansi: false);

        Assert.IsType<PooledTextReader>(small);
        Assert.IsType<StreamReader>(streamed);
        Assert.Equal(expected, small.ReadToEnd());
        Assert.Equal(expected + padding, streamed.ReadToEnd());
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_are_refused_by_the_strict_reading_and_read_as_ANSI_on_the_second()
    {
        byte[] latin1 = [.. "[\"M"u8, 0xFC, .. "ller\"]"u8];

        Assert.Throws<DecoderFallbackException>(() => TextDecoding.OpenReader(new MemoryStream(latin1), ansi: false).ReadToEnd());
        using var ansi = TextDecoding.OpenReader(new MemoryStream(latin1), ansi: true);
        Assert.Equal("[\"Müller\"]", ansi.ReadToEnd());
    }

    [Fact]
    public void A_mark_the_text_after_it_contradicts_is_refused_before_anything_is_read()
    {
        byte[] twice = [0xFF, 0xFE, 0xFF, 0xFE, .. Encoding.Unicode.GetBytes("[]")];

        var refused = Assert.Throws<TextEncodingException>(() => TextDecoding.OpenReader(new MemoryStream(twice), ansi: false));
        Assert.Equal(Extls.Model.ProblemKind.ByteOrderMarkTextInvalid, refused.Kind);
    }

    [Fact]
    public void Property_names_are_kept_once_and_read_as_written()
    {
        var first = JsonSectionParser.ParseText("[{\"ThumbprintX\":1,\"Subject\":2}]", "a.json").Root!;
        var second = JsonSectionParser.ParseText("[{\"ThumbprintX\":3}]", "b.json").Root!;

        var a = ((Newtonsoft.Json.Linq.JObject)first[0]!).Properties().First().Name;
        var b = ((Newtonsoft.Json.Linq.JObject)second[0]!).Properties().First().Name;
        Assert.Equal("ThumbprintX", a);
        Assert.Same(a, b);
    }
}
