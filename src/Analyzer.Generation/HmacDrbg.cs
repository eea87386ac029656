using System.Security.Cryptography;

namespace Extls.Generation;

/// <summary>
/// HMAC_DRBG with HMAC-SHA-256 (NIST SP 800-90A, section 10.1.2), seeded from a name instead of entropy: the same
/// name always yields the same bytes. That is the point here (test keys that never change) and would be a
/// vulnerability anywhere else, which is why this type is internal and only ever feeds test keys.
/// </summary>
internal sealed class HmacDrbg
{
    private readonly byte[] key = new byte[32];
    private readonly byte[] value = new byte[32];

    public HmacDrbg(ReadOnlySpan<byte> seed)
    {
        value.AsSpan().Fill(0x01);
        Update(seed);
    }

    public void Fill(Span<byte> output)
    {
        while (!output.IsEmpty)
        {
            Hmac(value, value);
            var n = Math.Min(output.Length, value.Length);
            value.AsSpan(0, n).CopyTo(output);
            output = output[n..];
        }

        Update([]);
    }

    public byte[] Next(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }

    private void Update(ReadOnlySpan<byte> provided)
    {
        Round(0x00, provided);
        if (!provided.IsEmpty)
        {
            Round(0x01, provided);
        }
    }

    private void Round(byte separator, ReadOnlySpan<byte> provided)
    {
        var input = new byte[value.Length + 1 + provided.Length];
        value.CopyTo(input, 0);
        input[value.Length] = separator;
        provided.CopyTo(input.AsSpan(value.Length + 1));
        Hmac(input, key);
        Hmac(value, value);
    }

    // Through a temporary: the destination may be the key or the input itself.
    private void Hmac(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, input, mac);
        mac.CopyTo(destination);
    }
}
