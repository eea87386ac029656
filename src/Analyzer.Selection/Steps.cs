using System.Collections.Immutable;

namespace Extls.Selection;

/// <summary>
/// What a step of a selection process does. A kind can belong to several processes (Read AD, Find in
/// store, Expiry, …) and is written once where they share it; <see cref="ProcessSteps"/> says which
/// number it has in each process.
/// </summary>
public enum StepKind
{
    /// <summary>The session starts (processes 1 and 3, step 1).</summary>
    Load,

    /// <summary>Process 1 step 2: ExchangeServer in AuthMechanism, and SuppressXAnonymousTls (A1).</summary>
    ExchangeServerAuthentication,

    /// <summary>Process 2 step 1: the sender's checks by role.</summary>
    StartByRole,

    /// <summary>msExchServerInternalTLSCert (processes 1 and 2).</summary>
    ReadAd,

    /// <summary>The AD certificate's thumbprint in Local Computer\Personal (processes 1 and 2).</summary>
    FindInStore,

    /// <summary>Process 3 step 2: Tls in AuthMechanism.</summary>
    TlsOffered,

    /// <summary>Process 3 step 3: the connector's TlsCertificateName as the key.</summary>
    KeyTlsCertificateName,

    /// <summary>Process 3 step 4: the connector's Fqdn as the key.</summary>
    KeyConnectorFqdn,

    /// <summary>Process 3 step 5: the server's FQDN as the key.</summary>
    KeyServerFqdn,

    /// <summary>Process 4 step 1: TlsCertificateName, Fqdn or the source server's FQDN, in one step.</summary>
    Key,

    /// <summary>Certificates of the store that match the key (process 3 step 6, process 4 step 2).</summary>
    Candidates,

    /// <summary>X.509 v3, a private key, the name (process 3 step 7, process 4 step 2).</summary>
    Eligible,

    /// <summary>NotBefore, newest first (process 3 step 8, process 4 step 2).</summary>
    Rank,

    /// <summary>The first valid CA-issued certificate, else the first self-signed one (A7).</summary>
    Choose,

    /// <summary>NotAfter against the as-of time and the warning window (every process).</summary>
    Expiry,

    /// <summary>Process 4 step 3: the certificate TlsCertificateName names is on the source server, or 454 4.7.5.</summary>
    TlsCertificateNameOnSource,

    /// <summary>The chosen certificate is enabled for SMTP, or the handshake fails (A6; process 3 step 11, process 4 step 4).</summary>
    SmtpService,

    /// <summary>Process 4 step 5: a connector to Exchange Online that names no certificate.</summary>
    ExchangeOnline,

    /// <summary>Process 4 step 6: RequireTLS, TlsAuthLevel and TlsDomain (the remote certificate).</summary>
    RequireTls,
}

/// <summary>A step of one process: the process and what the step does. Its number comes from <see cref="ProcessSteps"/>.</summary>
public readonly record struct StepId
{
    public StepId(Scenario process, StepKind kind)
    {
        // A kind outside its process is a defect of the replay, caught by the first test that reaches it.
        (Number, SubStep) = ProcessSteps.PlaceOf(process, kind)
            ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        Process = process;
        Kind = kind;
    }

    public Scenario Process { get; }

    public StepKind Kind { get; }

    /// <summary>The step's number in its process, as the documented processes number them (what <c>endedAtStep</c> reports).</summary>
    public int Number { get; }

    /// <summary>
    /// The part of a step that holds several (process 4 step 2 runs process 3's steps 6 to 10: 2.1 to 2.5);
    /// null for a step that is one thing.
    /// </summary>
    public int? SubStep { get; }

    /// <summary>"6", or "2.3" for a part of a step: the number the documentation prints.</summary>
    public string Label => SubStep is { } sub
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Number}.{sub}")
        : Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The numbered steps of each process, defined once. Process 4 folds candidates, eligibility, ranking,
/// choice and expiry into its step 2 ("as process 3 steps 6–10"): they share that number and are told
/// apart by their part, 2.1 to 2.5.
/// </summary>
public static class ProcessSteps
{
    // Arrays of a class, chosen by a switch: a frozen dictionary over the Scenario enum holding value tuples is framework
    // generic code over the tool's own value types, which ReadyToRun cannot precompile, so every start compiled it.
    private static readonly Place[] InboundAnonymousTlsSteps =
    [
        new(StepKind.Load, 1, null),
        new(StepKind.ExchangeServerAuthentication, 2, null),
        new(StepKind.ReadAd, 3, null),
        new(StepKind.FindInStore, 4, null),
        new(StepKind.Expiry, 5, null),
    ];

    private static readonly Place[] OutboundAnonymousTlsSteps =
    [
        new(StepKind.StartByRole, 1, null),
        new(StepKind.ReadAd, 2, null),
        new(StepKind.FindInStore, 3, null),
        new(StepKind.Expiry, 4, null),
    ];

    private static readonly Place[] InboundStartTlsSteps =
    [
        new(StepKind.Load, 1, null),
        new(StepKind.TlsOffered, 2, null),
        new(StepKind.KeyTlsCertificateName, 3, null),
        new(StepKind.KeyConnectorFqdn, 4, null),
        new(StepKind.KeyServerFqdn, 5, null),
        new(StepKind.Candidates, 6, null),
        new(StepKind.Eligible, 7, null),
        new(StepKind.Rank, 8, null),
        new(StepKind.Choose, 9, null),
        new(StepKind.Expiry, 10, null),
        new(StepKind.SmtpService, 11, null),
    ];

    private static readonly Place[] OutboundStartTlsSteps =
    [
        new(StepKind.Key, 1, null),
        new(StepKind.Candidates, 2, 1),
        new(StepKind.Eligible, 2, 2),
        new(StepKind.Rank, 2, 3),
        new(StepKind.Choose, 2, 4),
        new(StepKind.Expiry, 2, 5),
        new(StepKind.TlsCertificateNameOnSource, 3, null),
        new(StepKind.SmtpService, 4, null),
        new(StepKind.ExchangeOnline, 5, null),
        new(StepKind.RequireTls, 6, null),
    ];

    private static Place[] Table(Scenario process) => process switch
    {
        Scenario.InboundAnonymousTls => InboundAnonymousTlsSteps,
        Scenario.OutboundAnonymousTls => OutboundAnonymousTlsSteps,
        Scenario.InboundStartTls => InboundStartTlsSteps,
        Scenario.OutboundStartTls => OutboundStartTlsSteps,
        _ => [],
    };

    /// <summary>The steps of <paramref name="process"/> in order.</summary>
    public static ImmutableArray<StepId> Of(Scenario process) =>
        [.. Table(process).Select(s => new StepId(process, s.Kind))];

    public static int? NumberOf(Scenario process, StepKind kind) => PlaceOf(process, kind)?.Number;

    /// <summary>The number of <paramref name="kind"/> in <paramref name="process"/> and its part, if it is one; null when the process has no such step.</summary>
    public static (int Number, int? Sub)? PlaceOf(Scenario process, StepKind kind)
    {
        foreach (var place in Table(process))
        {
            if (place.Kind == kind)
            {
                return (place.Number, place.Sub);
            }
        }

        return null;
    }

    private sealed class Place(StepKind kind, int number, int? sub)
    {
        public StepKind Kind { get; } = kind;

        public int Number { get; } = number;

        public int? Sub { get; } = sub;
    }
}

/// <summary>Why a step of the process was passed over although a later step ran.</summary>
public enum SkipReason
{
    /// <summary>Process 3 steps 4 and 5: an earlier stage of the key chain gave the key.</summary>
    KeyAlreadyFound,

    /// <summary>Process 4 step 3: the key did not come from TlsCertificateName, so nothing is looked for by it.</summary>
    KeyNotFromTlsCertificateName,

    /// <summary>Process 4 step 2: a malformed TlsCertificateName matches no certificate, so none is chosen.</summary>
    KeyMalformed,
}

/// <summary>A step the replay passed over, and why: so that a reader sees every number of the process accounted for.</summary>
public sealed record SkippedStep(StepId Step, SkipReason Reason);

/// <summary>
/// What a step decided. The replay says which; Reporting says it in words. Codes are per decision, not per
/// process: a code shared by several processes (Expiry, the key, the candidates) means the same there.
/// </summary>
public enum StepReason
{
    /// <summary>The session to the connector starts (step 1 of processes 1 and 3).</summary>
    SessionStarts,

    // Receive connector AuthMechanism (process 1 step 2, process 3 step 2).
    AuthMechanismUnknown,
    ExchangeServerNotInAuthMechanism,
    /// <summary>A1: ExchangeServer is there, but SuppressXAnonymousTls is set.</summary>
    AnonymousTlsSuppressed,
    ExchangeServerInAuthMechanism,
    /// <summary>ExchangeServer is there; SuppressXAnonymousTls is unknown and taken as not set.</summary>
    ExchangeServerInAuthMechanismSuppressionUnknown,
    TlsNotInAuthMechanism,
    TlsInAuthMechanism,

    // Process 2 step 1.
    RoleUnknown,
    SendConnectorsNotCollected,
    /// <summary>The Edge has no send connector with the EdgeSync placeholder "--".</summary>
    NoEdgeSyncConnector,
    EdgeSyncAuthenticationUnknown,
    /// <summary>No EdgeSync send connector of the Edge has SmartHostAuthMechanism ExchangeServer.</summary>
    EdgeSyncWithoutExchangeServerAuthentication,
    TransportThumbprintUnknown,
    TransportThumbprintEmpty,
    /// <summary>A3: a Mailbox server with a thumbprint; DeliveryType is not consulted.</summary>
    MailboxWithTransportThumbprint,
    EdgeWithEdgeSyncAndTransportThumbprint,

    // Read AD (processes 1 and 2).
    AdValueNotCollected,
    AdValueUnreadable,
    AdValueEmpty,
    AdValueCorrupt,
    AdValueHoldsCertificate,

    // The store (Find in store; the candidates of processes 3 and 4).
    StoreNotCollected,
    /// <summary>A2: the thumbprint is not in the store, and no fall-back is assumed.</summary>
    NotInStore,
    InStore,

    // The key (process 3 steps 3 to 5, process 4 step 1).
    TlsCertificateNameUnknown,
    /// <summary>TlsCertificateName is neither &lt;I&gt;…&lt;S&gt;… nor [I]…[S]…: nothing can match it.</summary>
    TlsCertificateNameMalformed,
    KeyIsTlsCertificateName,
    TlsCertificateNameNotSet,
    FqdnUnknown,
    KeyIsConnectorFqdn,
    FqdnNotSet,
    ServerFqdnUnknown,
    KeyIsServerFqdn,
    /// <summary>Process 4: a source server missing from the snapshot (its FQDN and its store are unknown).</summary>
    SourceServerNotInSnapshot,

    // Candidates.
    /// <summary>Process 3 step 6 after a malformed key: no certificate can match it (12014).</summary>
    MalformedKeyMatchesNothing,
    /// <summary>Inbound: STARTTLS is not advertised (12014). Outbound with a host key: no certificate of its own.</summary>
    NoCandidate,
    /// <summary>Process 4 with TlsCertificateName: nothing matches; step 3 says what follows.</summary>
    NoCandidateForTlsCertificateName,
    CandidatesFound,

    // Eligible.
    /// <summary>Inbound: STARTTLS is not advertised (12014). Outbound with a host key: no certificate of its own.</summary>
    NoneEligible,
    /// <summary>Process 4 with TlsCertificateName: sessions are expected to fail with 454 4.7.5.</summary>
    NoneEligibleForTlsCertificateName,
    SomeEligible,
    /// <summary>A6: an eligible certificate lacks the SMTP service and stays eligible.</summary>
    SomeEligibleWithoutSmtp,

    // Rank and choose (A7).
    Ranked,
    FirstValidCaIssued,
    FirstSelfSigned,
    /// <summary>Neither valid CA-issued nor self-signed: the first eligible certificate.</summary>
    FirstEligible,

    // Expiry (every process).
    Expired,
    ExpiresSoon,
    NotExpired,

    // Process 4 step 3.
    TlsCertificateNameNotOnSource,
    TlsCertificateNameOnSource,

    // The SMTP service (A6; process 3 step 11, process 4 step 4).
    ServicesUnknown,
    NotEnabledForSmtp,
    EnabledForSmtp,

    // Process 4 step 5.
    ImplicitHybridCertificate,
    ExchangeOnlineNamedCertificate,
    NotExchangeOnline,

    // Process 4 step 6: RequireTLS off or unknown (opportunistic TLS), with or without a TlsAuthLevel that has no effect.
    RequireTlsUnknown,
    RequireTlsUnknownAuthLevelIgnored,
    RequireTlsOff,
    RequireTlsOffAuthLevelIgnored,

    // Process 4 step 6: RequireTLS on.
    DomainValidationWithoutTlsDomain,
    DomainValidation,
    CertificateValidation,
    EncryptionOnly,
    RequireTlsWithoutAuthLevel,
}
