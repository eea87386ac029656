using System.Text;
using Newtonsoft.Json.Linq;

namespace Extls.Redaction.Tests;

/// <summary>
/// The evidence files of the dump format (protocol-log extracts and TransportEvents.json): remote addresses, EHLO
/// names, connector identities and the certificate a server presented get the pseudonyms of the rest of the dump.
/// </summary>
public sealed class EvidenceTests
{
    private static string Text(RedactionResult r, string suffix) =>
        Encoding.UTF8.GetString(r.Files.Single(f => f.Path.EndsWith(suffix, StringComparison.Ordinal)).Content);

    [Fact]
    public void Protocol_logs_and_events_take_the_pseudonyms_of_the_dump()
    {
        var files = DumpArchive.Read(Path.Combine(Dumps.Root, "snapshots", "sample", "dump"), []).ToList();
        var store = JArray.Parse(Encoding.UTF8.GetString(files.Single(f => f.Path == "servers/EX01/ExchangeCertificate.json").Content));
        // The thumbprint of a certificate of EX01's store, as the server would present it.
        var thumbprint = Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(Convert.FromBase64String((string)store.First(c => c["RawData"] is not null)["RawData"]!)));
        var log = string.Join("\r\n",
            "#Software: Microsoft Exchange Server",
            "#Version: 15.2.1544.4",
            "#Log-type: SMTP Receive Protocol Log",
            "#Date: 2026-05-31T00:00:00.000Z",
            "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context",
            "2026-05-31T00:00:01.000Z,EX01\\Default Frontend EX01,08DC1A,0,10.0.0.11:25,203.0.113.9:52311,+,,",
            "2026-05-31T00:00:01.001Z,EX01\\Default Frontend EX01,08DC1A,1,10.0.0.11:25,203.0.113.9:52311,>,\"250  EX01.contoso.com Hello [203.0.113.9] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS X-ANONYMOUSTLS\",",
            $"2026-05-31T00:00:01.010Z,EX01\\Default Frontend EX01,08DC1A,5,10.0.0.11:25,203.0.113.9:52311,*,\" CN=mail.contoso.com CN=Contoso Test Root CA 0404C0F032C2760F1F3F28A7CCC3FC5FBAB3 {thumbprint} 2026-01-01T00:00:00.000Z 2027-01-01T00:00:00.000Z mail.contoso.com;autodiscover.contoso.com\",Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names",
            "");
        files.Add(new DumpFile("servers/EX01/ProtocolLog/FrontEnd/SmtpReceive/RECV2026053100-1.LOG", Encoding.UTF8.GetBytes(log)));
        files.Add(new DumpFile("servers/EX01/TransportEvents.json", Encoding.UTF8.GetBytes(
            "[{\"TimeCreated\": \"2026-05-31T01:00:00Z\", \"Id\": 12014, \"ProviderName\": \"MSExchangeFrontEndTransport\", \"MachineName\": \"EX01.contoso.com\", " +
            "\"Message\": \"Microsoft Exchange could not find a certificate that contains the domain name mail.contoso.com in the personal store on the local computer. " +
            "Therefore, it is unable to support the STARTTLS SMTP verb for the connector Default Frontend EX01 with a FQDN parameter of mail.contoso.com.\"}]")));

        var result = Redactor.Redact(files, RedactionKey.FromText("evidence"));
        var ex01 = result.Mapping.Single(e => e is { Kind: PseudonymKind.Host, Real: "EX01" }).Pseudonym;
        var newThumbprint = result.Mapping.Single(e => e.Kind == PseudonymKind.Thumbprint && e.Real == thumbprint).Pseudonym;
        var redactedLog = Text(result, ".LOG");
        var events = Text(result, "TransportEvents.json");

        Assert.StartsWith("#Software: Microsoft Exchange Server\r\n", redactedLog, StringComparison.Ordinal);
        Assert.Contains("#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n", redactedLog, StringComparison.Ordinal);
        Assert.Equal(log.Split("\r\n").Length, redactedLog.Split("\r\n").Length);
        Assert.Contains($"{ex01}\\Default Frontend {ex01}", redactedLog, StringComparison.Ordinal);
        Assert.Contains(newThumbprint, redactedLog, StringComparison.Ordinal);
        Assert.Contains("STARTTLS X-ANONYMOUSTLS", redactedLog, StringComparison.Ordinal);
        Assert.Contains($"Default Frontend {ex01}", events, StringComparison.Ordinal);
        Assert.Contains("could not find a certificate", events, StringComparison.Ordinal);
        foreach (var leak in new[] { "contoso", "EX01", "203.0.113.9", "10.0.0.11", thumbprint, "0404C0F032C2760F1F3F28A7CCC3FC5FBAB3" })
        {
            Assert.DoesNotContain(leak, redactedLog, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(leak, events, StringComparison.OrdinalIgnoreCase);
        }
    }
}

/// <summary>
/// The evidence of a collected dump in the shapes Exchange writes (the collector's test logs: the one-row and the older
/// several-rows certificate forms, a send log, quoted fields with commas, raw rows with MAIL FROM and RCPT TO) and an
/// event export: nothing that names the organisation, its peers or their addresses is left, and the redacted dump
/// still gives the same verdicts, with the certificates' new thumbprints.
/// </summary>
public sealed class EvidenceShapesTests
{
    private static readonly string Logs = Path.Combine(Dumps.Root, "tests", "Collector", "TestData", "ProtocolLog");

    private static List<DumpFile> Dump()
    {
        var files = DumpArchive.Read(Path.Combine(Dumps.Root, "snapshots", "scenarios", "060-evidence-confirmed", "dump"), []).ToList();
        files.Add(new DumpFile("servers/EX01/ProtocolLog/FrontEnd/SmtpReceive/RECV2026053100-9.LOG", File.ReadAllBytes(Path.Combine(Logs, "RECV2026053100-1.LOG"))));
        files.Add(new DumpFile("servers/EX01/ProtocolLog/Hub/SmtpReceive/RECV2016030110-1.LOG", File.ReadAllBytes(Path.Combine(Logs, "RECV2016030110-1.LOG"))));
        files.Add(new DumpFile("servers/EX01/ProtocolLog/Hub/SmtpSend/SEND2026053100-9.LOG", File.ReadAllBytes(Path.Combine(Logs, "SEND2026053100-1.LOG"))));
        files.RemoveAll(f => f.Path == "servers/EX01/TransportEvents.json");
        files.Add(new DumpFile("servers/EX01/TransportEvents.json", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(
            "[{\"TimeCreated\": \"\\/Date(1780189200000)\\/\", \"Id\": 12014, \"ProviderName\": \"MSExchangeFrontEndTransport\", \"LevelDisplayName\": \"Error\", " +
            "\"Message\": \"Microsoft Exchange could not find a certificate that contains the domain name mail.contoso.com in the personal store on the local computer. " +
            "Therefore, it is unable to support the STARTTLS SMTP verb for the connector Default Frontend EX01 with a FQDN parameter of mail.contoso.com. " +
            "If the connector's FQDN is not specified, the computer's FQDN is used. Verify the connector configuration and the installed certificates to make sure that there is a certificate with a domain name for that FQDN. " +
            "If this certificate was renewed recently, restart the Microsoft Exchange Transport service.\", \"MachineName\": \"EX01.contoso.com\"}]")).ToArray()));
        return files;
    }

    private static Evidence.EvidenceSet Read(IReadOnlyList<DumpFile> files, IEnumerable<string> servers) =>
        Evidence.EvidenceReader.Read([.. files.Where(f => f.Path.Contains("/ProtocolLog/", StringComparison.Ordinal) || f.Path.EndsWith("TransportEvents.json", StringComparison.Ordinal))
            .Select(f => new Evidence.EvidenceFile(f.Path, () => new MemoryStream(f.Content)))], [.. servers.Select(s => new Evidence.KnownServer(s, null))]);

    [Fact]
    public void Nothing_that_names_the_organisation_its_peers_or_their_addresses_is_left()
    {
        var result = Redactor.Redact(Dump(), RedactionKey.FromText("evidence shapes"));
        var evidence = result.Files.Where(f => f.Path.Contains("/ProtocolLog/", StringComparison.Ordinal) || f.Path.EndsWith("TransportEvents.json", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, evidence.Count);
        var leaks = new List<string>();
        foreach (var f in evidence)
        {
            var text = f.Path.EndsWith(".json", StringComparison.Ordinal) ? Encoding.Unicode.GetString(f.Content) : Encoding.UTF8.GetString(f.Content);
            foreach (var name in new[]
                     {
                         "contoso", "fabrikam", "example.net", "EX01", "EX02", "203.0.113.", "198.51.100.", "10.0.0.11", "10.0.0.12",
                         "EC5A76488FE0A501C5FC28EC845E443889BA16E2", "2E250E257D366D990B1E194DA0CC608C89718B2A", "0404C0F032C2760F1F3F28A7CCC3FC5FBAB3",
                         "5E4D3C2B1A09F8E7D6C5B4A392817060", "alice", "carol", "erin", "Tokyo", "08DE7C1F2A3B4C5D;",
                     })
            {
                if (text.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    leaks.Add($"{f.Path}: {name}");
                }
            }
        }

        Assert.True(leaks.Count == 0, "left in the redacted evidence:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public void The_redacted_dump_gives_the_same_verdicts_with_the_new_thumbprints()
    {
        var files = Dump();
        var result = Redactor.Redact(files, RedactionKey.FromText("evidence shapes"));
        var ex01 = result.Mapping.Single(e => e is { Kind: PseudonymKind.Host, Real: "EX01" }).Pseudonym;
        var ex02 = result.Mapping.Single(e => e is { Kind: PseudonymKind.Host, Real: "EX02" }).Pseudonym;
        var before = Read(files, ["EX01", "EX02"]);
        var after = Read(result.Files, [ex01, ex02]);
        Assert.Empty(before.Problems);
        Assert.Empty(after.Problems);
        // Pseudonyms are longer than some names: the bytes differ, the rows and sessions do not.
        Assert.Equal(before.Statistics with { Bytes = 0 }, after.Statistics with { Bytes = 0 });
        string Map(string thumbprint) => result.Mapping.SingleOrDefault(e => e.Kind == PseudonymKind.Thumbprint && e.Real == thumbprint)?.Pseudonym ?? thumbprint;
        Assert.Equal(
            before.Observations.Select(o => (o.Direction, o.Mode, o.Sessions, o.Offered, o.NotOffered, Certs: string.Join(",", o.Certificates.Select(c => Map(c.Thumbprint) + "×" + c.Sessions).Order(StringComparer.Ordinal)), Failures: string.Join(",", o.Failures.Select(x => x.Error + "×" + x.Count)))).Order(),
            after.Observations.Select(o => (o.Direction, o.Mode, o.Sessions, o.Offered, o.NotOffered, Certs: string.Join(",", o.Certificates.Select(c => c.Thumbprint + "×" + c.Sessions).Order(StringComparer.Ordinal)), Failures: string.Join(",", o.Failures.Select(x => x.Error + "×" + x.Count)))).Order());
        Assert.Equal(1, after.Events.Sum(e => e.Events.Length));
    }
}
