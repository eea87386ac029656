using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS9001: a server lacks a section some rule needs; those rules say nothing for it.</summary>
[MessageValues("reason", typeof(SectionGap))]
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
                yield return Make(server.Name, InternalCertificateSection, SectionGap.NotCollected, ad.ReadError, ad.Location);
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
        state switch
        {
            SectionState.Failed => Make(server, section, SectionGap.Failed, error, location),
            SectionState.Absent => Make(server, section, SectionGap.Absent, error, location),
            SectionState.Unreadable => Make(server, section, SectionGap.Unreadable, error, location),
            _ => null,
        };

    private Diagnostic Make(string? server, string section, SectionGap reason, string? error, SourceLocation? location) => new()
    {
        RuleId = RuleId,
        Server = server,
        Target = new FindingTarget(FindingTargetKind.Snapshot, server is null ? $"org/{section}" : $"{server}/{section}"),
        Arguments = Args.Of(
            ("section", section),
            ("reason", MessageArgument.Value(reason)),
            ("detail", Lookups.IsSet(error) ? error!.Trim() : null)),
        Location = location,

        // An access problem and a damaged file need different fixes: another account, or another copy of the file.
        RemediationVariant = reason switch
        {
            SectionGap.Unreadable => RemediationVariant.MalformedFile,
            SectionGap.Absent => RemediationVariant.FileMissing,
            SectionGap.NotCollected => RemediationVariant.AdValueNotRead,
            _ => null,
        },
    };
}

/// <summary>Why EXTLS9001 has no section to read.</summary>
internal enum SectionGap
{
    /// <summary>The collector recorded a failure for it: its cmdlet could not read the section (rights, a timeout, an unreachable server).</summary>
    Failed,

    /// <summary>No file and nothing recorded.</summary>
    Absent,

    /// <summary>The file is there but could not be read: malformed, cut short or in a wrong encoding.</summary>
    Unreadable,

    /// <summary>The AD value of the internal transport certificate was not collected.</summary>
    NotCollected,
}
