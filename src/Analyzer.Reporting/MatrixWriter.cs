using Extls.Rules;
using Extls.Selection;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Extls.Reporting;

/// <summary>
/// The mail-flow matrix: for each ordered pair of transport servers, whether anonymous TLS works,
/// and the findings whose impacts name the failing side (the cause an administrator fixes).
/// </summary>
public sealed class MatrixWriter(RenderSettings settings)
{
    public string RenderConsole(IReadOnlyList<ServerPairResult> pairs, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(findings);
        var labels = Labels.For(settings.Culture);
        return SpectreText.Render(settings, console =>
        {
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn(labels.Sender);
            table.AddColumn(labels.Receiver);
            table.AddColumn(labels.Path);
            table.AddColumn(labels.Connector);
            table.AddColumn(labels.AnonymousTls);
            table.AddColumn(labels.Cause);
            foreach (var p in pairs)
            {
                var (word, colour) = p.AnonymousTlsWorks switch
                {
                    true => (labels.Yes, "green"),
                    false => (labels.No, "red"),
                    null => (labels.Unknown, "yellow"),
                };
                var causes = Causes(p, findings);
                table.AddRow(
                    new Text(p.Sender),
                    new Text(p.Receiver),
                    new Text(p.Path),
                    new Text(p.ReceiveConnector ?? "—"),
                    new Markup($"[{colour}]{SpectreText.Escape(word)}[/]"),
                    new Text(causes.Count == 0 ? (p.AnonymousTlsWorks == true ? "" : OutcomeWords(p, labels)) : string.Join(", ", causes.Select(f => f.RuleId).Distinct(StringComparer.Ordinal))));
            }

            console.Write(table);
        });
    }

    public static string RenderJson(IReadOnlyList<ServerPairResult> pairs, IReadOnlyList<Finding> findings, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(findings);
        var root = new JObject
        {
            ["tool"] = new JObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
            ["asOf"] = Fmt.Date(asOf),
            ["pairs"] = Json.Array(pairs, p => new JObject
            {
                ["sender"] = p.Sender,
                ["receiver"] = p.Receiver,
                ["path"] = p.Path,
                ["receiveConnector"] = Json.Nullable(p.ReceiveConnector),
                ["anonymousTlsWorks"] = p.AnonymousTlsWorks is { } w ? new JValue(w) : JValue.CreateNull(),
                ["senderOutcome"] = p.SenderResult is { } s ? Fmt.CamelCase(s.Outcome.ToString()) : JValue.CreateNull(),
                ["receiverOutcome"] = p.ReceiverResult is { } r ? Fmt.CamelCase(r.Outcome.ToString()) : JValue.CreateNull(),
                ["causes"] = Json.Array(Causes(p, findings), f => new JObject
                {
                    ["ruleId"] = f.RuleId,
                    ["fingerprint"] = f.Fingerprint,
                    ["message"] = f.Message,
                }),
            }),
        };
        return Json.Serialize(root);
    }

    /// <summary>Unsuppressed findings whose impacts are the failing side of the pair: process 2 on the sender, process 1 on the receiver's connector.</summary>
    internal static IReadOnlyList<Finding> Causes(ServerPairResult pair, IReadOnlyList<Finding> findings)
    {
        if (pair.AnonymousTlsWorks == true)
        {
            return [];
        }

        return findings
            .Where(f => f.Suppression is null && !f.Impacts.IsDefaultOrEmpty && f.Impacts.Any(i =>
                (i.Scenario == Scenario.OutboundAnonymousTls && string.Equals(i.Server, pair.Sender, StringComparison.OrdinalIgnoreCase)) ||
                (i.Scenario == Scenario.InboundAnonymousTls && string.Equals(i.Server, pair.Receiver, StringComparison.OrdinalIgnoreCase) &&
                 (i.Connector is null || pair.ReceiveConnector is null || string.Equals(i.Connector, pair.ReceiveConnector, StringComparison.OrdinalIgnoreCase)))))
            .OrderBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Fingerprint, StringComparer.Ordinal)
            .ToList();
    }

    // Without a finding naming it, the replays' own outcomes still say which side failed.
    private static string OutcomeWords(ServerPairResult p, Labels labels)
    {
        var parts = new List<string>();
        if (p.SenderResult is { Advertised: false } s)
        {
            parts.Add($"{p.Sender}: {Fmt.CamelCase(s.Outcome.ToString())}");
        }

        if (p.ReceiverResult is { Advertised: false } r)
        {
            parts.Add($"{p.Receiver}: {Fmt.CamelCase(r.Outcome.ToString())}");
        }

        if (p.ReceiveConnector is null)
        {
            parts.Add($"{p.Receiver}: {labels.NoReceiveConnector}");
        }

        return string.Join("; ", parts);
    }
}
