using System.Collections.Immutable;

namespace Extls.Model;

/// <summary>
/// What the certificate itself says, computed from its DER bytes when the dump carries them
/// (<see cref="FromDer"/>), otherwise taken from the dump's own properties.
/// </summary>
public sealed record CertificateInfo
{
    /// <summary>Upper-case hex SHA-1 of the DER encoding.</summary>
    public required string Thumbprint { get; init; }

    /// <summary>Subject distinguished name in Windows order (CN=…, O=…, C=…).</summary>
    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The CN of the subject, when it has one.</summary>
    public string? SubjectCommonName { get; init; }

    /// <summary>DNS names from the Subject Alternative Name extension, in certificate order.</summary>
    public ImmutableArray<string> DnsNames { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>X.509 version (3 for v3). Null when unknown.</summary>
    public int? Version { get; init; }

    /// <summary>"RSA", "ECDSA", … Null when unknown.</summary>
    public string? KeyAlgorithm { get; init; }

    /// <summary>Public key size in bits. Null when unknown.</summary>
    public int? KeySize { get; init; }

    /// <summary>Friendly signature algorithm name as Windows shows it ("sha256RSA"). Null when unknown.</summary>
    public string? SignatureAlgorithm { get; init; }

    public string? SignatureAlgorithmOid { get; init; }

    /// <summary>Subject equals issuer and the certificate verifies with its own key. Null when unknown.</summary>
    public bool? IsSelfSigned { get; init; }

    /// <summary>True when the values above were computed from DER; false when read from dump properties.</summary>
    public bool FromDer { get; init; }

    /// <summary>The DER bytes, when the dump carried them.</summary>
    public ImmutableArray<byte> RawData { get; init; } = ImmutableArray<byte>.Empty;
}

/// <summary>One certificate of a server's Local Computer\Personal store, as Get-ExchangeCertificate showed it.</summary>
/// <remarks>
/// Nullable properties are <em>unknown</em> when null: a remote export can lose everything but RawData,
/// and a certificate rebuilt from RawData says HasPrivateKey = false whatever the real store holds.
/// </remarks>
public sealed record StoreCertificate
{
    public required CertificateInfo Certificate { get; init; }

    public bool? HasPrivateKey { get; init; }

    public CertificateServices? Services { get; init; }

    public CertificateStatus? Status { get; init; }

    public string? FriendlyName { get; init; }

    /// <summary>Where the row came from, when the collector recorded it; null when the dump does not say.</summary>
    public CertificateOrigin? Origin { get; init; }

    /// <summary>Names of the Exchange properties the dump did not carry (for EXTLS9002).</summary>
    public ImmutableArray<string> UnknownProperties { get; init; } = ImmutableArray<string>.Empty;

    public required SourceLocation Location { get; init; }

    public string Thumbprint => Certificate.Thumbprint;
}

/// <summary>Where a certificate row of the dump came from (the collector's Origin).</summary>
public enum CertificateOrigin
{
    /// <summary>Exchange's own certificate object in the collecting shell.</summary>
    Local,

    /// <summary>A deserialized object from a remote session: every property is the server's.</summary>
    Deserialized,

    /// <summary>A plain certificate PowerShell rebuilt from RawData: only what the DER says is the server's.</summary>
    Rebuilt,

    /// <summary>Anything else (a property bag, a hand-made object).</summary>
    Other,
}

public enum AdCertificateState
{
    /// <summary>No file for the AD value and no recorded failure: we do not know.</summary>
    NotCollected,

    /// <summary>The collector recorded a read error (in the file or in manifest errors).</summary>
    Unreadable,

    /// <summary>The attribute is empty / null.</summary>
    Empty,

    /// <summary>Present but not a certificate.</summary>
    Corrupt,

    /// <summary>A certificate; its thumbprint is the SHA-1 of the bytes.</summary>
    Present,
}

/// <summary>The value of msExchServerInternalTLSCert on the server object (AD LDS on Edge).</summary>
public sealed record AdInternalCertificate
{
    public required AdCertificateState State { get; init; }

    /// <summary>Parsed certificate when <see cref="State"/> is Present.</summary>
    public CertificateInfo? Certificate { get; init; }

    public string? ReadError { get; init; }

    /// <summary>Why the bytes are not a certificate, when Corrupt.</summary>
    public string? CorruptReason { get; init; }

    public string? DistinguishedName { get; init; }

    public SourceLocation? Location { get; init; }

    public string? Thumbprint => Certificate?.Thumbprint;
}
