using System.Collections.Concurrent;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Mapping;

/// <summary>Exchange enum values as dumps write them: a number (Windows PowerShell 5.1) or names ("Tls, ExchangeServer").</summary>
internal static class EnumValues
{
    // The work is done over the enum's Type, never generic over it: code generic over an enum of the model is compiled at
    // run time for each enum type a dump has (ReadyToRun cannot precompile it), and a dump reads some twenty of them.
    // Callers convert the bits to their enum themselves ((TEnum?)bits), which needs no generic code.
    /// <summary>The enum value's bits, or null when <paramref name="v"/> is no value of <paramref name="type"/>.</summary>
    internal static long? Parse(JToken v, Type type)
    {
        var shape = EnumShape.Of(type);
        if (v is JValue { Type: JTokenType.Integer } i)
        {
            return i.Value is long l ? FromNumber(l, shape) : null;
        }

        if (v is JValue { Type: JTokenType.String } s)
        {
            return shape.FromText((string)s.Value!);
        }

        return null;
    }

    private static long? FromNumber(long n, EnumShape shape)
    {
        if (n is < int.MinValue or > int.MaxValue)
        {
            return null;
        }

        if (shape.Flags ? (n & ~shape.AllBits) == 0 && n >= 0 : System.Enum.IsDefined(shape.Type, Convert.ChangeType(n, System.Enum.GetUnderlyingType(shape.Type), CultureInfo.InvariantCulture)))
        {
            return n;
        }

        return null;
    }

    private static long? FromText(string raw, EnumShape shape)
    {
        var text = raw.Trim().Trim('{', '}').Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return FromNumber(n, shape);
        }

        var parts = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || (!shape.Flags && parts.Length > 1))
        {
            return null;
        }

        long value = 0;
        foreach (var part in parts)
        {
            if (!shape.ValueByName.TryGetValue(part, out var bits))
            {
                return null;
            }

            value |= bits.Value;
        }

        return value;
    }

    // What Parse needs of an enum type, worked out by reflection once per type rather than per value read.
    private sealed class EnumShape
    {
        private static readonly ConcurrentDictionary<Type, EnumShape> Shapes = new();

        private EnumShape(Type type)
        {
            Type = type;
            Flags = type.IsDefined(typeof(FlagsAttribute), false);
            foreach (var e in System.Enum.GetValuesAsUnderlyingType(type))
            {
                AllBits |= Convert.ToInt64(e, CultureInfo.InvariantCulture);
            }

            // Names ignore case, as PowerShell's enum conversion does; of names differing only in case, the first Enum.GetNames lists wins.
            // The values are boxed in a class: a dictionary (or frozen dictionary) of longs is a framework generic over a
            // struct, compiled at run time on every start, one over classes is precompiled.
            foreach (var name in System.Enum.GetNames(type))
            {
                ValueByName.TryAdd(name, new Bits(Convert.ToInt64(System.Enum.Parse(type, name), CultureInfo.InvariantCulture)));
            }
        }

        public Type Type { get; }

        public bool Flags { get; }

        public long AllBits { get; }

        public Dictionary<string, Bits> ValueByName { get; } = new(StringComparer.OrdinalIgnoreCase);

        // A dump spells the same value again and again ("Tls, ExchangeServer" on most connectors, 5,000 times at 1,000
        // servers): each text is parsed once. The answer depends on the text alone; the cache stops growing at a bound.
        private const int TextsKept = 1024;

        private readonly ConcurrentDictionary<string, Bits?> byText = new(StringComparer.Ordinal);

        public long? FromText(string text)
        {
            if (byText.TryGetValue(text, out var known))
            {
                return known?.Value;
            }

            var parsed = EnumValues.FromText(text, this);
            if (byText.Count < TextsKept)
            {
                byText.TryAdd(text, parsed is { } bits ? new Bits(bits) : null);
            }

            return parsed;
        }

        public static EnumShape Of(Type type) => Shapes.GetOrAdd(type, static t => new EnumShape(t));
    }

    private sealed class Bits(long value)
    {
        public long Value { get; } = value;
    }
}
