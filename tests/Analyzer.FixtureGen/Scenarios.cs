using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using static Extls.FixtureGen.Baseline;
using static Extls.FixtureGen.Certs;
using static Extls.FixtureGen.Expect;

namespace Extls.FixtureGen;

/// <summary>Every scenario: the organisation (what is broken) and what the spec predicts, written out by hand.</summary>
internal static class Scenarios
{
    private const string Root = "CN=Contoso Test Root CA";
    private const string EdgeSyncInbound = "EdgeSync - Inbound to Default-First-Site-Name";
    private const string EdgeSyncInternet = "EdgeSync - Default-First-Site-Name to Internet";
    private const string SameNamesRuling = "4006 targets the certificate that wins among those sharing the names, so two name sets on one server stay two findings.";

    private static string Ss(string s) => SelfSigned(s).Thumbprint;

    private const string O365 = "Outbound to Office 365";
    private const int AuthTls = 1, AuthExchangeServer = 16, PermsAnonymous = 1, PermsExchangeServers = 4;
    private static readonly string[] EveryAddress = ["0.0.0.0-255.255.255.255", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"];

    private static Org ThreeMailbox() =>
        new([Mailbox("EX01"), Mailbox("EX02"), Mailbox("EX03")], [Internet("EX01", "EX02", "EX03")], [], []);

    /// <summary>Every server at 10.0.0.1x in one subnet, and every connector with the ranges Exchange gives it unless told otherwise.</summary>
    private static Org Subnet(Org org) => org with
    {
        Servers = org.Servers.Select((s, i) => s with
        {
            Addresses = ["10.0.0." + (11 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Connectors = s.Connectors.Select(c => c.RemoteIPRanges is null ? c with { RemoteIPRanges = EveryAddress } : c).ToImmutableList(),
        }).ToImmutableList(),
    };

    private static RecvConn Relay2525(string server, int auth, int perms) =>
        new(server, "Relay 2525", auth, perms, "HubTransport", ["0.0.0.0:2525"], server.ToLowerInvariant() + ".contoso.com", RemoteIPRanges: ["10.0.0.0/24"]);

    /// <summary>The answers of a three-server subnet where <paramref name="capturedBy"/> on EX01 takes EX02's and EX03's sessions.</summary>
    private static void SubnetAnswers(Expect e, string capturedBy)
    {
        foreach (var kind in new[] { "mailbox-to-mailbox", "frontend-to-mailbox" })
        {
            e.Answer("EX01", kind, capturedBy, "Answered", "EX02", "EX03")
                .Answer("EX02", kind, "EX02\\Default EX02", "Answered", "EX01", "EX03")
                .Answer("EX03", kind, "EX03\\Default EX03", "Answered", "EX01", "EX02");
        }
    }

    /// <summary>The certificate the Hybrid Configuration Wizard chose (issued by the root), or its renewal under the G2 issuing CA.</summary>
    private static X509Certificate2 HybridCertificate(bool renewed) => renewed
        ? IssuedBy(IssuingCa("ca-issuing-g2", "CN=Contoso Issuing CA G2, O=Contoso Ltd, C=US"), "hybrid-mail-renewed", "CN=mail.contoso.com, O=Contoso Ltd, C=US", ["mail.contoso.com", "smtp.contoso.com"], D(2026, 3, 1), D(2027, 3, 1))
        : Issued("hybrid-mail", "CN=mail.contoso.com, O=Contoso Ltd, C=US", ["mail.contoso.com"], D(2025, 9, 1), D(2026, 9, 1));

    private static string NameOf(X509Certificate2 c) => $"<I>{c.Issuer}<S>{c.Subject}";

    private static string HybridName(X509Certificate2 c) => NameOf(c);

    /// <summary>
    /// A hybrid organisation as the wizard leaves it: the configuration, the send connector to Exchange Online, and
    /// TlsDomainCapabilities on each Default Frontend connector; the given certificates on both servers, enabled for SMTP.
    /// </summary>
    private static Org Hybrid(Org org, string hybridName, string sendName, string receiveName, params X509Certificate2[] certificates) => org with
    {
        Hybrid = new HybridDef(hybridName, ["EX01", "EX02"], ["EX01", "EX02"]),
        SendConnectors =
        [
            .. org.SendConnectors,
            new SendConn(O365, ["smtp:contoso.mail.onmicrosoft.com;1"], ["EX01", "EX02"], ["contoso-com.mail.protection.outlook.com"], TlsCertificateName: sendName, Cloud: true, IgnoreStartTls: false),
        ],
        Servers = org.Servers.Select(s => s with
        {
            Store = s.Store.AddRange(certificates.Select(c => SmtpCa(c))),
            Connectors = s.Connectors.Select(c => c.Name == $"Default Frontend {s.Name}"
                ? c with { TlsCertificateName = receiveName, TlsDomainCapabilities = "mail.protection.outlook.com:AcceptCloudServicesMail" }
                : c).ToImmutableList(),
        }).ToImmutableList(),
    };

    /// <summary>The hybrid connectors' selections: the Front End connectors and the send connector choose by their TlsCertificateName.</summary>
    private static void HybridSelections(Expect e, X509Certificate2 send, X509Certificate2? receive = null)
    {
        foreach (var server in new[] { "EX01", "EX02" })
        {
            e.Set(P3, server, $"{server}\\Default Frontend {server}", true, (receive ?? send).Thumbprint, 10);
            e.Set(P4, server, O365, true, send.Thumbprint, 2);
        }
    }

    private static string Ca(string s) => CaCert(s).Thumbprint;

    private static Expect E(string description, string branch) => new() { Description = description, Branch = branch };

    private static Server Conn(Server s, string name, Func<RecvConn, RecvConn> change) =>
        s with { Connectors = s.Connectors.Select(c => c.Name == name ? change(c) : c).ToImmutableList() };

    private static Server ReplaceCa(Server s, StoreCert replacement) =>
        s with { Store = s.Store.Select(c => c.Cert.Thumbprint == Ca(s.Name) ? replacement : c).ToImmutableList() };

    private static Server WithInternal(Server s, X509Certificate2 cert) => s with
    {
        AdCert = cert,
        TransportThumbprint = cert.Thumbprint,
        Store = s.Store.Select(c => c.Cert.Thumbprint == Ss(s.Name) ? InternalInStore(cert) : c).ToImmutableList(),
    };

    private static Expect StartTls(Expect e, string server, string cert, int step, params int[] events)
    {
        foreach (var c in MailboxConnectors(server))
        {
            e.Set(P3, server, c.Identity, true, cert, step, events);
        }

        return e;
    }

    private static Expect PerConnector(Expect e, string rule, string server, int? ev = null)
    {
        foreach (var c in MailboxConnectors(server))
        {
            e.F(rule, server, "receiveConnector", c.Identity, ev);
        }

        return e;
    }

    private static Expect AnonDown(Expect e, string server, int p1Step, int p2Step, params int[] events)
    {
        e.Set(P1, server, $"{server}\\Default {server}", false, null, p1Step, events);
        e.Set(P1, server, $"{server}\\Default Frontend {server}", false, null, p1Step, events);
        e.Set(P2, server, null, false, null, p2Step, p2Step == 1 ? [] : events);
        return e;
    }

    public static IEnumerable<ScenarioDef> All()
    {
        // ---------------- baseline ----------------
        {
            var org = TwoMailbox();
            var e = E("Two healthy Mailbox servers: every connector and direction works, no finding.", "baseline: every process ends in success")
                .Healthy(org).Pass("EXTLS2001", "EXTLS2003", "EXTLS2009", "EXTLS2010", "EXTLS2012", "EXTLS4003", "EXTLS4004", "EXTLS4006", "EXTLS5001", "EXTLS9003")
                .Note("Every certificate is RSA 2048 with SHA-256 (no 4003/4004). Client Frontend lacks ExchangeServer auth by design but does not accept ExchangeServers, so no EXTLS2001. Default Frontend accepts AnonymousUsers but gets the CA certificate, so no EXTLS2009. Collected two hours before as-of: not stale.");
            yield return new("001-healthy-baseline", org, e);
        }

        // ---------------- process 1 ----------------
        {
            var org = TwoMailbox(Style.Ps51).WithServer("EX02", s => Conn(s, "Default EX02", c => c with { Auth = AuthClient }));
            var e = E("ExchangeServer was removed from Default EX02's AuthMechanism.", "process 1 step 2: no ExchangeServer authentication")
                .Healthy(org).Set(P1, "EX02", "EX02\\Default EX02", false, null, 2)
                .F("EXTLS2001", "EX02", "receiveConnector", "EX02\\Default EX02").MailFlow("EXTLS2001", "EX02", "EX02\\Default EX02").Pass("EXTLS2002")
                .Note("Mailbox->Mailbox into EX02 uses Default EX02, which no longer advertises X-ANONYMOUSTLS: one 5001 for EX02 (EX01->EX02 only); EX02->EX01 is unaffected. Client Frontend also lacks ExchangeServer but has no ExchangeServers permission.");
            yield return new("002-p1-exchangeserver-auth-missing", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps7).WithServer("EX02", s => Conn(s, "Default EX02", c => c with { Suppress = true }));
            var e = E("SuppressXAnonymousTls set on Default EX02.", "process 1 step 2 (A1): X-ANONYMOUSTLS suppressed")
                .Healthy(org).Set(P1, "EX02", "EX02\\Default EX02", false, null, 2)
                .F("EXTLS2002", "EX02", "receiveConnector", "EX02\\Default EX02").MailFlow("EXTLS2002", "EX02", "EX02\\Default EX02").Pass("EXTLS2001")
                .Note("A1: the flag is checked right after step 2, so the connector ends at step 2 with no certificate; the pair EX01->EX02 then lacks anonymous TLS (5001).");
            yield return new("003-p1-suppress-xanonymoustls", org, e);
        }

        {
            var org = TwoMailbox().WithServer("EX02", s => s with { Ad = AdKind.ReadError });
            var e = AnonDown(E("The collector could not read msExchServerInternalTLSCert of EX02 (readError in the file).", "process 1 step 3: AD value unreadable")
                .Healthy(org), "EX02", 3, 2, 12012)
                .F("EXTLS1001", "EX02", "server", "EX02", 12012).MailFlow("EXTLS1001", "EX02", "EX02").Pass("EXTLS1002", "EXTLS1008", "EXTLS9001")
                .Note("Get-TransportService still shows the thumbprint, but with the AD value unknown there is nothing to compare: no EXTLS1008. The read failure is reported by 1001, not 9001.");
            yield return new("004-p1-ad-unreadable-read-error", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps51).WithServer("EX02", s => s with { Ad = AdKind.ManifestError, BindingsAsTypeName = true }) with
            {
                Errors = [new("EX02", "InternalTransportCertificate", "Exception calling \"FindOne\" with \"0\" argument(s): \"The server is not operational.\"")],
            };
            var e = AnonDown(E("The AD read for EX02 failed and the collector recorded it in manifest errors (no file).", "process 1 step 3: AD value unreadable (manifest errors)")
                .Healthy(org), "EX02", 3, 2, 12012)
                .F("EXTLS1001", "EX02", "server", "EX02", 12012).MailFlow("EXTLS1001", "EX02", "EX02").Pass("EXTLS9001", "EXTLS1008")
                .Note("EX02's Bindings arrive as \"System.Object[]\" (unknown), which no rule needs. raw-dump.md: a failed AD read is told apart from not collected by manifest errors and is EXTLS1001; 9001 is not added for the same section.");
            yield return new("005-p1-ad-unreadable-manifest-error", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps7).WithServer("EX02", s => s with { Ad = AdKind.Empty, AdCert = SelfSigned("EX02"), TransportThumbprint = "" });
            var e = AnonDown(E("msExchServerInternalTLSCert of EX02 is empty; Get-TransportService shows an empty thumbprint too.", "process 1 step 3: AD value empty")
                .Healthy(org), "EX02", 3, 1, 12012)
                .F("EXTLS1002", "EX02", "server", "EX02", 12012).MailFlow("EXTLS1002", "EX02", "EX02").Pass("EXTLS1001", "EXTLS1003", "EXTLS1008")
                .Note("InternalTransportCertificateThumbprint is read from the same attribute, so both are empty: process 2 stops at step 1 (thumbprint empty), no event; the two agree, so no EXTLS1008.");
            yield return new("006-p1-ad-empty", org, e);
        }

        {
            var org = TwoMailbox().WithServer("EX02", s => s with { Ad = AdKind.Corrupt });
            var e = AnonDown(E("msExchServerInternalTLSCert of EX02 holds bytes that are not a certificate (truncated DER).", "process 1 step 3: AD value corrupt")
                .Healthy(org), "EX02", 3, 2, 12022)
                .F("EXTLS1003", "EX02", "server", "EX02", 12022).MailFlow("EXTLS1003", "EX02", "EX02").Pass("EXTLS1001", "EXTLS1002", "EXTLS1008")
                .Note("Get-TransportService still shows the old thumbprint; a corrupt AD value has no thumbprint to compare, so no EXTLS1008.");
            yield return new("007-p1-ad-corrupt", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps51).WithServer("EX02", s => s with { Store = s.Store.RemoveAll(c => c.Cert.Thumbprint == Ss("EX02")) });
            var e = AnonDown(E("EX02's self-signed internal transport certificate was deleted from the store; AD still names it.", "process 1 step 4: thumbprint not in the store")
                .Healthy(org), "EX02", 4, 3, 12013)
                .F("EXTLS1004", "EX02", "server", "EX02", 12013).MailFlow("EXTLS1004", "EX02", "EX02")
                .Note("A2: no fall-back to 12023/12024. STARTTLS on EX02 is unaffected (the CA certificate remains).");
            yield return new("008-p1-not-in-store", org, e);
        }

        {
            var expired = SelfSigned("ss-EX02-expired", "EX02", "ex02.contoso.com", D(2021, 5, 1), D(2026, 5, 1));
            var org = TwoMailbox(Style.Ps7).WithServer("EX02", s => WithInternal(s, expired));
            var e = E("EX02's internal transport certificate expired on 2026-05-01.", "process 1 step 5: expired, still advertised")
                .Healthy(org).Set(P1, "EX02", "EX02\\Default EX02", true, expired.Thumbprint, 5, 12015)
                .Set(P1, "EX02", "EX02\\Default Frontend EX02", true, expired.Thumbprint, 5, 12015)
                .Set(P2, "EX02", null, true, expired.Thumbprint, 4, 12015)
                .F("EXTLS1005", "EX02", "server", "EX02", 12015).Pass("EXTLS1006", "EXTLS4002", "EXTLS5001")
                .Note("An expired certificate is reported by 1005, not also by 1006. Expiry does not stop anonymous TLS, so no 5001. The expired certificate is SMTP-enabled but already reported by 1005, so no 4002. Process 3 on EX02 still chooses the CA certificate (newest NotBefore, latest NotAfter).");
            yield return new("009-p1-expired", org, e);
        }

        {
            var soon = SelfSigned("ss-EX02-soon", "EX02", "ex02.contoso.com", D(2021, 6, 20), D(2026, 6, 20));
            var org = TwoMailbox().WithServer("EX02", s => WithInternal(s, soon));
            var e = E("EX02's internal transport certificate expires on 2026-06-20, inside the 30-day window.", "process 1 step 5: inside the warning window")
                .Healthy(org).Set(P1, "EX02", "EX02\\Default EX02", true, soon.Thumbprint, 5, 12017)
                .Set(P1, "EX02", "EX02\\Default Frontend EX02", true, soon.Thumbprint, 5, 12017)
                .Set(P2, "EX02", null, true, soon.Thumbprint, 4, 12017)
                .F("EXTLS1006", "EX02", "server", "EX02", 12017).Pass("EXTLS4001", "EXTLS1005")
                .Note("Reported by 1006, so 4001 does not repeat it.");
            yield return new("010-p1-expires-soon", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps51).WithServer("EX02", s => s with
            {
                Store = s.Store.Select(c => c.Cert.Thumbprint == Ss("EX02") ? c with { HasPrivateKey = false } : c).ToImmutableList(),
            });
            var e = E("EX02's internal transport certificate is in the store without its private key (a full local export says HasPrivateKey false).", "process 1: private key known missing")
                .Healthy(org).F("EXTLS1007", "EX02", "server", "EX02").Pass("EXTLS5001", "EXTLS9002")
                .Note("Processes 1 and 2 as written do not check the private key, so the selections still succeed and 5001 does not fire; 1007 reports the root cause. The export is local (Services, Status present), so false is known, not unknown. Process 3 on EX02 is unaffected: the CA certificate is chosen.");
            yield return new("011-p1-private-key-missing", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps7).WithServer("EX02", s => s with { TransportThumbprint = Ca("EX02") });
            var e = E("Get-TransportService on EX02 names the CA certificate while AD still holds the self-signed one.", "TransportService thumbprint differs from AD")
                .Healthy(org).F("EXTLS1008", "EX02", "server", "EX02", 12012).Pass("EXTLS1004", "EXTLS5001")
                .Note("Process 2 step 1 only needs a non-empty thumbprint; steps 2-4 use the AD value, which is in the store, so every selection succeeds.");
            yield return new("012-p1-transport-thumbprint-out-of-sync", org, e);
        }

        // ---------------- process 2 ----------------
        {
            var org = TwoMailbox().WithServer("EX02", s => s with { TransportThumbprint = "" });
            var e = E("Get-TransportService on EX02 shows an empty InternalTransportCertificateThumbprint while AD holds the certificate.", "process 2 step 1: Mailbox thumbprint empty")
                .Healthy(org).Set(P2, "EX02", null, false, null, 1)
                .F("EXTLS1008", "EX02", "server", "EX02", 12012).MailFlow("EXTLS1008", "EX02", "EX02")
                .Note("Only the sending side breaks: EX02->EX01 (one 5001 naming 1008); EX02 still advertises X-ANONYMOUSTLS (process 1 reads AD). The empty thumbprint differs from the AD value's, which is EXTLS1008's condition.");
            yield return new("013-p2-mailbox-thumbprint-empty", org, e);
        }

        // ---------------- snapshot ----------------
        {
            var org = TwoMailbox(Style.Ps51).WithServer("EX02", s => s with { OmitSections = ["ReceiveConnector"] }) with
            {
                Errors = [new("EX02", "ReceiveConnector", "Get-ReceiveConnector : The WinRM client cannot complete the operation within the time specified.")],
            };
            var e = E("Get-ReceiveConnector failed for EX02; the manifest records it.", "snapshot: section not collected")
                .Healthy(org).Remove(s => s.Server == "EX02" && (s.Scenario == P1 || s.Scenario == P3))
                .F("EXTLS9001", "EX02", "snapshot", "EX02/ReceiveConnector")
                .Note("Without EX02's connectors there are no process 1/3 selections for EX02, and the pair EX01->EX02 is undetermined, so no 5001. Rules needing the section say nothing for EX02.");
            yield return new("014-snapshot-section-not-collected", org, e);
        }

        {
            var org = TwoMailbox().WithServer("EX01", s => s with { CertStyle = Style.Remote })
                .WithServer("EX02", s => s with { CertStyle = Style.Remote, RemoteKeepsHasPrivateKeyFalse = true });
            var e = E("Both stores were exported through a remote session: only RawData, Thumbprint and Subject (EX02's also HasPrivateKey false, as a certificate rebuilt from RawData reports).", "process 3 step 7 with an unknown private key: still chosen, uncertain; 9002")
                .Healthy(org)
                .DetailsIncomplete(org)
                .Pass("EXTLS1007", "EXTLS2005", "EXTLS2006", "EXTLS3002", "EXTLS9004")
                .Note("HasPrivateKey, Services and Status are unknown (raw-dump.md: a remote export's HasPrivateKey false says nothing). Unknown is not false: the CA certificates are still eligible and chosen (uncertain), no 1007/2005/2006/3002. The Thumbprint properties agree with RawData: no 9004. 9002 is read as one finding per certificate with unknown properties (target certificate SERVER/THUMBPRINT).")
                .Adjudication("9002 is one finding per server, listing its certificates with unknown properties.");
            yield return new("015-snapshot-remote-export", org, e);
        }

        {
            var org = TwoMailbox();
            var e = E("The dump was collected 60 days before the as-of time.", "snapshot: stale")
                .Healthy(org).F("EXTLS9003", null, "snapshot", DumpWriter.ManifestFile);
            e.AsOf = "2026-07-30T22:00:00Z";
            e.Note("9003's N is not given in rules.md; 60 days exceeds any reasonable default (7 or 30). Target read as kind snapshot with the organisation name as id and no server. No certificate enters the warning window by 2026-08-29.")
                .Adjudication("9003 points at manifest.json, where collectedAt is.");
            yield return new("016-snapshot-stale", org, e);
        }

        {
            var real = Ca("EX02");
            var wrong = real[..^1] + (real[^1] == 'A' ? "B" : "A");
            var org = TwoMailbox(Style.Ps7).WithServer("EX02", s => s with
            {
                Store = s.Store.Select(c => c.Cert.Thumbprint == real ? c with { ThumbprintOverride = wrong } : c).ToImmutableList(),
            });
            var e = E("EX02's CA certificate carries a Thumbprint property that is not the SHA-1 of its RawData.", "snapshot: DER vs property mismatch")
                .Healthy(org).Contradiction("EX02", "CertificatePropertyMismatch", real, "Thumbprint")
                .Note($"The DER wins (CertificateInfo.Thumbprint is computed from RawData), so the certificate is {real} and chosen as usual; the property said {wrong}. 9004 target read as the certificate by its real thumbprint.")
                .Adjudication("9004 is one finding per contradiction (server/kind/subject/property), so two disagreeing properties of one certificate stay two findings.");
            yield return new("017-snapshot-thumbprint-mismatch", org, e);
        }

        // ---------------- process 2, Edge ----------------
        foreach (var (slug, broken) in new[] { ("018-p2-edge-edgesync-without-exchangeserver-auth", true), ("019-p2-edge-certificate-replaced", false) })
        {
            var oldEdge = SelfSigned("EDGE01");
            var edgeCert = broken ? oldEdge : SelfSigned("ss-EDGE01-new", "EDGE01", "edge01.contoso.com", D(2026, 3, 1), D(2031, 3, 1));
            var stub = new Server("EDGE01", "EdgeOrgCopy", [], [], AdKind.Certificate, oldEdge, null);
            var org = new Org([Mailbox("EX01"), Mailbox("EX02"), stub], [], ["EDGE01"], [], broken ? Style.Collector : Style.Ps7, EdgeSubscriptionFile: true);
            org = org.WithServer("EX01", s => s with { Style = org.OrgStyle }).WithServer("EX02", s => s with { Style = org.OrgStyle });
            var edgeStyle = broken ? Style.Ps51 : Style.Collector;
            var edgeServer = new Server("EDGE01", "Edge",
                [new RecvConn("EDGE01", "Default internal receive connector EDGE01", 17, 21, "HubTransport", ["0.0.0.0:25"], "edge01.contoso.com")],
                [InternalInStore(edgeCert), SmtpCa(CaCert("EDGE01"))], AdKind.Certificate, edgeCert, edgeCert.Thumbprint, edgeStyle);
            var edge = new Org([edgeServer],
            [
                new SendConn(EdgeSyncInbound, ["smtp:--;100"], ["EDGE01"], ["--"], broken ? "None" : "ExchangeServer"),
                new SendConn(EdgeSyncInternet, ["smtp:*;100"], ["EDGE01"]),
            ], [], [], edgeStyle);
            var e = E(broken
                    ? "An Edge joined to the organisation; its EdgeSync inbound send connector lost SmartHostAuthMechanism ExchangeServer."
                    : "The Edge's internal transport certificate was replaced (new self-signed) without re-creating the Edge subscription.",
                    broken ? "process 2 step 1 (Edge): EdgeSync connector without ExchangeServer auth" : "Edge subscription certificate mismatch")
                .Healthy(org).Healthy(edge).Only(P1, P2)
                .Add(new Sel("EDGE01", EdgeSyncInbound, P2, !broken, broken ? null : edgeCert.Thumbprint, broken ? 1 : 4, []));
            if (broken)
            {
                e.F("EXTLS3006", "EDGE01", "sendConnector", EdgeSyncInbound).MailFlow("EXTLS3006", "EDGE01", EdgeSyncInbound).Pass("EXTLS5002")
                    .Note("Edge->Mailbox fails at the sender (process 2 step 1 on the Edge), so one 5001 naming 3006 carries EDGE01->EX01 and EDGE01->EX02; Mailbox->Edge works (Default internal receive connector EDGE01 advertises). 3006 does not depend on a store: one finding per connector, id = Identity. The process 2 selection for the Edge names its EdgeSync send connector.");
            }
            else
            {
                e.F("EXTLS5002", "EDGE01", "server", "EDGE01").Pass("EXTLS3006", "EXTLS5001")
                    .Note("The organisation's AD holds the old Edge certificate (org dump servers/EDGE01/InternalTransportCertificate.json) while the Edge's AD LDS and store hold the new one. Processes 1/2 as written still succeed on both sides, so no 5001; 5002 reports the mismatch, target read as the Edge server.");
            }

            e.Note("The org dump holds only EDGE01's Get-ExchangeServer entry and its AD value (the organisation's collector cannot run Get-TransportService against an Edge); the EdgeSync send connectors appear only in the Edge dump, so that joining need not deduplicate them. Selections for outbound STARTTLS are not asserted here.");
            yield return new(slug, org, e, edge);
        }

        // ---------------- joined dumps whose objects overlap ----------------
        {
            // A real subscribed Edge: the organisation's dump holds the EdgeSync send connectors and the Edge's server
            // object, and the Edge's own dump holds the same connectors (EdgeSync's copies in AD LDS) and lists the
            // Mailbox servers EdgeSync copied there, with their internal transport certificates.
            var edgeCert = SelfSigned("EDGE01");
            var staleEx02 = SelfSigned("ss-EX02-before-renewal", "EX02", "ex02.contoso.com", D(2021, 2, 1), D(2026, 2, 1));
            SendConn[] edgeSync =
            [
                new(EdgeSyncInbound, ["smtp:--;100"], ["EDGE01"], ["--"], "None"),
                new(EdgeSyncInternet, ["smtp:*;100"], ["EDGE01"]),
            ];
            var stub = new Server("EDGE01", "EdgeOrgCopy", [], [], AdKind.Certificate, edgeCert, null);
            var org = new Org([Mailbox("EX01"), Mailbox("EX02"), stub], [Internet("EX01", "EX02"), .. edgeSync], ["EDGE01"], [], Style.Collector, EdgeSubscriptionFile: true);
            var edgeServer = new Server("EDGE01", "Edge",
                [new RecvConn("EDGE01", "Default internal receive connector EDGE01", 17, 21, "HubTransport", ["0.0.0.0:25"], "edge01.contoso.com")],
                [InternalInStore(edgeCert), SmtpCa(CaCert("EDGE01"))], AdKind.Certificate, edgeCert, edgeCert.Thumbprint, Style.Ps51);
            var ex01Copy = new Server("EX01", "MailboxCopy", [], [], AdKind.Certificate, SelfSigned("EX01"), null, Style.Ps51);
            var ex02Copy = new Server("EX02", "MailboxCopy", [], [], AdKind.Certificate, staleEx02, null, Style.Ps51);
            var edge = new Org([edgeServer, ex01Copy, ex02Copy], [.. edgeSync], [], [], Style.Ps51);
            var e = E("The organisation's dump and the Edge's own dump both hold the EdgeSync send connectors (the inbound one without ExchangeServer authentication), and the Edge's dump lists the Mailbox servers EdgeSync copied into its AD LDS, EX02's with the certificate from before its renewal.",
                    "joining: copies merged by identity, every selection and finding once")
                .Healthy(org).Healthy(edge with { SendConnectors = [] })
                .Add(new Sel("EDGE01", EdgeSyncInbound, P2, false, null, 1, []))
                .F("EXTLS3006", "EDGE01", "sendConnector", EdgeSyncInbound).MailFlow("EXTLS3006", "EDGE01", EdgeSyncInbound)
                .Contradiction("EDGE01", "JoinedCopiesDiffer", "EX02", "msExchServerInternalTLSCert")
                .Pass("EXTLS5002")
                .Note("Each EdgeSync connector is one object (the organisation's copy, the Edge's own connector), so process 4 replays each once from EDGE01 and 3006 is one finding, filed under EDGE01; 5001 names it once for EDGE01->EX01 and EDGE01->EX02. EDGE01's replays use its own dump: its store and its AD LDS value; the organisation's value of EDGE01 is the subscription's certificate, the same one, so no 5002. The Edge's AD LDS copies of EX01 and EX02 do not replace the servers' own dumps; EX02's copy holds the certificate EX02 had before its renewal, which is what the Edge trusts until EdgeSync runs: one 9004 JoinedCopiesDiffer, filed under EDGE01. EX01's copy agrees, so no finding.");
            yield return new("050-join-org-and-edge-copies-merged", org, e, edge);
        }

        // ---------------- process 3 ----------------
        {
            var org = TwoMailbox(Style.Ps51).WithServer("EX01", s => Conn(s, "Default Frontend EX01", c => c with { Auth = 30 }));
            var e = E("Tls was removed from Default Frontend EX01, which accepts AnonymousUsers.", "process 3 step 2: TLS not offered")
                .Healthy(org).Set(P3, "EX01", "EX01\\Default Frontend EX01", false, null, 2)
                .F("EXTLS2003", "EX01", "receiveConnector", "EX01\\Default Frontend EX01").Pass("EXTLS2004")
                .Note("RequireTLS is false, so 2003 is a warning. X-ANONYMOUSTLS is unaffected (ExchangeServer auth kept).");
            yield return new("020-p3-tls-not-offered", org, e);
        }

        {
            var org = TwoMailbox().WithServer("EX01", s => Conn(s, "Client Frontend EX01", c => c with { Fqdn = "smtp.contoso.net" }));
            var e = E("Client Frontend EX01's Fqdn is smtp.contoso.net, which no certificate in the store carries.", "process 3 step 6: no match (12014)")
                .Healthy(org).Set(P3, "EX01", "EX01\\Client Frontend EX01", false, null, 6, 12014)
                .F("EXTLS2004", "EX01", "receiveConnector", "EX01\\Client Frontend EX01", 12014).Pass("EXTLS2012")
                .Note("Client Frontend has no ExchangeServer auth, so its Fqdn may differ from the server's (no 2012).");
            yield return new("021-p3-no-matching-certificate", org, e);
        }

        {
            var v1 = Version1("v1-relay", "CN=relay.contoso.com", D(2025, 9, 1), D(2027, 9, 1));
            var noKey = Issued("nokey-relay", "CN=relay.contoso.com, O=Contoso Ltd, C=US", ["relay.contoso.com"], D(2025, 10, 1), D(2027, 10, 1));
            var org = TwoMailbox(Style.Ps7).WithServer("EX01", s => Conn(s, "Client Frontend EX01", c => c with { Fqdn = "relay.contoso.com" }) with
            {
                Store = s.Store.Add(new StoreCert(v1, 0, FriendlyName: "relay v1")).Add(new StoreCert(noKey, 0, HasPrivateKey: false, FriendlyName: "relay imported without key")),
            });
            var e = E("Client Frontend EX01 (Fqdn relay.contoso.com) matches two certificates: an X.509 v1 one and one without its private key.", "process 3 step 7: none eligible (12014)")
                .Healthy(org).Set(P3, "EX01", "EX01\\Client Frontend EX01", false, null, 7, 12014)
                .F("EXTLS2005", "EX01", "receiveConnector", "EX01\\Client Frontend EX01", 12014).Pass("EXTLS2004")
                .Note($"Refusal reasons: {v1.Thumbprint} is X.509 v1 (NotV3), {noKey.Thumbprint} lacks a private key (NoPrivateKey; local export, so known). Neither has the SMTP service, so hygiene rules do not look at them.");
            yield return new("022-p3-no-eligible-certificate", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps51).WithServer("EX01", s => ReplaceCa(s, SmtpCa(CaCert("EX01")) with { Services = Iis }));
            var e = StartTls(E("EX01's CA certificate is enabled for IIS only.", "process 3 step 11 / process 4 step 4: chosen certificate not enabled for SMTP").Healthy(org), "EX01", Ca("EX01"), 11)
                .Set(P4, "EX01", "Outbound to Internet", true, Ca("EX01"), 4);
            e.OnChosen("EXTLS2006", P3, "EX01", Ca("EX01")).OnChosen("EXTLS3002", P4, "EX01", Ca("EX01"))
                .Note("A6: no SMTP filter, so the CA certificate is still chosen for all three EX01 connectors and for the send connector from EX01; the handshake then fails (UnknownCredentials). 3002 depends on EX01's store, hence per source server.")
                .Adjudication("2006 and 3002 are one finding each on the certificate that lacks SMTP (one Enable-ExchangeCertificate fixes every connector).");
            yield return new("023-p3-not-smtp-enabled", org, e);
        }

        {
            var expired = Issued("ca-EX01-expired", "CN=ex01.contoso.com, O=Contoso Ltd, C=US", ["ex01.contoso.com", "mail.contoso.com", "autodiscover.contoso.com"], D(2025, 5, 1), D(2026, 5, 1));
            var org = TwoMailbox().WithServer("EX01", s => ReplaceCa(s, SmtpCa(expired) with { Status = "DateInvalid" }));
            var e = StartTls(E("EX01's CA certificate expired on 2026-05-01 (Status DateInvalid).", "process 3 step 10: chosen certificate expired (12016); process 4: send certificate expired (3003)").Healthy(org), "EX01", expired.Thumbprint, 10, 12016)
                .Set(P4, "EX01", "Outbound to Internet", true, expired.Thumbprint, 2);
            e.OnChosen("EXTLS2007", P3, "EX01", expired.Thumbprint, 12016).OnChosen("EXTLS3003", P4, "EX01", expired.Thumbprint).Pass("EXTLS2008", "EXTLS3004", "EXTLS4002", "EXTLS4005")
                .Note("A7 lists Revoked/Untrusted/Invalid and NotBefore as what makes a CA certificate not valid; expiry and DateInvalid are not on the list, so the expired CA certificate (newest NotBefore) still wins over the self-signed one and STARTTLS is still offered (12016). The self-signed certificate is also eligible and expires later (2028-02-01), so 2010's literal condition (the one picked is not the one with the latest NotAfter) holds on all three connectors. An expired certificate is reported by 2007/3003 only, not also by 2008/3004 (it is past, not inside, the window). 4002 is not repeated; DateInvalid is not a 4005 status.")
                .Adjudication("2007 and 3003 are one finding each on the expired certificate (the root cause), whose impacts list the connectors. 2010 compares only candidates of the chosen one's class (valid CA-issued, or the self-signed fall-back): the self-signed certificate lasting longer is no renewal ambiguity, so no 2010.", "EXTLS2010");
            yield return new("024-p3-expired", org, e);
        }

        {
            var soon = Issued("ca-EX01-soon", "CN=ex01.contoso.com, O=Contoso Ltd, C=US", ["ex01.contoso.com", "mail.contoso.com", "autodiscover.contoso.com"], D(2025, 6, 20), D(2026, 6, 20));
            var org = TwoMailbox(Style.Ps7).WithServer("EX01", s => ReplaceCa(s, SmtpCa(soon)));
            var e = StartTls(E("EX01's CA certificate expires on 2026-06-20.", "process 3 step 10: inside the warning window (12018); process 4: send certificate expires soon (3004)").Healthy(org), "EX01", soon.Thumbprint, 10, 12018)
                .Set(P4, "EX01", "Outbound to Internet", true, soon.Thumbprint, 2);
            e.OnChosen("EXTLS2008", P3, "EX01", soon.Thumbprint, 12018).OnChosen("EXTLS3004", P4, "EX01", soon.Thumbprint).Pass("EXTLS2007", "EXTLS3003", "EXTLS4001")
                .Note("Not repeated by 4001. As in 024, the eligible self-signed certificate expires later than the chosen one, so 2010 holds on each connector.")
                .Adjudication("2008 and 3004 are one finding each on the certificate, impacts listing the connectors; no 2010 (see 024).");
            yield return new("025-p3-expires-soon", org, e);
        }

        {
            var org = TwoMailbox().WithServer("EX01", s => s with { Store = s.Store.RemoveAll(c => c.Cert.Thumbprint == Ca("EX01")) });
            var e = StartTls(E("EX01 has only its self-signed certificate.", "process 3 step 9: no CA-issued certificate, self-signed chosen").Healthy(org), "EX01", Ss("EX01"), 10)
                .Set(P4, "EX01", "Outbound to Internet", true, Ss("EX01"), 2)
                .F("EXTLS2009", "EX01", "receiveConnector", "EX01\\Default Frontend EX01")
                .Note("Only Default Frontend EX01 accepts AnonymousUsers, so 2009 fires there and not on Default EX01 or Client Frontend EX01 (near misses). 2009 is a receive connector rule; the send connector gets no finding.");
            yield return new("026-p3-self-signed-on-external", org, e);
        }

        {
            var old = Issued("ca-EX01-old3y", "CN=ex01.contoso.com, O=Contoso Ltd, C=US", ["ex01.contoso.com", "mail.contoso.com", "autodiscover.contoso.com"], D(2025, 6, 1), D(2028, 12, 1));
            var renewed = Issued("ca-EX01-renewed1y", "CN=ex01.contoso.com, O=Contoso Ltd, C=US", ["ex01.contoso.com", "mail.contoso.com", "autodiscover.contoso.com"], D(2026, 2, 1), D(2027, 2, 1));
            var org = TwoMailbox(Style.Ps51).WithServer("EX01", s => s with
            {
                Store = [InternalInStore(SelfSigned("EX01")), SmtpCa(old), SmtpCa(renewed)],
            });
            var e = StartTls(E("EX01 holds a three-year certificate (to 2028-12-01) and a newer one-year renewal (to 2027-02-01) for the same names.", "process 3 steps 8-9: newest NotBefore wins although an older one lasts longer").Healthy(org), "EX01", renewed.Thumbprint, 10)
                .Set(P4, "EX01", "Outbound to Internet", true, renewed.Thumbprint, 2);
            PerConnector(e, "EXTLS2010", "EX01").SameNames("EX01", old, renewed)
                .Note("Exchange picks the 2026-02-01 certificate by NotBefore though the 2025 one expires later: 2010 on each connector whose key matches them (all three). Both have identical subject and SANs and SMTP, so 4006 too.")
                .Adjudication(SameNamesRuling);
            yield return new("027-p3-renewal-keeps-newer-notbefore", org, e);
        }

        {
            var org = TwoMailbox().WithServer("EX01", s => Conn(s, "Default Frontend EX01", c => c with { TlsCertificateName = "CN=ex01.contoso.com, O=Contoso Ltd, C=US" }));
            var e = E("Default Frontend EX01's TlsCertificateName is a bare subject, without <I>…<S>….", "process 3 step 3: TlsCertificateName malformed")
                .Healthy(org).Set(P3, "EX01", "EX01\\Default Frontend EX01", false, null, 6, 12014)
                .F("EXTLS2011", "EX01", "receiveConnector", "EX01\\Default Frontend EX01").Pass("EXTLS2004")
                .Note("A set TlsCertificateName is the key (step 3) even when malformed; it matches nothing, so STARTTLS is not offered (12014 on the selection). One root cause per rule: the finding is 2011, not also 2004.");
            yield return new("028-p3-tlscertificatename-malformed", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps7).WithServer("EX01", s => Conn(s, "Default EX01", c => c with { Fqdn = "mail.contoso.com" }));
            var e = E("Default EX01's Fqdn was changed to mail.contoso.com.", "ExchangeServer auth with a foreign Fqdn")
                .Healthy(org).F("EXTLS2012", "EX01", "receiveConnector", "EX01\\Default EX01").Pass("EXTLS5001", "EXTLS2004")
                .Note("Process 3 on Default EX01 keys on mail.contoso.com, which the CA certificate carries, so STARTTLS is fine. Processes 1/2 as written do not read the Fqdn, so the selections succeed and 5001 does not fire; 2012 carries the Mailbox<->Mailbox impact.");
            yield return new("029-p3-fqdn-mismatch-default", org, e);
        }

        {
            var wild = Issued("ca-EX01-wildcard", "CN=*.contoso.com, O=Contoso Ltd, C=US", ["*.contoso.com", "contoso.com"], D(2026, 2, 1), D(2028, 8, 1));
            var org = TwoMailbox().WithServer("EX01", s => Conn(ReplaceCa(s, SmtpCa(wild)), "Client Frontend EX01", c => c with { Fqdn = "smtp.eu.contoso.com" }));
            var e = StartTls(E("EX01's CA certificate is a wildcard *.contoso.com; Client Frontend EX01's Fqdn is smtp.eu.contoso.com.", "process 3 step 6 (A5): a wildcard matches one label only").Healthy(org), "EX01", wild.Thumbprint, 10)
                .Set(P3, "EX01", "EX01\\Client Frontend EX01", false, null, 6, 12014)
                .Set(P4, "EX01", "Outbound to Internet", true, wild.Thumbprint, 2)
                .F("EXTLS2004", "EX01", "receiveConnector", "EX01\\Client Frontend EX01", 12014)
                .Note("A5: *.contoso.com matches ex01.contoso.com (one label) so it is chosen for Default and Default Frontend EX01, but not smtp.eu.contoso.com (two labels), and nothing else carries that name.");
            yield return new("030-p3-wildcard-one-label", org, e);
        }

        {
            var mail = Issued("ca-mail-2026", "CN=mail.contoso.com, O=Contoso Ltd, C=US", ["mail.contoso.com", "autodiscover.contoso.com"], D(2026, 2, 1), D(2028, 8, 1));
            var org = TwoMailbox(Style.Ps51)
                .WithServer("EX01", s => Conn(s with { Store = s.Store.Add(SmtpCa(mail)) }, "Default Frontend EX01", c => c with { TlsCertificateName = $"<I>{Root}<S>CN=mail.contoso.com, O=Contoso, C=US" }))
                .WithServer("EX02", s => Conn(s with { Store = s.Store.Add(SmtpCa(mail)) }, "Default Frontend EX02", c => c with { TlsCertificateName = $"<I>{Root}<S>CN=mail.contoso.com,O=Contoso Ltd,C=US" }));
            var e = E("The mail.contoso.com certificate was renewed with a new organisation name (O=Contoso Ltd); Default Frontend EX01 still pins the old subject, EX02 was updated (written without spaces).", "process 3 step 6: stale TlsCertificateName after renewal")
                .Healthy(org).Set(P3, "EX01", "EX01\\Default Frontend EX01", false, null, 6, 12014)
                .Set(P3, "EX02", "EX02\\Default Frontend EX02", true, mail.Thumbprint, 10)
                .F("EXTLS2004", "EX01", "receiveConnector", "EX01\\Default Frontend EX01", 12014).Pass("EXTLS2011")
                .Note("A4: EX02's value matches CN=mail.contoso.com, O=Contoso Ltd, C=US once spaces around ',' and '=' are normalised. The mail certificate's names differ from the server certificate's, so no 4006.");
            yield return new("031-p3-stale-tlscertificatename-after-renewal", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps7).WithServer("EX01", s => ReplaceCa(s, SmtpCa(CaCert("EX01")) with { Status = "Revoked" }));
            var e = StartTls(E("EX01's CA certificate is revoked.", "process 3 step 9 (A7): a revoked CA certificate is not valid; the self-signed one is chosen").Healthy(org), "EX01", Ss("EX01"), 10)
                .Set(P4, "EX01", "Outbound to Internet", true, Ss("EX01"), 2)
                .F("EXTLS2009", "EX01", "receiveConnector", "EX01\\Default Frontend EX01").Pass("EXTLS4005")
                .Note("A7: Revoked is not valid, so the first self-signed certificate is chosen; Default Frontend accepts AnonymousUsers (2009). The revoked certificate is eligible and lasts longer (2028-08-01) than the chosen one, so 2010's literal condition holds on all three connectors. 4005 applies to chosen certificates only: the revoked one is not chosen.")
                .Adjudication("no 2010: the chosen certificate is the self-signed fall-back and no other self-signed candidate competes; a revoked CA certificate is not a candidate Exchange could pick.", "EXTLS2010");
            yield return new("032-p3-revoked-ca-skipped", org, e);
        }

        // ---------------- process 4 ----------------
        {
            var mail = Issued("ca-mail-2026", "CN=mail.contoso.com, O=Contoso Ltd, C=US", ["mail.contoso.com", "autodiscover.contoso.com"], D(2026, 2, 1), D(2028, 8, 1));
            var org = TwoMailbox().WithServer("EX01", s => s with { Store = s.Store.Add(SmtpCa(mail)) }) with
            {
                SendConnectors = [Internet("EX01", "EX02") with { TlsCertificateName = $"<I>{Root}<S>CN=mail.contoso.com,O=Contoso Ltd,C=US" }],
            };
            var e = E("Outbound to Internet pins mail.contoso.com by TlsCertificateName; only EX01 has that certificate.", "process 4 step 3: 454 4.7.5 on the source server lacking it")
                .Healthy(org).Set(P4, "EX01", "Outbound to Internet", true, mail.Thumbprint, 2)
                .Set(P4, "EX02", "Outbound to Internet", false, null, 3)
                .F("EXTLS3001", "EX02", "sendConnector", "Outbound to Internet@EX02").Pass("EXTLS3008")
                .Note("Per (send connector, source server): EX01 finds the certificate (A4 normalisation), EX02 does not.");
            yield return new("033-p4-tlscertificatename-not-found", org, e);
        }

        {
            const string o365 = "Outbound to Office 365 - 6f3c1a2e-5b7d-4c1e-9a0f-2d8e4b6c7a91";
            var org = TwoMailbox(Style.Ps51) with
            {
                SendConnectors = [Internet("EX01", "EX02"), new SendConn(o365, ["smtp:contoso.mail.onmicrosoft.com;1"], ["EX01", "EX02"], ["contoso-com.mail.protection.outlook.com"], "None", null, null, true, "DomainValidation", "mail.protection.outlook.com", true)],
            };
            var e = E("The hybrid connector to Exchange Online has neither TlsCertificateName nor Fqdn.", "process 4 step 5: hybrid connector with an implicit certificate")
                .Healthy(org).Set(P4, "EX01", o365, true, Ca("EX01"), 5).Set(P4, "EX02", o365, true, Ca("EX02"), 5)
                .F("EXTLS3005", null, "sendConnector", o365).Pass("EXTLS3007")
                .Note("The certificate is chosen by each server's own FQDN (the CA certificate); the connector-level defect does not depend on a store, so one finding with id = Identity and no server. RequireTLS with DomainValidation and TlsDomain set: no 3007.");
            yield return new("034-p4-hybrid-implicit-certificate", org, e);
        }

        {
            var org = TwoMailbox() with
            {
                SendConnectors =
                [
                    Internet("EX01", "EX02"),
                    new SendConn("Outbound to Fabrikam", ["SMTP:fabrikam.com;1"], ["EX01"], RequireTls: true, TlsAuthLevel: "DomainValidation"),
                    new SendConn("Outbound to Tailspin", ["SMTP:tailspintoys.com;1"], ["EX01"], TlsAuthLevel: "CertificateValidation"),
                    new SendConn("Outbound to Office 365 - pinned", ["smtp:contoso.mail.onmicrosoft.com;1"], ["EX01"], ["contoso-com.mail.protection.outlook.com"], "None", null, "ex01.contoso.com", true, "DomainValidation", "mail.protection.outlook.com", true),
                ],
            };
            var e = E("Two partner connectors: RequireTLS with DomainValidation but no TlsDomain, and a TlsAuthLevel without RequireTLS.", "process 4 step 6: RequireTLS / TlsAuthLevel incomplete")
                .Healthy(org).F("EXTLS3007", null, "sendConnector", "Outbound to Fabrikam").F("EXTLS3007", null, "sendConnector", "Outbound to Tailspin")
                .Pass("EXTLS3005")
                .Note("Both halves of 3007's condition, one per connector; connector-level, so no server. The Exchange Online connector sets Fqdn (ex01.contoso.com, carried by EX01's CA certificate) and RequireTLS with DomainValidation and TlsDomain: neither 3005 nor 3007.");
            yield return new("035-p4-requiretls-validation-incomplete", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps7) with { SendConnectors = [Internet("EX01", "EX02") with { TlsCertificateName = "mail.contoso.com" }] };
            var e = E("Outbound to Internet's TlsCertificateName is a host name, not <I>…<S>….", "process 4: TlsCertificateName malformed")
                .Healthy(org).Set(P4, "EX01", "Outbound to Internet", false, null, 3).Set(P4, "EX02", "Outbound to Internet", false, null, 3)
                .F("EXTLS3008", null, "sendConnector", "Outbound to Internet").Pass("EXTLS3001")
                .Note("The set value is the key and matches nothing on either source server (step 3), but the root cause is the syntax: 3008 once for the connector, not 3001 per server.");
            yield return new("036-p4-tlscertificatename-malformed", org, e);
        }

        // ---------------- hygiene ----------------
        {
            var soon = Issued("legacy-soon", "CN=legacy.contoso.com, O=Contoso Ltd, C=US", ["legacy.contoso.com"], D(2024, 6, 15), D(2026, 6, 15));
            var expired = Issued("legacy-expired", "CN=legacy.contoso.com, O=Contoso Ltd, C=US", ["legacy.contoso.com"], D(2024, 4, 1), D(2026, 4, 1));
            var weak = Issued("legacy-weak", "CN=fax.contoso.com, O=Contoso Ltd, C=US", ["fax.contoso.com"], D(2025, 1, 1), D(2027, 1, 1), 1024);
            var org = TwoMailbox(Style.Ps51)
                .WithServer("EX01", s => s with { Store = s.Store.Add(SmtpCa(soon)) })
                .WithServer("EX02", s => s with { Store = s.Store.Add(SmtpCa(expired) with { Status = "DateInvalid" }).Add(SmtpCa(weak)) });
            var e = E("Unused SMTP-enabled certificates: one expiring on EX01, one expired and one 1024-bit on EX02.", "hygiene 4001/4002/4003")
                .Healthy(org)
                .Cert("EXTLS4001", "EX01", soon.Thumbprint)
                .Cert("EXTLS4002", "EX02", expired.Thumbprint)
                .Cert("EXTLS4003", "EX02", weak.Thumbprint)
                .Note("Their names match no key, so no selection changes and no 1xxx/2xxx/3xxx rule reports them first.");
            yield return new("037-hygiene-unused-certificates", org, e);
        }

        {
            var sha1 = SelfSigned("ss-EX02-sha1", "EX02", "ex02.contoso.com", D(2023, 2, 1), D(2028, 2, 1), sha1: true);
            var org = TwoMailbox().WithServer("EX02", s => WithInternal(s, sha1));
            var e = E("EX02's internal transport certificate is signed with SHA-1.", "hygiene 4004")
                .Healthy(org).Cert("EXTLS4004", "EX02", sha1.Thumbprint);
            yield return new("038-hygiene-sha1-internal", org, e);
        }

        {
            var org = TwoMailbox(Style.Ps7).WithServer("EX01", s => ReplaceCa(s, SmtpCa(CaCert("EX01")) with { Status = "RevocationCheckFailure" }));
            var e = E("EX01's CA certificate shows Status RevocationCheckFailure.", "hygiene 4005 on a chosen certificate")
                .Healthy(org).Cert("EXTLS4005", "EX01", Ca("EX01")).Pass("EXTLS2009")
                .Note("A7 excludes only Revoked, Untrusted and Invalid, so this certificate stays valid and is chosen everywhere on EX01; 4005 lists RevocationCheckFailure and fires once for the certificate.");
            yield return new("039-hygiene-status-not-valid", org, e);
        }

        {
            var prev = Issued("ca-EX01-prev", "CN=ex01.contoso.com, O=Contoso Ltd, C=US", ["ex01.contoso.com", "mail.contoso.com", "autodiscover.contoso.com"], D(2025, 2, 1), D(2027, 2, 1));
            var org = TwoMailbox().WithServer("EX01", s => s with { Store = s.Store.Add(SmtpCa(prev)) });
            var e = E("EX01 still holds last year's certificate next to its renewal (same subject and names).", "hygiene 4006")
                .Healthy(org).SameNames("EX01", prev, CaCert("EX01")).Pass("EXTLS2010")
                .Note("The renewal is both the newest NotBefore and the latest NotAfter, so Exchange's pick is unambiguous: no 2010.")
                .Adjudication(SameNamesRuling);
            yield return new("040-hygiene-duplicate-subject", org, e);
        }

        // ---------------- which receive connector answers ----------------
        {
            var org = Subnet(ThreeMailbox()).WithServer("EX01", s => s with { Connectors = s.Connectors.Add(Relay2525(s.Name, AuthTls, PermsAnonymous)) });
            var e = E("A relay connector on EX01's port 2525 accepts 10.0.0.0/24, the subnet of the other Exchange servers, without ExchangeServer authentication.",
                    "which connector answers: the most specific remote range captures Mailbox->Mailbox sessions")
                .Healthy(org)
                .F("EXTLS2013", "EX01", "receiveConnector", "EX01\\Relay 2525")
                .MailFlow("EXTLS2013", "EX01", "EX01\\Relay 2525")
                .Pass("EXTLS2001");
            SubnetAnswers(e, capturedBy: "EX01\\Relay 2525");
            e.Note("Default EX01 holds every address (0.0.0.0-255.255.255.255), Relay 2525 holds 10.0.0.0/24: the narrower range answers the sessions of EX02 (10.0.0.12) and EX03 (10.0.0.13). "
                + "Relay 2525 has no ExchangeServer authentication (process 1 ends at step 2), so those senders get no X-ANONYMOUSTLS: one 2013 for the connector naming both, "
                + "and one 5001 whose root cause it is, for the pairs EX02->EX01 and EX03->EX01 (EX01's sessions to the others land on their default connectors). It accepts AnonymousUsers only, so not 2001.");
            yield return new("041-answer-relay-captures-exchange-sessions", org, e);
        }

        {
            var org = Subnet(ThreeMailbox()).WithServer("EX01", s => s with { Connectors = s.Connectors.Add(Relay2525(s.Name, AuthTls | AuthExchangeServer, PermsAnonymous | PermsExchangeServers)) });
            var e = E("The connector on EX01's port 2525 that accepts 10.0.0.0/24 has ExchangeServer authentication.",
                    "which connector answers: a narrower connector answers, and it offers X-ANONYMOUSTLS")
                .Healthy(org)
                .Pass("EXTLS2013", "EXTLS2001", "EXTLS5001");
            SubnetAnswers(e, capturedBy: "EX01\\Relay 2525");
            e.Note("The same capture as 041, but the answering connector advertises X-ANONYMOUSTLS with EX01's internal transport certificate (process 1 step 5): the near miss of 2013, and anonymous TLS works for every pair.");
            yield return new("042-answer-narrower-connector-with-exchangeserver-auth", org, e);
        }

        {
            var org = Subnet(ThreeMailbox()).WithServer("EX01", s => s with { Connectors = s.Connectors.Add(Relay2525(s.Name, AuthTls, PermsAnonymous)) })
                .WithServer("EX02", s => s with { Addresses = null }).WithServer("EX03", s => s with { Addresses = null });
            var e = E("The relay connector of 041, but the dump holds no addresses for EX02 and EX03 (no HostAddress.json, as a dump made before collector 1.1.0).",
                    "which connector answers: sender addresses unknown, the default connector is assumed (A9)")
                .Healthy(org)
                .Pass("EXTLS2013", "EXTLS9001")
                .Answer("EX01", "frontend-to-mailbox", "EX01\\Default EX01", "DefaultAssumed", "EX02", "EX03")
                .Answer("EX01", "mailbox-to-mailbox", "EX01\\Default EX01", "DefaultAssumed", "EX02", "EX03")
                .Answer("EX02", "frontend-to-mailbox", "EX02\\Default EX02", "Answered", "EX01")
                .Answer("EX02", "frontend-to-mailbox", "EX02\\Default EX02", "DefaultAssumed", "EX03")
                .Answer("EX02", "mailbox-to-mailbox", "EX02\\Default EX02", "Answered", "EX01")
                .Answer("EX02", "mailbox-to-mailbox", "EX02\\Default EX02", "DefaultAssumed", "EX03")
                .Answer("EX03", "frontend-to-mailbox", "EX03\\Default EX03", "Answered", "EX01")
                .Answer("EX03", "frontend-to-mailbox", "EX03\\Default EX03", "DefaultAssumed", "EX02")
                .Answer("EX03", "mailbox-to-mailbox", "EX03\\Default EX03", "Answered", "EX01")
                .Answer("EX03", "mailbox-to-mailbox", "EX03\\Default EX03", "DefaultAssumed", "EX02")
                .Note("A9: whoever's address is unknown is taken to land on the default connector, and the answer says so (DefaultAssumed); EX01's address is known, so its sessions are answered by the ranges. "
                    + "HostAddress is absent, not failed: an older dump, not a gap, so no 9001. No 2013, though a relay covers the subnet: the replay does not guess.");
            yield return new("043-answer-sender-addresses-unknown", org, e);
        }

        // ---------------- the hybrid side ----------------
        {
            var renewed = HybridCertificate(renewed: true);
            var renewedName = NameOf(renewed);
            var org = Hybrid(TwoMailbox(), HybridName(HybridCertificate(renewed: false)), renewedName, renewedName, renewed);
            var e = E("The hybrid certificate was renewed under another issuing CA and the old one removed; the connectors were updated, the hybrid configuration still names the old certificate.",
                    "hybrid: the hybrid configuration's TlsCertificateName matches no certificate on its servers")
                .Healthy(org);
            HybridSelections(e, renewed);
            e.F("EXTLS3009", null, "hybridConfiguration", "Hybrid Configuration")
                .Pass("EXTLS3010", "EXTLS3005", "EXTLS3011")
                .Note("Both sending and receiving servers (EX01, EX02) lack a certificate with the named issuer and subject: one 3009 for the configuration, naming the renewed certificate for the fix. "
                    + "The connectors name the renewed certificate, which differs from the configuration: that is the configuration's fault, already reported, so no 3010.");
            yield return new("044-hybrid-certificate-not-found", org, e);
        }

        {
            var current = HybridCertificate(renewed: false);
            var staged = HybridCertificate(renewed: true);
            var org = Hybrid(TwoMailbox(), HybridName(current), NameOf(staged), HybridName(current), current, staged);
            var e = E("The hybrid configuration names the current certificate; the send connector to Exchange Online was pointed at a staged renewal by hand.",
                    "hybrid: a connector of hybrid mail flow names another certificate than the hybrid configuration")
                .Healthy(org);
            HybridSelections(e, staged, current);
            e.F("EXTLS3010", null, "sendConnector", O365)
                .Pass("EXTLS3009", "EXTLS3011", "EXTLS4006")
                .Note("The configuration's certificate is valid and enabled for SMTP on EX01 and EX02 (no 3009), the receive connectors agree with it, the send connector does not: one 3010 for it. "
                    + "IgnoreSTARTTLS is false on it (no 3011). The renewal adds smtp.contoso.com to the names, so the two do not share one set of names (no 4006).");
            yield return new("045-hybrid-connector-certificate-disagrees", org, e);
        }

        {
            var org = TwoMailbox() with
            {
                SendConnectors =
                [
                    Internet("EX01", "EX02"),
                    new SendConn(O365, ["smtp:contoso.mail.onmicrosoft.com;1"], ["EX01", "EX02"], ["contoso-com.mail.protection.outlook.com"], Fqdn: "mail.contoso.com", Cloud: true, IgnoreStartTls: true),
                    new SendConn("Outbound to Fabrikam", ["SMTP:fabrikam.com;1"], ["EX01"], ["smtp.fabrikam.com"], IgnoreStartTls: true),
                ],
            };
            var e = E("The send connector to Exchange Online has IgnoreSTARTTLS set; so has a partner connector.", "hybrid: STARTTLS ignored towards Exchange Online")
                .Healthy(org)
                .F("EXTLS3011", null, "sendConnector", O365)
                .Pass("EXTLS3005")
                .Note("Only the connector to Exchange Online (smart host under mail.protection.outlook.com, CloudServicesMailEnabled) is 3011's: the partner connector ignoring STARTTLS is the near miss. It names Fqdn mail.contoso.com, so not 3005.");
            yield return new("046-hybrid-starttls-ignored-to-exchange-online", org, e);
        }
    }
}
