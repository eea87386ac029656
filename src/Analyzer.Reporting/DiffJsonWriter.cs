using Extls.Rules;
using Extls.Rules.Comparison;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting;

/// <summary>
/// The diff JSON (schemas/diff.schema.json): <c>new</c>, <c>fixed</c> and <c>unchanged</c> findings in the shape of
/// the findings JSON, and <c>selectionChanges</c>, each with the replay before and after in the shape of its selections.
/// </summary>
public sealed class DiffJsonWriter : IDiffWriter
{
    public ReportFormat Format => ReportFormat.Json;

    public string Render(ResultDiff diff) => TextWriters.Collect(w => Write(diff, w));

    public void Write(ResultDiff diff, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(output);
        var root = new JObject
        {
            ["tool"] = new JObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
            ["before"] = Side(diff.Before),
            ["after"] = Side(diff.After),
            ["new"] = Json.Array(diff.New, JsonReportWriter.Finding),
            ["fixed"] = Json.Array(diff.Fixed, JsonReportWriter.Finding),
            ["unchanged"] = Json.Array(diff.Unchanged, JsonReportWriter.Finding),
            ["selectionChanges"] = Json.Array(diff.SelectionChanges, c => new JObject
            {
                ["server"] = c.Server,
                ["connector"] = Json.Nullable(c.Connector),
                ["scenario"] = Selection.ScenarioNames.ToId(c.Scenario),
                ["changes"] = Json.Strings(c.Changes.Select(ChangeId)),
                ["before"] = c.Before is null ? JValue.CreateNull() : JsonReportWriter.Selection(c.Before),
                ["after"] = c.After is null ? JValue.CreateNull() : JsonReportWriter.Selection(c.After),
            }),
            ["summary"] = new JObject
            {
                ["new"] = diff.New.Length,
                ["fixed"] = diff.Fixed.Length,
                ["unchanged"] = diff.Unchanged.Length,
                ["selectionChanges"] = diff.SelectionChanges.Length,
            },
        };
        output.Write(Json.Serialize(root));
    }

    /// <summary>The stable words of <see cref="SelectionChangeKind"/> in the JSON contract.</summary>
    public static string ChangeId(SelectionChangeKind kind) => kind switch
    {
        SelectionChangeKind.Added => "added",
        SelectionChangeKind.Removed => "removed",
        SelectionChangeKind.Advertised => "advertised",
        SelectionChangeKind.Certificate => "certificate",
        SelectionChangeKind.Outcome => "outcome",
        SelectionChangeKind.Events => "events",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static JObject Side(AnalysisResult r) => new()
    {
        ["asOf"] = Fmt.Date(r.AsOf),
        ["snapshot"] = new JObject
        {
            ["collectedAt"] = r.Snapshot.CollectedAt is { } c ? Fmt.Date(c) : JValue.CreateNull(),
            ["organization"] = Json.Nullable(r.Snapshot.Organization),
            ["sources"] = Json.Strings(r.Snapshot.Sources.IsDefault ? [] : r.Snapshot.Sources),
        },
    };
}
