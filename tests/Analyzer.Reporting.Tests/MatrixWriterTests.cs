using Extls.Selection;
using Extls.TestKit;
using NJsonSchema;

namespace Extls.Reporting.Tests;

public sealed class MatrixWriterTests
{
    private static readonly SelectionResult Ex02Inbound = Samples.Selections[1];
    private static readonly SelectionResult Ex02Outbound = Samples.Selections[2];

    private static SelectionResult Ok(Scenario scenario, string server, string? connector) => new()
    {
        Scenario = scenario, Server = server, Connector = connector, Advertised = true, EndedAtStep = 5, Outcome = SelectionOutcome.Selected,
    };

    internal static IReadOnlyList<ServerPairResult> Pairs { get; } =
    [
        new ServerPairResult
        {
            Sender = "EX01", Receiver = "EX02", Path = "Mailbox->Mailbox", ReceiveConnector = "EX02\\Default EX02", AnonymousTlsWorks = false,
            SenderResult = Ok(Scenario.OutboundAnonymousTls, "EX01", null), ReceiverResult = Ex02Inbound,
        },
        new ServerPairResult
        {
            Sender = "EX02", Receiver = "EX01", Path = "Mailbox->Mailbox", ReceiveConnector = "EX01\\Default EX01", AnonymousTlsWorks = false,
            SenderResult = Ex02Outbound, ReceiverResult = Samples.Selections[0],
        },
        new ServerPairResult
        {
            Sender = "EX02", Receiver = "EDGE1", Path = "Mailbox->Edge", ReceiveConnector = null, AnonymousTlsWorks = null,
            SenderResult = Ex02Outbound,
        },
        new ServerPairResult
        {
            Sender = "EDGE1", Receiver = "EX01", Path = "Edge->Mailbox", ReceiveConnector = "EX01\\Default Frontend EX01", AnonymousTlsWorks = true,
            SenderResult = Ok(Scenario.OutboundAnonymousTls, "EDGE1", null), ReceiverResult = Ok(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default Frontend EX01"),
        },
    ];

    [Fact]
    public void Console_table_names_the_cause_of_each_failing_pair() =>
        Golden.Verify(new MatrixWriter(RenderSettings.Plain).RenderConsole(Pairs, Samples.Findings()), "console");

    [Fact]
    public void Json_golden() => Golden.Verify(MatrixWriter.RenderJson(Pairs, Samples.Findings(), Build.AsOf), "pairs", "json");

    [Fact]
    public async Task Json_validates_against_the_matrix_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Schema("matrix.schema.json"));
        var errors = schema.Validate(MatrixWriter.RenderJson(Pairs, Samples.Findings(), Build.AsOf));
        Assert.True(errors.Count == 0, SchemaErrors.Describe(errors));
    }

    [Fact]
    public void Causes_are_the_findings_impacting_the_failing_side_only()
    {
        var findings = Samples.Findings();
        Assert.Equal(["EXTLS1004"], MatrixWriter.Causes(Pairs[0], findings).Select(f => f.RuleId));
        // EX02 -> EX01: EX02's outbound side (EXTLS1004) and EX01's Default connector (EXTLS2001).
        Assert.Equal(["EXTLS1004", "EXTLS2001"], MatrixWriter.Causes(Pairs[1], findings).Select(f => f.RuleId));
        Assert.Empty(MatrixWriter.Causes(Pairs[3], findings));
    }
}
