namespace Extls.Model;

// Numeric values are Exchange's own, so a dump written with numbers (Windows PowerShell 5.1
// ConvertTo-Json) and one written with names map to the same value. See selection.md, "Facts about the data".

/// <summary>Receive connector AuthMechanism (flags).</summary>
[Flags]
public enum ReceiveAuthMechanism
{
    None = 0,
    Tls = 1,
    Integrated = 2,
    BasicAuth = 4,
    BasicAuthRequireTLS = 8,
    ExchangeServer = 16,
    ExternalAuthoritative = 32,
}

/// <summary>Receive connector PermissionGroups (flags).</summary>
[Flags]
public enum PermissionGroups
{
    None = 0,
    AnonymousUsers = 1,
    ExchangeUsers = 2,
    ExchangeServers = 4,
    ExchangeLegacyServers = 8,
    Partners = 16,
    Custom = 32,
}

/// <summary>Send connector SmartHostAuthMechanism. Not flags; ExchangeServer is 8 here, 16 on receive connectors.</summary>
public enum SmartHostAuthMechanism
{
    None = 0,
    BasicAuth = 2,
    BasicAuthRequireTLS = 4,
    ExchangeServer = 8,
    ExternalAuthoritative = 16,
}

public enum TlsAuthLevel
{
    EncryptionOnly = 1,
    CertificateValidation = 2,
    DomainValidation = 4,
}

/// <summary>Receive connector TransportRole.</summary>
public enum ConnectorTransportRole
{
    HubTransport = 32,
    Edge = 64,
    FrontendTransport = 16384,
}

/// <summary>Certificate Services (flags).</summary>
[Flags]
public enum CertificateServices
{
    None = 0,
    IMAP = 1,
    POP = 2,
    UM = 4,
    IIS = 8,
    SMTP = 16,
    Federation = 32,
    UMCallRouter = 64,
}

public enum CertificateStatus
{
    Unknown = 0,
    Valid = 1,
    Revoked = 2,
    DateInvalid = 3,
    Untrusted = 4,
    Invalid = 5,
    RevocationCheckFailure = 6,
    PendingRequest = 7,
}

/// <summary>The transport role a server plays for TLS purposes.</summary>
public enum TransportServerRole
{
    /// <summary>The dump does not say (no Get-ExchangeServer entry, or a role we do not know).</summary>
    Unknown,
    Mailbox,
    Edge,
}
