using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Selection;

/// <summary>The four certificate selection processes.</summary>
public enum Scenario
{
    InboundAnonymousTls,
    OutboundAnonymousTls,
    InboundStartTls,
    OutboundStartTls,
}

public static class ScenarioNames
{
    public static string ToId(this Scenario scenario) => scenario switch
    {
        Scenario.InboundAnonymousTls => "inbound-anonymous-tls",
        Scenario.OutboundAnonymousTls => "outbound-anonymous-tls",
        Scenario.InboundStartTls => "inbound-starttls",
        Scenario.OutboundStartTls => "outbound-starttls",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };

    public static bool TryParse(string? text, out Scenario scenario)
    {
        foreach (var s in Enum.GetValues<Scenario>())
        {
            if (string.Equals(s.ToId(), text, StringComparison.OrdinalIgnoreCase))
            {
                scenario = s;
                return true;
            }
        }

        scenario = default;
        return false;
    }
}

/// <summary>Why a replay ended where it did. Rules read this; they never re-implement selection.</summary>
public enum SelectionOutcome
{
    /// <summary>A certificate was chosen and is within its validity, outside the warning window.</summary>
    Selected,

    /// <summary>Chosen, but inside the warning window (12017 / 12018).</summary>
    SelectedExpiresSoon,

    /// <summary>Chosen though expired: still advertised (12015 / 12016).</summary>
    SelectedExpired,

    // Process 1 and 2
    ExchangeServerAuthMissing,
    AnonymousTlsSuppressed,
    /// <summary>Process 2, Mailbox: InternalTransportCertificateThumbprint empty.</summary>
    TransportThumbprintEmpty,
    /// <summary>Process 2, Edge: no send connector with "--" smart host and SmartHostAuthMechanism ExchangeServer.</summary>
    EdgeSyncConnectorNotUsable,
    AdValueUnreadable,
    AdValueEmpty,
    AdValueCorrupt,
    CertificateNotInStore,

    // Process 3 and 4
    TlsNotOffered,
    NoMatchingCertificate,
    NoEligibleCertificate,
    /// <summary>Process 4: TlsCertificateName set but absent on the source server (454 4.7.5).</summary>
    SendCertificateNotFound,

    /// <summary>A section the replay needs was not collected or could not be read; nothing can be said.</summary>
    Undetermined,
}

/// <summary>A certificate considered by process 3 or 4, and why it was kept or refused.</summary>
public sealed record CandidateVerdict
{
    public required string Thumbprint { get; init; }

    public required string Subject { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public bool Eligible { get; init; }

    /// <summary>Why step 7 refused it; empty when eligible.</summary>
    public ImmutableArray<RefusalReason> RefusedBecause { get; init; } = ImmutableArray<RefusalReason>.Empty;

    /// <summary>Properties that were unknown when judging this candidate (HasPrivateKey, …).</summary>
    public ImmutableArray<ReplayProperty> Unknowns { get; init; } = ImmutableArray<ReplayProperty>.Empty;

    public bool Chosen { get; init; }

    /// <summary>Position after ranking (1 = first), for eligible candidates.</summary>
    public int? Rank { get; init; }

    /// <summary>Self-signed, as the store said or, when it did not, as Subject = Issuer suggests.</summary>
    public bool SelfSigned { get; init; }

    /// <summary>"Valid CA-issued" in the sense of assumption A7: not self-signed, Status not Revoked/Untrusted/Invalid, NotBefore ≤ as-of.</summary>
    public bool ValidCaIssued { get; init; }
}

/// <summary>The outcome of one replay: for one (server, connector) or one sending server.</summary>
public sealed record SelectionResult
{
    public required Scenario Scenario { get; init; }

    public required string Server { get; init; }

    /// <summary>Receive or send connector identity; null for process 2.</summary>
    public string? Connector { get; init; }

    /// <summary>Advertised (inbound) or used (outbound).</summary>
    public required bool Advertised { get; init; }

    /// <summary>Thumbprint of the chosen certificate, or null.</summary>
    public string? Certificate { get; init; }

    public ImmutableArray<int> Events { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>The number of the step whose outcome decided the result.</summary>
    public required int EndedAtStep { get; init; }

    public required SelectionOutcome Outcome { get; init; }

    /// <summary>The assumptions the answer rests on, in order (A1 first).</summary>
    public ImmutableArray<Assumption> Assumptions { get; init; } = ImmutableArray<Assumption>.Empty;

    public ImmutableArray<TraceStep> Trace { get; init; } = ImmutableArray<TraceStep>.Empty;

    /// <summary>Steps of the process passed over before the replay ended (a key found early, no TlsCertificateName to look for).</summary>
    public ImmutableArray<SkippedStep> Skipped { get; init; } = ImmutableArray<SkippedStep>.Empty;

    /// <summary>Properties whose values were unknown and that the answer depends on, sorted by their wire names.</summary>
    public ImmutableArray<ReplayProperty> Unknowns { get; init; } = ImmutableArray<ReplayProperty>.Empty;

    /// <summary>Processes 3 and 4: every candidate considered.</summary>
    public ImmutableArray<CandidateVerdict> Candidates { get; init; } = ImmutableArray<CandidateVerdict>.Empty;

    /// <summary>Processes 3 and 4: the key matched on (TlsCertificateName, Fqdn or server FQDN).</summary>
    public string? MatchKey { get; init; }

    /// <summary>Processes 3 and 4: the chosen certificate lacks SMTP, so the handshake fails (A6).</summary>
    public bool HandshakeFails { get; init; }

    /// <summary>Processes 3 and 4: TlsCertificateName is neither <c>&lt;I&gt;…&lt;S&gt;…</c> nor <c>[I]…[S]…</c>, so nothing can match it (EXTLS2011 / EXTLS3008).</summary>
    public bool KeyMalformed { get; init; }

    /// <summary>Process 4: a connector to Exchange Online with neither TlsCertificateName nor Fqdn, so the server's own FQDN picks the certificate (EXTLS3005).</summary>
    public bool ImplicitHybridCertificate { get; init; }

    /// <summary>The object the replay is about, for locating findings.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>True when the answer rests on unknown properties.</summary>
    public bool Uncertain => !Unknowns.IsDefaultOrEmpty;
}

/// <summary>The inputs every replay shares: the as-of instant and the warning window.</summary>
public sealed record ReplayOptions(DateTimeOffset AsOf, int WarningDays)
{
    /// <summary>Whether the servers are replayed on several cores; the results are the same either way.</summary>
    public Parallelism Parallelism { get; init; }

    /// <summary>Set by <see cref="Replay.All"/> for its own replays: one instance of each step, read and value they record.</summary>
    internal TraceSharing? Sharing { get; init; }
}
