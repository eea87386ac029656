using System.Globalization;
using Extls.Model;
using Extls.Rules;

namespace Extls.Reporting;

/// <summary>Invariant formatting shared by every writer, so the same input gives the same bytes.</summary>
internal static class Fmt
{
    public static string Date(DateTimeOffset value) => IsoDate.Instant(value);

    public static string Day(DateTimeOffset value) => IsoDate.Day(value);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "none",
    };

    /// <summary>"file:line", or the file alone when the format has no lines.</summary>
    public static string FileLine(SourceLocation location) =>
        location.Line > 0 ? $"{location.File}:{Int(location.Line)}" : location.File;

    /// <summary>camelCase of an enum member name ("SelectedExpiresSoon" → "selectedExpiresSoon").</summary>
    public static string CamelCase(string name) =>
        name.Length == 0 ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);

    public static bool IsJapanese(string culture) => string.Equals(culture, "ja", StringComparison.OrdinalIgnoreCase);
}
