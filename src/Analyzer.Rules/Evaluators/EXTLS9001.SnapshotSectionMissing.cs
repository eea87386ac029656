using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS9001: a server lacks a section some rule needs; those rules say nothing for it.</summary>
internal sealed class SnapshotSectionMissing : IRuleEvaluator
{
    // Section names are the dump's file names (raw-dump.md), so the finding points where the collector should have written.
    internal const string TransportServiceSection = "TransportService";
    internal const string ReceiveConnectorSection = "ReceiveConnector";
    internal const string CertificateSection = "ExchangeCertificate";
    internal const string InternalCertificateSection = "InternalTransportCertificate";
    internal const string SendConnectorSection = "SendConnector";
    internal const string EdgeSubscriptionSection = "EdgeSubscription";

    public string RuleId => RuleIds.EXTLS9001;

    public IEnumerable<Diagnostic> Evaluate(AnalysisContext context)
    {
        foreach (var server in context.Snapshot.Servers)
        {
            if (Missing(server.Name, TransportServiceSection, server.TransportService.State, server.TransportService.Error, server.TransportService.Location) is { } a)
            {
                yield return a;
            }

            if (Missing(server.Name, ReceiveConnectorSection, server.ReceiveConnectors.State, server.ReceiveConnectors.Error, server.ReceiveConnectors.Location) is { } b)
            {
                yield return b;
            }

            if (Missing(server.Name, CertificateSection, server.Certificates.State, server.Certificates.Error, server.Certificates.Location) is { } c)
            {
                yield return c;
            }

            var ad = server.InternalCertificate;
            if (ad.State == AdCertificateState.NotCollected)
            {
                yield return Make(server.Name, InternalCertificateSection, nameof(AdCertificateState.NotCollected), ad.ReadError, ad.Location);
            }
        }

        var snapshot = context.Snapshot;
        if (Missing(null, SendConnectorSection, snapshot.SendConnectors.State, snapshot.SendConnectors.Error, snapshot.SendConnectors.Location) is { } d)
        {
            yield return d;
        }

        // raw-dump.md: EdgeSubscription.json "may be absent" (an organisation without Edge servers, or a
        // collector that does not write it). Only a recorded failure or an unreadable file is a gap.
        if (snapshot.EdgeSubscriptions.State != SectionState.Absent
            && Missing(null, EdgeSubscriptionSection, snapshot.EdgeSubscriptions.State, snapshot.EdgeSubscriptions.Error, snapshot.EdgeSubscriptions.Location) is { } e)
        {
            yield return e;
        }
    }

    private Diagnostic? Missing(string? server, string section, SectionState state, string? error, SourceLocation? location) =>
        state == SectionState.Collected ? null : Make(server, section, state.ToString(), error, location);

    private Diagnostic Make(string? server, string section, string reason, string? error, SourceLocation? location) => new()
    {
        RuleId = RuleId,
        Server = server,
        Target = new FindingTarget("snapshot", server is null ? $"org/{section}" : $"{server}/{section}"),
        Arguments = EvaluatorSupport.Args(
            ("section", section),
            ("reason", reason),
            ("detail", string.IsNullOrWhiteSpace(error) ? "-" : error.Trim())),
        Location = location,
    };
}
