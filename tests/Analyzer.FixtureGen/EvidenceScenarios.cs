using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Extls.Generation.Logs;
using Newtonsoft.Json.Linq;
using static Extls.FixtureGen.Baseline;
using static Extls.FixtureGen.Certs;
using static Extls.FixtureGen.Expect;

namespace Extls.FixtureGen;

/// <summary>
/// What the servers' own logs hold for a scenario: protocol-log extracts and event exports inside the dump, raw log
/// folders beside it (given with --evidence), and the ProtocolLoggingLevel of connectors. Written after the dump.
/// </summary>
internal sealed record EvidenceDef
{
    /// <summary>Files by path relative to the scenario folder ("dump/servers/EX01/ProtocolLog/…", "logs/EX01/…").</summary>
    public ImmutableSortedDictionary<string, byte[]> Files { get; init; } = ImmutableSortedDictionary<string, byte[]>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Receive connector identity → ProtocolLoggingLevel ("None" or "Verbose"); the others are Verbose.</summary>
    public ImmutableSortedDictionary<string, string> Logging { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Folders of raw logs beside the dump, given to analyze with --evidence.</summary>
    public ImmutableArray<string> Inputs { get; init; } = [];

    public EvidenceDef With(string path, byte[] content) => this with { Files = Files.SetItem(path, content) };

    public EvidenceDef Log(string server, string service, ProtocolLogKind kind, IEnumerable<SessionSpec> sessions, string? root = null)
    {
        var folder = kind == ProtocolLogKind.Receive ? "SmtpReceive" : "SmtpSend";
        var dir = root is null ? $"dump/servers/{server}/ProtocolLog/{service}/{folder}/" : $"{root}/{server}/{folder}/";

        // Exchange numbers the files of one hour: RECV2026053100-1.LOG, RECV2026053100-2.LOG, …
        var number = Files.Keys.Count(k => k.StartsWith(dir, StringComparison.Ordinal)) + 1;
        var path = dir + (kind == ProtocolLogKind.Receive ? "RECV" : "SEND") + "2026053100-" + number.ToString(CultureInfo.InvariantCulture) + ".LOG";
        var sb = new StringWriter(CultureInfo.InvariantCulture);
        var writer = new ProtocolLogWriter(sb, kind);
        writer.Header(EvidenceScenarios.Day);
        foreach (var s in sessions)
        {
            ProtocolLogSessions.Write(writer, s);
        }

        return With(path, Encoding.UTF8.GetBytes(sb.ToString()));
    }

    /// <summary>TransportEvents.json as the collector writes it: an array, ISO dates, UTF-8 without BOM.</summary>
    public EvidenceDef Events(string server, params (int Id, DateTimeOffset Time, string Level, string Message)[] events) =>
        With($"dump/servers/{server}/TransportEvents.json", new UTF8Encoding(false).GetBytes(new JArray(events.Select(e => new JObject
        {
            ["TimeCreated"] = e.Time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Id"] = e.Id,
            ["ProviderName"] = "MSExchangeTransport",
            ["LevelDisplayName"] = e.Level,
            ["Message"] = e.Message,
            ["MachineName"] = server.ToLowerInvariant() + ".contoso.com",
        })).ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n"));

    /// <summary>Writes the files and the logging levels into the scenario folder; returns the dump's new files with their styles.</summary>
    public SortedDictionary<string, string> Apply(string dir)
    {
        var styles = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, content) in Files)
        {
            var full = Path.Combine(dir, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
            if (path.StartsWith("dump/", StringComparison.Ordinal))
            {
                styles[path["dump/".Length..]] = path.EndsWith(".LOG", StringComparison.Ordinal) ? "protocol-log" : "collector";
            }
        }

        // The collector records each receive connector's ProtocolLoggingLevel, name and number.
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "dump", "servers"), "ReceiveConnector.json", SearchOption.AllDirectories))
        {
            var rows = JArray.Parse(File.ReadAllText(file));
            foreach (var row in rows.OfType<JObject>())
            {
                var level = Logging.GetValueOrDefault((string)row["Identity"]!) ?? "Verbose";
                row["ProtocolLoggingLevel"] = level;
                row["ProtocolLoggingLevelValue"] = level == "None" ? 0 : 1;
            }

            File.WriteAllBytes(file, new UTF8Encoding(false).GetBytes(rows.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n"));
        }

        return styles;
    }
}

/// <summary>The evidence scenarios: predictions checked against the servers' own logs, with the verdicts they must give.</summary>
internal static class EvidenceScenarios
{
    public static readonly DateTimeOffset Day = new(2026, 5, 31, 0, 0, 0, TimeSpan.Zero);

    private static string Ss(string s) => SelfSigned(s).Thumbprint;

    private static string Ca(string s) => CaCert(s).Thumbprint;

    /// <summary>Sessions one a minute from <paramref name="at"/>.</summary>
    private static IEnumerable<SessionSpec> Sessions(string connector, int count, DateTimeOffset at, Func<SessionSpec, SessionSpec> shape, string prefix = "08DE7C1F") =>
        Enumerable.Range(0, count).Select(i => shape(new SessionSpec
        {
            Start = at.AddMinutes(i * 7),
            Connector = connector,
            SessionId = prefix + i.ToString("X8", CultureInfo.InvariantCulture),
            Remote = $"203.0.113.{(i % 50) + 10}:{51000 + i}",
            WithMessage = false,
        }));

    private static PresentedCertificate Presented(X509Certificate2 c) => PresentedCertificate.From(c, TimeSpan.FromHours(9));

    /// <summary>
    /// Every selection of the healthy replay gets a verdict: the ones the scenario's logs speak about are set after;
    /// the rest are unobserved, because the server's logs of that direction were not read or hold no such session.
    /// </summary>
    private static Expect Unobserved(Expect e, Func<Sel, string> reason)
    {
        foreach (var s in e.Selections)
        {
            e.Verdict(s.Scenario, s.Server, s.Connector, "unobserved", reason(s));
        }

        return e;
    }

    private static string Direction(Sel s) => s.Scenario is P1 or P3 ? "receive" : "send";

    public static IEnumerable<ScenarioDef> All()
    {
        // ---------------- confirmed ----------------
        {
            var org = TwoMailbox();
            var ev = new EvidenceDef()
                .Log("EX01", "FrontEnd", ProtocolLogKind.Receive, Sessions("EX01\\Default Frontend EX01", 12, Day, s => s with { Presented = Presented(CaCert("EX01")), ServerName = "EX01.contoso.com" }))
                .Log("EX01", "Hub", ProtocolLogKind.Receive, Sessions("EX01\\Default EX01", 5, Day.AddMinutes(3), s => s with
                {
                    TlsVerb = "X-ANONYMOUSTLS", Presented = Presented(SelfSigned("EX01")), Form = CertificateRowForm.SeveralRows, EhloOneRowPerExtension = true,
                    Remote = "10.0.0.12:" + s.Remote.Split(':')[1], Local = "10.0.0.11:2525", Ehlo = "EX02.contoso.com",
                }, "08DE7C2A"))
                .Log("EX01", "Hub", ProtocolLogKind.Send, Sessions("Intra-Organization SMTP Send Connector", 4, Day.AddMinutes(1), s => s with
                {
                    TlsVerb = "X-ANONYMOUSTLS", Presented = Presented(SelfSigned("EX01")), Ehlo = "EX01.contoso.com", Local = "10.0.0.11:" + s.Remote.Split(':')[1], Remote = "10.0.0.12:2525",
                }, "08DE7C3B"))
                .Log("EX01", "Hub", ProtocolLogKind.Send, Sessions("Outbound to Internet", 3, Day.AddMinutes(2), s => s with
                {
                    Presented = Presented(CaCert("EX01")), Ehlo = "ex01.contoso.com", Local = "10.0.0.11:" + s.Remote.Split(':')[1], Remote = "198.51.100.25:25",
                }, "08DE7C4C"))
                .Events("EX01");
            var e = E("EX01's logs: Default Frontend EX01 presented its CA certificate in 12 STARTTLS sessions, Default EX01 its self-signed internal certificate in 5 X-ANONYMOUSTLS sessions (older several-rows form), and EX01 sent with both as predicted.",
                    "evidence: confirmed STARTTLS and X-ANONYMOUSTLS, both certificate row forms")
                .Healthy(org).Pass("EXTLS6001", "EXTLS6002", "EXTLS6003");
            Unobserved(e, s => s.Server == "EX02" ? "no-log-collected" : "no-sessions")
                .Verdict(P3, "EX01", "EX01\\Default Frontend EX01", "confirmed", "presented-predicted-certificate", Ca("EX01"))
                .Verdict(P1, "EX01", "EX01\\Default EX01", "confirmed", "presented-predicted-certificate", Ss("EX01"))
                .Verdict(P2, "EX01", null, "confirmed", "presented-predicted-certificate", Ss("EX01"))
                .Verdict(P4, "EX01", "Outbound to Internet", "confirmed", "presented-predicted-certificate", Ca("EX01"))
                .Note("Every EHLO answer on Default Frontend EX01 offered STARTTLS and X-ANONYMOUSTLS; the STARTTLS sessions make inbound-anonymous-tls there 'no-sessions' (offered, never used), not a verdict on a certificate. The SEND log is tied to EX01 by its folder. EX01's event export is empty: no event contradicts the replay. EX02 sent no logs: all its selections are 'no-log-collected'.");
            yield return new("060-evidence-confirmed", org, e) { Evidence = ev };
        }

        // ---------------- contradicted STARTTLS ----------------
        {
            var prev = Issued("ca-EX01-prev", "CN=ex01.contoso.com, O=Contoso Ltd, C=US", ["ex01.contoso.com", "mail.contoso.com", "autodiscover.contoso.com"], D(2025, 2, 1), D(2027, 2, 1));
            var org = TwoMailbox().WithServer("EX01", s => s with { Store = s.Store.Add(SmtpCa(prev)) });
            var ev = new EvidenceDef()
                .Log("EX01", "FrontEnd", ProtocolLogKind.Receive, Sessions("EX01\\Default Frontend EX01", 9, Day, s => s with { Presented = Presented(prev) }));
            var e = E("EX01 holds two CA certificates for ex01.contoso.com; the replay picks the 2026 renewal (newest NotBefore) but the protocol log shows Default Frontend EX01 presenting last year's in 9 STARTTLS sessions.",
                    "evidence: contradicted STARTTLS choice (EXTLS6001)")
                .Healthy(org).SameNames("EX01", prev, CaCert("EX01"))
                .F("EXTLS6001", "EX01", "receiveConnector", $"EX01\\Default Frontend EX01/{prev.Thumbprint}")
                .Pass("EXTLS2010", "EXTLS6002", "EXTLS6003")
                .Adjudication("4006 targets the certificate that wins among those sharing the names.");
            Unobserved(e, s => s.Server == "EX02" || Direction(s) == "send" ? "no-log-collected" : "no-sessions")
                .Verdict(P3, "EX01", "EX01\\Default Frontend EX01", "contradicted", "other-certificate-presented", prev.Thumbprint)
                .Note("One finding for the connector and the observed certificate, not one per session; it names A5 and A7 (the ranking between the two certificates is the model's). Exchange's row dates are local time with a literal Z (here +09:00); they are never compared, only the thumbprint.");
            yield return new("061-evidence-contradicted-starttls", org, e) { Evidence = ev };
        }

        // ---------------- fall-back event 12024 ----------------
        {
            var org = TwoMailbox().WithServer("EX02", s => s with { Store = s.Store.RemoveAll(c => c.Cert.Thumbprint == Ss("EX02")) });
            var ev = new EvidenceDef()
                .Events("EX02",
                    (12013, Day.AddHours(2), "Error", "Microsoft Exchange could not load the certificate with thumbprint of " + Ss("EX02") + " from the personal store on the local computer."),
                    (12024, Day.AddHours(2).AddSeconds(1), "Warning", "Microsoft Exchange could not load the internal transport certificate. An ephemeral self-signed certificate will be used."),
                    (12024, Day.AddHours(14), "Warning", "Microsoft Exchange could not load the internal transport certificate. An ephemeral self-signed certificate will be used."));
            var e = E("EX02's internal transport certificate was deleted from the store; its Application log shows 12013 and then twice the ephemeral fall-back 12024.",
                    "evidence: a fall-back event refutes A2 (EXTLS6003)")
                .Healthy(org);
            e = AnonymousDown(e, "EX02")
                .F("EXTLS1004", "EX02", "server", "EX02", 12013).MailFlow("EXTLS1004", "EX02", "EX02")
                .F("EXTLS6003", "EX02", "server", "EX02")
                .Pass("EXTLS6001", "EXTLS6002");
            Unobserved(e, _ => "no-log-collected")
                .Note("12013 is predicted (A2: not in the store, no fall-back), so it contradicts nothing; 12024 is not, and refutes A2 on EX02. The selections carry the events but no protocol log was collected: unobserved, no-log-collected.");
            yield return new("062-evidence-fallback-12024", org, e) { Evidence = ev };
        }

        // ---------------- UnknownCredentials ----------------
        {
            var org = TwoMailbox().WithServer("EX01", s => s with { Store = s.Store.Select(c => c.Cert.Thumbprint == Ca("EX01") ? c with { Services = Iis } : c).ToImmutableList() });
            var ev = new EvidenceDef()
                .Log("EX01", "FrontEnd", ProtocolLogKind.Receive, Sessions("EX01\\Default Frontend EX01", 6, Day, s => s with { Presented = Presented(CaCert("EX01")), Failure = "UnknownCredentials" }));
            var e = E("EX01's CA certificate is enabled for IIS only; the protocol log shows every STARTTLS session on Default Frontend EX01 failing with UnknownCredentials.",
                    "evidence: TLS failures where the replay predicted them (EXTLS6002 warning)")
                .Healthy(org);
            foreach (var c in MailboxConnectors("EX01"))
            {
                e.Set(P3, "EX01", c.Identity, true, Ca("EX01"), 11);
            }

            e.Set(P4, "EX01", "Outbound to Internet", true, Ca("EX01"), 4)
                .OnChosen("EXTLS2006", P3, "EX01", Ca("EX01")).OnChosen("EXTLS3002", P4, "EX01", Ca("EX01"))
                .F("EXTLS6002", "EX01", "receiveConnector", "EX01\\Default Frontend EX01")
                .Pass("EXTLS6001", "EXTLS6003");
            Unobserved(e, s => s.Server == "EX02" || Direction(s) == "send" ? "no-log-collected" : "no-sessions")
                .Verdict(P3, "EX01", "EX01\\Default Frontend EX01", "confirmed", "presented-predicted-certificate", Ca("EX01"))
                .Note("The verdict is about the certificate presented, which is the predicted one: confirmed, with the failures reported beside it. EXTLS6002 stays a warning because the replay predicted the failure (A6, EXTLS2006 names the root cause).");
            yield return new("063-evidence-unknowncredentials", org, e) { Evidence = ev };
        }

        // ---------------- logging off ----------------
        {
            var org = TwoMailbox();
            var ev = new EvidenceDef
            {
                Logging = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("EX01\\Default EX01", "None")]),
            }
                .Log("EX01", "FrontEnd", ProtocolLogKind.Receive, Sessions("EX01\\Default Frontend EX01", 3, Day, s => s with { Presented = Presented(CaCert("EX01")) }));
            var e = E("Default EX01 has ProtocolLoggingLevel None (Exchange's default for it): its selections stay unobserved with that reason, while Default Frontend EX01's are checked.",
                    "evidence: a connector that does not log")
                .Healthy(org).Pass("EXTLS6001", "EXTLS6002", "EXTLS6003");
            Unobserved(e, s => s.Server == "EX02" || Direction(s) == "send" ? "no-log-collected" : s.Connector == "EX01\\Default EX01" ? "logging-disabled" : "no-sessions")
                .Verdict(P3, "EX01", "EX01\\Default Frontend EX01", "confirmed", "presented-predicted-certificate", Ca("EX01"));
            yield return new("064-evidence-logging-off", org, e) { Evidence = ev };
        }

        // ---------------- raw logs beside the dump ----------------
        {
            var org = TwoMailbox();
            var other = SelfSigned("EX02");
            var ev = new EvidenceDef { Inputs = ["logs"] }
                .Log("EX02", "FrontEnd", ProtocolLogKind.Receive, Sessions("EX02\\Default Frontend EX02", 4, Day, s => s with { Presented = Presented(CaCert("EX02")), WithMessage = true, ServerName = "EX02.contoso.com" }), root: "logs")
                .Log("EX02", "Hub", ProtocolLogKind.Receive, Sessions("EX02\\Default EX02", 2, Day, s => s with
                {
                    TlsVerb = "X-ANONYMOUSTLS", Presented = Presented(other), WithMessage = true, Remote = "10.0.0.11:" + s.Remote.Split(':')[1], Local = "10.0.0.12:2525",
                }, "08DE7D00"), root: "logs-hub");
            var e = E("Raw RECV*.LOG files as Exchange wrote them (MAIL FROM, RCPT TO and all), handed over beside the dump and given with --evidence; they name their server in every row's connector id.",
                    "evidence: raw protocol logs with --evidence");
            e.Healthy(org).Pass("EXTLS6001", "EXTLS6002", "EXTLS6003");
            Unobserved(e, s => s.Server == "EX01" || Direction(s) == "send" ? "no-log-collected" : "no-sessions")
                .Verdict(P3, "EX02", "EX02\\Default Frontend EX02", "confirmed", "presented-predicted-certificate", Ca("EX02"))
                .Verdict(P1, "EX02", "EX02\\Default EX02", "confirmed", "presented-predicted-certificate", Ss("EX02"));
            e.EvidenceInputs.AddRange(["logs", "logs-hub"]);
            yield return new("065-evidence-raw-logs", org, e) { Evidence = ev };
        }
    }

    private static Expect E(string description, string branch) => new() { Description = description, Branch = branch };

    private static Expect AnonymousDown(Expect e, string server)
    {
        e.Set(P1, server, $"{server}\\Default {server}", false, null, 4, 12013);
        e.Set(P1, server, $"{server}\\Default Frontend {server}", false, null, 4, 12013);
        e.Set(P2, server, null, false, null, 3, 12013);
        return e;
    }
}
