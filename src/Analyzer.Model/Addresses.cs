using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Extls.Model;

/// <summary>How Exchange wrote an <see cref="IPRange"/>: one address, a CIDR block, or a start–end range (Exchange's RangeFormat).</summary>
public enum IPRangeFormat
{
    SingleAddress,
    Cidr,
    LoHi,
}

/// <summary>
/// A receive connector's RemoteIPRanges entry (Exchange's IPRange): a contiguous block of addresses of one
/// family. Exchange chooses the connector whose range holds the sender's address most specifically, so a
/// range knows its size; the format only says how it is written back.
/// </summary>
public sealed record IPRange
{
    // The bounds as numbers, worked out once: a range is compared with every sender of every session.
    private readonly UInt128 low;
    private readonly UInt128 high;

    private IPRange(IPAddress lower, IPAddress upper, IPRangeFormat format, int? prefixLength)
    {
        LowerBound = lower;
        UpperBound = upper;
        Format = format;
        PrefixLength = prefixLength;
        low = IPAddresses.ToNumber(lower);
        high = IPAddresses.ToNumber(upper);
    }

    public IPAddress LowerBound { get; }

    public IPAddress UpperBound { get; }

    public IPRangeFormat Format { get; }

    /// <summary>The CIDR length, for <see cref="IPRangeFormat.Cidr"/>.</summary>
    public int? PrefixLength { get; }

    public AddressFamily Family => LowerBound.AddressFamily;

    /// <summary>
    /// How many addresses the range holds, less one: 0 for a single address. (The whole IPv6 space holds
    /// 2^128 addresses, one more than a 128-bit number holds, so the span is what is compared.)
    /// </summary>
    public UInt128 Span => high - low;

    public bool IsSingleAddress => Span == UInt128.Zero;

    /// <summary>The block as a <see cref="IPNetwork"/>, for a range written in CIDR form.</summary>
    public IPNetwork? Network => Format == IPRangeFormat.Cidr ? new IPNetwork(LowerBound, PrefixLength!.Value) : null;

    /// <summary>Whether <paramref name="address"/> is in the range. An address of the other family never is.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != Family)
        {
            return false;
        }

        return Contains(IPAddresses.ToNumber(address), address.AddressFamily);
    }

    /// <summary>Whether the address of that family and number (<see cref="IPAddresses.ToNumber"/>) is in the range.</summary>
    public bool Contains(UInt128 address, AddressFamily family) => family == Family && address >= low && address <= high;

    public static IPRange Single(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = IPAddresses.WithoutScope(address);
        return new IPRange(plain, plain, IPRangeFormat.SingleAddress, null);
    }

    /// <summary>A start–end range; null when the bounds are of different families or out of order.</summary>
    public static IPRange? FromBounds(IPAddress lower, IPAddress upper)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        lower = IPAddresses.WithoutScope(lower);
        upper = IPAddresses.WithoutScope(upper);
        if (lower.AddressFamily != upper.AddressFamily || IPAddresses.ToNumber(lower) > IPAddresses.ToNumber(upper))
        {
            return null;
        }

        return lower.Equals(upper) ? new IPRange(lower, upper, IPRangeFormat.SingleAddress, null) : new IPRange(lower, upper, IPRangeFormat.LoHi, null);
    }

    /// <summary>A CIDR block: the whole block, from its base address (host bits of the address given are cleared).</summary>
    public static IPRange? FromNetwork(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = IPAddresses.WithoutScope(address);
        var bits = IPAddresses.Bits(address.AddressFamily);
        if (prefixLength < 0 || prefixLength > bits)
        {
            return null;
        }

        var lower = IPAddresses.Masked(address, prefixLength);
        var upper = IPAddresses.FromNumber(IPAddresses.ToNumber(lower) | HostMask(bits, prefixLength), address.AddressFamily);
        return new IPRange(lower, upper, IPRangeFormat.Cidr, prefixLength);
    }

    private static UInt128 HostMask(int bits, int prefixLength) =>
        prefixLength >= bits ? UInt128.Zero : (UInt128.One << (bits - prefixLength)) - UInt128.One;

    /// <summary>
    /// Reads Exchange's text forms: <c>192.168.1.75</c>, <c>192.168.1.0/24</c>, <c>10.0.0.1-10.0.0.50</c>,
    /// <c>::-ffff:ffff:…</c>, and the same for IPv6; spaces around the separators are allowed.
    /// </summary>
    public static bool TryParse(string? text, out IPRange range)
    {
        range = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            if (IPAddresses.TryParse(s[..slash], out var baseAddress)
                && int.TryParse(s[(slash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                && FromNetwork(baseAddress, length) is { } block)
            {
                range = block;
                return true;
            }

            return false;
        }

        // An IPv6 address holds no '-', so the dash of a start–end range is unambiguous.
        var dash = s.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            if (IPAddresses.TryParse(s[..dash], out var lower) && IPAddresses.TryParse(s[(dash + 1)..], out var upper) && FromBounds(lower, upper) is { } span)
            {
                range = span;
                return true;
            }

            return false;
        }

        if (IPAddresses.TryParse(s, out var single))
        {
            range = Single(single);
            return true;
        }

        return false;
    }

    /// <summary>The text Exchange's IPRange.ToString() gives, which <see cref="TryParse"/> reads back.</summary>
    public override string ToString() => Format switch
    {
        IPRangeFormat.SingleAddress => LowerBound.ToString(),
        IPRangeFormat.Cidr => $"{LowerBound}/{PrefixLength!.Value.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{LowerBound}-{UpperBound}",
    };

    public bool Equals(IPRange? other) =>
        other is not null && Format == other.Format && PrefixLength == other.PrefixLength
        && LowerBound.Equals(other.LowerBound) && UpperBound.Equals(other.UpperBound);

    public override int GetHashCode() => HashCode.Combine(LowerBound, UpperBound, Format, PrefixLength);
}

/// <summary>A receive connector's binding (Exchange's IPBinding): the local address and TCP port it listens on.</summary>
public sealed record IPBinding(IPAddress Address, int Port)
{
    /// <summary>Bound to every local address of its family (0.0.0.0 or [::]).</summary>
    public bool IsAnyAddress => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);

    public AddressFamily Family => Address.AddressFamily;

    /// <summary>Reads <c>0.0.0.0:25</c>, <c>192.168.1.10:2525</c>, <c>[::]:25</c> and <c>[fe80::1]:25</c>.</summary>
    public static bool TryParse(string? text, out IPBinding binding)
    {
        binding = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var colon = s.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(s[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 0 or > 65535)
        {
            return false;
        }

        var host = s[..colon].Trim();
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            // An IPv6 address must be in brackets, or its last group would read as the port.
            return false;
        }

        if (!IPAddresses.TryParse(host, out var address))
        {
            return false;
        }

        binding = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? AnyAddress(address.AddressFamily, port) : new IPBinding(address, port);
        return true;
    }

    // Nearly every receive connector listens on 0.0.0.0 and [::] at a handful of ports: one instance of each such binding
    // serves every connector of every dump (a 1,000-server dump had 6,000 of them, 0.5 MB with their addresses). At most
    // two per port, so the table stays small whatever is read.
    private static readonly Dictionary<int, IPBinding> AnyV4 = [];
    private static readonly Dictionary<int, IPBinding> AnyV6 = [];

    private static IPBinding AnyAddress(AddressFamily family, int port)
    {
        var table = family == AddressFamily.InterNetworkV6 ? AnyV6 : AnyV4;
        lock (table)
        {
            if (!table.TryGetValue(port, out var binding))
            {
                binding = new IPBinding(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port);
                table.Add(port, binding);
            }

            return binding;
        }
    }

    /// <summary>The text Exchange writes: <c>0.0.0.0:25</c>, <c>[::]:25</c>.</summary>
    public override string ToString() =>
        Address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{Address}]:{Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>IP address arithmetic and parsing, for ranges and the connector-answering replay.</summary>
public static class IPAddresses
{
    /// <summary>An IPv4 or IPv6 address in its usual text form (a scope id <c>%12</c> allowed); host names and partial forms are refused.</summary>
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();

        // IPAddress.TryParse takes "10" for 0.0.0.10 and "10.1" for 10.0.0.1; Exchange never writes those.
        if (!s.Contains(':', StringComparison.Ordinal) && s.Count(c => c == '.') != 3)
        {
            return false;
        }

        if (!IPAddress.TryParse(s, out var parsed))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    public static int Bits(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 128 : 32;

    public static UInt128 ToNumber(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (written == 4)
        {
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
        }

        return new UInt128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    public static IPAddress FromNumber(UInt128 number, AddressFamily family)
    {
        var length = family == AddressFamily.InterNetworkV6 ? 16 : 4;
        var bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(number & 0xFF);
            number >>= 8;
        }

        return new IPAddress(bytes);
    }

    /// <summary>The address with its host bits cleared.</summary>
    public static IPAddress Masked(IPAddress address, int prefixLength)
    {
        var bits = Bits(address.AddressFamily);
        var keep = prefixLength >= bits ? ~UInt128.Zero : prefixLength == 0 ? UInt128.Zero : ~((UInt128.One << (bits - prefixLength)) - UInt128.One);
        var value = ToNumber(address) & keep;
        return FromNumber(value, address.AddressFamily);
    }

    /// <summary>The same address without an IPv6 scope id: ranges and bindings compare addresses, not interfaces.</summary>
    public static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;

    /// <summary>Loopback or link-local (169.254/16, fe80::/10): never the address another server reaches this one on.</summary>
    public static bool IsLocalOnly(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? address.IsIPv6LinkLocal
            : address.GetAddressBytes() is [169, 254, ..];
    }

    /// <summary>IPv4 before IPv6, then by value: the order every list of addresses is kept in.</summary>
    public static int Compare(IPAddress? a, IPAddress? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var family = (a.AddressFamily == AddressFamily.InterNetworkV6).CompareTo(b.AddressFamily == AddressFamily.InterNetworkV6);
        if (family != 0)
        {
            return family;
        }

        var value = ToNumber(a).CompareTo(ToNumber(b));
        return value != 0 || a.AddressFamily != AddressFamily.InterNetworkV6 ? value : a.ScopeId.CompareTo(b.ScopeId);
    }

    public static IComparer<IPAddress> Order { get; } = Comparer<IPAddress>.Create(Compare);
}
