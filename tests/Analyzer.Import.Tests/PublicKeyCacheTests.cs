using System.Collections.Concurrent;
using System.Security.Cryptography;
using Extls.Import.Certificates;

namespace Extls.Import.Tests;

public sealed class PublicKeyCacheTests
{
    [Fact]
    public void Threads_that_meet_one_key_at_once_each_get_a_copy_of_their_own_and_never_share_one()
    {
        using var rsa = RSA.Create(2048);
        var spki = rsa.ExportSubjectPublicKeyInfo();
        using var cache = new PublicKeyCache();
        var inUse = new ConcurrentDictionary<AsymmetricAlgorithm, bool>(ReferenceEqualityComparer.Instance);
        var seen = new ConcurrentDictionary<AsymmetricAlgorithm, bool>(ReferenceEqualityComparer.Instance);
        var shared = 0;
        using var start = new Barrier(4);

        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 50; i++)
            {
                cache.With(spki, "RSA", key =>
                {
                    Assert.NotNull(key);
                    if (!inUse.TryAdd(key, true))
                    {
                        Interlocked.Increment(ref shared);
                    }

                    seen.TryAdd(key, true);
                    Thread.SpinWait(2000);
                    inUse.TryRemove(key, out bool _);
                    return 0;
                });
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, shared);
        Assert.Equal(1, cache.Count);
        // A copy per thread that found the others busy, never one per use.
        Assert.InRange(seen.Count, 1, 4);
    }

    [Fact]
    public void A_key_met_again_is_the_same_imported_object()
    {
        using var rsa = RSA.Create(2048);
        var spki = rsa.ExportSubjectPublicKeyInfo();
        using var cache = new PublicKeyCache();
        var first = cache.With(spki, "RSA", key => key);
        var second = cache.With(spki.ToArray(), "RSA", key => key);
        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_key_the_platform_refuses_is_null_counted_once_and_not_offered_again()
    {
        byte[] spki = [0x30, 0x03, 0x02, 0x01, 0x00];
        using var cache = new PublicKeyCache();
        Assert.Null(cache.With(spki, "RSA", key => key));
        Assert.Null(cache.With(spki, "RSA", key => key));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Keys_are_released_with_the_cache_and_the_cache_refuses_use_after()
    {
        using var rsa = RSA.Create(2048);
        var spki = rsa.ExportSubjectPublicKeyInfo();
        var cache = new PublicKeyCache();
        var key = (RSA)cache.With(spki, "RSA", k => k)!;
        cache.Dispose();
        Assert.ThrowsAny<ObjectDisposedException>(() => key.ExportSubjectPublicKeyInfo());
        Assert.Throws<ObjectDisposedException>(() => cache.With(spki, "RSA", k => k));
    }
}
