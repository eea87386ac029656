using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS9001: a server lacks a section some rule needs; those rules say nothing for it.</summary>
[MessageValues("reason", typeof(SectionGap))]
[MessageValues("section", typeof(RunGap))]
internal sealed class SnapshotSectionMissing : IRuleEvaluator
{
    // Section names are the dump's file names (raw-dump.md), so the finding points where the collector should have written.
    internal const string TransportServiceSection = "TransportService";
    internal const string ReceiveConnectorSection = "ReceiveConnector";
    internal const string CertificateSection = "ExchangeCertificate";
    internal const string InternalCertificateSection = "InternalTransportCertificate";
    internal const string SendConnectorSection = "SendConnector";
    internal const string EdgeSubscriptionSection = "EdgeSubscription";
    internal const string HostAddressSection = "HostAddress";
    internal const string HybridConfigurationSection = "HybridConfiguration";
    internal const string TransportConfigSection = "TransportConfig";
    internal const string AcceptedDomainSection = "AcceptedDomain";

    /// <summary>The target of the finding that says the collector's run did not finish.</summary>
    internal const string CollectionTarget = "org/collection";

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

            // Written from collector 1.1.0 on: a dump without the file is an older or hand-made one, not a gap.
            if (server.HostAddresses.State != SectionState.Absent
                && Missing(server.Name, HostAddressSection, server.HostAddresses.State, server.HostAddresses.Error, server.HostAddresses.Location) is { } h)
            {
                yield return h;
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

        foreach (var (section, state, error, location) in new[]
        {
            (HybridConfigurationSection, snapshot.HybridConfigurations.State, snapshot.HybridConfigurations.Error, snapshot.HybridConfigurations.Location),
            (TransportConfigSection, snapshot.TransportConfig.State, snapshot.TransportConfig.Error, snapshot.TransportConfig.Location),
            (AcceptedDomainSection, snapshot.AcceptedDomains.State, snapshot.AcceptedDomains.Error, snapshot.AcceptedDomains.Location),
        })
        {
            if (state != SectionState.Absent && Missing(null, section, state, error, location) is { } org)
            {
                yield return org;
            }
        }

        foreach (var run in RunGaps(snapshot))
        {
            yield return run;
        }
    }

    /// <summary>
    /// A run the collector could not finish, and each server it left out that the analysis does not hold from
    /// another dump (an Edge's run leaves out the Mailbox servers EdgeSync lists, which the organisation's dump has).
    /// The sections an interrupted run did not reach have findings of their own; this one says why they are missing.
    /// </summary>
    private IEnumerable<Diagnostic> RunGaps(OrganizationSnapshot snapshot)
    {
        var run = snapshot.Run;
        if (run.Complete == false)
        {
            yield return Make(null, MessageArgument.Value(RunGap.NotReached), CollectionTarget, SectionGap.Interrupted, run.Interruption, run.Location);
        }

        foreach (var skipped in run.SkippedServers.DistinctBy(s => s.Server, StringComparer.OrdinalIgnoreCase).OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase))
        {
            if (snapshot.FindServer(skipped.Server) is null)
            {
                yield return Make(skipped.Server, MessageArgument.Value(RunGap.SkippedServer), skipped.Server, SectionGap.Skipped, skipped.Reason, run.Location) with
                {
                    // Most servers are left out because they run no transport: worth knowing, not a warning.
                    Severity = Severity.Note,
                };
            }
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

    private Diagnostic Make(string? server, string section, SectionGap reason, string? error, SourceLocation? location) =>
        Make(server, section, server is null ? $"org/{section}" : $"{server}/{section}", reason, error, location);

    private Diagnostic Make(string? server, MessageArgument scope, string target, SectionGap reason, string? error, SourceLocation? location) => new()
    {
        RuleId = RuleId,
        Server = server,
        Target = new FindingTarget(FindingTargetKind.Snapshot, target),
        Arguments = Args.Of(
            ("section", scope),
            ("reason", MessageArgument.Value(reason)),
            ("detail", Lookups.IsSet(error) ? error!.Trim() : null)),
        Location = location,

        // An access problem and a damaged file need different fixes: another account, or another copy of the file.
        RemediationVariant = reason switch
        {
            SectionGap.Unreadable => RemediationVariant.MalformedFile,
            SectionGap.Absent => RemediationVariant.FileMissing,
            SectionGap.NotCollected => RemediationVariant.AdValueNotRead,
            SectionGap.Interrupted => RemediationVariant.RunInterrupted,
            SectionGap.Skipped => RemediationVariant.ServerSkipped,
            _ => null,
        },
    };
}

/// <summary>What the rules that stay silent need, when the gap is the run's rather than one section's.</summary>
internal enum RunGap
{
    /// <summary>The sections an interrupted run did not reach.</summary>
    NotReached,

    /// <summary>Everything about a server the collector left out.</summary>
    SkippedServer,
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

    /// <summary>The collector's run stopped before it finished (manifest complete false).</summary>
    Interrupted,

    /// <summary>The collector left the server out (manifest skippedServers).</summary>
    Skipped,
}
