using System.Globalization;

namespace Extls.Model;

/// <summary>
/// ISO 8601 as extls reads and writes it everywhere: in configuration, in snapshots' messages, in
/// every report. Always UTC and the invariant culture, so the same input gives the same bytes.
/// </summary>
public static class IsoDate
{
    // A date alone means 00:00 UTC; a time without an offset is UTC. "T" or a space between them.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text?.Trim(),
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);

    /// <summary>A day: <c>2026-06-01</c>.</summary>
    public static string Day(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    /// <summary>An instant to the second: <c>2026-06-01T00:00:00Z</c>.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
