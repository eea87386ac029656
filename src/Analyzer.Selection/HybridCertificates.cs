using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Selection;

/// <summary>How a hybrid transport server stands with the certificate the hybrid configuration names.</summary>
public enum HybridCertificateStanding
{
    /// <summary>A certificate with that issuer and subject is in the store, enabled for SMTP and valid at the as-of time.</summary>
    Valid,

    /// <summary>No certificate of the store has that issuer and subject (A4).</summary>
    NotInStore,

    /// <summary>Matching certificates are there, but none is enabled for SMTP.</summary>
    NotSmtpEnabled,

    /// <summary>Matching certificates are there, but every one has expired.</summary>
    Expired,

    /// <summary>Matching certificates are there, but none is valid yet.</summary>
    NotYetValid,

    /// <summary>Matching certificates are there, but each is revoked, untrusted or invalid.</summary>
    StatusNotValid,

    /// <summary>The store was not collected, or a matching certificate's Services are unknown: nothing can be said.</summary>
    Unknown,
}

/// <summary>Which role a server plays in the hybrid configuration.</summary>
[Flags]
public enum HybridServerRole
{
    None = 0,
    Sending = 1,
    Receiving = 2,
    Edge = 4,
}

/// <summary>One hybrid transport server and what its store holds of the certificate the hybrid configuration names.</summary>
/// <param name="Server">The server's name as the snapshot holds it.</param>
/// <param name="InSnapshot">False when the hybrid configuration names a server the snapshot does not hold.</param>
/// <param name="Matching">Thumbprints of the store's certificates with that issuer and subject.</param>
/// <param name="Renewal">A valid SMTP certificate of the store with the named subject but another issuer or validity: the likely renewal.</param>
public sealed record HybridServerCertificate(
    string Server,
    HybridServerRole Roles,
    bool InSnapshot,
    HybridCertificateStanding Standing,
    ImmutableArray<string> Matching,
    StoreCertificate? Renewal);

/// <summary>A hybrid configuration's TlsCertificateName, judged on each of its transport servers.</summary>
public sealed record HybridCertificateCheck(
    HybridConfiguration Configuration,
    DistinguishedNameKey? Name,
    ImmutableArray<HybridServerCertificate> Servers);

/// <summary>
/// The hybrid configuration's certificate on its sending, receiving and Edge transport servers. Pure: the
/// snapshot and the as-of time in, facts out. "Valid" is as process 3 sees a CA-issued certificate (A7):
/// NotBefore not after the as-of time, NotAfter not before it, Status not Revoked, Untrusted or Invalid;
/// and the certificate must be enabled for SMTP, since Exchange Online gets it over STARTTLS.
/// </summary>
public static class HybridCertificates
{
    public static ImmutableArray<HybridCertificateCheck> Check(OrganizationSnapshot snapshot, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        if (!snapshot.HybridConfigurations.IsKnown)
        {
            return [];
        }

        var checks = ImmutableArray.CreateBuilder<HybridCertificateCheck>();
        foreach (var hybrid in snapshot.HybridConfigurations.Items.Where(h => h is not null))
        {
            if (string.IsNullOrWhiteSpace(hybrid.TlsCertificateName))
            {
                continue;
            }

            var name = TlsCertificateNames.Parse(hybrid.TlsCertificateName);
            var roles = new SortedDictionary<string, HybridServerRole>(NameOrder.Instance);
            void Add(ImmutableArray<string>? names, HybridServerRole role)
            {
                foreach (var n in names ?? [])
                {
                    var key = snapshot.FindServer(n)?.Name ?? n;
                    roles[key] = roles.GetValueOrDefault(key) | role;
                }
            }

            Add(hybrid.SendingTransportServers, HybridServerRole.Sending);
            Add(hybrid.ReceivingTransportServers, HybridServerRole.Receiving);
            Add(hybrid.EdgeTransportServers, HybridServerRole.Edge);

            var servers = roles.Select(r => Judge(snapshot.FindServer(r.Key), r.Key, r.Value, name, options)).ToImmutableArray();
            checks.Add(new HybridCertificateCheck(hybrid, name, servers));
        }

        return checks.ToImmutable();
    }

    private static HybridServerCertificate Judge(ServerSnapshot? server, string name, HybridServerRole roles, DistinguishedNameKey? key, ReplayOptions options)
    {
        if (server is null || !server.Certificates.IsKnown)
        {
            return new HybridServerCertificate(name, roles, server is not null, HybridCertificateStanding.Unknown, [], null);
        }

        var store = server.Certificates.Items.IsDefault ? [] : server.Certificates.Items;
        var matching = key is null ? [] : store.Where(c => c is not null
            && DistinguishedNames.AreEqual(c.Certificate.Issuer, key.Issuer) && DistinguishedNames.AreEqual(c.Certificate.Subject, key.Subject)).ToList();
        var renewal = store
            .Where(c => c is not null && key is not null && DistinguishedNames.AreEqual(c.Certificate.Subject, key.Subject) && IsValid(c, options) && c.Services is { } s && s.HasFlag(CertificateServices.SMTP))
            .Where(c => !matching.Contains(c))
            .OrderByDescending(c => c.Certificate.NotBefore).ThenBy(c => c.Thumbprint, StringComparer.Ordinal)
            .FirstOrDefault();
        var thumbprints = matching.Select(c => Thumbprints.Normalize(c.Thumbprint)).Order(StringComparer.Ordinal).ToImmutableArray();
        return new HybridServerCertificate(server.Name, roles, true, Standing(matching, options), thumbprints, renewal);
    }

    /// <summary>The best standing among the matching certificates: one valid SMTP certificate is enough.</summary>
    private static HybridCertificateStanding Standing(List<StoreCertificate> matching, ReplayOptions options)
    {
        if (matching.Count == 0)
        {
            return HybridCertificateStanding.NotInStore;
        }

        if (matching.Any(c => c.Services is { } s && s.HasFlag(CertificateServices.SMTP) && IsValid(c, options)))
        {
            return HybridCertificateStanding.Valid;
        }

        // A certificate that could be the valid one but whose Services the dump lost: nothing can be said.
        if (matching.Any(c => c.Services is null && IsValid(c, options)))
        {
            return HybridCertificateStanding.Unknown;
        }

        var dated = matching.Where(c => c.Certificate.NotBefore <= options.AsOf && c.Certificate.NotAfter >= options.AsOf).ToList();
        if (dated.Count == 0)
        {
            return matching.All(c => c.Certificate.NotAfter < options.AsOf) ? HybridCertificateStanding.Expired : HybridCertificateStanding.NotYetValid;
        }

        return dated.Any(c => !BadStatus(c)) ? HybridCertificateStanding.NotSmtpEnabled : HybridCertificateStanding.StatusNotValid;
    }

    private static bool IsValid(StoreCertificate c, ReplayOptions options) =>
        c.Certificate.NotBefore <= options.AsOf && c.Certificate.NotAfter >= options.AsOf && !BadStatus(c);

    private static bool BadStatus(StoreCertificate c) =>
        c.Status is CertificateStatus.Revoked or CertificateStatus.Untrusted or CertificateStatus.Invalid;
}
