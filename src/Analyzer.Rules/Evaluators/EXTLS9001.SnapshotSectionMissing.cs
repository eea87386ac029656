using Extls.Model;

namespace Extls.Rules.Evaluators;

/// <summary>EXTLS9001: a server lacks a section some rule needs; those rules say nothing for it.</summary>
internal sealed class SnapshotSectionMissing : IRuleEvaluator, IWordsEnumValues
{
    public IReadOnlyList<MessageValues> EnumValues { get; } = [MessageValues.Of<SectionGap>("reason"), MessageValues.Of<RunGap>("section")];

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
            if (Missing(server.Name, TransportServiceSection, server.TransportService) is { } a)
            {
                yield return a;
            }

            if (Missing(server.Name, ReceiveConnectorSection, server.ReceiveConnectors) is { } b)
            {
                yield return b;
            }

            if (Missing(server.Name, CertificateSection, server.Certificates) is { } c)
            {
                yield return c;
            }

            // Written from collector 1.1.0 on: a dump without the file is an older or hand-made one, not a gap.
            if (server.HostAddresses.State != SectionState.Absent
                && Missing(server.Name, HostAddressSection, server.HostAddresses) is { } h)
            {
                yield return h;
            }

            var ad = server.InternalCertificate;
            if (ad.State == AdCertificateState.NotCollected)
            {
                yield return Make(server.Name, InternalCertificateSection, SectionGap.NotCollected, Detail(ad.ReadError), ad.Location);
            }
        }

        var snapshot = context.Snapshot;
        if (Missing(null, SendConnectorSection, snapshot.SendConnectors) is { } d)
        {
            yield return d;
        }

        // raw-dump.md: EdgeSubscription.json "may be absent" (an organisation without Edge servers, or a
        // collector that does not write it). Only a recorded failure or an unreadable file is a gap.
        if (snapshot.EdgeSubscriptions.State != SectionState.Absent
            && Missing(null, EdgeSubscriptionSection, snapshot.EdgeSubscriptions) is { } e)
        {
            yield return e;
        }

        if (snapshot.HybridConfigurations.State != SectionState.Absent && Missing(null, HybridConfigurationSection, snapshot.HybridConfigurations) is { } hybrid)
        {
            yield return hybrid;
        }

        if (snapshot.TransportConfig.State != SectionState.Absent && Missing(null, TransportConfigSection, snapshot.TransportConfig) is { } transport)
        {
            yield return transport;
        }

        if (snapshot.AcceptedDomains.State != SectionState.Absent && Missing(null, AcceptedDomainSection, snapshot.AcceptedDomains) is { } domains)
        {
            yield return domains;
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
            yield return Make(null, MessageArgument.Value(RunGap.NotReached), CollectionTarget, SectionGap.Interrupted, Detail(run.Interruption), run.Location);
        }

        foreach (var skipped in run.SkippedServers.DistinctBy(s => s.Server, StringComparer.OrdinalIgnoreCase).OrderBy(s => s.Server, StringComparer.OrdinalIgnoreCase))
        {
            if (snapshot.FindServer(skipped.Server) is null)
            {
                yield return Make(skipped.Server, MessageArgument.Value(RunGap.SkippedServer), skipped.Server, SectionGap.Skipped, Detail(skipped.Reason), run.Location) with
                {
                    // Most servers are left out because they run no transport: worth knowing, not a warning.
                    Severity = Severity.Note,
                };
            }
        }
    }

    private Diagnostic? Missing<T>(string? server, string section, Section<T> s) =>
        s.State switch
        {
            SectionState.Failed => Make(server, section, SectionGap.Failed, Detail(s.Error), s.Location),
            SectionState.Absent => Make(server, section, SectionGap.Absent, Detail(s.Error), s.Location),

            // The problem itself, not its text: the engine words it in the finding's language.
            SectionState.Unreadable => Make(server, section, SectionGap.Unreadable, s.Problem is { } p ? MessageArgument.Problem(p) : Detail(s.Error), s.Location),
            _ => null,
        };

    /// <summary>A collector's own text (a failure it recorded, a reason it gave), quoted as it wrote it.</summary>
    private static MessageArgument Detail(string? error) => MessageArgument.Quoted(Lookups.IsSet(error) ? error!.Trim() : null);

    private Diagnostic Make(string? server, string section, SectionGap reason, MessageArgument detail, SourceLocation? location) =>
        Make(server, section, server is null ? $"org/{section}" : $"{server}/{section}", reason, detail, location);

    private Diagnostic Make(string? server, MessageArgument scope, string target, SectionGap reason, MessageArgument detail, SourceLocation? location) => new()
    {
        RuleId = RuleId,
        Server = server,
        Target = new FindingTarget(FindingTargetKind.Snapshot, target),
        Arguments = Args.Of(
            ("section", scope),
            ("reason", MessageArgument.Value(reason)),
            ("detail", detail)),
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
