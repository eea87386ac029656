using Extls.Rules.Tests.Support;

namespace Extls.Rules.Tests;

public sealed class RuleIndexTests
{
    public static TheoryData<string> GeneratedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in RuleIndex.Files.Keys)
        {
            data.Add(path);
        }

        return data;
    }

    /// <summary>rules/README.md and docs/rules.md are what the descriptors generate; EXTLS_ACCEPT=1 rewrites a stale one.</summary>
    [Theory]
    [MemberData(nameof(GeneratedFiles))]
    public void Committed_file_matches_the_descriptors(string relative)
    {
        var descriptors = RuleIndex.LoadFromDisk();
        Assert.Equal(RuleIds.All.Count, descriptors.Count);
        var expected = RuleIndex.Files[relative](descriptors);
        var path = Path.Combine(RepoPaths.Root, relative);
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (committed != expected && Environment.GetEnvironmentVariable("EXTLS_ACCEPT") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
            return;
        }

        Assert.True(committed == expected, $"{relative} is stale; regenerate it with EXTLS_ACCEPT=1 dotnet test tests/Analyzer.Rules.Tests");
    }

    [Fact]
    public void Index_lists_one_row_per_descriptor_with_its_severity_and_event()
    {
        var descriptors = RuleIndex.LoadFromDisk();
        var index = RuleIndex.Generate(descriptors);
        var rows = index.Split('\n').Where(l => l.StartsWith("| [EXTLS", StringComparison.Ordinal)).ToArray();
        Assert.Equal(descriptors.Count, rows.Length);
        Assert.Contains("| [EXTLS1004](EXTLS1004.md) | InternalTransportCertificateNotInStore | error | InternalTransportCertificate | 12013 |", rows);
        Assert.Contains("| [EXTLS1007](EXTLS1007.md) | InternalTransportCertificateWithoutPrivateKey | error | InternalTransportCertificate | — |", rows);
    }

    [Fact]
    public void Catalogue_lists_every_rule_once_with_its_title_and_a_link_to_a_page_that_exists()
    {
        var descriptors = RuleIndex.LoadFromDisk();
        var catalogue = RuleIndex.GenerateCatalogue(descriptors);
        var rows = catalogue.Split('\n').Where(l => l.StartsWith("| [EXTLS", StringComparison.Ordinal)).ToArray();
        Assert.Equal(descriptors.Select(d => d.Id).Order(StringComparer.Ordinal), rows.Select(r => r[3..12]).Order(StringComparer.Ordinal));
        var notInStore = descriptors.Single(d => d.Id == "EXTLS1004");
        Assert.Contains($"| [EXTLS1004](../rules/EXTLS1004.md) | InternalTransportCertificateNotInStore | error | 12013 | {notInStore.Title.En} |", rows);
        Assert.Contains("\n## InternalTransportCertificate\n", catalogue, StringComparison.Ordinal);
        foreach (var row in rows)
        {
            var link = row[(row.IndexOf("](", StringComparison.Ordinal) + 2)..row.IndexOf(')', StringComparison.Ordinal)];
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs", link)), $"docs/rules.md links to {link}, which does not exist");
        }
    }
}
