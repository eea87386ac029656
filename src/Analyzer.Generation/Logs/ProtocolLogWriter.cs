using System.Globalization;

namespace Extls.Generation.Logs;

/// <summary>Which of Exchange's SMTP protocol logs a file is.</summary>
public enum ProtocolLogKind
{
    Receive,
    Send,
}

/// <summary>How a build writes the certificate it presented.</summary>
public enum CertificateRowForm
{
    /// <summary>Exchange 2016/2019: one '*' row, context "Sending certificate Subject Issuer name …", the values joined by spaces.</summary>
    OneRow,

    /// <summary>Older builds: a "Sending certificate" row, then one "Certificate …" row per fact.</summary>
    SeveralRows,
}

/// <summary>The facts of a certificate as a protocol log writes them.</summary>
/// <param name="LocalOffset">The server's offset from UTC: Exchange writes the validity dates in local time followed by a literal Z.</param>
public sealed record PresentedCertificate(
    string Subject,
    string Issuer,
    string Serial,
    string Thumbprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    IReadOnlyList<string> Names,
    TimeSpan LocalOffset = default)
{
    /// <summary>The facts of a real certificate, its SANs' DNS names as the names.</summary>
    public static PresentedCertificate From(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, TimeSpan localOffset = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var names = certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames()).ToList();
        return new PresentedCertificate(certificate.Subject, certificate.Issuer, certificate.SerialNumber, certificate.Thumbprint,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero), new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), names, localOffset);
    }
}

/// <summary>
/// Writes an SMTP protocol log the way Exchange 2016/2019 does: '#' header lines, the '#Fields:' line, then CSV rows
/// (date-time in UTC with milliseconds and Z, fields holding commas or quotes quoted). For demos, benchmarks and
/// the tests of everything that reads such logs.
/// </summary>
public sealed class ProtocolLogWriter(TextWriter output, ProtocolLogKind kind)
{
    public static readonly IReadOnlyList<string> DefaultFields =
        ["date-time", "connector-id", "session-id", "sequence-number", "local-endpoint", "remote-endpoint", "event", "data", "context"];

    private IReadOnlyList<string> fields = DefaultFields;

    public ProtocolLogKind Kind { get; } = kind;

    /// <summary>The header lines; <paramref name="fieldOrder"/> rearranges the fields (a reader must follow the header, not assume the order).</summary>
    public void Header(DateTimeOffset date, string version = "15.2.1544.4", IReadOnlyList<string>? fieldOrder = null)
    {
        fields = fieldOrder ?? DefaultFields;
        output.Write("#Software: Microsoft Exchange Server\r\n");
        output.Write("#Version: " + version + "\r\n");
        output.Write("#Log-type: " + (Kind == ProtocolLogKind.Receive ? "SMTP Receive Protocol Log" : "SMTP Send Protocol Log") + "\r\n");
        output.Write("#Date: " + Time(date) + "\r\n");
        output.Write("#Fields: " + string.Join(",", fields) + "\r\n");
    }

    /// <summary>One row; <paramref name="ev"/> is '+', '-', '&lt;', '&gt;' or '*'.</summary>
    public void Row(DateTimeOffset time, string connector, string session, int sequence, string local, string remote, char ev, string data, string context)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["date-time"] = Time(time),
            ["connector-id"] = connector,
            ["session-id"] = session,
            ["sequence-number"] = sequence.ToString(CultureInfo.InvariantCulture),
            ["local-endpoint"] = local,
            ["remote-endpoint"] = remote,
            ["event"] = ev.ToString(),
            ["data"] = data,
            ["context"] = context,
        };
        output.Write(string.Join(",", fields.Select(f => Quote(values.GetValueOrDefault(f) ?? ""))));
        output.Write("\r\n");
    }

    /// <summary>The certificate row(s) of a session, in either form.</summary>
    public void Certificate(DateTimeOffset time, string connector, string session, ref int sequence, string local, string remote, PresentedCertificate c, CertificateRowForm form)
    {
        var notBefore = Local(c.NotBefore, c.LocalOffset);
        var notAfter = Local(c.NotAfter, c.LocalOffset);
        var names = string.Join(";", c.Names);
        if (form == CertificateRowForm.OneRow)
        {
            Row(time, connector, session, sequence++, local, remote, '*',
                $" {c.Subject} {c.Issuer} {c.Serial} {c.Thumbprint} {notBefore} {notAfter} {names}",
                "Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names");
            return;
        }

        Row(time, connector, session, sequence++, local, remote, '*', "", "Sending certificate");
        Row(time, connector, session, sequence++, local, remote, '*', c.Subject, "Certificate subject");
        Row(time, connector, session, sequence++, local, remote, '*', c.Issuer, "Certificate issuer name");
        Row(time, connector, session, sequence++, local, remote, '*', c.Serial, "Certificate serial number");
        Row(time, connector, session, sequence++, local, remote, '*', c.Thumbprint, "Certificate thumbprint");
        Row(time, connector, session, sequence++, local, remote, '*', names, "Certificate alternate names");
    }

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    // Exchange writes the certificate's dates in the server's local time and still appends Z.
    private static string Local(DateTimeOffset t, TimeSpan offset) =>
        t.ToOffset(offset).DateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

/// <summary>One SMTP session to write: who, when, what was offered and used, what was presented, how it ended.</summary>
public sealed record SessionSpec
{
    public required DateTimeOffset Start { get; init; }

    /// <summary>"SERVER\Connector name" (receive) or the send connector's name (send).</summary>
    public required string Connector { get; init; }

    public required string SessionId { get; init; }

    public string Local { get; init; } = "10.0.0.11:25";

    public string Remote { get; init; } = "203.0.113.9:52311";

    /// <summary>The name the client gives in EHLO (receive: the remote's; send: this server's).</summary>
    public string Ehlo { get; init; } = "mail.fabrikam.com";

    /// <summary>Receive: the name the server answers EHLO with.</summary>
    public string ServerName { get; init; } = "EX01.contoso.com";

    public bool OffersStartTls { get; init; } = true;

    public bool OffersAnonymousTls { get; init; } = true;

    /// <summary>Older builds answer EHLO with one "250-…" row per extension.</summary>
    public bool EhloOneRowPerExtension { get; init; }

    /// <summary>"STARTTLS", "X-ANONYMOUSTLS" or null (no TLS).</summary>
    public string? TlsVerb { get; init; } = "STARTTLS";

    public PresentedCertificate? Presented { get; init; }

    public CertificateRowForm Form { get; init; } = CertificateRowForm.OneRow;

    /// <summary>"UnknownCredentials" and the like: the negotiation fails with it; null: it succeeds.</summary>
    public string? Failure { get; init; }

    /// <summary>Whether the session goes on to send a message (MAIL FROM, RCPT TO, DATA: the rows a collector must never copy).</summary>
    public bool WithMessage { get; init; } = true;
}

public static class ProtocolLogSessions
{
    /// <summary>Writes one whole session, as Exchange logs it.</summary>
    public static void Write(ProtocolLogWriter w, SessionSpec s)
    {
        var seq = 0;
        var t = s.Start;
        DateTimeOffset Next() => t = t.AddMilliseconds(7);
        void Row(char ev, string data, string context = "") => w.Row(Next(), s.Connector, s.SessionId, seq++, s.Local, s.Remote, ev, data, context);

        Row('+', "");
        if (w.Kind == ProtocolLogKind.Receive)
        {
            Row('*', "SMTPSubmit SMTPSubmitForLS SMTPAcceptAnyRecipient SMTPAcceptAuthenticationFlag SMTPAcceptAnySender", "Set Session Permissions");
            Row('>', $"220 {s.ServerName} Microsoft ESMTP MAIL Service ready at Sun, 31 May 2026 09:00:01 +0900");
            Row('<', "EHLO " + s.Ehlo);
            var extensions = new List<string> { "SIZE 37748736", "PIPELINING", "DSN", "ENHANCEDSTATUSCODES" };
            if (s.OffersStartTls)
            {
                extensions.Add("STARTTLS");
            }

            if (s.OffersAnonymousTls)
            {
                extensions.Add("X-ANONYMOUSTLS");
            }

            extensions.AddRange(["AUTH NTLM", "X-EXPS GSSAPI NTLM", "8BITMIME", "BINARYMIME", "CHUNKING", "XRDST"]);
            if (s.EhloOneRowPerExtension)
            {
                Row('>', $"250-{s.ServerName} Hello [{s.Remote.Split(':')[0]}]");
                for (var i = 0; i < extensions.Count; i++)
                {
                    Row('>', (i == extensions.Count - 1 ? "250 " : "250-") + extensions[i]);
                }
            }
            else
            {
                Row('>', $"250  {s.ServerName} Hello [{s.Remote.Split(':')[0]}] {string.Join(" ", extensions)}");
            }

            if (s.TlsVerb is { } verb)
            {
                Row('<', verb);
                Row('>', "220 2.0.0 SMTP server ready");
                Tls(w, s, ref seq, ref t, "SP_PROT_TLS1_2_SERVER");
                if (s.Failure is not null)
                {
                    Row('-', "", "Local");
                    return;
                }

                Row('<', "EHLO " + s.Ehlo);
                Row('>', $"250  {s.ServerName} Hello [{s.Remote.Split(':')[0]}] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES AUTH NTLM 8BITMIME BINARYMIME CHUNKING XRDST");
            }

            if (s.WithMessage)
            {
                Row('<', "MAIL FROM:<alice@fabrikam.com> SIZE=20480");
                Row('<', "RCPT TO:<bob@contoso.com>");
                Row('>', "250 2.1.0 Sender OK");
                Row('>', "250 2.1.5 Recipient OK");
                Row('<', "BDAT 20480 LAST");
                Row('*', "08DE7C1F2A3B4C5D;2026-05-31T00:00:01.234Z;1", "receiving message");
                Row('>', "250 2.6.0 <0123456789abcdef@fabrikam.com> [InternalId=123456789, Hostname=EX01] 20480 bytes in 0.104, 192.308 KB/sec Queued mail for delivery");
                Row('<', "QUIT");
                Row('>', "221 2.0.0 Service closing transmission channel");
            }

            Row('-', "", "Remote(SocketError)");
            return;
        }

        Row('*', "", "attempting to connect");
        Row('<', "220 mx.fabrikam.com Microsoft ESMTP MAIL Service ready");
        Row('>', "EHLO " + s.Ehlo);
        Row('<', "250-mx.fabrikam.com Hello [10.0.0.11]");
        if (s.OffersStartTls)
        {
            Row('<', "250-STARTTLS");
        }

        if (s.OffersAnonymousTls)
        {
            Row('<', "250-X-ANONYMOUSTLS");
        }

        Row('<', "250 XRDST");
        if (s.TlsVerb is { } sendVerb)
        {
            Row('>', sendVerb);
            Row('<', "220 2.0.0 SMTP server ready");
            Tls(w, s, ref seq, ref t, "SP_PROT_TLS1_2_CLIENT");
            if (s.Failure is not null)
            {
                Row('-', "", "Local");
                return;
            }

            Row('>', "EHLO " + s.Ehlo);
            Row('<', "250 mx.fabrikam.com Hello [10.0.0.11] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES 8BITMIME BINARYMIME CHUNKING");
        }

        if (s.WithMessage)
        {
            Row('*', "08DE7C1F2A3B4C5D;2026-05-31T00:00:01.234Z;1", "sending message");
            Row('>', "MAIL FROM:<bob@contoso.com> SIZE=20480");
            Row('>', "RCPT TO:<alice@fabrikam.com>");
            Row('<', "250 2.1.0 Sender OK");
            Row('<', "250 2.1.5 Recipient OK");
            Row('>', "QUIT");
        }

        Row('-', "", "Local");
    }

    private static void Tls(ProtocolLogWriter w, SessionSpec s, ref int seq, ref DateTimeOffset t, string protocol)
    {
        t = t.AddMilliseconds(7);
        if (s.Presented is { } cert)
        {
            w.Certificate(t, s.Connector, s.SessionId, ref seq, s.Local, s.Remote, cert, s.Form);
        }

        t = t.AddMilliseconds(7);
        if (s.Failure is { } failure)
        {
            w.Row(t, s.Connector, s.SessionId, seq++, s.Local, s.Remote, '*', "", "TLS negotiation failed with error " + failure);
        }
        else
        {
            w.Row(t, s.Connector, s.SessionId, seq++, s.Local, s.Remote, '*', "",
                $"TLS protocol {protocol} negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDH_EPHEM with strength 384 bits");
        }
    }
}
