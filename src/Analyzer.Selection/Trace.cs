using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Selection;

/// <summary>
/// What a step read. Exchange's own property names (AuthMechanism, Fqdn, …) keep their spelling in every
/// language; the others are the replay's own notions, which Reporting names in words.
/// </summary>
public enum TraceField
{
    /// <summary>The receive connector the session is to.</summary>
    Connector,
    AuthMechanism,
    SuppressXAnonymousTls,

    /// <summary>The transport role the replay takes the server for.</summary>
    Role,

    /// <summary>Get-ExchangeServer's ServerRole, as the dump writes it.</summary>
    ServerRole,

    /// <summary>Whether the organisation's send connectors were collected.</summary>
    SendConnectors,

    /// <summary>The Edge's send connectors with the EdgeSync placeholder "--".</summary>
    EdgeSyncConnectors,
    SmartHostAuthMechanism,
    InternalTransportCertificateThumbprint,

    /// <summary>The AD value: what state it is in.</summary>
    MsExchServerInternalTlsCert,

    /// <summary>The read error the collector recorded for the AD value.</summary>
    ReadError,

    /// <summary>Why the AD value is not a certificate.</summary>
    CorruptReason,

    /// <summary>The thumbprint looked for (the AD certificate's).</summary>
    Thumbprint,

    /// <summary>The AD certificate's subject.</summary>
    Subject,

    /// <summary>Whether the server's certificate store was collected.</summary>
    Store,

    /// <summary>How many certificates the store holds.</summary>
    StoreCertificates,

    /// <summary>The thumbprints of every certificate in the store, in the dump's order.</summary>
    StoreThumbprints,

    /// <summary>A certificate of the store that does not match the key, and why (<see cref="MismatchValue"/>).</summary>
    NotMatching,
    NotAfter,
    AsOf,
    WarningDays,
    TlsCertificateName,
    Fqdn,

    /// <summary>The receiving or source server's own FQDN.</summary>
    ServerFqdn,

    /// <summary>The key certificates are matched on (<see cref="KeyValue"/>).</summary>
    Key,

    /// <summary>The thumbprints of the store's certificates that match the key.</summary>
    Candidates,

    /// <summary>One candidate and whether it is eligible (<see cref="CandidateValue"/>).</summary>
    Candidate,

    /// <summary>One eligible certificate's place in the order (<see cref="RankedValue"/>).</summary>
    Ranked,

    /// <summary>One eligible certificate's standing for the choice (<see cref="StandingValue"/>).</summary>
    Standing,

    /// <summary>The certificate the choice took.</summary>
    Chosen,
    Services,
    RequireTls,
    TlsAuthLevel,
    TlsDomain,
    SmartHosts,
    CloudServicesMailEnabled,

    /// <summary>The server a send connector's sessions start from.</summary>
    SourceServer,

    /// <summary>The TCP port a session arrives on.</summary>
    Port,

    /// <summary>The receive connectors of one server that a step considers.</summary>
    ReceiveConnectors,
    Bindings,
    RemoteIPRanges,

    /// <summary>The addresses the receiving server's FQDN resolves to.</summary>
    ReceiverAddresses,

    /// <summary>The addresses the sending server's FQDN resolves to.</summary>
    SenderAddresses,

    /// <summary>The sender's address the session comes from.</summary>
    SessionAddress,

    /// <summary>The remote range that holds the session's address most specifically.</summary>
    MatchedRange,

    /// <summary>The server a session comes from.</summary>
    Server,
}

/// <summary>A value as the replay read it: typed, never formatted. Reporting writes it in the reader's language.</summary>
public abstract record TraceValue
{
    private protected TraceValue()
    {
    }
}

/// <summary>A name or text as the dump holds it (a connector identity, a DN, an FQDN); null when unknown, empty when not set.</summary>
public sealed record TextValue(string? Text) : TraceValue;

public sealed record ThumbprintValue(string Thumbprint) : TraceValue;

public sealed record DateValue(DateTimeOffset Value) : TraceValue;

/// <summary>A boolean property; null when unknown.</summary>
public sealed record FlagValue(bool? Value) : TraceValue;

/// <summary>A count or a number of days.</summary>
public sealed record NumberValue(int Value) : TraceValue;

/// <summary>A value of one of Exchange's enumerations (AuthMechanism, Services, TlsAuthLevel, a transport role), spelt as Exchange spells it; null when unknown.</summary>
public sealed record EnumValue(Enum? Value) : TraceValue;

/// <summary>An IP address.</summary>
public sealed record AddressValue(System.Net.IPAddress Address) : TraceValue;

/// <summary>A receive connector's remote IP range.</summary>
public sealed record RangeValue(IPRange Range) : TraceValue;

/// <summary>A receive connector's binding (local address and port).</summary>
public sealed record BindingValue(IPBinding Binding) : TraceValue;

/// <summary>Whether a section of the dump was collected.</summary>
public sealed record SectionStateValue(SectionState State) : TraceValue;

/// <summary>What the AD value msExchServerInternalTLSCert holds.</summary>
public sealed record AdStateValue(AdCertificateState State) : TraceValue;

/// <summary>A list (smart hosts, candidate thumbprints); null when unknown.</summary>
public sealed record ListValue(ImmutableArray<TraceValue>? Items) : TraceValue;

/// <summary>The key certificates are matched on, where it came from, and the issuer and subject a TlsCertificateName names.</summary>
public sealed record KeyValue(string Text, KeySource Source, string? Issuer, string? Subject) : TraceValue;

/// <summary>A candidate of process 3 or 4: eligible when nothing refused it; what was unknown when judging it.</summary>
public sealed record CandidateValue(string Thumbprint, ImmutableArray<RefusalReason> Refused, ImmutableArray<ReplayProperty> Unknowns) : TraceValue
{
    public bool Eligible => Refused.IsDefaultOrEmpty;
}

/// <summary>
/// A certificate of the store that the candidates step did not take: the names or issuer and subject it was
/// compared on, and why each failed. <paramref name="Wildcard"/> is the certificate's wildcard name that covers
/// the key's domain but not the key itself (one label only, A5), when that is why.
/// </summary>
public sealed record MismatchValue(
    string Thumbprint,
    string Subject,
    string Issuer,
    ImmutableArray<string> Names,
    ImmutableArray<MismatchReason> Reasons,
    string? Wildcard = null) : TraceValue;

/// <summary>An eligible certificate's place in step 8's order.</summary>
public sealed record RankedValue(int Rank, string Thumbprint, DateTimeOffset NotBefore, DateTimeOffset NotAfter) : TraceValue;

/// <summary>An eligible certificate's standing for step 9 (A7).</summary>
public sealed record StandingValue(string Thumbprint, CertificateStanding Standing) : TraceValue;

/// <summary>One value a step read; <paramref name="Of"/> names the object it belongs to when the step read it of several (the Edge's EdgeSync connectors).</summary>
public sealed record TraceRead(TraceField Field, TraceValue Value, string? Of = null);

/// <summary>One step of a replay: which step, the values it read, what it decided, and the event it predicts.</summary>
public sealed record TraceStep(StepId Step, ImmutableArray<TraceRead> Reads, StepReason Reason)
{
    /// <summary>The Application log event the step predicts (12012 … 12022), if any.</summary>
    public int? Event { get; init; }

    public int Number => Step.Number;

    public StepKind Kind => Step.Kind;

    /// <summary>The value read for <paramref name="field"/> (the first, when the step read it of several objects).</summary>
    public TraceValue? Value(TraceField field) =>
        (Reads.IsDefault ? [] : Reads).FirstOrDefault(r => r.Field == field)?.Value;
}

/// <summary>Where a key for processes 3 and 4 came from.</summary>
public enum KeySource
{
    TlsCertificateName,
    ConnectorFqdn,
    ServerFqdn,
}

/// <summary>Why a certificate of the store is not a candidate for the key (process 3 step 6, process 4 step 2.1).</summary>
public enum MismatchReason
{
    /// <summary>TlsCertificateName key: the certificate's issuer is another (A4).</summary>
    IssuerDiffers,

    /// <summary>TlsCertificateName key: the certificate's subject is another (A4).</summary>
    SubjectDiffers,

    /// <summary>Host key: neither the subject CN nor a DNS name is the name (A5).</summary>
    NameNotInCertificate,

    /// <summary>Host key: a wildcard name of the certificate covers exactly one label, and the name has none or more than one there (A5).</summary>
    WildcardCoversOneLabel,
}

/// <summary>Why step 7 refused a candidate.</summary>
public enum RefusalReason
{
    NotV3,
    NoPrivateKey,
    NameNotInCertificate,
}

/// <summary>How step 9 (A7) sees an eligible certificate.</summary>
public enum CertificateStanding
{
    /// <summary>Not self-signed, Status not Revoked/Untrusted/Invalid, NotBefore not after the as-of time.</summary>
    ValidCaIssued,
    SelfSigned,

    /// <summary>Not self-signed, but revoked, untrusted, invalid or not yet valid.</summary>
    CaIssuedNotValid,
}
