using Extls.Rules;
using Extls.Rules.Comparison;
using Extls.Selection;
using Newtonsoft.Json;

namespace Extls.Reporting;

/// <summary>
/// The diff JSON (schemas/diff.schema.json): <c>new</c>, <c>fixed</c> and <c>unchanged</c> findings in the shape of
/// the findings JSON, and <c>selectionChanges</c>, each with the replay before and after in the shape of its
/// selections. Written token by token, as the findings JSON is.
/// </summary>
public sealed class DiffJsonWriter : IDiffWriter
{
    public ReportFormat Format => ReportFormat.Json;

    public string Render(ResultDiff diff) => TextOf.Write(w => Write(diff, w));

    public void Write(ResultDiff diff, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(output);
        using (var w = Json.Writer(output))
        {
            w.WriteStartObject();
            Json.Tool(w);
            Side(w, "before", diff.Before);
            Side(w, "after", diff.After);
            Body(w, diff);
            w.WritePropertyName("summary");
            Summary(w, diff);
            w.WriteEndObject();
        }

        output.Write('\n');
    }

    /// <summary>new, fixed, unchanged and selectionChanges: the part of the diff a what-if outcome shares.</summary>
    internal static void Body(JsonWriter w, ResultDiff diff)
    {
        Findings(w, "new", diff.New);
        Findings(w, "fixed", diff.Fixed);
        Findings(w, "unchanged", diff.Unchanged);
        w.WritePropertyName("selectionChanges");
        w.WriteStartArray();
        foreach (var c in diff.SelectionChanges)
        {
            w.WriteStartObject();
            Json.Property(w, "server", c.Server);
            Json.Property(w, "connector", c.Connector);
            Json.Property(w, "scenario", c.Scenario.ToId());
            Json.Strings(w, "changes", c.Changes.Select(ChangeId));
            Selection(w, "before", c.Before);
            Selection(w, "after", c.After);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static void Summary(JsonWriter w, ResultDiff diff)
    {
        w.WriteStartObject();
        Json.Property(w, "new", diff.New.Length);
        Json.Property(w, "fixed", diff.Fixed.Length);
        Json.Property(w, "unchanged", diff.Unchanged.Length);
        Json.Property(w, "selectionChanges", diff.SelectionChanges.Length);
        w.WriteEndObject();
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

    private static void Findings(JsonWriter w, string name, IEnumerable<Finding> findings)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var f in findings)
        {
            JsonReportWriter.Finding(w, f);
        }

        w.WriteEndArray();
    }

    private static void Selection(JsonWriter w, string name, SelectionResult? s)
    {
        w.WritePropertyName(name);
        if (s is null)
        {
            w.WriteNull();
        }
        else
        {
            JsonReportWriter.Selection(w, s);
        }
    }

    // What each side was: the same header as the findings JSON's.
    internal static void Side(JsonWriter w, string name, AnalysisResult r)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        Json.Property(w, "asOf", Fmt.Date(r.AsOf));
        w.WritePropertyName("snapshot");
        w.WriteStartObject();
        Json.Property(w, "collectedAt", r.Snapshot.CollectedAt is { } c ? Fmt.Date(c) : null);
        Json.Property(w, "organization", r.Snapshot.Organization);
        Json.Strings(w, "sources", r.Snapshot.Sources.IsDefault ? [] : r.Snapshot.Sources);
        Json.Property(w, "builtInSample", r.BuiltInSample);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
