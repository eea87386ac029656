using System.Collections.Immutable;
using Extls.Selection;

namespace Extls.Evidence;

/// <summary>What the servers' own logs say about one prediction.</summary>
public enum EvidenceVerdict
{
    /// <summary>Every observed session presented the predicted certificate (or, predicted not offered, no EHLO answer offered it).</summary>
    Confirmed,

    /// <summary>The logs show something else than the prediction.</summary>
    Contradicted,

    /// <summary>Nothing in the logs says either way; the reason says why.</summary>
    Unobserved,
}

/// <summary>Why a verdict is what it is; the wire form is <see cref="EvidenceReasons.ToId(EvidenceReason)"/>.</summary>
public enum EvidenceReason
{
    /// <summary>Confirmed: every observed session presented the predicted certificate.</summary>
    PresentedPredictedCertificate,

    /// <summary>Confirmed: predicted not offered, and the EHLO answers did not offer it.</summary>
    NotOfferedAsPredicted,

    /// <summary>Contradicted: sessions presented another certificate than the predicted one.</summary>
    OtherCertificatePresented,

    /// <summary>Contradicted: predicted not offered or not used, yet sessions used it.</summary>
    UsedThoughNotPredicted,

    /// <summary>Contradicted: predicted offered, yet every EHLO answer in the period left it out.</summary>
    NotOfferedThoughPredicted,

    /// <summary>Unobserved: no protocol log of that server and direction was read.</summary>
    NoLogCollected,

    /// <summary>Unobserved: the collector recorded that the server's logs could not be read.</summary>
    LogUnreadable,

    /// <summary>Unobserved: the connector's ProtocolLoggingLevel is None, so Exchange writes nothing for it.</summary>
    LoggingDisabled,

    /// <summary>Unobserved: logs were read, but they hold no session of this kind on this connector in the period.</summary>
    NoSessions,
}

public static class EvidenceReasons
{
    public static string ToId(this EvidenceVerdict verdict) => verdict switch
    {
        EvidenceVerdict.Confirmed => "confirmed",
        EvidenceVerdict.Contradicted => "contradicted",
        EvidenceVerdict.Unobserved => "unobserved",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string ToId(this EvidenceReason reason) => reason switch
    {
        EvidenceReason.PresentedPredictedCertificate => "presented-predicted-certificate",
        EvidenceReason.NotOfferedAsPredicted => "not-offered-as-predicted",
        EvidenceReason.OtherCertificatePresented => "other-certificate-presented",
        EvidenceReason.UsedThoughNotPredicted => "used-though-not-predicted",
        EvidenceReason.NotOfferedThoughPredicted => "not-offered-though-predicted",
        EvidenceReason.NoLogCollected => "no-log-collected",
        EvidenceReason.LogUnreadable => "log-unreadable",
        EvidenceReason.LoggingDisabled => "logging-disabled",
        EvidenceReason.NoSessions => "no-sessions",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

/// <summary>One event id as the selection sees it: predicted by the replay, found in the server's log, or both.</summary>
/// <param name="Count">How often the log holds it in the period; 0 for a predicted event the log does not show.</param>
public sealed record ObservedEvent(int Id, bool Predicted, long Count, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen);

/// <summary>The evidence verdict on one selection, with what it rests on.</summary>
public sealed record SelectionEvidence
{
    public required Scenario Scenario { get; init; }

    public required string Server { get; init; }

    public string? Connector { get; init; }

    public required EvidenceVerdict Verdict { get; init; }

    public required EvidenceReason Reason { get; init; }

    /// <summary>The certificates the sessions presented, sorted by thumbprint.</summary>
    public ImmutableArray<ObservedCertificate> ObservedCertificates { get; init; } = [];

    /// <summary>Failed negotiations, beside the verdict and never folded into it.</summary>
    public ImmutableArray<ObservedFailure> Failures { get; init; } = [];

    /// <summary>The events of this selection's kind: predicted ones (observed or not) and observed ones, sorted by id; empty when no event export of the server was read.</summary>
    public ImmutableArray<ObservedEvent> Events { get; init; } = [];

    /// <summary>Receive logs: sessions whose first EHLO answer offered the verb, and those that did not.</summary>
    public long Offered { get; init; }

    public long NotOffered { get; init; }
}

/// <summary>
/// The verdicts of one analysis beside its selections (the replay stays pure: evidence is matched to it in its
/// own step), the evidence they rest on, and when the dump was collected.
/// </summary>
public sealed class EvidenceReport
{
    // By scenario (the enum's value indexes the array), then server, then connector, all case-insensitive. Nested
    // dictionaries over strings rather than one keyed by a (Scenario, string, string) tuple: every analysis builds this,
    // log or no log, and a dictionary keyed by a value tuple is framework code compiled at run time on every start
    // (ReadyToRun cannot precompile it with the tool); a look-up allocates nothing either way.
    private readonly Dictionary<string, Dictionary<string, SelectionEvidence>>[] bySelection;

    public EvidenceReport(EvidenceSet set, ImmutableArray<SelectionEvidence> selections, DateTimeOffset? collectedAt)
    {
        Set = set;
        Selections = selections;
        CollectedAt = collectedAt;
        bySelection = new Dictionary<string, Dictionary<string, SelectionEvidence>>[(int)Scenario.OutboundStartTls + 1];
        for (var i = 0; i < bySelection.Length; i++)
        {
            bySelection[i] = new Dictionary<string, Dictionary<string, SelectionEvidence>>(StringComparer.OrdinalIgnoreCase);
        }

        foreach (var s in selections)
        {
            var byServer = bySelection[(int)s.Scenario];
            if (!byServer.TryGetValue(s.Server, out var byConnector))
            {
                byConnector = new Dictionary<string, SelectionEvidence>(StringComparer.OrdinalIgnoreCase);
                byServer[s.Server] = byConnector;
            }

            byConnector.TryAdd(s.Connector ?? "", s);
        }
    }

    public static EvidenceReport None { get; } = new(EvidenceSet.Empty, [], null);

    public EvidenceSet Set { get; }

    /// <summary>One per selection of the replay, in the replay's order; empty when no evidence was read.</summary>
    public ImmutableArray<SelectionEvidence> Selections { get; }

    public DateTimeOffset? CollectedAt { get; }

    /// <summary>The verdict on a selection, or null when no evidence was read at all.</summary>
    public SelectionEvidence? For(SelectionResult selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return For(selection.Scenario, selection.Server, selection.Connector);
    }

    /// <summary>The verdict on the selection of that scenario, server and connector (a finding's impact names one).</summary>
    public SelectionEvidence? For(Scenario scenario, string server, string? connector) =>
        (uint)scenario < (uint)bySelection.Length
        && bySelection[(int)scenario].TryGetValue(server, out var byConnector)
        && byConnector.TryGetValue(connector ?? "", out var evidence)
            ? evidence
            : null;
}
