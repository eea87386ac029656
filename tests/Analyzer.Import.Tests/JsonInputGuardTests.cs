using Extls.Import.Formats;
using Extls.Model;

namespace Extls.Import.Tests;

/// <summary>
/// The guard in front of Json.NET: each bound refused on the line where it is passed, however the text reaches it
/// (in one block or character by character), and nothing refused that stays within the bounds.
/// </summary>
public class JsonInputGuardTests
{
    private static ImportProblem? Problem(string json)
    {
        var parsed = JsonSectionParser.ParseText(json, "g.json");
        return parsed.Root is null ? Assert.Single(parsed.Problems) : null;
    }

    /// <summary>Reads the whole text through the guard in blocks of <paramref name="block"/> characters; the line of a refusal, or 0.</summary>
    private static int RefusedLine(string text, int block)
    {
        using var guard = new JsonInputGuard(new StringReader(text));
        var buffer = new char[block];
        try
        {
            while (block == 1 ? guard.Read() >= 0 : guard.Read(buffer, 0, block) > 0)
            {
            }

            return 0;
        }
        catch (JsonLimitException ex)
        {
            return ex.Line;
        }
    }

    [Fact]
    public void White_space_written_out_is_every_character_char_IsWhiteSpace_accepts()
    {
        var expected = Enumerable.Range(char.MinValue, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace);
        Assert.Equal(expected, JsonInputGuard.WhiteSpaceChars.ToCharArray());
    }

    public static TheoryData<string, int> Refused()
    {
        var longString = new string('a', JsonLimits.MaxStringLength + 1);
        var escapes = string.Concat(Enumerable.Repeat("\\\"", (JsonLimits.MaxStringLength / 2) + 1));
        return new()
        {
            // The string passes the bound on the third line: the newlines inside the first string count too.
            { "[\n\"a\nb\",\n\"" + longString + "\"]", 4 },
            { "[\n \"x\",\n \"" + escapes + "\"\n]", 3 },
            { "[\n" + string.Join(",\n", Enumerable.Repeat("1", JsonLimits.MaxElements)) + ",\n 2]", JsonLimits.MaxElements + 2 },
            { "\n\n" + new string('[', JsonLimits.MaxDepth + 1), 3 },
        };
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_bound_is_refused_on_the_line_that_passes_it_in_blocks_of_any_size(string text, int line)
    {
        foreach (var block in new[] { 1, 7, 4096, 1 << 16 })
        {
            Assert.Equal(line, RefusedLine(text, block));
        }
    }

    [Fact]
    public void A_string_of_exactly_the_longest_length_and_an_array_of_exactly_the_most_elements_pass()
    {
        Assert.Null(Problem("[\"" + new string('a', JsonLimits.MaxStringLength) + "\"]"));
        Assert.Null(Problem("[" + string.Join(",", Enumerable.Repeat("1", JsonLimits.MaxElements)) + "]"));
        Assert.Null(Problem(new string('[', JsonLimits.MaxDepth) + new string(']', JsonLimits.MaxDepth)));
    }

    [Fact]
    public void Structural_characters_inside_strings_and_unusual_white_space_are_not_elements()
    {
        // Brackets, commas and escaped quotes inside strings; non-breaking and ideographic spaces between values.
        var items = Enumerable.Repeat("\"[,{\\\"}]\"", JsonLimits.MaxElements);
        Assert.Null(Problem("[" + string.Join(",\u00A0\u3000\u2028", items) + "]"));
        Assert.Equal(0, RefusedLine("[" + string.Join(",\u00A0", items) + "]", 7));
        Assert.NotEqual(0, RefusedLine("[" + string.Join(",\u00A0", items) + ",1]", 7));
    }

    [Fact]
    public void The_problem_names_the_file_line_and_kind()
    {
        var p = Problem("[\n1,\n\"" + new string('a', JsonLimits.MaxStringLength + 1) + "\"]")!;
        Assert.Equal("g.json", p.File);
        Assert.Equal(3, p.Line);
        Assert.Equal(ProblemKind.JsonStringTooLong, p.Kind);
        Assert.Equal(JsonLimits.MaxStringLength, p.Arguments.Limit);
    }
}
