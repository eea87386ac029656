using System.Text;
using Extls.Generation.Logs;

namespace Extls.TestKit;

/// <summary>Protocol log files written the way Exchange 2016/2019 write them, for the tests of what reads them.</summary>
public static class ProtocolLogs
{
    public static readonly DateTimeOffset Day = new(2026, 5, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A whole log file of the given sessions, in order, with its header.</summary>
    public static string Text(ProtocolLogKind kind, IEnumerable<SessionSpec> sessions, IReadOnlyList<string>? fields = null)
    {
        var sb = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var writer = new ProtocolLogWriter(sb, kind);
        writer.Header(Day, fieldOrder: fields);
        foreach (var s in sessions)
        {
            ProtocolLogSessions.Write(writer, s);
        }

        return sb.ToString();
    }

    public static byte[] Bytes(ProtocolLogKind kind, params SessionSpec[] sessions) => Encoding.UTF8.GetBytes(Text(kind, sessions));

    /// <summary>Inbound sessions numbered from <paramref name="first"/>, one a minute from <see cref="Day"/>.</summary>
    public static IEnumerable<SessionSpec> Inbound(string connector, int count, Func<SessionSpec, SessionSpec> shape, int first = 0) =>
        Enumerable.Range(first, count).Select(i => shape(new SessionSpec
        {
            Start = Day.AddMinutes(i),
            Connector = connector,
            SessionId = "08DE7C1F" + i.ToString("X8", System.Globalization.CultureInfo.InvariantCulture),
            Remote = $"203.0.113.{(i % 200) + 1}:{50000 + i % 10000}",
        }));
}
