namespace Extls.Model;

/// <summary>Facts about certificate signature algorithms that the import and the rules share.</summary>
public static class SignatureAlgorithms
{
    /// <summary>sha1RSA, sha1ECDSA, sha1DSA and the old OIW sha1WithRSASignature.</summary>
    public static IReadOnlySet<string> Sha1Oids { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "1.2.840.113549.1.1.5",
        "1.2.840.10045.4.1",
        "1.2.840.10040.4.3",
        "1.3.14.3.2.29",
    };

    /// <summary>SHA-1 by OID, or by the friendly name ("sha1RSA") when the dump carried no OID.</summary>
    public static bool IsSha1(string? friendlyName, string? oid) =>
        (oid is not null && Sha1Oids.Contains(oid))
        || (friendlyName is not null && friendlyName.StartsWith("sha1", StringComparison.OrdinalIgnoreCase));
}
