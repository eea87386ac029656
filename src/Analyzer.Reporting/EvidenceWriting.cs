using Extls.Evidence;
using Extls.Rules;
using Extls.Selection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting;

/// <summary>The evidence parts of the SARIF report: the verdicts on a result's impacts, and the run's tally.</summary>
internal static class EvidenceWriting
{
    /// <summary>The verdict on each selection the finding impacts; empty when no log was read.</summary>
    public static JArray OfImpacts(Finding f, EvidenceReport evidence)
    {
        var verdicts = new JArray();
        foreach (var i in f.Impacts.IsDefault ? [] : f.Impacts)
        {
            if (evidence.For(i.Scenario, i.Server, i.Connector) is { } e)
            {
                verdicts.Add(new JObject
                {
                    ["scenario"] = i.Scenario.ToId(),
                    ["server"] = i.Server,
                    ["connector"] = Json.Nullable(i.Connector),
                    ["verdict"] = e.Verdict.ToId(),
                    ["reason"] = e.Reason.ToId(),
                    ["observedCertificates"] = new JArray(e.ObservedCertificates.Select(c => c.Thumbprint)),
                });
            }
        }

        return verdicts;
    }

    /// <summary>How many selections the logs confirmed, contradicted or left unobserved; nothing when no log was read.</summary>
    public static void RunSummary(JsonWriter w, EvidenceReport evidence)
    {
        if (evidence.Selections.IsDefaultOrEmpty)
        {
            return;
        }

        w.WritePropertyName("evidence");
        w.WriteStartObject();
        foreach (var verdict in Enum.GetValues<EvidenceVerdict>())
        {
            Json.Property(w, verdict.ToId(), evidence.Selections.Count(s => s.Verdict == verdict));
        }

        Json.Property(w, "since", evidence.Set.Since is { } since ? Fmt.Date(since) : null);
        Json.Property(w, "files", evidence.Set.Statistics.Files);
        Json.Property(w, "sessions", evidence.Set.Statistics.Sessions);
        w.WriteEndObject();
    }
}
