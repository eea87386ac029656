using System.Collections.Immutable;
using Extls.Generation;
using Newtonsoft.Json.Linq;
using static Extls.FixtureGen.Baseline;
using static Extls.FixtureGen.Certs;

namespace Extls.FixtureGen;

/// <summary>What one outcome of a rehearsal must give: the findings new and fixed, each "RULE kind:id", worked out by hand.</summary>
internal sealed record PlanOutcome(string Name, string[] New, string[] Fixed);

/// <summary>A renewal to rehearse with extls renew: the new certificate's file and what its plan must give.</summary>
internal sealed record RenewCase(string File, string? Password, string? Replaces, string[] On, PlanOutcome[] Outcomes);

/// <summary>
/// One rehearsal fixture under snapshots/plans/: a dump, a plan (or a renewal), the certificate files it imports, and the
/// exact findings each outcome must bring and fix.
/// </summary>
internal sealed record PlanDef(string Slug, string Description, Org Org, Org? Edge, string? Plan, IReadOnlyDictionary<string, byte[]> Files, PlanOutcome[] Outcomes, RenewCase? Renew = null);

internal static class Plans
{
    public const string Password = "Fixture-Only-Not-A-Secret-1";
    private static readonly string[] ThreeMailboxes = ["EX01", "EX02", "EX03"];
    private const string EdgeSyncInbound = "EdgeSync - Inbound to Default-First-Site-Name";
    private const string EdgeSyncInternet = "EdgeSync - Default-First-Site-Name to Internet";
    private const string Office365 = "Outbound to Office 365";

    private static string Ss(string s) => SelfSigned(s).Thumbprint;

    private static string Ca(string s) => CaCert(s).Thumbprint;

    private static Server Conn(Server s, string name, Func<RecvConn, RecvConn> change) =>
        s with { Connectors = s.Connectors.Select(c => c.Name == name ? change(c) : c).ToImmutableList() };

    private static GeneratedCertificate Root2024 => Create(new CertificateSpec
    {
        Name = "plans/issuing-2024", Subject = "CN=Contoso Issuing CA 2024, O=Contoso Ltd, C=US", NotBefore = D(2024, 1, 1), NotAfter = D(2034, 1, 1),
        IsAuthority = true, Extensions = CertificateExtensions.Authority,
    });

    private static GeneratedCertificate Root2026 => Create(new CertificateSpec
    {
        Name = "plans/issuing-2026", Subject = "CN=Contoso Issuing CA 2026, O=Contoso Ltd, C=US", NotBefore = D(2026, 1, 1), NotAfter = D(2036, 1, 1),
        IsAuthority = true, Extensions = CertificateExtensions.Authority,
    });

    public static void Emit(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }

        foreach (var p in All())
        {
            var target = Path.Combine(dir, p.Slug);
            Directory.CreateDirectory(target);
            var inputs = new JArray("dump");
            DumpWriter.Write(p.Org, Path.Combine(target, "dump"));
            if (p.Edge is not null)
            {
                DumpWriter.Write(p.Edge, Path.Combine(target, "edge-dump"));
                inputs.Add("edge-dump");
            }

            if (p.Plan is not null)
            {
                File.WriteAllBytes(Path.Combine(target, "plan.ps1"), new System.Text.UTF8Encoding(false).GetBytes(p.Plan));
            }

            foreach (var (name, bytes) in p.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                File.WriteAllBytes(Path.Combine(target, name), bytes);
            }

            static JObject Outcome(PlanOutcome o) => new()
            {
                ["name"] = o.Name,
                ["new"] = new JArray(o.New.Order(StringComparer.Ordinal).ToArray()),
                ["fixed"] = new JArray(o.Fixed.Order(StringComparer.Ordinal).ToArray()),
            };

            var expected = new JObject
            {
                ["description"] = p.Description,
                ["inputs"] = inputs,
                ["asOf"] = "2026-06-01T00:00:00Z",
                ["warningDays"] = 30,
                ["plan"] = p.Plan is null ? null : "plan.ps1",
                ["outcomes"] = new JArray(p.Outcomes.Select(Outcome)),
                ["renew"] = p.Renew is not { } r ? null : new JObject
                {
                    ["new"] = r.File,
                    ["password"] = r.Password,
                    ["replaces"] = r.Replaces,
                    ["on"] = new JArray(r.On),
                    ["outcomes"] = new JArray(r.Outcomes.Select(Outcome)),
                },
            };
            Program.WriteJson(Path.Combine(target, "rehearsal.json"), expected);
        }
    }

    public static IEnumerable<PlanDef> All()
    {
        // ---------------- Enable-ExchangeCertificate ----------------
        {
            var org = TwoMailbox().WithServer("EX01", s => s with { Store = s.Store.Select(c => c.Cert.Thumbprint == Ca("EX01") ? c with { Services = Iis } : c).ToImmutableList() });
            var plan = $"""
                # The CA certificate of EX01 serves IIS only, so STARTTLS with it fails (UnknownCredentials): add SMTP.
                Get-ExchangeCertificate -Thumbprint {Ca("EX01")} -Server EX01 | Enable-ExchangeCertificate -Services SMTP -WhatIf
                """;
            string[] fixedBoth = [$"EXTLS2006 certificate:EX01/{Ca("EX01")}", $"EXTLS3002 certificate:EX01/{Ca("EX01")}"];
            yield return new PlanDef("101-enable-exchangecertificate",
                "Enable-ExchangeCertificate through the pipeline, with neither -Force nor -Confirm:$false: both answers to the overwrite prompt. Either way SMTP is added and STARTTLS works again; answered yes, the CA certificate also becomes EX01's internal transport certificate, which breaks nothing.",
                org, null, plan + "\n", new Dictionary<string, byte[]>(),
                [new("A10: answered yes", [], fixedBoth), new("A10: answered no", [], fixedBoth)]);
        }

        // ---------------- Import-ExchangeCertificate: .pfx, .cer, .p7b ----------------
        {
            var smtp = Create(new CertificateSpec
            {
                Name = "plans/smtp-2026", Subject = "CN=smtp.contoso.com, O=Contoso Ltd, C=US", DnsNames = ["smtp.contoso.com"], NotBefore = D(2026, 4, 1), NotAfter = D(2027, 4, 1),
            }, Root2026);
            var relay = Create(new CertificateSpec
            {
                Name = "plans/relay-2026", Subject = "CN=relay.contoso.com, O=Contoso Ltd, C=US", DnsNames = ["relay.contoso.com"], NotBefore = D(2026, 4, 1), NotAfter = D(2027, 4, 1),
            }, Root2026);
            var partner = Create(new CertificateSpec
            {
                Name = "plans/partner-2026", Subject = "CN=partner.contoso.com, O=Contoso Ltd, C=US", DnsNames = ["partner.contoso.com"], NotBefore = D(2026, 4, 1), NotAfter = D(2027, 4, 1),
            }, Root2026);
            var name = $"<I>{smtp.Certificate.Issuer}<S>{smtp.Certificate.Subject}";
            var org = TwoMailbox().WithServer("EX01", s => Conn(s, "Default Frontend EX01", c => c with { TlsCertificateName = name }));
            var plan = $"""
                # Default Frontend EX01 names smtp.contoso.com, which is not imported yet (12014).
                $password = ConvertTo-SecureString -String '{Password}' -AsPlainText -Force
                Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('C:\Certificates\smtp.pfx')) -Password $password -FriendlyName 'smtp.contoso.com 2026'
                Enable-ExchangeCertificate -Server EX01 -Thumbprint {smtp.Thumbprint} -Services IIS,SMTP -Confirm:$false -WhatIf
                # Two more for EX02, not enabled yet: a certificate alone (.cer) and one with its chain (.p7b).
                Import-ExchangeCertificate -Server EX02 -FileName '\\fs01\certs\relay.cer'
                Import-ExchangeCertificate -Server EX02 -FileData ([System.IO.File]::ReadAllBytes('partner.p7b'))
                """;
            yield return new PlanDef("102-import-exchangecertificate",
                "Import-ExchangeCertificate of a .pfx (with its password and private key) on EX01, enabled for SMTP with -Confirm:$false (A10: answered yes); a .cer and a .p7b imported on EX02. The .pfx fixes Default Frontend EX01, whose TlsCertificateName names it; the .cer and .p7b certificates have no private key unless they complete a request made on EX02, which the rehearsal cannot see, so EX02's store has properties it does not know.",
                org, null, plan + "\n",
                new Dictionary<string, byte[]>
                {
                    ["smtp.pfx"] = CertificateFiles.Pfx(smtp, Password),
                    ["relay.cer"] = CertificateFiles.Cer(relay),
                    ["partner.p7b"] = CertificateFiles.P7b(partner),
                },
                [new("as written", ["EXTLS9002 server:EX02"], ["EXTLS2004 receiveConnector:EX01\\Default Frontend EX01"])]);
        }

        // ---------------- Remove-ExchangeCertificate: a plan that breaks mail flow ----------------
        {
            var org = new Org([Mailbox("EX01"), Mailbox("EX02"), Mailbox("EX03")], [Internet("EX01", "EX02", "EX03")], [], []);
            var plan = $"""
                # "Clean up the old self-signed certificate" on EX02: it is the internal transport certificate.
                $old = '{Ss("EX02")}'
                Remove-ExchangeCertificate -Server EX02 -Thumbprint $old -Confirm:$false
                """;
            yield return new PlanDef("103-remove-internal-transport-certificate",
                "Removing EX02's self-signed certificate, which Active Directory names as its internal transport certificate: AD then points at nothing in the store (12013), and mail between EX02 and EX01/EX03 queues with 451 5.7.3, in both directions.",
                org, null, plan + "\n", new Dictionary<string, byte[]>(),
                [new("as written", ["EXTLS1004 server:EX02", "EXTLS5001 mailFlow:EXTLS1004/EX02"], [])]);
        }

        // ---------------- New-ExchangeCertificate ----------------
        {
            var expired = SelfSigned("plans/ss-EX02-expired", "EX02", "ex02.contoso.com", D(2021, 5, 1), D(2026, 5, 1));
            var org = TwoMailbox().WithServer("EX02", s => s with
            {
                AdCert = expired,
                TransportThumbprint = expired.Thumbprint,
                Store = s.Store.Select(c => c.Cert.Thumbprint == Ss("EX02") ? InternalInStore(expired) : c).ToImmutableList(),
            });
            var plan = $"""
                # EX02's internal transport certificate expired on 2026-05-01: make a new self-signed one with Exchange's defaults.
                New-ExchangeCertificate -Server EX02 -Force
                Remove-ExchangeCertificate -Server EX02 -Thumbprint {expired.Thumbprint} -WhatIf
                """;
            yield return new PlanDef("104-new-exchangecertificate",
                "New-ExchangeCertificate with Exchange's defaults (CN=EX02, EX02 and ex02.contoso.com, five years, RSA 2048, SHA-256, IMAP, POP and SMTP) and -Force (A10: the overwrite prompt answered yes) replaces the expired internal transport certificate, which is then removed.",
                org, null, plan + "\n", new Dictionary<string, byte[]>(),
                [new("as written", [], ["EXTLS1005 server:EX02"])]);
        }

        // ---------------- Set-ReceiveConnector ----------------
        {
            var org = TwoMailbox().WithServer("EX02", s => Conn(s, "Default EX02", c => c with { Auth = AuthClient }));
            var plan = """
                # ExchangeServer was removed from Default EX02: put it back, with the mechanisms it has.
                Get-ReceiveConnector 'EX02\Default EX02' | Set-ReceiveConnector -AuthMechanism 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer' -Banner '220 EX02' -WhatIf
                # Pin Default Frontend EX01 to its certificate, by the name that certificate carries.
                $cert = Get-ExchangeCertificate -Server EX01 -Thumbprint THUMBPRINT
                Set-ReceiveConnector -Identity 'EX01\Default Frontend EX01' -TlsCertificateName "<I>$($cert.Issuer)<S>$($cert.Subject)" -WhatIf
                """.Replace("THUMBPRINT", Ca("EX01"), StringComparison.Ordinal);
            yield return new PlanDef("105-set-receiveconnector",
                "Set-ReceiveConnector through the pipeline gives Default EX02 back ExchangeServer authentication (the banner is ignored: it changes nothing certificate selection reads), and TlsCertificateName built from the certificate Get-ExchangeCertificate returns pins Default Frontend EX01 to the certificate it already uses.",
                org, null, plan + "\n", new Dictionary<string, byte[]>(),
                [new("as written", [], ["EXTLS2001 receiveConnector:EX02\\Default EX02", "EXTLS5001 mailFlow:EXTLS2001/EX02\\Default EX02"])]);
        }

        // ---------------- Set-SendConnector ----------------
        {
            var org = TwoMailbox() with
            {
                SendConnectors = [Internet("EX01", "EX02"), new SendConn(Office365, ["smtp:contoso.mail.onmicrosoft.com;1"], ["EX01", "EX02"], ["contoso-com.mail.protection.outlook.com"], "None", null, null, true, "DomainValidation", "mail.protection.outlook.com", true)],
            };
            org = org.WithServer("EX01", s => s with { Store = s.Store.Add(SmtpCa(Mail("plans/mail-2026", Root2024, D(2026, 2, 1), D(2027, 8, 1)).Certificate)) })
                     .WithServer("EX02", s => s with { Store = s.Store.Add(SmtpCa(Mail("plans/mail-2026", Root2024, D(2026, 2, 1), D(2027, 8, 1)).Certificate)) });
            var mail = Mail("plans/mail-2026", Root2024, D(2026, 2, 1), D(2027, 8, 1));
            var plan = $"""
                # The connector to Exchange Online picks its certificate by each server's own name: name the hybrid certificate.
                Set-SendConnector -Identity '{Office365}' -TlsCertificateName '<I>{mail.Certificate.Issuer}<S>{mail.Certificate.Subject}' -IgnoreSTARTTLS $false -WhatIf
                """;
            yield return new PlanDef("106-set-sendconnector",
                "Set-SendConnector names the mail.contoso.com certificate, which both source servers hold, on the connector to Exchange Online, which had neither TlsCertificateName nor Fqdn, and says IgnoreSTARTTLS $false.",
                org, null, plan + "\n", new Dictionary<string, byte[]>(),
                [new("as written", [], [$"EXTLS3005 sendConnector:{Office365}"])]);
        }

        // ---------------- Set-HybridConfiguration ----------------
        {
            var retired = Mail("plans/mail-2025", Root2024, D(2025, 6, 15), D(2026, 6, 15));
            var current = Mail("plans/mail-2026-issuing-2026", Root2026, D(2026, 2, 1), D(2027, 8, 1));
            var currentName = $"<I>{current.Certificate.Issuer}<S>{current.Certificate.Subject}";
            var retiredName = $"<I>{retired.Certificate.Issuer}<S>{retired.Certificate.Subject}";
            var org = TwoMailbox() with
            {
                SendConnectors = [Internet("EX01", "EX02"), new SendConn(Office365, ["smtp:contoso.mail.onmicrosoft.com;1"], ["EX01", "EX02"], ["contoso-com.mail.protection.outlook.com"], "None", currentName, null, true, "DomainValidation", "mail.protection.outlook.com", true)],
                Hybrid = new HybridDef(retiredName, ["EX01", "EX02"], ["EX01", "EX02"]),
            };
            org = org.WithServer("EX01", s => s with { Store = s.Store.Add(SmtpCa(current.Certificate)) })
                     .WithServer("EX02", s => s with { Store = s.Store.Add(SmtpCa(current.Certificate)) });
            var plan = $"""
                # The hybrid configuration still names last year's certificate, which is gone from both servers: name the one they hold.
                $cert = Get-ExchangeCertificate -Server EX01 -Thumbprint {current.Thumbprint}
                Set-HybridConfiguration -TlsCertificateName "<I>$($cert.Issuer)<S>$($cert.Subject)" -SendingTransportServers EX01,EX02 -WhatIf
                """;
            yield return new PlanDef("109-set-hybridconfiguration",
                "The hybrid configuration names the mail.contoso.com certificate of Contoso Issuing CA 2024, which neither EX01 nor EX02 holds any more, while the connector to Exchange Online already names its renewal from Contoso Issuing CA 2026, which both hold: Set-HybridConfiguration with the name built from the certificate Get-ExchangeCertificate returns fixes EXTLS3009, and the connector, which EXTLS3010 would have named once EXTLS3009 was gone, agrees with it.",
                org, null, plan + "\n", new Dictionary<string, byte[]>(),
                [new("as written", [], ["EXTLS3009 hybridConfiguration:Hybrid Configuration"])]);
        }

        // ---------------- Remove- and New-EdgeSubscription ----------------
        foreach (var recreate in new[] { true, false })
        {
            var oldEdge = SelfSigned("EDGE01");
            var edgeCert = recreate ? SelfSigned("ss-EDGE01-new", "EDGE01", "edge01.contoso.com", D(2026, 3, 1), D(2031, 3, 1)) : oldEdge;
            var (org, edge) = SubscribedEdge(oldEdge, edgeCert);
            if (recreate)
            {
                const string file = @"C:\Temp\EDGE01-EdgeSubscription.xml";
                var plan = $"""
                    # EDGE01's certificate was replaced without subscribing it again. On a Mailbox server: remove the subscription.
                    Remove-EdgeSubscription -Identity EDGE01 -Confirm:$false
                    # On EDGE01: export a new subscription file.
                    New-EdgeSubscription -FileName '{file}' -Force
                    # On a Mailbox server of the site: import it, then synchronise.
                    New-EdgeSubscription -FileData ([System.IO.File]::ReadAllBytes('{file}')) -Site 'Default-First-Site-Name'
                    Start-EdgeSynchronization
                    """;
                yield return new PlanDef("107-recreate-edgesubscription",
                    "The Edge subscription made again after EDGE01's certificate was replaced: the subscription file carries the Edge's new certificate into the organisation's AD, and EdgeSync makes its send connectors again.",
                    org, edge, plan + "\n", new Dictionary<string, byte[]>(),
                    [new("as written", [], ["EXTLS5002 server:EDGE01"])]);
            }
            else
            {
                var plan = """
                    Remove-EdgeSubscription EDGE01
                    """;
                yield return new PlanDef("108-remove-edgesubscription",
                    "Remove-EdgeSubscription alone: EDGE01 is no longer subscribed, so it has no pairs with the Mailbox servers and its EdgeSync connectors are gone; its outbound anonymous TLS stops (no EdgeSync connector), which no finding reports for an Edge that is not subscribed.",
                    org, edge, plan + "\n", new Dictionary<string, byte[]>(),
                    [new("as written", [], [])]);
            }
        }

        // ---------------- a full renewal: CA-issued STARTTLS certificate, new issuer, three servers, hybrid ----------------
        {
            var old = Mail("plans/mail-2025", Root2024, D(2025, 6, 15), D(2026, 6, 15));
            var renewed = Mail("plans/mail-2026-new-issuer", Root2026, D(2026, 5, 20), D(2027, 5, 20));
            var oldName = $"<I>{old.Certificate.Issuer}<S>{old.Certificate.Subject}";
            var servers = ThreeMailboxes.Select(n =>
                Conn(Mailbox(n) with { Store = Mailbox(n).Store.Add(SmtpCa(old.Certificate)) }, $"Default Frontend {n}", c => c with { TlsCertificateName = oldName })).ToImmutableList();
            var org = new Org(servers,
            [
                Internet("EX01", "EX02", "EX03"),
                new SendConn(Office365, ["smtp:contoso.mail.onmicrosoft.com;1"], ["EX01", "EX02", "EX03"], ["contoso-com.mail.protection.outlook.com"], "None", oldName, null, true, "DomainValidation", "mail.protection.outlook.com", true),
            ], [], [], Hybrid: new HybridDef(oldName, ["EX01", "EX02", "EX03"], ["EX01", "EX02", "EX03"]));
            string[] expiring = [.. servers.Select(s => $"EXTLS2008 certificate:{s.Name}/{old.Thumbprint}"), .. servers.Select(s => $"EXTLS3004 certificate:{s.Name}/{old.Thumbprint}")];
            yield return new PlanDef("201-renew-ca-certificate-three-servers-hybrid",
                "mail.contoso.com, issued by Contoso Issuing CA 2024, expires on 2026-06-15 on EX01, EX02 and EX03; Default Frontend on each server, the hybrid connector to Exchange Online and the hybrid configuration name it by issuer and subject. The renewal comes from a new issuing CA, so every TlsCertificateName must change with it, the hybrid configuration's included.",
                org, null, null,
                new Dictionary<string, byte[]> { ["mail-2026.pfx"] = CertificateFiles.Pfx(renewed, Password) },
                [],
                new RenewCase("mail-2026.pfx", Password, null, [],
                [
                    new("A10: answered yes", [], expiring),
                    new("A10: answered no", [], expiring),
                ]));
        }

        // ---------------- a renewal of the self-signed certificate on a subscribed Edge ----------------
        {
            var oldEdge = SelfSigned("plans/ss-EDGE01-expiring", "EDGE01", "edge01.contoso.com", D(2021, 6, 20), D(2026, 6, 20));
            var renewed = Create(new CertificateSpec
            {
                Name = "plans/ss-EDGE01-2026", Subject = "CN=EDGE01", DnsNames = ["EDGE01", "edge01.contoso.com"], NotBefore = D(2026, 5, 25), NotAfter = D(2031, 5, 25),
            });
            var (org, edge) = SubscribedEdge(oldEdge, oldEdge);
            yield return new PlanDef("202-renew-edge-self-signed",
                "EDGE01's self-signed internal transport certificate expires on 2026-06-20, and the organisation holds it for the Edge subscription. Its renewal must be published on the Edge (-Force) and the subscription made again, or the Mailbox servers keep trusting the old certificate (EXTLS5002).",
                org, edge, null,
                new Dictionary<string, byte[]> { ["edge01-2026.pfx"] = CertificateFiles.Pfx(renewed, Password) },
                [],
                new RenewCase("edge01-2026.pfx", Password, null, [],
                [
                    new("as written", [], ["EXTLS1006 server:EDGE01"]),
                ]));
        }
    }

    private static GeneratedCertificate Mail(string name, GeneratedCertificate issuer, DateTimeOffset notBefore, DateTimeOffset notAfter) => Create(new CertificateSpec
    {
        Name = name, Subject = "CN=mail.contoso.com, O=Contoso Ltd, C=US", DnsNames = ["mail.contoso.com", "autodiscover.contoso.com"], NotBefore = notBefore, NotAfter = notAfter,
    }, issuer);

    /// <summary>Two Mailbox servers and EDGE01 subscribed to their site, dumped on its own as the organisation holds it and as it is.</summary>
    private static (Org Org, Org Edge) SubscribedEdge(System.Security.Cryptography.X509Certificates.X509Certificate2 held, System.Security.Cryptography.X509Certificates.X509Certificate2 current)
    {
        var stub = new Server("EDGE01", "EdgeOrgCopy", [], [], AdKind.Certificate, held, null);
        var org = new Org([Mailbox("EX01"), Mailbox("EX02"), stub], [], ["EDGE01"], [], Style.Collector, EdgeSubscriptionFile: true);
        var edgeServer = new Server("EDGE01", "Edge",
            [new RecvConn("EDGE01", "Default internal receive connector EDGE01", 17, 21, "HubTransport", ["0.0.0.0:25"], "edge01.contoso.com")],
            [InternalInStore(current), SmtpCa(CaCert("EDGE01"))], AdKind.Certificate, current, current.Thumbprint);
        var edge = new Org([edgeServer],
        [
            new SendConn(EdgeSyncInbound, ["smtp:--;100"], ["EDGE01"], ["--"], "ExchangeServer"),
            new SendConn(EdgeSyncInternet, ["smtp:*;100"], ["EDGE01"]),
        ], [], []);
        return (org, edge);
    }
}
