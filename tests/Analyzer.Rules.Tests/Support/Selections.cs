using System.Collections.Immutable;
using Extls.Model;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Support;

/// <summary>Hand-made replay results: the real replay is another project's, so rules are tested against what it promises.</summary>
internal static class Selections
{
    public static SelectionResult Inbound(string server, string connector, SelectionOutcome outcome, string? certificate = null, bool? advertised = null) =>
        Make(Scenario.InboundAnonymousTls, server, $"{server}\\{connector}", outcome, certificate, advertised);

    public static SelectionResult Outbound(string server, SelectionOutcome outcome, string? certificate = null, bool? advertised = null) =>
        Make(Scenario.OutboundAnonymousTls, server, null, outcome, certificate, advertised);

    public static SelectionResult Make(Scenario scenario, string server, string? connector, SelectionOutcome outcome, string? certificate = null, bool? advertised = null) => new()
    {
        Scenario = scenario,
        Server = server,
        Connector = connector,
        Outcome = outcome,
        Certificate = certificate,
        Advertised = advertised ?? outcome is SelectionOutcome.Selected or SelectionOutcome.SelectedExpired or SelectionOutcome.SelectedExpiresSoon,
        EndedAtStep = 5,
    };

    public static AnalysisContext Context(OrganizationSnapshot snapshot, params SelectionResult[] selections) =>
        new(snapshot, selections.ToImmutableArray(), Build.AsOf, 30);

    /// <summary>Runs one evaluator and returns its diagnostics sorted by target id.</summary>
    public static IReadOnlyList<Diagnostic> Run(IRuleEvaluator evaluator, AnalysisContext context) =>
        evaluator.Evaluate(context).OrderBy(d => d.Target.Id, StringComparer.Ordinal).ToArray();

    public static ServerSnapshot WithStore(this ServerSnapshot server, params StoreCertificate[] certificates) =>
        server with { Certificates = Section<StoreCertificate>.Collected(certificates.ToImmutableArray(), Build.Loc($"servers/{server.Name}/ExchangeCertificate.json")) };
}
