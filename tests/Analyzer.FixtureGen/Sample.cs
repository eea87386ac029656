using System.Collections.Immutable;
using static Extls.FixtureGen.Baseline;
using static Extls.FixtureGen.Certs;
using static Extls.FixtureGen.Expect;

namespace Extls.FixtureGen;

/// <summary>The built-in sample organisation (collector style): three Mailbox servers and a story of three problems.</summary>
internal static class Sample
{
    public static void Emit(string dir)
    {
        var sha1 = SelfSigned("sample-ss-EX01-sha1", "EX01", "ex01.contoso.com", D(2023, 2, 1), D(2028, 2, 1), sha1: true);
        var mail = Issued("sample-mail-expiring", "CN=mail.contoso.com, O=Contoso Ltd, C=US", ["mail.contoso.com", "autodiscover.contoso.com"], D(2025, 6, 20), D(2026, 6, 20));
        var org = new Org([Mailbox("EX01"), Mailbox("EX02"), Mailbox("EX03")], [Internet("EX01", "EX02", "EX03")], [], []);

        // The sample shows all five default connectors of a Mailbox server, not the three the scenarios use.
        foreach (var name in new[] { "EX01", "EX02", "EX03" })
        {
            var fqdn = name.ToLowerInvariant() + ".contoso.com";
            org = org.WithServer(name, s => s with
            {
                Connectors = s.Connectors
                    .Add(new RecvConn(name, $"Outbound Proxy Frontend {name}", AuthDefault, 4, "FrontendTransport", ["[::]:717", "0.0.0.0:717"], fqdn))
                    .Add(new RecvConn(name, $"Client Proxy {name}", AuthDefault, 6, "HubTransport", ["[::]:465", "0.0.0.0:465"], fqdn)),
            });
        }

        org = org
            .WithServer("EX01", s => (s with
            {
                AdCert = sha1,
                TransportThumbprint = sha1.Thumbprint,
                Store = [InternalInStore(sha1), SmtpCa(CaCert("EX01"))],
            }) with
            {
                Connectors = s.Connectors.Select(c => c.Name == "Default Frontend EX01"
                    ? c with { TlsCertificateName = "<I>CN=Contoso Test Root CA<S>CN=mail.contoso.com, O=Contoso, C=US" }
                    : c).ToImmutableList(),
            })
            .WithServer("EX02", s => s with { Store = s.Store.RemoveAll(c => c.Cert.Thumbprint == SelfSigned("EX02").Thumbprint) })
            .WithServer("EX03", s => s with { Store = s.Store.Add(SmtpCa(mail) with { FriendlyName = "mail.contoso.com (third-party)" }) });

        var e = new Expect
        {
            Description = "Contoso: three Mailbox servers with the five default receive connectors each. EX02's self-signed internal transport certificate was deleted from its store, so mail between EX02 and the others queues with 451 5.7.3; Default Frontend EX01 still pins the mail.contoso.com certificate by its pre-renewal subject; the third-party mail.contoso.com certificate on EX03 expires in 19 days; EX01's internal certificate is SHA-1.",
            Branch = "sample organisation",
        }.Healthy(org);
        foreach (var c in org["EX02"].Connectors.Where(c => (c.Auth & 16) != 0))
        {
            e.Set(P1, "EX02", c.Identity, false, null, 4, 12013);
        }

        e.Set(P2, "EX02", null, false, null, 3, 12013)
            .Set(P3, "EX01", "EX01\\Default Frontend EX01", false, null, 6, 12014)
            .F("EXTLS1004", "EX02", "server", "EX02", 12013)
            .MailFlow("EXTLS1004", "EX02", "EX02")
            .F("EXTLS2004", "EX01", "receiveConnector", "EX01\\Default Frontend EX01", 12014)
            .F("EXTLS4001", "EX03", "certificate", $"EX03/{mail.Thumbprint}")
            .F("EXTLS4004", "EX01", "certificate", $"EX01/{sha1.Thumbprint}")
            .Note("Severities: error (1004, 5001, 2004), warning (4001), note (4004). The expiring mail.contoso.com certificate matches no connector key (the one pinning connector is on EX01 and names the old subject), so only hygiene reports it.");
        e.Styles["dump"] = DumpWriter.Write(org, Path.Combine(dir, "dump"));
        Program.WriteJson(Path.Combine(dir, "expected.json"), e.ToJson());
    }
}
