using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Mapping;

/// <summary>Exchange enum values as dumps write them: a number (Windows PowerShell 5.1) or names ("Tls, ExchangeServer").</summary>
internal static class EnumValues
{
    internal static TEnum? Parse<TEnum>(JToken v)
        where TEnum : struct, Enum =>
        Parse(v, typeof(TEnum)) is { } bits ? (TEnum)System.Enum.ToObject(typeof(TEnum), bits) : null;

    // The work is done over the enum's Type, not generic over it: code generic over an enum of the model is compiled at
    // run time for each enum type a dump has (ReadyToRun cannot precompile it), and a dump reads some twenty of them.
    private static long? Parse(JToken v, Type type)
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

                value |= bits;
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
            var byName = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in System.Enum.GetNames(type))
            {
                byName.TryAdd(name, Convert.ToInt64(System.Enum.Parse(type, name), CultureInfo.InvariantCulture));
            }

            ValueByName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }

        public bool Flags { get; }

        public long AllBits { get; }

        public FrozenDictionary<string, long> ValueByName { get; }

        public static EnumShape Of(Type type) => Shapes.GetOrAdd(type, static t => new EnumShape(t));
    }
}
