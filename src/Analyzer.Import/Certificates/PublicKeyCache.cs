using System.Security.Cryptography;

namespace Extls.Import.Certificates;

/// <summary>
/// The public keys imported to check self-signatures, kept for the load by their SubjectPublicKeyInfo bytes, so that a
/// key met again is not handed to the platform's crypto library again.
/// </summary>
/// <remarks>
/// Importing a key is most of a self-signature check (OpenSSL's decoder, about 100 µs a key; the verification itself
/// is a fifth of that). Why a cache and not another answer: whether a self-issued certificate verifies with its own
/// key decides what the replay may choose (a self-signed certificate is never the "valid" one), and neither the dump's
/// IsSelfSigned (absent from rebuilt rows and from the AD copy, and the DER wins where they disagree) nor asking lazily
/// (the replay asks about every certificate of every store) avoids the check; a managed RSA was measured no faster.
/// A key is imported once, whatever it verifies; certificates that share a key (a key kept across renewals, or a
/// generated organisation, whose keys are pooled) pay the import once. An organisation with a key per certificate gains
/// nothing here, and loses nothing: the import happens once either way.
/// The keys are the load's: disposed with the cache, since an undisposed key leaves its release to the finalizer.
/// Each key object is used by one thread at a time (the platform's key objects are not documented as safe to share):
/// a thread that finds every copy of a key busy imports another, so threads never wait on each other's verification.
/// </remarks>
internal sealed class PublicKeyCache : IDisposable
{
    private readonly Dictionary<byte[], Entry> keys = new(ByteContentComparer.Instance);

    private readonly Lock gate = new();

    private bool disposed;

    /// <summary>How many distinct keys were imported (a key the platform refused counts too).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return keys.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="use"/> with the imported key (null when the platform refuses to import it), one caller
    /// at a time per key.
    /// </summary>
    /// <param name="spki">The encoded SubjectPublicKeyInfo.</param>
    /// <param name="algorithm">"RSA" or "ECDSA".</param>
    public T With<T>(ReadOnlyMemory<byte> spki, string algorithm, Func<AsymmetricAlgorithm?, T> use)
    {
        var bytes = spki.ToArray();
        Entry? entry;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!keys.TryGetValue(bytes, out entry))
            {
                entry = new Entry();
                keys.Add(bytes, entry);
            }
        }

        // A key object is used by one thread at a time: a thread that finds every copy of the key in use imports one
        // more, rather than wait while another verifies (a load reads on every core, and certificates share keys).
        if (entry.Refused)
        {
            return use(null);
        }

        if (!entry.TryTake(out var key))
        {
            key = Import(spki.Span, algorithm);
            if (key is null)
            {
                // The platform refuses the key whoever asks: it is not offered again.
                entry.Refused = true;
                return use(null);
            }
        }

        try
        {
            return use(key);
        }
        finally
        {
            bool kept;
            lock (gate)
            {
                kept = !disposed;
                if (kept)
                {
                    entry.Return(key);
                }
            }

            if (!kept)
            {
                key.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var entry in keys.Values)
            {
                entry.DisposeAll();
            }

            keys.Clear();
        }
    }

    /// <summary>The key as the platform imports it; null when it refuses it or the algorithm is not RSA or ECDSA.</summary>
    public static AsymmetricAlgorithm? Import(ReadOnlySpan<byte> spki, string algorithm)
    {
        AsymmetricAlgorithm? key = algorithm switch
        {
            "RSA" => RSA.Create(),
            "ECDSA" => ECDsa.Create(),
            _ => null,
        };
        if (key is null)
        {
            return null;
        }

        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out _);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    /// <summary>The imported copies of one key not in use; at most one per thread that met it at the same moment.</summary>
    private sealed class Entry
    {
        private readonly Stack<AsymmetricAlgorithm> idle = new();

        private volatile bool refused;

        public bool Refused
        {
            get => refused;
            set => refused = value;
        }

        public bool TryTake([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AsymmetricAlgorithm? key)
        {
            lock (idle)
            {
                return idle.TryPop(out key);
            }
        }

        public void Return(AsymmetricAlgorithm key)
        {
            lock (idle)
            {
                idle.Push(key);
            }
        }

        public void DisposeAll()
        {
            lock (idle)
            {
                while (idle.TryPop(out var key))
                {
                    key.Dispose();
                }
            }
        }
    }
}

/// <summary>Byte arrays compared by content (DER, encoded keys).</summary>
internal sealed class ByteContentComparer : IEqualityComparer<byte[]>
{
    public static readonly ByteContentComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
