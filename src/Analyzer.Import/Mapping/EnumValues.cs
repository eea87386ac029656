using System.Collections.Frozen;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Mapping;

/// <summary>Exchange enum values as dumps write them: a number (Windows PowerShell 5.1) or names ("Tls, ExchangeServer").</summary>
internal static class EnumValues
{
    internal static TEnum? Parse<TEnum>(JToken v)
        where TEnum : struct, Enum
    {
        bool flags = EnumShape<TEnum>.Flags;

        TEnum? FromNumber(long n)
        {
            if (n is < int.MinValue or > int.MaxValue)
            {
                return null;
            }

            if (flags ? (n & ~EnumShape<TEnum>.AllBits) == 0 && n >= 0 : System.Enum.IsDefined(typeof(TEnum), Convert.ChangeType(n, System.Enum.GetUnderlyingType(typeof(TEnum)), CultureInfo.InvariantCulture)))
            {
                return (TEnum)System.Enum.ToObject(typeof(TEnum), n);
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
            if (parts.Length == 0 || (!flags && parts.Length > 1))
            {
                return null;
            }

            long value = 0;
            foreach (var part in parts)
            {
                if (!EnumShape<TEnum>.ValueByName.TryGetValue(part, out var bits))
                {
                    return null;
                }

                value |= bits;
            }

            return (TEnum)System.Enum.ToObject(typeof(TEnum), value);
        }

        return null;
    }

    // What ParseEnum needs of an enum type, worked out by reflection once per type rather than per value read.
    private static class EnumShape<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly bool Flags = typeof(TEnum).IsDefined(typeof(FlagsAttribute), false);

        public static readonly long AllBits = System.Enum.GetValues<TEnum>().Aggregate(0L, (acc, e) => acc | Convert.ToInt64(e, CultureInfo.InvariantCulture));

        // Names ignore case, as PowerShell's enum conversion does; of names differing only in case, the first Enum.GetNames lists wins.
        public static readonly FrozenDictionary<string, long> ValueByName = ByName();

        private static FrozenDictionary<string, long> ByName()
        {
            var byName = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in System.Enum.GetNames<TEnum>())
            {
                byName.TryAdd(name, Convert.ToInt64(System.Enum.Parse<TEnum>(name), CultureInfo.InvariantCulture));
            }

            return byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }
    }
}
