using System.Collections.Immutable;
using System.Runtime.InteropServices;

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

// Start-up: everything here runs in every analysis, and generic framework code over an enum of this assembly (a
// FrozenDictionary or Comparer of ReplayProperty, Enum.GetValues, LINQ's Order) is not in any ReadyToRun image, so the JIT
// would compile some eighty methods for it at each start. Plain arrays indexed by the value and a switch compile ahead.
public static class ReplayProperties
{
    /// <summary>How many properties there are: the values run from 0 to the last one without gaps.</summary>
    private const int Count = (int)ReplayProperty.HostAddress + 1;

    private static readonly string[] Ids = MakeIds();

    /// <summary>The property's name as Exchange (or the collector) spells it.</summary>
    public static string ToId(this ReplayProperty property) =>
        (uint)property < Count ? Ids[(int)property] : throw new ArgumentOutOfRangeException(nameof(property), property, null);

    /// <summary>Sorts as the JSON output always has: by the wire name, ordinal.</summary>
    public static IComparer<ReplayProperty> ById { get; } = new IdComparer();

    /// <summary>Every property, in <see cref="ById"/> order: a set of them kept as bits is listed in that order by walking it.</summary>
    private static readonly ReplayProperty[] InIdOrder = MakeIdOrder();

    /// <summary>The properties whose bits (1 &lt;&lt; value) are set, in <see cref="ById"/> order.</summary>
    internal static ImmutableArray<ReplayProperty> FromBits(long bits)
    {
        if (bits == 0)
        {
            return [];
        }

        var list = new ReplayProperty[System.Numerics.BitOperations.PopCount((ulong)bits)];
        int n = 0;
        foreach (var p in InIdOrder)
        {
            if ((bits & (1L << (int)p)) != 0)
            {
                list[n++] = p;
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(list);
    }

    private static string[] MakeIds()
    {
        var ids = new string[Count];
        for (int i = 0; i < Count; i++)
        {
            ids[i] = Name((ReplayProperty)i);
        }

        return ids;
    }

    private static string Name(ReplayProperty p) => p switch
    {
        ReplayProperty.InternalCertificate => "msExchServerInternalTLSCert",
            ReplayProperty.Role => nameof(ReplayProperty.Role),
            ReplayProperty.AuthMechanism => nameof(ReplayProperty.AuthMechanism),
            ReplayProperty.SuppressXAnonymousTls => nameof(ReplayProperty.SuppressXAnonymousTls),
            ReplayProperty.Certificates => nameof(ReplayProperty.Certificates),
            ReplayProperty.InternalTransportCertificateThumbprint => nameof(ReplayProperty.InternalTransportCertificateThumbprint),
            ReplayProperty.SendConnectors => nameof(ReplayProperty.SendConnectors),
            ReplayProperty.SmartHostAuthMechanism => nameof(ReplayProperty.SmartHostAuthMechanism),
            ReplayProperty.TlsCertificateName => nameof(ReplayProperty.TlsCertificateName),
            ReplayProperty.Fqdn => nameof(ReplayProperty.Fqdn),
            ReplayProperty.CloudServicesMailEnabled => nameof(ReplayProperty.CloudServicesMailEnabled),
            ReplayProperty.ServerFqdn => nameof(ReplayProperty.ServerFqdn),
            ReplayProperty.Server => nameof(ReplayProperty.Server),
            ReplayProperty.Version => nameof(ReplayProperty.Version),
            ReplayProperty.HasPrivateKey => nameof(ReplayProperty.HasPrivateKey),
            ReplayProperty.Services => nameof(ReplayProperty.Services),
            ReplayProperty.Status => nameof(ReplayProperty.Status),
            ReplayProperty.IsSelfSigned => nameof(ReplayProperty.IsSelfSigned),
            ReplayProperty.TransportRole => nameof(ReplayProperty.TransportRole),
            ReplayProperty.Bindings => nameof(ReplayProperty.Bindings),
            ReplayProperty.RemoteIPRanges => nameof(ReplayProperty.RemoteIPRanges),
            ReplayProperty.HostAddress => nameof(ReplayProperty.HostAddress),
        _ => throw new ArgumentOutOfRangeException(nameof(p), p, null),
    };

    // An insertion sort of two dozen values: Array.Sort over this enum would itself be compiled at run time.
    private static ReplayProperty[] MakeIdOrder()
    {
        var order = new ReplayProperty[Count];
        for (int i = 0; i < Count; i++)
        {
            var p = (ReplayProperty)i;
            int j = i;
            while (j > 0 && string.CompareOrdinal(Ids[(int)order[j - 1]], Ids[i]) > 0)
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = p;
        }

        return order;
    }

    private sealed class IdComparer : IComparer<ReplayProperty>
    {
        public int Compare(ReplayProperty x, ReplayProperty y) => string.CompareOrdinal(x.ToId(), y.ToId());
    }
}
