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
