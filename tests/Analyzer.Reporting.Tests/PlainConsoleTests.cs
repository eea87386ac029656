using Extls.Import;
using Extls.Rules;
using Extls.TestKit;
using Spectre.Console;

namespace Extls.Reporting.Tests;

/// <summary>
/// Plain console output is laid out without Spectre.Console (PlainLines); it must be the bytes Spectre gives, for every
/// committed dump and for text made to wrap in every way the layout handles, or fall back to Spectre where it cannot.
/// </summary>
public sealed class PlainConsoleTests
{
    private static string Spectre(int width, Action<IConsoleLines> draw) =>
        SpectreText.Render(RenderSettings.Plain with { Width = width }, console => draw(new SpectreLines(console)));

    private static (bool Exact, string Text) Plain(int width, Action<IConsoleLines> draw)
    {
        var plain = new PlainLines(width);
        draw(plain);
        return (plain.Exact, plain.Exact ? plain.Text : $"(fell back on: {plain.Unplaced})");
    }

    public static TheoryData<string> Dumps()
    {
        var data = new TheoryData<string>();
        foreach (var dump in Directory.GetDirectories(Path.Combine(Repository.Root, "snapshots", "scenarios")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dump));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Dumps))]
    public void Every_committed_dump_reads_the_same_without_Spectre_in_English_and_falls_back_in_Japanese(string scenario)
    {
        var dump = Path.Combine(Repository.Root, "snapshots", "scenarios", scenario, "dump");
        var load = DumpLoader.Load([dump]);
        Assert.NotNull(load.Snapshot);
        foreach (var culture in new[] { "en", "ja" })
        {
            var result = AnalysisEngine.CreateDefault().Analyze(load.Snapshot! with { Sources = ["dump"] }, load.Problems,
                new AnalysisOptions(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), 30, Culture: culture));
            foreach (var width in new[] { 120, 80, 41 })
            {
                var settings = RenderSettings.Plain with { Culture = culture, Width = width };
                var writer = new ConsoleReportWriter(settings);
                var spectre = writer.RenderWithSpectre(result);
                Assert.Equal(spectre, writer.Render(result));

                var plain = new PlainLines(width);
                writer.Draw(plain, result);
                if (culture == "en" && width == 120)
                {
                    // The plain layout is what an English run writes (but for text with brackets, which Spectre's markup
                    // splits): otherwise this test would compare Spectre with itself.
                    Assert.True(plain.Exact || plain.Unplaced!.Contains('[', StringComparison.Ordinal), $"{scenario}: the English report fell back to Spectre on: {plain.Unplaced}");
                }

                if (plain.Exact)
                {
                    Assert.Equal(spectre, plain.Text);
                }
            }
        }
    }

    [Fact]
    public void Text_that_wraps_in_every_way_is_laid_out_as_Spectre_lays_it_out()
    {
        var random = new Random(20261201);
        string Word()
        {
            // Mostly short words, sometimes one longer than a line; the two one-cell signs the report uses.
            var length = random.Next(10) == 0 ? random.Next(20, 70) : random.Next(1, 12);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = random.Next(30) switch { 0 => '·', 1 => '×', 2 => '\\', 3 => '.', _ => (char)random.Next('a', 'z' + 1) };
            }

            return new string(chars);
        }

        string Text(int words)
        {
            var parts = new List<string>();
            for (var i = 0; i < words; i++)
            {
                parts.Add(Word());
                parts.Add(new string(' ', random.Next(8) == 0 ? random.Next(2, 5) : 1));
            }

            return string.Concat(parts).TrimEnd();
        }

        for (var round = 0; round < 400; round++)
        {
            var width = random.Next(30, 121);
            var texts = Enumerable.Range(0, 6).Select(_ => Text(random.Next(1, 40))).ToArray();
            var prefix = new string('p', random.Next(1, 10)) + ":";
            void Draw(IConsoleLines c)
            {
                c.Line(new Run(texts[0], "bold"), " ", texts[1]);
                c.Indented(random.Next(0, 7), texts[2]);
                c.Indented(2, new Run("error", "red"), " ", new Run("EXTLS1004", "bold"), " " + texts[3]);
                c.Hanging(6, prefix, texts[4]);
                c.Blank();
                c.Verbatim(6, texts[5] + "  ", cyan: true);
            }

            // The same random choices for both: draw each from the same seed.
            var seed = random.Next();
            random = new Random(seed);
            var (exact, text) = Plain(width, Draw);
            random = new Random(seed);
            var spectre = Spectre(width, Draw);
            Assert.True(exact, $"round {round}, width {width}: {text}");
            if (spectre != text)
            {
                File.WriteAllText(Path.Combine(Path.GetTempPath(), "extls-plain.txt"), text);
                File.WriteAllText(Path.Combine(Path.GetTempPath(), "extls-spectre.txt"), spectre);
            }

            Assert.True(spectre == text, $"round {round}, width {width}:\n--- Spectre\n{spectre}\n--- plain\n{text}");
        }
    }

    [Theory]
    [InlineData("証明書ストア")]
    [InlineData("a [bracket] b")]
    [InlineData("an emoji :fire: code")]
    [InlineData("a number emoji :100: too")]
    [InlineData("two\nlines")]
    [InlineData("combining e\u0301")]
    [InlineData("  leading spaces")]
    public void Text_the_plain_layout_cannot_place_exactly_falls_back_to_Spectre(string text)
    {
        Assert.True(Plain(120, c => c.Indented(4, "plain words: 2026-05-31T22:00:00Z · 3 × 2")).Exact);
        Assert.False(Plain(120, c => c.Indented(4, text)).Exact);
        Assert.False(Plain(120, c => c.Line(text)).Exact);
    }

    [Fact]
    public void Spectre_reads_no_emoji_in_a_name_of_one_or_two_digits_which_the_plain_layout_keeps()
    {
        // Times (22:00:00) put two digits between colons; the plain layout relies on Spectre leaving them as they are.
        for (var n = 0; n < 100; n++)
        {
            foreach (var name in new[] { n.ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToString("00", System.Globalization.CultureInfo.InvariantCulture) })
            {
                var text = $"at 22:{name}:00";
                Assert.Equal(text, Spectre(120, c => c.Line(text)).TrimEnd('\n'));
                Assert.Equal(text, Plain(120, c => c.Line(text)).Text.TrimEnd('\n'));
            }
        }
    }
}
