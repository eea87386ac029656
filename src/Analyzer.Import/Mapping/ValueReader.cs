using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Extls.Import.Formats;
using Extls.Model;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Mapping;

/// <summary>A date read from the dump, and whether its text said which time zone it was in.</summary>
internal readonly record struct DumpDate(DateTimeOffset Value, bool HasZone);

/// <summary>
/// Reads single values out of a section tree, undoing every PowerShell serialisation quirk, and
/// records a problem (file, line, JSON path) for a value of the wrong type. Absent → null (unknown).
/// </summary>
internal sealed partial class ValueReader(string file)
{
    private readonly List<ImportProblem> problems = [];

    public string File { get; } = file;

    public IReadOnlyList<ImportProblem> Problems => problems;

    public void Problem(JToken at, string message) =>
        problems.Add(new ImportProblem(File, TokenLocation.LineOf(at), TokenLocation.PathOf(at), message));

    public SourceLocation Location(JToken token) => TokenLocation.Of(token, File);

    /// <summary>The result objects of a section, whatever shape ConvertTo-Json gave the pipeline.</summary>
    public IReadOnlyList<JObject> Items(JToken root)
    {
        var list = new List<JObject>();
        var container = root;
        if (root is JObject o && Get(o, "value") is JArray wrapped && o.Properties().All(p => IsName(p.Name, "value") || IsName(p.Name, "Count")))
        {
            container = wrapped;
        }

        switch (container)
        {
            case JArray array:
                foreach (var item in array)
                {
                    if (Entry(item) is { } obj)
                    {
                        list.Add(obj);
                    }
                }

                break;
            case JObject single:
                list.Add(single);
                break;
            case JValue { Type: JTokenType.Null }:
                break;
            default:
                Problem(container, $"Expected an array or an object, found {Describe(container)}.");
                break;
        }

        return list;
    }

    /// <summary>An entry of a section's array: the object it should be, or null (a problem unless it is a JSON null).</summary>
    public JObject? Entry(JToken item)
    {
        if (item is JObject obj)
        {
            return obj;
        }

        if (item.Type != JTokenType.Null)
        {
            Problem(item, $"Expected an object, found {Describe(item)}; the entry is skipped.");
        }

        return null;
    }

    /// <summary>A property by name, case-insensitively (CSV headers and hand-made dumps vary); null when absent.</summary>
    public static JToken? Get(JObject obj, string name) => obj.GetValue(name, StringComparison.OrdinalIgnoreCase);

    public static bool Has(JObject obj, string name) => Get(obj, name) is not null;

    public static bool IsNull(JToken? t) => t is null || t.Type == JTokenType.Null;

    /// <summary>A property that is there and set: its token (for problems) and its value with PowerShell's wrapper removed.</summary>
    private static bool TryGetSet(JObject obj, string name, [NotNullWhen(true)] out JToken? token, [NotNullWhen(true)] out JToken? value)
    {
        token = Get(obj, name);
        value = token is null ? null : Unwrap(token);
        return !IsNull(value);
    }

    /// <summary>PowerShell wraps extended values as {"value": …, "DisplayHint"/"DateTime"/"Count": …}.</summary>
    public static JToken Unwrap(JToken token)
    {
        while (token is JObject o && Get(o, "value") is { } inner
               && o.Properties().All(p => IsName(p.Name, "value") || IsName(p.Name, "DisplayHint") || IsName(p.Name, "DateTime") || IsName(p.Name, "Count")))
        {
            token = inner;
        }

        return token;
    }

    /// <summary>A "System.Object[]"-like type name: the value went past ConvertTo-Json's depth limit and is lost.</summary>
    public static bool IsTypeName(string s) =>
        s.StartsWith("System.", StringComparison.Ordinal) && (s.EndsWith(']') || s.Contains('`', StringComparison.Ordinal) || s.StartsWith("System.Collections.", StringComparison.Ordinal) || s == "System.Object")
        || s.StartsWith("Microsoft.Exchange.", StringComparison.Ordinal);

    /// <summary>
    /// The string form of a value, as Exchange's ToString() would show it. JSON null → "" (the property
    /// is there and says "not set"); absent → null.
    /// </summary>
    public string? Text(JObject obj, string name)
    {
        var t = Get(obj, name);
        if (t is null)
        {
            return null;
        }

        if (IsNull(Unwrap(t)))
        {
            return string.Empty;
        }

        var s = StringForm(t);
        if (s is null)
        {
            Problem(t, $"Expected a text value for {name}, found {Describe(t)}.");
        }
        else if (IsTypeName(s))
        {
            return null;
        }

        return s;
    }

    public static string? StringForm(JToken token)
    {
        token = Unwrap(token);
        switch (token)
        {
            case JValue { Type: JTokenType.Null }:
                return null;
            case JValue { Type: JTokenType.String } v:
                return (string)v.Value!;
            case JValue { Type: JTokenType.Boolean } b:
                return (bool)b.Value! ? "True" : "False";
            case JValue { Type: JTokenType.Integer or JTokenType.Float } n:
                return Convert.ToString(n.Value, CultureInfo.InvariantCulture);
            case JObject o:
                return ObjectString(o);
            default:
                return null;
        }
    }

    // Objects that ConvertTo-Json expanded instead of writing their ToString(): take the same text.
    private static string? ObjectString(JObject o)
    {
        if (Get(o, "CertificateIssuer") is { } issuer && Get(o, "CertificateSubject") is { } subject)
        {
            return $"<I>{StringForm(issuer)}<S>{StringForm(subject)}";
        }

        if (Get(o, "Port") is { } port && Get(o, "Address") is { } address)
        {
            var a = StringForm(address);
            var p = StringForm(port);
            return a is not null && a.Contains(':', StringComparison.Ordinal) ? $"[{a}]:{p}" : $"{a}:{p}";
        }

        if (Get(o, "Address") is { } spaceAddress && Get(o, "Type") is { } type)
        {
            var cost = Get(o, "Cost") is { } c ? ";" + StringForm(c) : string.Empty;
            return $"{StringForm(type)}:{StringForm(spaceAddress)}{cost}";
        }

        if (Get(o, "Domain") is { } domain && !IsNull(domain))
        {
            return StringForm(domain);
        }

        if (Get(o, "Address") is { } ip && !IsNull(ip))
        {
            return StringForm(ip);
        }

        if (Get(o, "IPAddressToString") is { } ipText)
        {
            return StringForm(ipText);
        }

        if (Get(o, "Major") is { } major && Get(o, "Minor") is { } minor && Get(o, "Build") is { } build)
        {
            var rev = Get(o, "Revision") is { } r ? StringForm(r) : "0";
            return $"Version {StringForm(major)}.{StringForm(minor)} (Build {StringForm(build)}.{rev})";
        }

        if (Get(o, "Name") is { } name)
        {
            return StringForm(name);
        }

        return null;
    }

    public bool? Bool(JObject obj, string name)
    {
        var t = Get(obj, name);
        if (t is null)
        {
            return null;
        }

        var v = Unwrap(t);
        switch (v)
        {
            case JValue { Type: JTokenType.Null }:
                return null;
            case JValue { Type: JTokenType.Boolean } b:
                return (bool)b.Value!;
            case JValue { Type: JTokenType.String } s when bool.TryParse(((string)s.Value!).Trim(), out var parsed):
                return parsed;
            case JValue { Type: JTokenType.Integer, Value: long n } when n is 0 or 1:
                return n == 1;
            default:
                Problem(t, $"Expected true or false for {name}, found {Describe(t)}.");
                return null;
        }
    }

    public int? Int(JObject obj, string name)
    {
        if (!TryGetSet(obj, name, out var t, out _))
        {
            return null;
        }

        var s = StringForm(t);
        if (s is not null && int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        Problem(t, $"Expected a whole number for {name}, found {Describe(t)}.");
        return null;
    }

    /// <summary>An enum from its number (Windows PowerShell 5.1) or its names ("Tls, ExchangeServer"), case-insensitive.</summary>
    public TEnum? Enum<TEnum>(JObject obj, string name)
        where TEnum : struct, Enum
    {
        if (!TryGetSet(obj, name, out var t, out var v))
        {
            return null;
        }

        var result = ParseEnum<TEnum>(v);
        if (result is null)
        {
            Problem(t, $"{Describe(t)} is not a value of {name} ({string.Join(", ", System.Enum.GetNames<TEnum>())}).");
        }

        return result;
    }

    internal static TEnum? ParseEnum<TEnum>(JToken v)
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

    /// <summary>
    /// A multi-valued property: a JSON array, "{a, b}" (ToString past the depth limit), or one bare
    /// value. A type name such as "System.Object[]" → null: the values are lost, not empty.
    /// </summary>
    public ImmutableArray<string>? List(JObject obj, string name)
    {
        var t = Get(obj, name);
        if (t is null)
        {
            return null;
        }

        var v = Unwrap(t);
        if (IsNull(v))
        {
            return ImmutableArray<string>.Empty;
        }

        if (v is JArray array)
        {
            var items = ImmutableArray.CreateBuilder<string>();
            foreach (var e in array)
            {
                var s = StringForm(e);
                if (s is null || IsTypeName(s))
                {
                    if (s is null && !IsNull(e))
                    {
                        Problem(e, $"Cannot read an entry of {name}: {Describe(e)}.");
                    }

                    continue;
                }

                items.Add(s);
            }

            return items.ToImmutable();
        }

        var text = StringForm(v);
        if (text is null)
        {
            Problem(t, $"Expected a list for {name}, found {Describe(t)}.");
            return null;
        }

        text = text.Trim();
        if (IsTypeName(text))
        {
            return null;
        }

        if (text.Length == 0)
        {
            return ImmutableArray<string>.Empty;
        }

        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            return text[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();
        }

        return [text];
    }

    public DumpDate? Date(JObject obj, string name)
    {
        if (!TryGetSet(obj, name, out var t, out var v))
        {
            return null;
        }

        if (v is JValue { Type: JTokenType.String } s && ParseDate((string)s.Value!) is { } d)
        {
            return d;
        }

        Problem(t, $"Cannot read {Describe(t)} as a date for {name}.");
        return null;
    }

    [GeneratedRegex(@"^/Date\((-?\d+)([+-]\d{4})?\)/$", RegexOptions.CultureInvariant)]
    private static partial Regex MsDate();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LocaleDate();

    /// <summary>
    /// Every date form a dump carries. Results are UTC. Locale text (CSV) has no zone and is taken as
    /// UTC; its field order is resolved as: year first → y/M/d (ja-JP); an AM/PM marker → M/d/y
    /// (en-US); otherwise d/M/y (en-GB and most 24-hour locales), unless the second field is above 12,
    /// which only a month-first order allows.
    /// </summary>
    internal static DumpDate? ParseDate(string text)
    {
        text = text.Trim();
        if (MsDate().Match(text) is { Success: true } ms)
        {
            // The milliseconds are UTC; the optional offset only says where the writer was.
            if (!long.TryParse(ms.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis)
                || millis < -62135596800000L || millis > 253402300799999L)
            {
                return null;
            }

            return new DumpDate(DateTimeOffset.FromUnixTimeMilliseconds(millis), true);
        }

        if (IsoDate().IsMatch(text))
        {
            var hasZone = text.EndsWith('Z') || Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$", RegexOptions.CultureInvariant);
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var iso))
            {
                return new DumpDate(iso.ToUniversalTime(), hasZone);
            }

            return null;
        }

        if (LocaleDate().Match(text) is { Success: true } m)
        {
            int a = Num(m.Groups[1]), b = Num(m.Groups[2]), c = Num(m.Groups[3]);
            int hour = Num(m.Groups[4]), minute = Num(m.Groups[5]), second = m.Groups[6].Success ? Num(m.Groups[6]) : 0;
            int year, month, day;
            if (m.Groups[1].Value.Length == 4)
            {
                (year, month, day) = (a, b, c);
            }
            else if (m.Groups[7].Success || b > 12)
            {
                (month, day, year) = (a, b, c);
            }
            else
            {
                (day, month, year) = (a, b, c);
            }

            if (m.Groups[7].Success)
            {
                if (hour is < 1 or > 12)
                {
                    return null;
                }

                var pm = m.Groups[7].Value.StartsWith('P') || m.Groups[7].Value.StartsWith('p');
                hour = (hour % 12) + (pm ? 12 : 0);
            }

            if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                return null;
            }

            return new DumpDate(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero), false);
        }

        return null;
    }

    private static int Num(Group g) => int.Parse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Bytes: a base64 string or an array of numbers (ConvertTo-Json writes byte[] that way).</summary>
    public byte[]? Bytes(JToken t, string name, out string? error)
    {
        error = null;
        var v = Unwrap(t);
        if (v is JValue { Type: JTokenType.String } s)
        {
            var text = ((string)s.Value!).Trim();
            if (IsTypeName(text))
            {
                return null;
            }

            var buffer = new byte[text.Length];
            if (Convert.TryFromBase64String(text, buffer, out var written))
            {
                return buffer[..written];
            }

            error = $"{name} is not valid base64.";
            return null;
        }

        if (v is JArray array)
        {
            var bytes = new byte[array.Count];
            for (int i = 0; i < array.Count; i++)
            {
                if (array[i] is JValue { Type: JTokenType.Integer, Value: long b } && b is >= 0 and <= 255)
                {
                    bytes[i] = (byte)b;
                }
                else
                {
                    error = $"{name}[{i.ToString(CultureInfo.InvariantCulture)}] is not a byte: {Describe(array[i])}.";
                    return null;
                }
            }

            return bytes;
        }

        error = $"{name} should be base64 text or an array of bytes, found {Describe(t)}.";
        return null;
    }

    public static string Describe(JToken t) => t switch
    {
        JValue { Type: JTokenType.String } s => "\"" + Shorten((string)s.Value!) + "\"",
        JValue { Type: JTokenType.Null } => "null",
        JValue v => Shorten(Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty),
        JArray => "an array",
        JObject => "an object",
        _ => t.Type.ToString(),
    };

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;

    private static bool IsName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
