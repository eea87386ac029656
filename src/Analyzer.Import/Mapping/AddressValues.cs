using System.Collections.Immutable;
using System.Net;
using Extls.Model;
using Newtonsoft.Json.Linq;
using static Extls.Import.Mapping.PowerShellValues;

namespace Extls.Import.Mapping;

/// <summary>
/// IP addresses, ranges and bindings as dumps carry them: the text Exchange's ToString() gives
/// ("192.168.1.0/24", "10.0.0.1-10.0.0.50", "[::]:25"), or, from a deeper export, the objects themselves
/// (an IPRange's LowerBound, UpperBound and CIDRLength; an IPBinding's Address and Port; an IPAddress's
/// IPAddressToString). Past the import they are typed; an entry that is neither is a problem and is left out.
/// </summary>
internal static class AddressValues
{
    /// <summary>A multi-valued property of ranges (RemoteIPRanges, InternalSMTPServers); null when absent or lost to a type name.</summary>
    public static ImmutableArray<IPRange>? Ranges(JObject o, string name, ValueReader r) =>
        Entries(o, name, r, (token, text) => Range(token, text, name, r));

    /// <summary>A receive connector's Bindings; null when absent or lost to a type name.</summary>
    public static ImmutableArray<IPBinding>? Bindings(JObject o, string name, ValueReader r) =>
        Entries(o, name, r, (token, text) =>
        {
            if (text is not null && IPBinding.TryParse(text, out var binding))
            {
                return binding;
            }

            r.Problem(token, ProblemKind.BindingUnreadable, new() { Found = Describe(token), Name = name });
            return null;
        });

    /// <summary>One address (SourceIPAddress, IPAddressToString); null when absent, not set, or unreadable (with a problem).</summary>
    public static IPAddress? Address(JObject o, string name, ValueReader r)
    {
        var token = Get(o, name);
        if (token is null || IsNull(Unwrap(token)))
        {
            return null;
        }

        var text = StringForm(token);
        if (text is not null && IsTypeName(text.Trim()))
        {
            return null;
        }

        if (text is not null && IPAddresses.TryParse(text, out var address))
        {
            return address;
        }

        r.Problem(token, ProblemKind.IpAddressUnreadable, new() { Found = Describe(token), Name = name });
        return null;
    }

    private static ImmutableArray<T>? Entries<T>(JObject o, string name, ValueReader r, Func<JToken, string?, T?> read)
        where T : class
    {
        var token = Get(o, name);
        if (token is null)
        {
            return null;
        }

        var value = Unwrap(token);
        if (IsNull(value))
        {
            return ImmutableArray<T>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<T>();
        if (value is JArray array)
        {
            foreach (var entry in array)
            {
                if (IsNull(entry))
                {
                    continue;
                }

                var text = entry is JObject ? null : StringForm(entry);
                if (text is not null && IsTypeName(text.Trim()))
                {
                    continue;
                }

                if (read(entry, entry is JObject ? StringForm(entry) : text) is { } item)
                {
                    builder.Add(item);
                }
            }

            return builder.ToImmutable();
        }

        if (value is JObject)
        {
            return read(value, StringForm(value)) is { } one ? [one] : ImmutableArray<T>.Empty;
        }

        var whole = StringForm(value)?.Trim();
        if (whole is null)
        {
            r.Problem(token, ProblemKind.UnexpectedValue, new() { Expected = ExpectedValue.List, Name = name, Found = Describe(token) });
            return null;
        }

        if (IsTypeName(whole))
        {
            return null;
        }

        // "{a, b}": a multi-valued property written as its ToString() past ConvertTo-Json's depth limit, or by Export-Csv.
        var parts = whole.StartsWith('{') && whole.EndsWith('}')
            ? whole[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : whole.Length == 0 ? [] : [whole];
        foreach (var part in parts)
        {
            if (read(token, part) is { } item)
            {
                builder.Add(item);
            }
        }

        return builder.ToImmutable();
    }

    private static IPRange? Range(JToken token, string? text, string name, ValueReader r)
    {
        if (token is JObject o && Get(o, "LowerBound") is { } lowerToken && Get(o, "UpperBound") is { } upperToken)
        {
            if (AddressOf(lowerToken) is { } lower && AddressOf(upperToken) is { } upper)
            {
                var cidr = Get(o, "CIDRLength") is { } c && !IsNull(Unwrap(c)) && int.TryParse(StringForm(c), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var length) ? length : (int?)null;
                var format = Get(o, "RangeFormat") is { } f ? StringForm(f) : null;
                bool isCidr = format is not null
                    ? format.Contains("CIDR", StringComparison.OrdinalIgnoreCase)
                    : cidr is > 0 && IPRange.FromNetwork(lower, cidr.Value) is { } block && block.UpperBound.Equals(IPAddresses.WithoutScope(upper));
                var range = isCidr && cidr is { } n ? IPRange.FromNetwork(lower, n) : IPRange.FromBounds(lower, upper);
                if (range is not null)
                {
                    return range;
                }
            }

            r.Problem(token, ProblemKind.RangeBoundsUnreadable, new() { Name = name });
            return null;
        }

        if (text is not null && IPRange.TryParse(text, out var parsed))
        {
            return parsed;
        }

        r.Problem(token, ProblemKind.RangeUnreadable, new() { Found = text is null ? Describe(token) : new FoundValue(ValueShape.Text, text), Name = name });
        return null;
    }

    private static IPAddress? AddressOf(JToken token) =>
        StringForm(token) is { } text && IPAddresses.TryParse(text, out var address) ? address : null;
}
