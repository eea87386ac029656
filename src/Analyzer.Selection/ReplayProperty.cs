using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Extls.Selection;

/// <summary>
/// A property whose value a replay needed and did not have (<see cref="SelectionResult.Unknowns"/>,
/// <see cref="CandidateVerdict.Unknowns"/>). Its wire form (<see cref="ReplayProperties.ToId"/>) is the
/// property's own name, the one the JSON output's "unknowns" lists.
/// </summary>
public enum ReplayProperty
{
    /// <summary>The server's role: neither Get-ExchangeServer nor a TransportService section says.</summary>
    Role,
    AuthMechanism,
    SuppressXAnonymousTls,

    /// <summary>The AD value msExchServerInternalTLSCert was not collected.</summary>
    InternalCertificate,

    /// <summary>The server's certificate store (Get-ExchangeCertificate) was not collected or could not be read.</summary>
    Certificates,
    InternalTransportCertificateThumbprint,
    SendConnectors,
    SmartHostAuthMechanism,
    TlsCertificateName,
    Fqdn,
    CloudServicesMailEnabled,

    /// <summary>The source or receiving server's own FQDN.</summary>
    ServerFqdn,

    /// <summary>A send connector's source server is not in the snapshot.</summary>
    Server,
    Version,
    HasPrivateKey,
    Services,
    Status,
    IsSelfSigned,

    /// <summary>A receive connector's TransportRole: which service owns it.</summary>
    TransportRole,

    /// <summary>A receive connector's Bindings.</summary>
    Bindings,

    /// <summary>A receive connector's RemoteIPRanges.</summary>
    RemoteIPRanges,

    /// <summary>The addresses a server's FQDN resolves to (HostAddress.json).</summary>
    HostAddress,
}

public static class ReplayProperties
{
    private static readonly FrozenDictionary<ReplayProperty, string> Ids =
        Enum.GetValues<ReplayProperty>().ToFrozenDictionary(p => p, p => p switch
        {
            ReplayProperty.InternalCertificate => "msExchServerInternalTLSCert",
            _ => p.ToString(),
        });

    /// <summary>The property's name as Exchange (or the collector) spells it.</summary>
    public static string ToId(this ReplayProperty property) =>
        Ids.TryGetValue(property, out var id) ? id : throw new ArgumentOutOfRangeException(nameof(property), property, null);

    /// <summary>Sorts as the JSON output always has: by the wire name, ordinal.</summary>
    public static IComparer<ReplayProperty> ById { get; } =
        Comparer<ReplayProperty>.Create((a, b) => string.CompareOrdinal(a.ToId(), b.ToId()));

    /// <summary>Every property, in <see cref="ById"/> order: a set of them kept as bits is listed in that order by walking it.</summary>
    internal static ImmutableArray<ReplayProperty> InIdOrder { get; } = [.. Enum.GetValues<ReplayProperty>().Order(ById)];

    /// <summary>The properties whose bits (1 &lt;&lt; value) are set, in <see cref="ById"/> order.</summary>
    internal static ImmutableArray<ReplayProperty> FromBits(long bits)
    {
        if (bits == 0)
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<ReplayProperty>(System.Numerics.BitOperations.PopCount((ulong)bits));
        foreach (var p in InIdOrder)
        {
            if ((bits & (1L << (int)p)) != 0)
            {
                list.Add(p);
            }
        }

        return list.MoveToImmutable();
    }
}
