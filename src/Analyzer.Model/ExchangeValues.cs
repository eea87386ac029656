using System.Globalization;

namespace Extls.Model;

/// <summary>
/// Exchange's enumerations written the way Exchange writes them. The model's enums carry Exchange's own
/// member names (see Enums.cs), so a value shown to a user is what Get-ReceiveConnector would print.
/// </summary>
public static class ExchangeValues
{
    /// <summary>
    /// A value by name; flags by the names of their set bits in ascending order, joined by
    /// <paramref name="separator"/> ("Tls, ExchangeServer"; "," gives a single PowerShell argument). Zero is "None".
    /// </summary>
    public static string Format(Enum value, string separator = ", ")
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        var raw = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        if (!type.IsDefined(typeof(FlagsAttribute), false))
        {
            return Enum.IsDefined(type, value) ? value.ToString() : raw.ToString(CultureInfo.InvariantCulture);
        }

        if (raw == 0)
        {
            return "None";
        }

        // The values as the underlying integers, each named through Enum.ToObject: Enum.GetValues(Type) makes an array of
        // the enum type at run time, which a native build cannot.
        var names = Enum.GetValuesAsUnderlyingType(type).Cast<object>()
            .Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture))
            .Select(bits => (Name: Enum.ToObject(type, bits).ToString(), Bits: bits))
            .Where(v => v.Bits != 0 && (raw & v.Bits) == v.Bits)
            .OrderBy(v => v.Bits)
            .Select(v => v.Name);
        return string.Join(separator, names);
    }
}
