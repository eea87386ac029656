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

        long? FromNumber(long n)
        {
            if (n is < int.MinValue or > int.MaxValue)
            {
                return null;
            }

            if (shape.Flags ? (n & ~shape.AllBits) == 0 && n >= 0 : System.Enum.IsDefined(type, Convert.ChangeType(n, System.Enum.GetUnderlyingType(type), CultureInfo.InvariantCulture)))
            {
                return n;
            }

            return null;
        }

        if (v is JValue { Type: JTokenType.Integer } i)
        {
            return i.Value is long l ? FromNumber(l) : null;
        }

        if (v is JValue { Type: JTokenType.String } s)
        {
            var text = ((string)s.Value!).Trim().Trim('{', '}').Trim();
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                return FromNumber(n);
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

        return null;
    }

    // What Parse needs of an enum type, worked out by reflection once per type rather than per value read.
    private sealed class EnumShape
    {
        private static readonly ConcurrentDictionary<Type, EnumShape> Shapes = new();

        private EnumShape(Type type)
        {
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

        public bool Flags { get; }

        public long AllBits { get; }

        public Dictionary<string, Bits> ValueByName { get; } = new(StringComparer.OrdinalIgnoreCase);

        public static EnumShape Of(Type type) => Shapes.GetOrAdd(type, static t => new EnumShape(t));
    }

    private sealed class Bits(long value)
    {
        public long Value { get; } = value;
    }
}
