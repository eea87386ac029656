using Extls.Model;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Extls.Import.Mapping;

/// <summary>
/// The shapes PowerShell's serialisers give values (ConvertTo-Json wrappers, objects expanded instead of
/// their ToString(), type names written past the depth limit), undone so the mapping reads plain values.
/// </summary>
internal static class PowerShellValues
{
    /// <summary>A property by name, case-insensitively (CSV headers and hand-made dumps vary); null when absent.</summary>
    public static JToken? Get(JObject obj, string name) => obj.GetValue(name, StringComparison.OrdinalIgnoreCase);

    public static bool Has(JObject obj, string name) => Get(obj, name) is not null;

    public static bool IsNull(JToken? t) => t is null || t.Type == JTokenType.Null;

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

        // An IPAddress expanded by ConvertTo-Json has Address as a number (IPv4) beside its text form: take the text.
        if (Get(o, "IPAddressToString") is { } ipText && !IsNull(ipText))
        {
            return StringForm(ipText);
        }

        if (Get(o, "Address") is { } ip && !IsNull(ip))
        {
            return StringForm(ip);
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

    public static FoundValue Describe(JToken t) => t switch
    {
        JValue { Type: JTokenType.String } s => new(ValueShape.Text, Shorten((string)s.Value!)),
        JValue { Type: JTokenType.Null } => new(ValueShape.Null, null),
        JValue v => new(ValueShape.Scalar, Shorten(Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty)),
        JArray => new(ValueShape.Array, null),
        JObject => new(ValueShape.Object, null),
        _ => new(ValueShape.Other, t.Type.ToString()),
    };

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;

    /// <summary>Property names as PowerShell compares them: ignoring case.</summary>
    public static bool IsName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
