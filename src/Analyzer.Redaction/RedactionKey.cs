using System.Security.Cryptography;
using System.Text;

namespace Extls.Redaction;

/// <summary>
/// The secret every pseudonym is computed from (HMAC-SHA-256). The same key gives the same pseudonym for the same
/// name in every file and every dump; without the key a pseudonym cannot be turned back into the name, except by
/// the mapping file, which the user keeps.
/// </summary>
public sealed class RedactionKey
{
    private readonly byte[] secret;

    private RedactionKey(byte[] secret, bool generated)
    {
        this.secret = secret;
        Generated = generated;
    }

    /// <summary>True when the key was made for this run (no --key): it is then written into the mapping file only.</summary>
    public bool Generated { get; }

    /// <summary>A key from the user's text (any text: a passphrase or the base64 of a generated key).</summary>
    public static RedactionKey FromText(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new RedactionKey(SHA256.HashData(Encoding.UTF8.GetBytes("extls/redaction/v1\0" + text)), generated: false);
    }

    /// <summary>A new random key, and the text that recreates it with <see cref="FromText"/>.</summary>
    public static (RedactionKey Key, string Text) Generate()
    {
        var text = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var key = FromText(text);
        return (new RedactionKey(key.secret, generated: true), text);
    }

    /// <summary>HMAC of a purpose and a value: the purpose keeps the families apart, so one name never maps the same way by accident in two of them.</summary>
    public byte[] Hash(string purpose, string value) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(purpose + "\0" + value));

    public byte[] Hash(string purpose, ReadOnlySpan<byte> value)
    {
        var prefix = Encoding.UTF8.GetBytes(purpose + "\0");
        var data = new byte[prefix.Length + value.Length];
        prefix.CopyTo(data, 0);
        value.CopyTo(data.AsSpan(prefix.Length));
        return HMACSHA256.HashData(secret, data);
    }

    /// <summary>Lower-case hex of the HMAC, <paramref name="digits"/> long (at most 64).</summary>
    public string Hex(string purpose, string value, int digits) =>
        Convert.ToHexStringLower(Hash(purpose, value))[..digits];

    /// <summary>As many pseudo-random bytes as asked, from the HMAC in counter mode.</summary>
    public byte[] Stream(string purpose, string value, int length)
    {
        var output = new byte[length];
        int done = 0;
        for (int block = 0; done < length; block++)
        {
            var chunk = Hash(purpose + "/" + block.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
            var n = Math.Min(chunk.Length, length - done);
            chunk.AsSpan(0, n).CopyTo(output.AsSpan(done));
            done += n;
        }

        return output;
    }
}
