using System.Text.RegularExpressions;
using Extls.Rules.Descriptors;
using Extls.Rules.Tests.Support;

namespace Extls.Rules.Tests;

/// <summary>
/// Every page's Example has one layout and says what the rule would print: a text block with the
/// header "SERVER  severity  ID  kind target", the English message, the Event line when the rule
/// predicts one, and the Fix, each matching the descriptor's templates with some value in every placeholder.
/// </summary>
public sealed class PageExampleTests
{
    private static readonly Regex Placeholder = new(@"\{[a-z][A-Za-z0-9]*\}", RegexOptions.CultureInvariant);

    public static TheoryData<string> Ids() => [.. RuleIds.All];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Example_has_the_common_layout_and_matches_the_descriptor(string id)
    {
        var descriptor = RuleDescriptorLoader.Parse(File.ReadAllText(Path.Combine(RepoPaths.Rules, id + ".yaml")), $"rules/{id}.yaml");
        var lines = ExampleBlock(File.ReadAllText(Path.Combine(RepoPaths.Rules, id + ".md")));

        var header = lines[0].Split("  ");
        Assert.Equal(4, header.Length);
        Assert.Equal(descriptor.DefaultSeverity.ToString().ToLowerInvariant(), header[1]);
        Assert.Equal(id, header[2]);
        Assert.Matches(Template(descriptor.Message.En), lines[1][2..]);

        var next = 2;
        if (descriptor.EventId is { } eventId)
        {
            Assert.Equal($"  Event: {eventId}", lines[next++]);
        }

        Assert.Equal("  Fix:", lines[next]);
        Assert.All(lines.Skip(next + 1), l => Assert.True(l.Length == 0 || l.StartsWith("    ", StringComparison.Ordinal), $"{id}: fix line not indented: {l}"));
        var fix = string.Join("\n", lines.Skip(next + 1).Select(l => l.Length == 0 ? l : l[4..]));
        var templates = descriptor.RemediationVariants.Values.Prepend(descriptor.Remediation);
        Assert.Contains(templates, t => Template(t.Template("en").TrimEnd('\n')).IsMatch(fix));
    }

    [Fact]
    public void A_page_whose_example_drifts_from_its_template_is_caught()
    {
        var descriptor = RuleDescriptorLoader.Parse(File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS2003.yaml")), "rules/EXTLS2003.yaml");
        var line = ExampleBlock(File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS2003.md")))[1][2..];

        Assert.Matches(Template(descriptor.Message.En), line);
        Assert.DoesNotMatch(Template(descriptor.Message.En), line.Replace("lacks Tls", "has no Tls", StringComparison.Ordinal));
    }

    private static string[] ExampleBlock(string page)
    {
        var section = Regex.Match(page, @"\n## Example\n\n```text\n(?<block>.*?)\n```\n", RegexOptions.Singleline | RegexOptions.CultureInvariant);
        Assert.True(section.Success, "the Example section must open with a ```text block");
        return section.Groups["block"].Value.Split('\n');
    }

    /// <summary>The template as a whole-text pattern: literal text, and any non-empty value for each placeholder.</summary>
    private static Regex Template(string template) =>
        new("^" + string.Join("(.+?)", Placeholder.Split(template.Trim()).Select(Regex.Escape)) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
}
