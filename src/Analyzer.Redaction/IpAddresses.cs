using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Extls.Redaction;

/// <summary>
/// Keyed, prefix-preserving pseudonyms for IP addresses (the Crypto-PAn construction: bit i of the output is bit i
/// of the input flipped by a keyed function of the bits before it). Two addresses that share an n-bit prefix map to
/// two addresses that share an n-bit prefix and no more, so a CIDR block maps onto a block of the same length and
/// containment between ranges — which connector's RemoteIPRanges is the more specific — is unchanged.
/// <list type="bullet">
/// <item>The family is kept (IPv4 stays IPv4), and so is the class: an address in 10/8, 172.16/12, 192.168/16,
/// 169.254/16, 100.64/10, fe80::/64, fc00::/7 or a multicast block stays in it (only the bits after the block's
/// prefix are mapped); a public address maps to a public address.</item>
/// <item>Addresses that name no one are kept: 0.0.0.0, 255.255.255.255, 127/8, ::, ::1 and the all-ones IPv6
/// address, so "0.0.0.0:25" and "0.0.0.0-255.255.255.255" read as before.</item>
/// <item>The last octet of an IPv4 address is kept, so a range inside one /24 ("10.0.0.1-10.0.0.50") maps to a
/// range of the same size and order. A range that spans several /24 networks and is not itself a CIDR block has no
/// exact image; it maps to the range between the images of its ends and is counted as approximate.</item>
/// </list>
/// </summary>
internal sealed partial class IpAddresses(RedactionKey key)
{
    private readonly ConcurrentDictionary<(int Family, int Bit, UInt128 Prefix), bool> flips = new();

    /// <summary>Ranges that had no exact image (see the class summary).</summary>
    public int ApproximateRanges { get; private set; }

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedQuad();

    /// <summary>Strictly an address: IPAddress.TryParse also takes "1" or "10.1", which are not what a dump means.</summary>
    public static bool TryParse(string text, out IPAddress address, out string zone)
    {
        address = IPAddress.None;
        zone = string.Empty;
        var core = text;
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent > 0)
        {
            zone = text[percent..];
            core = text[..percent];
        }

        if (DottedQuad().IsMatch(core))
        {
            return core.Split('.').All(p => int.Parse(p, CultureInfo.InvariantCulture) <= 255) && IPAddress.TryParse(core, out address!);
        }

        if (core.Contains(':', StringComparison.Ordinal) && core.All(c => Uri.IsHexDigit(c) || c is ':' or '.')
            && IPAddress.TryParse(core, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = parsed;
            return true;
        }

        return false;
    }

    public IPAddress Map(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ToV4(MapV4(FromV4(address)));
        }

        var value = FromV6(address);
        // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) carries an IPv4 address: map that one.
        if (value >> 32 == 0xFFFF)
        {
            return ToV6((value & ~(UInt128)0xFFFFFFFF) | MapV4((uint)(value & 0xFFFFFFFF)));
        }

        return ToV6(MapV6(value));
    }

    /// <summary>An address, a CIDR block ("a/n"), a range ("a-b"), each with the text form it came in; null when it is none of them.</summary>
    public string? MapRangeText(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            && TryParse(text[..slash], out var network, out var zone) && zone.Length == 0 && length <= Bits(network))
        {
            return Format(MapBlock(network, length), text[..slash]) + text[slash..];
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && TryParse(text[..dash], out var lo, out var z1) && TryParse(text[(dash + 1)..], out var hi, out var z2)
            && z1.Length == 0 && z2.Length == 0 && lo.AddressFamily == hi.AddressFamily)
        {
            var (a, b) = MapRange(lo, hi);
            return Format(a, text[..dash]) + "-" + Format(b, text[(dash + 1)..]);
        }

        if (TryParse(text, out var single, out var zoneIndex))
        {
            return Format(Map(single), text[..^zoneIndex.Length]) + zoneIndex;
        }

        return null;
    }

    /// <summary>The same family and text style (upper-case hex stays upper case).</summary>
    public static string Format(IPAddress address, string like)
    {
        var text = address.ToString();
        return like.Any(char.IsAsciiLetterUpper) ? text.ToUpperInvariant() : text;
    }

    private static int Bits(IPAddress a) => a.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private IPAddress MapBlock(IPAddress network, int length)
    {
        var mapped = Map(network);
        if (network.AddressFamily == AddressFamily.InterNetwork)
        {
            uint mask = length == 0 ? 0 : uint.MaxValue << (32 - length);
            return ToV4((FromV4(mapped) & mask) | (FromV4(network) & ~mask));
        }

        var mask6 = length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
        return ToV6((FromV6(mapped) & mask6) | (FromV6(network) & ~mask6));
    }

    private (IPAddress Lo, IPAddress Hi) MapRange(IPAddress lo, IPAddress hi)
    {
        var v4 = lo.AddressFamily == AddressFamily.InterNetwork;
        UInt128 a = v4 ? FromV4(lo) : FromV6(lo);
        UInt128 b = v4 ? FromV4(hi) : FromV6(hi);
        int bits = v4 ? 32 : 128;

        // A range that is exactly one CIDR block maps onto that block's image.
        var diff = a ^ b;
        int common = diff == 0 ? bits : bits - (int)(UInt128.Log2(diff) + 1);
        UInt128 low = common == bits ? UInt128.Zero : (UInt128.One << (bits - common)) - 1;
        if ((a & low) == 0 && (b & low) == low)
        {
            var image = MapBlock(lo, common);
            UInt128 start = v4 ? FromV4(image) : FromV6(image);
            return v4 ? (ToV4((uint)start), ToV4((uint)(start | low))) : (ToV6(start), ToV6(start | low));
        }

        var ma = Map(lo);
        var mb = Map(hi);
        UInt128 x = v4 ? FromV4(ma) : FromV6(ma);
        UInt128 y = v4 ? FromV4(mb) : FromV6(mb);

        // Inside one /24 (IPv4) the offsets are kept and the image is exact; otherwise it is only the span between the ends.
        if (!(v4 && common >= 24))
        {
            ApproximateRanges++;
        }

        return x <= y ? (ma, mb) : (mb, ma);
    }

    private static readonly (uint Prefix, int Length)[] V4Blocks =
    [
        (0x0A000000, 8),   // 10/8
        (0xAC100000, 12),  // 172.16/12
        (0xC0A80000, 16),  // 192.168/16
        (0xA9FE0000, 16),  // 169.254/16
        (0x64400000, 10),  // 100.64/10
        (0xE0000000, 4),   // multicast
        (0xF0000000, 4),   // reserved
        (0x00000000, 8),   // "this network"
        (0x7F000000, 8),   // loopback
    ];

    private static int V4Block(uint a)
    {
        foreach (var (prefix, length) in V4Blocks)
        {
            if (a >> (32 - length) == prefix >> (32 - length))
            {
                return length;
            }
        }

        return 0;
    }

    private uint MapV4(uint a)
    {
        if (a == 0 || a == uint.MaxValue || a >> 24 == 0x7F)
        {
            return a;
        }

        int fixedBits = V4Block(a);
        uint y = PermuteV4(a, fixedBits);

        // A public address walks the cycle until it lands on a public address again, so the map stays one-to-one
        // on public addresses and never sends one into a private or special block.
        while (fixedBits == 0 && V4Block(y) != 0)
        {
            y = PermuteV4(y, 0);
        }

        return y;
    }

    private uint PermuteV4(uint a, int fixedBits)
    {
        uint result = a;
        for (int bit = fixedBits; bit < 24; bit++)
        {
            uint prefix = bit == 0 ? 0 : a >> (32 - bit);
            if (Flip(4, bit, prefix))
            {
                result ^= 1u << (31 - bit);
            }
        }

        return result;
    }

    private static readonly (UInt128 Prefix, int Length)[] V6Blocks =
    [
        (new UInt128(0xFE80000000000000, 0), 64), // link-local: fe80::/64, the interface identifier mapped
        (new UInt128(0xFC00000000000000, 0), 7),  // unique local
        (new UInt128(0xFF00000000000000, 0), 8),  // multicast
        (new UInt128(0x20010DB800000000, 0), 32), // documentation
        (UInt128.Zero, 96),                       // the first /96: ::, ::1, IPv4-compatible
    ];

    private static int V6Block(UInt128 a)
    {
        foreach (var (prefix, length) in V6Blocks)
        {
            if (a >> (128 - length) == prefix >> (128 - length))
            {
                return length;
            }
        }

        return 0;
    }

    private UInt128 MapV6(UInt128 a)
    {
        if (a == UInt128.Zero || a == UInt128.One || a == UInt128.MaxValue)
        {
            return a;
        }

        int fixedBits = V6Block(a);
        var y = PermuteV6(a, fixedBits);
        while (fixedBits == 0 && V6Block(y) != 0)
        {
            y = PermuteV6(y, 0);
        }

        return y;
    }

    private UInt128 PermuteV6(UInt128 a, int fixedBits)
    {
        var result = a;
        for (int bit = fixedBits; bit < 128; bit++)
        {
            var prefix = bit == 0 ? UInt128.Zero : a >> (128 - bit);
            if (Flip(6, bit, prefix))
            {
                result ^= UInt128.One << (127 - bit);
            }
        }

        return result;
    }

    private bool Flip(int family, int bit, UInt128 prefix) =>
        flips.GetOrAdd((family, bit, prefix), k =>
            (key.Hash("ip", string.Create(CultureInfo.InvariantCulture, $"{k.Family}/{k.Bit}/{k.Prefix}"))[0] & 1) == 1);

    private static uint FromV4(IPAddress a)
    {
        var b = a.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static IPAddress ToV4(uint a) => new([(byte)(a >> 24), (byte)(a >> 16), (byte)(a >> 8), (byte)a]);

    private static UInt128 FromV6(IPAddress a) => (UInt128)new BigInteger(a.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    private static IPAddress ToV6(UInt128 a)
    {
        var bytes = new byte[16];
        for (int i = 15; i >= 0; i--)
        {
            bytes[i] = (byte)(a & 0xFF);
            a >>= 8;
        }

        return new IPAddress(bytes);
    }
}
