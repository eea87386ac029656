using System.IO.Compression;
using System.Text;
using Extls.Generation.Logs;
using Extls.TestKit;

namespace Extls.Evidence.Tests;

/// <summary>Exchange's own protocol logs, as Exchange 2016/2019 and older builds write them, read as the CSV they are.</summary>
public sealed class ProtocolLogReaderTests
{
    private const string Fields = "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context";

    // The shape of a public report's row: subject and issuer with spaces and commas, a Let's Encrypt serial, local dates with a literal Z.
    private const string OneRowCertificate =
        "2023-09-01T10:00:00.123Z,EX01\\Default Frontend EX01,08DBA1B2C3D4E5F6,7,10.0.0.11:25,203.0.113.9:52311,*," +
        "\" CN=webmail.contoso.com CN=R3, O=Let's Encrypt, C=US 0404C0F032C2760F1F3F28A7CCC3FC5FBAB3 EC5A76488FE0A501C5FC28EC845E443889BA16E2 2023-08-12T10:39:24.000Z 2023-11-10T09:39:23.000Z webmail.contoso.com;autodiscover.contoso.com\"," +
        "Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names";

    private static EvidenceSet Read(params (string Path, string Text)[] files) =>
        EvidenceReader.Read([.. files.Select(f => new EvidenceFile(f.Path, () => new MemoryStream(Encoding.UTF8.GetBytes(f.Text))))],
            [new KnownServer("EX01", "ex01.contoso.com"), new KnownServer("EX02", "ex02.contoso.com")]);

    private static string Log(string type, params string[] rows) =>
        string.Join("\r\n", ["#Software: Microsoft Exchange Server", "#Version: 15.2.1544.4", "#Log-type: " + type, "#Date: 2023-09-01T10:00:00.000Z", Fields, .. rows]) + "\r\n";

    [Fact]
    public void The_one_row_certificate_is_anchored_on_serial_thumbprint_and_dates_not_on_spaces_or_commas()
    {
        var parsed = ProtocolLogReader.ParseSendingCertificate(
            " CN=webmail.contoso.com CN=R3, O=Let's Encrypt, C=US 0404C0F032C2760F1F3F28A7CCC3FC5FBAB3 EC5A76488FE0A501C5FC28EC845E443889BA16E2 2023-08-12T10:39:24.000Z 2023-11-10T09:39:23.000Z webmail.contoso.com;autodiscover.contoso.com");
        Assert.NotNull(parsed);
        Assert.Equal("EC5A76488FE0A501C5FC28EC845E443889BA16E2", parsed.Value.Thumbprint);
        Assert.Equal("0404C0F032C2760F1F3F28A7CCC3FC5FBAB3", parsed.Value.Serial);
        Assert.Equal("CN=webmail.contoso.com CN=R3, O=Let's Encrypt, C=US", parsed.Value.SubjectAndIssuer);
        Assert.Equal("webmail.contoso.com;autodiscover.contoso.com", parsed.Value.Names);

        // A serial of 40 hex digits (20 bytes) is not taken for the thumbprint: the dates decide.
        var longSerial = ProtocolLogReader.ParseSendingCertificate(
            " CN=a CN=b 1111111111111111111111111111111111111111 2222222222222222222222222222222222222222 2026-01-01T00:00:00.000Z 2027-01-01T00:00:00.000Z");
        Assert.Equal("2222222222222222222222222222222222222222", longSerial!.Value.Thumbprint);
        Assert.Null(ProtocolLogReader.ParseSendingCertificate(" CN=a CN=b 1234 2026-01-01T00:00:00.000Z"));
    }

    [Fact]
    public void A_STARTTLS_session_counts_its_certificate_its_EHLO_offer_and_its_connector()
    {
        var set = Read(("RECV2023090110-1.LOG", Log("SMTP Receive Protocol Log",
            "2023-09-01T10:00:00.001Z,EX01\\Default Frontend EX01,08DBA1B2C3D4E5F6,0,10.0.0.11:25,203.0.113.9:52311,+,,",
            "2023-09-01T10:00:00.002Z,EX01\\Default Frontend EX01,08DBA1B2C3D4E5F6,1,10.0.0.11:25,203.0.113.9:52311,<,EHLO mail.fabrikam.com,",
            "2023-09-01T10:00:00.003Z,EX01\\Default Frontend EX01,08DBA1B2C3D4E5F6,2,10.0.0.11:25,203.0.113.9:52311,>,250  EX01.contoso.com Hello [203.0.113.9] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS X-ANONYMOUSTLS AUTH NTLM X-EXPS GSSAPI NTLM 8BITMIME BINARYMIME CHUNKING XRDST,",
            "2023-09-01T10:00:00.004Z,EX01\\Default Frontend EX01,08DBA1B2C3D4E5F6,3,10.0.0.11:25,203.0.113.9:52311,<,STARTTLS,",
            "2023-09-01T10:00:00.005Z,EX01\\Default Frontend EX01,08DBA1B2C3D4E5F6,4,10.0.0.11:25,203.0.113.9:52311,>,220 2.0.0 SMTP server ready,",
            OneRowCertificate,
            "2023-09-01T10:00:00.200Z,EX01\\Default Frontend EX01,08DBA1B2C3D4E5F6,8,10.0.0.11:25,203.0.113.9:52311,*,,\"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDH_EPHEM with strength 384 bits\"",
            "2023-09-01T10:00:01.000Z,EX01\\Default Frontend EX01,08DBA1B2C3D4E5F6,9,10.0.0.11:25,203.0.113.9:52311,-,,Local")));

        Assert.Empty(set.Problems);
        var starttls = Assert.Single(set.Observations, o => o.Mode == TlsMode.StartTls);
        Assert.Equal(("EX01", LogDirection.Receive, "EX01\\Default Frontend EX01"), (starttls.Server, starttls.Direction, starttls.Connector));
        Assert.Equal(1, starttls.Sessions);
        Assert.Equal((1L, 0L), (starttls.Offered, starttls.NotOffered));
        var cert = Assert.Single(starttls.Certificates);
        Assert.Equal("EC5A76488FE0A501C5FC28EC845E443889BA16E2", cert.Thumbprint);
        Assert.Equal(new DateTimeOffset(2023, 9, 1, 10, 0, 0, 123, TimeSpan.Zero), cert.FirstSeen);
        var anonymous = Assert.Single(set.Observations, o => o.Mode == TlsMode.AnonymousTls);
        Assert.Equal((0L, 1L, 0L), (anonymous.Sessions, anonymous.Offered, anonymous.NotOffered));
        Assert.Contains("EX01", set.ReceiveLogServers);
    }

    [Fact]
    public void The_older_several_rows_form_and_the_one_row_per_extension_EHLO_answer_are_read_too()
    {
        var cert = new PresentedCertificate("CN=EX02", "CN=EX02", "1A2B3C", "06A76453BD693241BA0F77052C3B7D9D188C7D87", ProtocolLogs.Day, ProtocolLogs.Day.AddYears(5), ["EX02", "ex02.contoso.com"]);
        var text = ProtocolLogs.Text(ProtocolLogKind.Receive, ProtocolLogs.Inbound("EX02\\Default EX02", 3, s => s with
        {
            TlsVerb = "X-ANONYMOUSTLS",
            Presented = cert,
            Form = CertificateRowForm.SeveralRows,
            EhloOneRowPerExtension = true,
            OffersStartTls = false,
        }));
        // A remote certificate block in the older form must not be taken for the server's own.
        text = text.Replace("Certificate alternate names\r\n", "Certificate alternate names\r\n" +
            "2026-05-31T00:00:00.900Z,EX02\\Default EX02,08DE7C1F00000000,90,10.0.0.11:25,203.0.113.1:50000,*,,Remote certificate\r\n" +
            "2026-05-31T00:00:00.901Z,EX02\\Default EX02,08DE7C1F00000000,91,10.0.0.11:25,203.0.113.1:50000,*,FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF,Certificate thumbprint\r\n", StringComparison.Ordinal);
        var set = Read(("RECV2026053100-1.LOG", text));

        Assert.Empty(set.Problems);
        var anonymous = Assert.Single(set.Observations, o => o.Mode == TlsMode.AnonymousTls);
        Assert.Equal(3, anonymous.Sessions);
        Assert.Equal(3, anonymous.Offered);
        Assert.Equal(("06A76453BD693241BA0F77052C3B7D9D188C7D87", 3L), (Assert.Single(anonymous.Certificates).Thumbprint, anonymous.Certificates[0].Sessions));
        var starttls = Assert.Single(set.Observations, o => o.Mode == TlsMode.StartTls);
        Assert.Equal((0L, 3L), (starttls.Offered, starttls.NotOffered));
    }

    [Fact]
    public void Field_order_comes_from_the_Fields_header_not_from_the_usual_order()
    {
        var reordered = new[] { "session-id", "date-time", "event", "connector-id", "context", "data", "sequence-number", "local-endpoint", "remote-endpoint" };
        var cert = new PresentedCertificate("CN=mail.contoso.com", "CN=Contoso CA, DC=contoso, DC=com", "0A", "7FF1EE3AE28BF94B209AF6AC0AF397A2FCE26E86", ProtocolLogs.Day, ProtocolLogs.Day.AddYears(1), ["mail.contoso.com"]);
        var text = ProtocolLogs.Text(ProtocolLogKind.Receive, ProtocolLogs.Inbound("EX01\\Default Frontend EX01", 2, s => s with { Presented = cert }), reordered);
        var o = Assert.Single(Read(("x/RECV.LOG", text)).Observations, x => x.Mode == TlsMode.StartTls);
        Assert.Equal("7FF1EE3AE28BF94B209AF6AC0AF397A2FCE26E86", Assert.Single(o.Certificates).Thumbprint);
        Assert.Equal(2, o.Certificates[0].Sessions);
    }

    [Fact]
    public void Failures_are_counted_by_error_and_never_MAIL_FROM_or_message_rows()
    {
        var text = ProtocolLogs.Text(ProtocolLogKind.Receive, ProtocolLogs.Inbound("EX01\\Default Frontend EX01", 4, s => s with { Failure = s.SessionId.EndsWith('0') ? "NoCredentials" : "UnknownCredentials" }));
        var o = Assert.Single(Read(("RECV.LOG", text)).Observations, x => x.Mode == TlsMode.StartTls);
        Assert.Equal(["NoCredentials", "UnknownCredentials"], o.Failures.Select(f => f.Error));
        Assert.Equal([1L, 3L], o.Failures.Select(f => f.Count));
        Assert.Empty(o.Certificates);
    }

    [Fact]
    public void Malformed_rows_are_problems_with_file_and_line_and_the_rest_is_still_read()
    {
        var good = "2023-09-01T10:00:00.001Z,EX01\\Default Frontend EX01,S1,0,10.0.0.11:25,203.0.113.9:52311,+,,";
        var set = Read(("logs/RECV1.LOG", Log("SMTP Receive Protocol Log",
            good,
            "2023-09-01T10:00:00.002Z,EX01\\Default Frontend EX01,S1,1,10.0.0.11:25,203.0.113.9:52311,<,STARTTLS",
            "yesterday,EX01\\Default Frontend EX01,S1,2,10.0.0.11:25,203.0.113.9:52311,*,,x",
            "2023-09-01T10:00:00.003Z,EX01\\Default Frontend EX01,S1,3,10.0.0.11:25,203.0.113.9:52311,?,,x",
            "2023-09-01T10:00:00.004Z,EX01\\Default Frontend EX01,S1,4,10.0.0.11:25,203.0.113.9:52311,*,\" CN=a CN=b 12 nothex 2026\",Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names",
            OneRowCertificate.Replace("08DBA1B2C3D4E5F6", "S1", StringComparison.Ordinal))));

        Assert.Equal([7, 8, 9, 10], set.Problems.Select(p => p.Line));
        Assert.All(set.Problems, p => Assert.Equal("logs/RECV1.LOG", p.File));
        Assert.Contains("8 fields but the #Fields: header names 9", set.Problems[0].Message(), StringComparison.Ordinal);
        Assert.Contains("'yesterday' is not a date-time", set.Problems[1].Message(), StringComparison.Ordinal);
        Assert.Contains("no 40-hex thumbprint", set.Problems[3].Message(), StringComparison.Ordinal);
        // The good rows around them still count: session S1 is read, though without the STARTTLS row that was malformed.
        Assert.Equal((1L, 0L), (set.Statistics.Sessions, set.Statistics.TlsSessions));
        Assert.Equal(6, set.Statistics.Rows);
    }

    [Fact]
    public void Rows_before_the_Fields_header_and_a_log_of_unknown_direction_are_problems()
    {
        var set = Read(("a/unknown.log", "2023-09-01T10:00:00.001Z,EX01\\Default EX01,S1,0,a,b,+,,\r\n#Fields: date-time,connector-id,session-id,event,data,context\r\n2023-09-01T10:00:00.001Z,EX01\\Default EX01,S1,+,,\r\n"));
        Assert.Equal([1, 3], set.Problems.Select(p => p.Line));
        Assert.Contains("before any #Fields:", set.Problems[0].Message(), StringComparison.Ordinal);
        Assert.Contains("receive or a send log", set.Problems[1].Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unterminated_quote_is_a_problem_and_a_flood_of_bad_rows_is_capped()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"bad{i},EX01\\Default EX01,S{i},0,a,b,+,,").ToArray();
        var set = Read(("RECV.LOG", Log("SMTP Receive Protocol Log", rows)));
        Assert.Equal(ProtocolLogReader.MaxProblemsPerFile + 1, set.Problems.Length);
        Assert.Contains(set.Problems, p => p.Message().Contains("10 more rows", StringComparison.Ordinal));

        var quote = Read(("RECV.LOG", Log("SMTP Receive Protocol Log", "2023-09-01T10:00:00.001Z,EX01\\Default EX01,S1,0,a,b,>,\"250 unterminated,")));
        Assert.Contains(quote.Problems, p => p.Message().Contains("Malformed CSV quoting", StringComparison.Ordinal) && p.Line == 6);
    }

    [Fact]
    public void Send_logs_are_tied_to_the_server_by_their_folder_or_by_the_name_the_server_gave_in_EHLO()
    {
        var cert = new PresentedCertificate("CN=EX01", "CN=EX01", "01", "2E250E257D366D990B1E194DA0CC608C89718B2A", ProtocolLogs.Day, ProtocolLogs.Day.AddYears(5), []);
        SessionSpec Shape(SessionSpec s) => s with { TlsVerb = "X-ANONYMOUSTLS", Presented = cert, Ehlo = "EX01.contoso.com", Local = "10.0.0.11:12345", Remote = "10.0.0.12:2525" };
        var byEhlo = Read(("raw/SEND1.LOG", ProtocolLogs.Text(ProtocolLogKind.Send, ProtocolLogs.Inbound("Intra-Organization SMTP Send Connector", 2, Shape))));
        Assert.Equal("EX01", Assert.Single(byEhlo.Observations).Server);
        Assert.Contains("EX01", byEhlo.SendLogServers);

        var byFolder = Read(("EX02/SmtpSend/SEND1.LOG", ProtocolLogs.Text(ProtocolLogKind.Send, ProtocolLogs.Inbound("Outbound to Internet", 1, s => Shape(s) with { Ehlo = "mail.contoso.com", TlsVerb = "STARTTLS" }))));
        Assert.Equal(("EX02", TlsMode.StartTls), (Assert.Single(byFolder.Observations).Server, byFolder.Observations[0].Mode));
    }

    [Fact]
    public void Since_leaves_out_older_sessions()
    {
        var text = ProtocolLogs.Text(ProtocolLogKind.Receive, ProtocolLogs.Inbound("EX01\\Default Frontend EX01", 10, s => s with { TlsVerb = null }));
        var set = EvidenceReader.Read([new EvidenceFile("RECV.LOG", () => new MemoryStream(Encoding.UTF8.GetBytes(text)))], [], ProtocolLogs.Day.AddMinutes(6));
        Assert.Equal(4, set.Statistics.Sessions);
        Assert.Equal(4, Assert.Single(set.Observations, o => o.Mode == TlsMode.StartTls).Offered);
    }

    [Fact]
    public void Folders_zips_and_dump_layouts_are_read_and_a_dump_reads_only_its_evidence_files()
    {
        var root = Directory.CreateTempSubdirectory("extls-evidence-").FullName;
        try
        {
            var log = ProtocolLogs.Bytes(ProtocolLogKind.Receive, ProtocolLogs.Inbound("EX01\\Default Frontend EX01", 2, s => s with { TlsVerb = null }).ToArray());
            var dump = Path.Combine(root, "dump");
            Directory.CreateDirectory(Path.Combine(dump, "servers", "EX01", "ProtocolLog", "FrontEnd", "SmtpReceive"));
            File.WriteAllBytes(Path.Combine(dump, "servers", "EX01", "ProtocolLog", "FrontEnd", "SmtpReceive", "RECV2026053100-1.LOG"), log);
            File.WriteAllBytes(Path.Combine(dump, "stray.LOG"), log);
            File.WriteAllText(Path.Combine(dump, "servers", "EX01", "TransportEvents.json"),
                "{\"value\": [{\"TimeCreated\": \"\\/Date(1780185600000)\\/\", \"Id\": 12024, \"ProviderName\": \"MSExchangeTransport\", \"LevelDisplayName\": \"Warning\", \"Message\": \"fell back\", \"MachineName\": \"EX01.contoso.com\"}], \"Count\": 1}",
                new UnicodeEncoding(false, true));
            var zip = Path.Combine(root, "logs.zip");
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                using var entry = archive.CreateEntry("EX01/SmtpReceive/RECV2026053101-1.LOG").Open();
                entry.Write(log);
            }

            var servers = new[] { new KnownServer("EX01", "ex01.contoso.com") };
            var fromDump = EvidenceReader.Read([new EvidenceSource(dump, "dump", EvidenceSourceKind.Dump)], servers);
            Assert.Empty(fromDump.Problems);
            Assert.Equal(2, fromDump.Statistics.Files);
            Assert.Equal(2, fromDump.Statistics.Sessions);
            var events = Assert.Single(fromDump.Events);
            Assert.Equal(("EX01", "dump/servers/EX01/TransportEvents.json"), (events.Server, events.File));
            Assert.Equal((12024, new DateTimeOffset(2026, 5, 31, 0, 0, 0, TimeSpan.Zero)), (events.Events[0].Id, events.Events[0].TimeCreated!.Value));

            var fromZip = EvidenceReader.Read([new EvidenceSource(zip, "logs.zip", EvidenceSourceKind.Logs)], servers);
            Assert.Equal((1L, 2L), (fromZip.Statistics.Files, fromZip.Statistics.Sessions));

            var empty = Path.Combine(root, "empty");
            Directory.CreateDirectory(empty);
            var nothing = EvidenceReader.Read([new EvidenceSource(empty, "empty", EvidenceSourceKind.Logs), new EvidenceSource(Path.Combine(root, "nope"), "nope", EvidenceSourceKind.Logs)], servers);
            Assert.Equal(["empty", "nope"], nothing.Problems.Select(p => p.File));
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
