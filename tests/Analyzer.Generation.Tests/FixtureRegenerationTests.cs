using Extls.FixtureGen;
using Extls.TestKit;
using static Extls.FixtureGen.Baseline;

namespace Extls.Generation.Tests;

/// <summary>
/// The fixtures under snapshots/ are what the generator makes, byte for byte, and one scenario's certificates do not
/// depend on the others: adding a scenario, or making certificates in another order, leaves every other scenario's
/// files (and so its thumbprints and expectations) unchanged.
/// </summary>
public sealed class FixtureRegenerationTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("extls-fixtures-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void Regenerating_the_fixtures_gives_the_committed_bytes()
    {
        using (Certs.FreshFactory())
        {
            Program.Generate(temp);
        }

        var committed = Path.Combine(Repository.Root, "snapshots");
        var problems = new List<string>();
        foreach (var folder in Program.GeneratedFolders)
        {
            problems.AddRange(Compare(Path.Combine(committed, folder), Path.Combine(temp, folder), folder));
        }

        problems.AddRange(Compare(committed, temp, "", Program.AttributesFile));
        Assert.True(problems.Count == 0,
            "snapshots/ differs from what tests/Analyzer.FixtureGen makes; regenerate with `dotnet run --project tests/Analyzer.FixtureGen -- .` and review the diff:\n  "
            + string.Join("\n  ", problems.Take(40)));
    }

    [Fact]
    public void Adding_a_scenario_or_making_certificates_in_another_order_changes_no_other_scenario()
    {
        var reference = Path.Combine(temp, "reference");
        using (Certs.FreshFactory())
        {
            Program.EmitScenarios(reference, Scenarios.All());
        }

        var other = Path.Combine(temp, "other");
        using (Certs.FreshFactory())
        {
            // Another order: the sample's and the hand-written dumps' certificates first, then a new scenario with
            // certificates of its own placed before all the others.
            Sample.Emit(Path.Combine(temp, "sample"));
            Handwritten.Emit(Path.Combine(temp, "handwritten"));
            Program.EmitScenarios(other, Scenarios.All().Prepend(Extra()));
        }

        var slugs = Directory.GetDirectories(reference).Select(Path.GetFileName).ToList();
        Assert.True(slugs.Count >= 40, $"only {slugs.Count} scenarios generated");
        Assert.True(File.Exists(Path.Combine(other, "000-extra", "expected.json")));
        var problems = slugs.SelectMany(s => Compare(Path.Combine(reference, s!), Path.Combine(other, s!), s!)).ToList();
        Assert.True(problems.Count == 0, "scenarios changed when another was added:\n  " + string.Join("\n  ", problems.Take(40)));
    }

    [Fact]
    public void A_fresh_factory_is_fresh_and_the_previous_one_comes_back()
    {
        var outer = Certs.Create(Specs.Server("scope-test"));
        using (Certs.FreshFactory())
        {
            var inner = Certs.Create(Specs.Server("scope-test"));
            Assert.NotSame(outer, inner);
            Assert.Equal(outer.GetRawData(), inner.GetRawData());
        }

        Assert.Same(outer, Certs.Create(Specs.Server("scope-test")));
    }

    /// <summary>A scenario that is not in the catalogue, with two certificates no other scenario has.</summary>
    private static ScenarioDef Extra()
    {
        var renewed = Certs.Issued("extra-ca-EX01-renewal", "CN=ex01.contoso.com, O=Contoso Ltd, C=US",
            ["ex01.contoso.com", "mail.contoso.com"], Certs.D(2026, 3, 1), Certs.D(2029, 3, 1));
        var self = Certs.SelfSigned("extra-ss-EX03", "EX03", "ex03.contoso.com", Certs.D(2024, 1, 1), Certs.D(2029, 1, 1));
        var org = TwoMailbox().WithServer("EX01", s => s with { Store = s.Store.Add(SmtpCa(renewed)).Add(InternalInStore(self)) });
        var e = new Expect { Description = "Not a real scenario: certificates made before every other.", Branch = "test" }.Healthy(org);
        return new ScenarioDef("000-extra", org, e);
    }

    /// <summary>Differences between two folders: files only on one side and files whose bytes differ.</summary>
    private static IEnumerable<string> Compare(string expectedDir, string actualDir, string label, string? only = null)
    {
        static HashSet<string> Files(string dir, string? only) => only is not null
            ? File.Exists(Path.Combine(dir, only)) ? [only] : []
            : Directory.Exists(dir)
                ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
                    .Where(f => f != "README.md")
                    .ToHashSet(StringComparer.Ordinal)
                : [];

        var expected = Files(expectedDir, only);
        var actual = Files(actualDir, only);
        foreach (var f in expected.Except(actual).Order(StringComparer.Ordinal))
        {
            yield return $"{label}/{f}: committed but no longer generated";
        }

        foreach (var f in actual.Except(expected).Order(StringComparer.Ordinal))
        {
            yield return $"{label}/{f}: generated but not committed";
        }

        foreach (var f in expected.Intersect(actual).Order(StringComparer.Ordinal))
        {
            if (!File.ReadAllBytes(Path.Combine(expectedDir, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualDir, f))))
            {
                yield return $"{label}/{f}: bytes differ";
            }
        }
    }
}
