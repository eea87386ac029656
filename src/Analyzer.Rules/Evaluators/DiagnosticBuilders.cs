using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;

namespace Extls.Rules.Evaluators;

/// <summary>The targets, impacts and assumptions of diagnostics, built the same way by every rule.</summary>
internal static class DiagnosticBuilders
{
    public static FindingTarget ServerTarget(ServerSnapshot server) => new(FindingTargetKind.Server, server.Name);

    /// <summary>A certificate on one server: "SERVER/THUMBPRINT".</summary>
    public static FindingTarget CertificateTarget(string server, string thumbprint) =>
        new(FindingTargetKind.Certificate, $"{server}/{Thumbprints.Normalize(thumbprint)}");

    public static FindingTarget ReceiveConnectorTarget(string identity) => new(FindingTargetKind.ReceiveConnector, identity);

    /// <summary>The connectors and directions the selections stand for; the engine sorts them.</summary>
    public static ImmutableArray<Impact> Impacts(IEnumerable<SelectionResult> selections) =>
        [.. selections.Select(s => new Impact(s.Scenario, s.Server, s.Connector)).Distinct()];

    /// <summary>The assumptions the selections rest on, distinct; the engine sorts them.</summary>
    public static ImmutableArray<string> Assumptions(IEnumerable<SelectionResult> selections)
    {
        // Loops, not SelectMany and Select over the Assumption values: LINQ over an enum is framework code that ReadyToRun
        // cannot precompile with the tool, and every run of the rules comes here (about 20 methods compiled a start).
        var ids = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selection in selections)
        {
            var assumptions = selection.Assumptions;
            for (var i = 0; !assumptions.IsDefault && i < assumptions.Length; i++)
            {
                var id = assumptions[i].ToId();
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids.ToImmutable();
    }

    /// <summary>A finding about a receive connector's own settings: target, location and the one impact it has.</summary>
    public static Diagnostic ReceiveConnectorDiagnostic(
        string ruleId,
        ServerSnapshot server,
        ReceiveConnector connector,
        Scenario scenario,
        params (string Key, MessageArgument Value)[] arguments) => new()
    {
        RuleId = ruleId,
        Server = server.Name,
        Target = ReceiveConnectorTarget(connector.Identity),
        Arguments = Args.Of([("connector", connector.Identity), .. arguments]),
        Impacts = [new Impact(scenario, server.Name, connector.Identity)],
        Location = connector.Location,
    };
}
