using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Extls.Model;

namespace Extls.Evidence;

/// <summary>
/// Reads one Exchange SMTP protocol log (RECV*.LOG / SEND*.LOG, or the collector's extract of one) as the CSV
/// it is, row by row from a stream: a file of gigabytes is never held whole, only the sessions still open.
/// The '#Fields:' header gives the field order; rows before it, rows with another number of fields, rows
/// CsvHelper cannot read and certificate rows without a thumbprint are problems with file and line.
/// </summary>
internal static partial class ProtocolLogReader
{
    /// <summary>Problems reported per file before the rest are counted in one closing problem.</summary>
    internal const int MaxProblemsPerFile = 20;

    private static readonly string[] Required = ["date-time", "connector-id", "session-id", "event", "data", "context"];

    // The one-row form of the certificate row: "<subject> <issuer> <serial> <thumbprint> <not before> <not after> <SANs>".
    // Subject and issuer hold spaces and commas, so the serial, the 40-hex thumbprint and the two ISO dates anchor it.
    [GeneratedRegex(@"(?:^|\s)(?<serial>[0-9A-Fa-f]+)\s+(?<thumbprint>[0-9A-Fa-f]{40})\s+(?<notBefore>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)\s+(?<notAfter>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)(?:\s+(?<names>\S.*))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SendingCertificate();

    [GeneratedRegex(@"^[0-9A-Fa-f]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Thumbprint();

    /// <summary>The parts of a one-row certificate row; null when it names no thumbprint.</summary>
    internal static (string Serial, string Thumbprint, string SubjectAndIssuer, string? Names)? ParseSendingCertificate(string data)
    {
        var m = SendingCertificate().Match(data);
        if (!m.Success)
        {
            return null;
        }

        return (m.Groups["serial"].Value.ToUpperInvariant(), m.Groups["thumbprint"].Value.ToUpperInvariant(),
            data[..m.Index].Trim(), m.Groups["names"].Success ? m.Groups["names"].Value.Trim() : null);
    }

    /// <summary>The direction a log's name or folder says, for a file whose '#Log-type:' line is missing.</summary>
    internal static LogDirection? DirectionFromPath(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith("RECV", StringComparison.OrdinalIgnoreCase) || path.Contains("SmtpReceive", StringComparison.OrdinalIgnoreCase))
        {
            return LogDirection.Receive;
        }

        if (name.StartsWith("SEND", StringComparison.OrdinalIgnoreCase) || path.Contains("SmtpSend", StringComparison.OrdinalIgnoreCase))
        {
            return LogDirection.Send;
        }

        return null;
    }

    /// <param name="serverHint">The server the file's place names (servers/&lt;NAME&gt;/…), if any.</param>
    /// <returns>The number of rows read.</returns>
    public static long Read(Stream stream, string file, string? serverHint, SessionAggregator sink, List<ImportProblem> problems)
    {
        var fileProblems = 0;
        void Problem(long line, ProblemKind kind, ProblemArguments? arguments = null)
        {
            fileProblems++;
            if (fileProblems <= MaxProblemsPerFile)
            {
                problems.Add(new ImportProblem(file, (int)Math.Min(line, int.MaxValue), "$", kind, arguments ?? ProblemArguments.None));
            }
        }

        var malformed = 0;
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record =>
            {
                malformed++;
                Problem(record.LineNumber, ProblemKind.LogQuoting, new() { Fault = Fault(record.Reason) });
            },
        };

        var direction = DirectionFromPath(file);
        int[]? index = null;
        var fieldCount = 0;
        long rows = 0;
        var sessions = new Dictionary<string, LogSession>(StringComparer.Ordinal);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            using var reader = CsvReader.Create(text, options, leaveOpen: true);
            var previousMalformed = 0;
            while (reader.Read())
            {
                var line = reader.LineNumber;
                if (malformed != previousMalformed)
                {
                    // OnMalformedRecord fired for this record: it is skipped, as its message says.
                    previousMalformed = malformed;
                    if (reader.FieldCount > 0 && !(reader.GetString(0) ?? "").StartsWith('#'))
                    {
                        continue;
                    }
                }

                var first = reader.GetString(0) ?? "";
                if (first.StartsWith('#'))
                {
                    if (first.StartsWith("#Fields:", StringComparison.OrdinalIgnoreCase))
                    {
                        var names = new string[reader.FieldCount];
                        names[0] = first["#Fields:".Length..].Trim();
                        for (var i = 1; i < names.Length; i++)
                        {
                            names[i] = (reader.GetString(i) ?? "").Trim();
                        }

                        index = Required.Select(r => Array.FindIndex(names, n => n.Equals(r, StringComparison.OrdinalIgnoreCase))).ToArray();
                        fieldCount = names.Length;
                        var missing = Required.Where((r, i) => index[i] < 0).ToList();
                        if (missing.Count > 0)
                        {
                            Problem(line, ProblemKind.LogFieldsMissing, new() { Names = [.. missing] });
                            index = null;
                        }
                    }
                    else if (first.StartsWith("#Log-type:", StringComparison.OrdinalIgnoreCase))
                    {
                        var type = first["#Log-type:".Length..];
                        direction = type.Contains("Receive", StringComparison.OrdinalIgnoreCase) ? LogDirection.Receive
                            : type.Contains("Send", StringComparison.OrdinalIgnoreCase) ? LogDirection.Send
                            : direction;
                    }

                    continue;
                }

                rows++;
                if (index is null)
                {
                    Problem(line, ProblemKind.LogRowBeforeFields);
                    continue;
                }

                if (direction is not { } dir)
                {
                    Problem(line, ProblemKind.LogTypeUnknown);
                    continue;
                }

                if (reader.FieldCount != fieldCount)
                {
                    Problem(line, ProblemKind.LogFieldCount, new() { Number = reader.FieldCount, Limit = fieldCount });
                    continue;
                }

                var timeText = reader.GetString(index[0]) ?? "";
                if (!TryParseTime(timeText, out var time))
                {
                    Problem(line, ProblemKind.LogNotADate, new() { Value = Shorten(timeText) });
                    continue;
                }

                var connector = reader.GetString(index[1]) ?? "";
                var sessionId = reader.GetString(index[2]) ?? "";
                var ev = reader.GetString(index[3]) ?? "";
                if (ev.Length != 1 || "+-<>*".IndexOf(ev[0], StringComparison.Ordinal) < 0)
                {
                    Problem(line, ProblemKind.LogNotAnEvent, new() { Value = Shorten(ev) });
                    continue;
                }

                var key = sessionId.Length == 0 ? connector : sessionId;
                if (!sessions.TryGetValue(key, out var session))
                {
                    session = new LogSession(connector, dir, serverHint, time);
                    sessions[key] = session;
                }

                session.Last = time;
                var data = reader.GetString(index[4]) ?? "";
                var context = reader.GetString(index[5]) ?? "";
                switch (ev[0])
                {
                    case '-':
                        sink.Add(session);
                        sessions.Remove(key);
                        break;
                    case '<':
                        if (dir == LogDirection.Receive)
                        {
                            session.Command(data);
                        }

                        break;
                    case '>':
                        if (dir == LogDirection.Receive)
                        {
                            session.Answer(data);
                        }
                        else
                        {
                            session.Command(data);
                        }

                        break;
                    case '*':
                        if (!Information(session, data, context, time))
                        {
                            Problem(line, ProblemKind.LogCertificateWithoutThumbprint);
                        }

                        break;
                }
            }
        }
        catch (CsvFormatException ex)
        {
            Problem(ex.LineNumber, ProblemKind.LogUnreadable, new() { Detail = ex.Message });
        }
        catch (DecoderFallbackException ex)
        {
            Problem(0, ProblemKind.LogNotText, new() { Detail = ex.Message });
        }

        // Sessions the file ends in the middle of (the log rolled over, or the extract was cut) still count.
        foreach (var open in sessions.Values.OrderBy(s => s.First))
        {
            sink.Add(open);
        }

        if (fileProblems > MaxProblemsPerFile)
        {
            problems.Add(new ImportProblem(file, 0, "$", ProblemKind.LogMoreRowsUnread, new() { Number = fileProblems - MaxProblemsPerFile, Limit = MaxProblemsPerFile }));
        }

        return rows;
    }

    /// <returns>False for a one-row certificate row without a thumbprint.</returns>
    private static bool Information(LogSession session, string data, string context, DateTimeOffset time)
    {
        if (context.StartsWith("Sending certificate", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(data))
            {
                // The older several-rows form: the facts follow as 'Certificate …' rows.
                session.Block = CertificateBlock.Sending;
                return true;
            }

            if (ParseSendingCertificate(data) is not { } cert)
            {
                return false;
            }

            session.Presented(cert.Thumbprint, time);
            session.Block = CertificateBlock.None;
            return true;
        }

        if (context.StartsWith("Remote certificate", StringComparison.OrdinalIgnoreCase) || context.StartsWith("Received certificate", StringComparison.OrdinalIgnoreCase))
        {
            session.Block = CertificateBlock.Remote;
            return true;
        }

        if (context.Equals("Certificate thumbprint", StringComparison.OrdinalIgnoreCase))
        {
            var thumbprint = data.Replace(" ", "", StringComparison.Ordinal).Trim();
            if (session.Block == CertificateBlock.Sending && Thumbprint().IsMatch(thumbprint))
            {
                session.Presented(thumbprint.ToUpperInvariant(), time);
            }

            return true;
        }

        var tls = context.StartsWith("TLS ", StringComparison.OrdinalIgnoreCase) ? context : data.StartsWith("TLS ", StringComparison.OrdinalIgnoreCase) ? data : null;
        if (tls is not null)
        {
            const string failed = "negotiation failed with error";
            var at = tls.IndexOf(failed, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                var error = tls[(at + failed.Length)..].Trim();
                session.Failed(error.Length == 0 ? "unknown" : error.Split(' ', 2)[0], time);
            }
            else if (tls.Contains("negotiation succeeded", StringComparison.OrdinalIgnoreCase))
            {
                session.Succeeded = true;
            }
        }

        return true;
    }

    internal static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        && text.Length >= 19 && text[4] == '-' && text[10] == 'T';

    private static CsvFault Fault(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => CsvFault.StrayQuote,
        CsvMalformedReason.TextAfterClosingQuote => CsvFault.TextAfterClosingQuote,
        CsvMalformedReason.UnterminatedQuote => CsvFault.UnterminatedQuote,
        CsvMalformedReason.LineBreakInQuotes => CsvFault.LineBreakInQuotes,
        CsvMalformedReason.FieldCountMismatch => CsvFault.FieldCountMismatch,
        _ => CsvFault.Other,
    };

    private static string Shorten(string s) => s.Length > 40 ? s[..37] + "..." : s;
}

/// <summary>Which certificate the several-rows form is describing.</summary>
internal enum CertificateBlock
{
    None,
    Sending,
    Remote,
}

/// <summary>One SMTP session as far as TLS is concerned; kept only while the file holds it open.</summary>
internal sealed class LogSession(string connector, LogDirection direction, string? serverHint, DateTimeOffset first)
{
    private int ehloState; // 0 before the first EHLO, 1 inside its answer, 2 after it

    public string Connector { get; } = connector;

    public LogDirection Direction { get; } = direction;

    public string? ServerHint { get; } = serverHint;

    public DateTimeOffset First { get; } = first;

    public DateTimeOffset Last { get; set; } = first;

    public TlsMode? Mode { get; private set; }

    /// <summary>Send logs: the name this server gave in its EHLO.</summary>
    public string? EhloName { get; private set; }

    public bool SawEhloAnswer { get; private set; }

    public bool OffersStartTls { get; private set; }

    public bool OffersAnonymousTls { get; private set; }

    public CertificateBlock Block { get; set; }

    public string? Thumbprint { get; private set; }

    public DateTimeOffset? PresentedAt { get; private set; }

    public string? Failure { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    public bool Succeeded { get; set; }

    public void Command(string data)
    {
        var command = data.Trim();
        if (command.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase) || command.StartsWith("HELO", StringComparison.OrdinalIgnoreCase))
        {
            EhloName ??= command.Length > 5 ? command[5..].Trim() : null;
            if (ehloState == 0)
            {
                ehloState = 1;
            }

            return;
        }

        if (ehloState == 1)
        {
            ehloState = 2;
        }

        if (command.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase))
        {
            Mode ??= TlsMode.StartTls;
        }
        else if (command.Equals("X-ANONYMOUSTLS", StringComparison.OrdinalIgnoreCase))
        {
            Mode ??= TlsMode.AnonymousTls;
        }
    }

    /// <summary>A line the receiving server sent; inside the first EHLO answer its extensions are noted.</summary>
    public void Answer(string data)
    {
        if (ehloState != 1 || !data.StartsWith("250", StringComparison.Ordinal))
        {
            return;
        }

        SawEhloAnswer = true;

        // Exchange 2016/2019 write the whole answer as one row, older builds one "250-…" row per extension.
        foreach (var token in data[3..].Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            OffersStartTls |= token.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase);
        }

        OffersAnonymousTls |= data.Contains("X-ANONYMOUSTLS", StringComparison.OrdinalIgnoreCase);
    }

    public void Presented(string thumbprint, DateTimeOffset at)
    {
        Thumbprint ??= thumbprint;
        PresentedAt ??= at;
    }

    public void Failed(string error, DateTimeOffset at)
    {
        Failure ??= error;
        FailedAt ??= at;
    }
}
