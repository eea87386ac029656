using Extls.Import;

namespace Extls.Robustness.Tests;

/// <summary>
/// Every joined organisation (each scenario that joins an organisation dump with Edge dumps, and generated
/// ones with Edges in their own dumps): every selection and every finding exists once, whatever the order of the
/// paths, and every root cause a finding names is reported.
/// </summary>
public sealed class JoinUniquenessTests
{
    public static TheoryData<string> Joined() => [.. Dumps.JoinedScenarios().Select(s => s.Id)];

    [Fact]
    public void The_fixtures_join_organisation_and_Edge_dumps_that_share_objects() =>
        Assert.Contains(Dumps.JoinedScenarios(), s => s.Id.StartsWith("050-", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Joined))]
    public void Every_selection_and_finding_of_a_joined_scenario_exists_once(string id)
    {
        var inputs = Dumps.JoinedScenarios().Single(s => s.Id == id).Inputs;
        AssertUnique(id, inputs);
        AssertUnique(id + " (paths reversed)", [.. inputs.Reverse()]);
    }

    [Fact]
    public void A_generated_organisation_with_its_Edges_in_their_own_dumps_joins_without_duplicates()
    {
        var root = Directory.CreateTempSubdirectory("extls-join-gen-").FullName;
        try
        {
            var run = Cli.Start(root, null, "generate", "--servers", "12", "--out", "org", "--seed", "7", "--edges", "2", "--edge-layout", "separate");
            Assert.True(run.ExitCode == 0, run.Error);
            var dumps = Directory.GetDirectories(Path.Combine(root, "org")).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(3, dumps.Length);
            AssertUnique("generated", dumps);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void AssertUnique(string what, string[] inputs)
    {
        var load = DumpLoader.Load(inputs);
        Assert.True(load.Problems.IsEmpty, $"{what}: {string.Join("; ", load.Problems)}");
        var result = Dumps.Analyze(load);
        Assert.NotEmpty(result.Selections);

        var selections = Dumps.Duplicates(result.Selections.Select(Dumps.SelectionKey));
        var fingerprints = Dumps.Duplicates(result.Findings.Select(f => f.Fingerprint));
        var findings = Dumps.Duplicates(result.Findings.Select(f => $"{f.RuleId} | {f.Target.Kind}:{f.Target.Id}"));
        Assert.True(selections.IsEmpty && fingerprints.IsEmpty && findings.IsEmpty,
            $"{what}: selections {string.Join("; ", selections)}; fingerprints {string.Join("; ", fingerprints)}; findings {string.Join("; ", findings)}");
        Assert.Empty(Dumps.DanglingRootCauses(result));

        // One server per name, and one send connector per identity.
        Assert.Empty(Dumps.Duplicates(load.Snapshot!.Servers.Select(s => s.Name)));
        Assert.Empty(Dumps.Duplicates(load.Snapshot.SendConnectors.Items.Select(c => c.Identity)));
    }
}
