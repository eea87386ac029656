using Extls.Rules.Tests.Support;

namespace Extls.Rules.Tests;

public sealed class RuleIndexTests
{
    [Fact]
    public void Committed_index_matches_the_descriptors()
    {
        var expected = RuleIndex.Generate(RuleIndex.LoadFromDisk());
        var path = Path.Combine(RepoPaths.Rules, "README.md");
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (committed != expected && Environment.GetEnvironmentVariable("EXTLS_ACCEPT") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        Assert.True(committed == expected, "rules/README.md is stale; regenerate it with EXTLS_ACCEPT=1 dotnet test tests/Analyzer.Rules.Tests");
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
}
