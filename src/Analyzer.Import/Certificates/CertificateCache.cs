using Extls.Model;

namespace Extls.Import.Certificates;

/// <summary>
/// Parses each distinct DER once per load. A dump repeats most certificates: the AD copy of each internal
/// transport certificate is also in its server's store, and a CA-issued certificate enabled on several
/// servers is in each of their stores. <see cref="CertificateInfo"/> is immutable, so one instance serves
/// every copy; a value that is not a certificate is remembered with its reason too. The public keys imported for
/// self-signature checks are kept with them (<see cref="PublicKeyCache"/>) and released with the cache.
/// </summary>
internal sealed class CertificateCache : IDisposable
{
    private readonly PublicKeyCache keys = new();

    private readonly Dictionary<byte[], (CertificateInfo? Info, string? Error)> parsed = new(ByteContentComparer.Instance);

    private readonly Lock gate = new();

    public int Distinct
    {
        get
        {
            lock (gate)
            {
                return parsed.Count;
            }
        }
    }

    /// <summary>How many distinct public keys were imported for self-signature checks.</summary>
    public int Keys => keys.Count;

    /// <summary>Safe from several threads: a certificate two threads meet at once may be parsed twice, and the first result is kept.</summary>
    public CertificateInfo? TryParse(byte[] der, out string? error)
    {
        (CertificateInfo? Info, string? Error) entry;
        lock (gate)
        {
            if (parsed.TryGetValue(der, out entry))
            {
                error = entry.Error;
                return entry.Info;
            }
        }

        entry = (CertificateParser.TryParse(der, keys, out var parseError), parseError);
        lock (gate)
        {
            if (!parsed.TryAdd(der, entry))
            {
                entry = parsed[der];
            }
        }

        error = entry.Error;
        return entry.Info;
    }

    public void Dispose() => keys.Dispose();
}
