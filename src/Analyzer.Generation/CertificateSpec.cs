namespace Extls.Generation;

public enum KeyAlgorithm
{
    Rsa,

    /// <summary>ECDSA on NIST P-256. Its signatures are randomised by the platform, so such a certificate's bytes differ between runs.</summary>
    EcdsaP256,
}

/// <summary>The hash of the signature; with the issuer's key algorithm it gives the signature algorithm (sha1RSA, sha256RSA, …).</summary>
public enum SignatureHash
{
    /// <summary>What Exchange 2010 and 2013 setup signed their self-signed certificates with; .NET refuses to make such signatures itself.</summary>
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

/// <summary>Which X.509 v3 extensions a certificate carries.</summary>
[Flags]
public enum CertificateExtensions
{
    None = 0,

    /// <summary>The DNS names of the spec; left out when there are none (RFC 5280 forbids an empty one).</summary>
    SubjectAlternativeName = 1,

    /// <summary>Critical: digitalSignature and keyEncipherment (RSA) or digitalSignature (ECDSA) for an end entity, keyCertSign and cRLSign for an authority.</summary>
    KeyUsage = 2,

    /// <summary>Enhanced key usage id-kp-serverAuth, not critical.</summary>
    ServerAuthentication = 4,

    SubjectKeyIdentifier = 8,

    /// <summary>Critical basic constraints: cA true for an authority, false otherwise.</summary>
    BasicConstraints = 16,

    /// <summary>What Exchange setup and a public CA put on a server certificate.</summary>
    TlsServer = SubjectAlternativeName | KeyUsage | ServerAuthentication | SubjectKeyIdentifier,

    /// <summary>What a root or issuing CA carries.</summary>
    Authority = BasicConstraints | KeyUsage | SubjectKeyIdentifier,
}

/// <summary>
/// One certificate to make. <see cref="Name"/> is its stable logical name (the scenario's name for it, not its
/// position): the serial number, and unless <see cref="KeyName"/> says otherwise the key, are computed from it, so
/// the certificate's bytes depend on this spec and its issuer only, never on what else was made before it.
/// </summary>
public sealed record CertificateSpec
{
    public required string Name { get; init; }

    /// <summary>The subject distinguished name as Windows writes it: "CN=ex01.contoso.com, O=Contoso Ltd, C=US".</summary>
    public required string Subject { get; init; }

    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public KeyAlgorithm KeyAlgorithm { get; init; } = KeyAlgorithm.Rsa;

    /// <summary>RSA modulus length in bits (a multiple of 16, 512 to 8192); 256 for P-256.</summary>
    public int KeySize { get; init; } = 2048;

    public SignatureHash SignatureHash { get; init; } = SignatureHash.Sha256;

    /// <summary>1 (no version field, no extensions: what some old appliances still present) or 3.</summary>
    public int Version { get; init; } = 3;

    /// <summary>The key's own name, when certificates share one (a renewal that kept its key); null: the certificate's <see cref="Name"/>.</summary>
    public string? KeyName { get; init; }

    public bool IsAuthority { get; init; }

    public CertificateExtensions Extensions { get; init; } = CertificateExtensions.TlsServer;

    public bool Equals(CertificateSpec? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Subject, other.Subject, StringComparison.Ordinal)
        && DnsNames.SequenceEqual(other.DnsNames, StringComparer.Ordinal)
        && NotBefore == other.NotBefore
        && NotAfter == other.NotAfter
        && KeyAlgorithm == other.KeyAlgorithm
        && KeySize == other.KeySize
        && SignatureHash == other.SignatureHash
        && Version == other.Version
        && string.Equals(KeyName, other.KeyName, StringComparison.Ordinal)
        && IsAuthority == other.IsAuthority
        && Extensions == other.Extensions;

    public override int GetHashCode() => HashCode.Combine(Name, Subject, NotBefore, NotAfter, KeySize, Version);
}
