using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Selection;

/// <summary>One connector and direction that uses a certificate, as the replay chose it.</summary>
/// <param name="Connector">The receive or send connector; null for process 2 (the server's own sending).</param>
public sealed record CertificateUse(Scenario Scenario, string? Connector);

/// <summary>What a certificate of a store is for, read off the AD value and the replays.</summary>
public enum CertificateRole
{
    /// <summary>Its thumbprint is the one msExchServerInternalTLSCert holds for the server.</summary>
    InternalTransport,

    /// <summary>A replay chose it for a connector and direction.</summary>
    Chosen,

    /// <summary>Neither: no connector uses it and AD does not name it.</summary>
    Unused,
}

/// <summary>One certificate of one server's store, with what it is and what uses it, judged at the as-of time.</summary>
public sealed record InventoryEntry
{
    public required string Server { get; init; }

    public required StoreCertificate Store { get; init; }

    public string Thumbprint => Thumbprints.Normalize(Store.Thumbprint);

    public CertificateInfo Certificate => Store.Certificate;

    /// <summary>Whole days from the as-of time to NotAfter, rounded down; negative once expired.</summary>
    public required int DaysLeft { get; init; }

    public required bool InternalTransport { get; init; }

    /// <summary>The connectors and directions whose replay chose it, by scenario then connector.</summary>
    public required ImmutableArray<CertificateUse> ChosenFor { get; init; }

    /// <summary>Internal transport, chosen, or unused; a certificate can be the first two at once.</summary>
    public ImmutableArray<CertificateRole> Roles =>
        InternalTransport || !ChosenFor.IsEmpty
            ? [.. new[] { InternalTransport ? CertificateRole.InternalTransport : (CertificateRole?)null, ChosenFor.IsEmpty ? null : CertificateRole.Chosen }.OfType<CertificateRole>()]
            : [CertificateRole.Unused];
}

/// <summary>
/// The certificate inventory of an organisation: every certificate of every collected store, with its role. Roles
/// come from the replays' chosen certificates and the AD value, so the inventory never re-decides a selection; it
/// is linear in certificates plus replays.
/// </summary>
public static class CertificateInventory
{
    public static ImmutableArray<InventoryEntry> Build(OrganizationSnapshot snapshot, IEnumerable<SelectionResult> selections, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(selections);

        var uses = new Dictionary<(string Server, string Thumbprint), List<CertificateUse>>(ServerThumbprintComparer.Instance);
        foreach (var s in selections)
        {
            if (s.Certificate is { } thumbprint)
            {
                var key = (s.Server, Thumbprints.Normalize(thumbprint));
                if (!uses.TryGetValue(key, out var list))
                {
                    uses[key] = list = [];
                }

                list.Add(new CertificateUse(s.Scenario, s.Connector));
            }
        }

        var entries = ImmutableArray.CreateBuilder<InventoryEntry>();
        foreach (var server in snapshot.Servers.IsDefault ? [] : snapshot.Servers)
        {
            var internalThumbprint = server.InternalCertificate.Thumbprint is { } t ? Thumbprints.Normalize(t) : null;
            var store = server.Certificates.IsKnown && !server.Certificates.Items.IsDefault ? server.Certificates.Items : [];
            foreach (var certificate in store.Where(c => c is not null).OrderBy(c => Thumbprints.Normalize(c.Thumbprint), StringComparer.Ordinal))
            {
                var thumbprint = Thumbprints.Normalize(certificate.Thumbprint);
                var chosen = uses.TryGetValue((server.Name, thumbprint), out var list)
                    ? [.. list.Distinct().OrderBy(u => u.Scenario).ThenBy(u => u.Connector, StringComparer.OrdinalIgnoreCase)]
                    : ImmutableArray<CertificateUse>.Empty;
                entries.Add(new InventoryEntry
                {
                    Server = server.Name,
                    Store = certificate,
                    DaysLeft = (int)Math.Floor((certificate.Certificate.NotAfter - asOf).TotalDays),
                    InternalTransport = string.Equals(internalThumbprint, thumbprint, StringComparison.Ordinal),
                    ChosenFor = chosen,
                });
            }
        }

        return entries.ToImmutable();
    }

    private sealed class ServerThumbprintComparer : IEqualityComparer<(string Server, string Thumbprint)>
    {
        public static readonly ServerThumbprintComparer Instance = new();

        public bool Equals((string Server, string Thumbprint) x, (string Server, string Thumbprint) y) =>
            string.Equals(x.Server, y.Server, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Thumbprint, y.Thumbprint, StringComparison.Ordinal);

        public int GetHashCode((string Server, string Thumbprint) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Server), StringComparer.Ordinal.GetHashCode(obj.Thumbprint));
    }
}
