using Extls.Selection;
using Extls.TestKit;
using NJsonSchema;

namespace Extls.Reporting.Tests;

public sealed class MatrixWriterTests
{
    /// <summary>The real matrix of the sample: EX02's pairs fail, EX03's receive connectors were not collected.</summary>
    private static readonly IReadOnlyList<ServerPairResult> Pairs = Samples.Pairs();

    private static ServerPairResult Pair(string sender, string receiver) => Pairs.Single(p => p.Sender == sender && p.Receiver == receiver);

    [Fact]
    public void Console_table_names_the_cause_of_each_failing_pair() =>
        Golden.Verify(new MatrixWriter(RenderSettings.Plain).RenderConsole(Pairs, Samples.Findings()), "console");

    [Fact]
    public void Json_golden() => Golden.Verify(MatrixWriter.RenderJson(Pairs, Samples.Findings(), Samples.AsOf), "pairs", "json");

    [Fact]
    public async Task Json_validates_against_the_matrix_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("matrix.schema.json"));
        var errors = schema.Validate(MatrixWriter.RenderJson(Pairs, Samples.Findings(), Samples.AsOf));
        Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));
    }

    [Fact]
    public void Causes_are_the_findings_impacting_the_failing_side_only()
    {
        var findings = Samples.Findings();
        string[] Causes(string sender, string receiver) => [.. MatrixWriter.Causes(Pair(sender, receiver), findings).Select(f => f.RuleId).Distinct()];

        // EX02's internal certificate is missing: it breaks EX02's receiving side and its sending side.
        Assert.Contains("EXTLS1004", Causes("EX01", "EX02"));
        Assert.Contains("EXTLS1004", Causes("EX02", "EX01"));

        // EX01's STARTTLS problem (EXTLS2004) is no cause of anonymous TLS into EX01; a working pair has no cause.
        Assert.DoesNotContain("EXTLS2004", Causes("EX02", "EX01"));
        Assert.Empty(Causes("EX03", "EX01"));
        Assert.True(Pair("EX03", "EX01").AnonymousTlsWorks);
    }
}
