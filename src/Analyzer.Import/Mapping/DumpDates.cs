using System.Globalization;
using System.Text.RegularExpressions;

namespace Extls.Import.Mapping;

/// <summary>A date read from the dump, and whether its text said which time zone it was in.</summary>
internal readonly record struct DumpDate(DateTimeOffset Value, bool HasZone);

/// <summary>The date forms dumps carry: /Date(ms)/, ISO 8601, and locale text from CSV exports.</summary>
internal static partial class DumpDates
{
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
    internal static DumpDate? Parse(string text)
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
}
