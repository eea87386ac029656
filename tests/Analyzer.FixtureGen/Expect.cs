using System.Security.Cryptography.X509Certificates;
using Newtonsoft.Json.Linq;

namespace Extls.FixtureGen;

internal sealed record Sel(string Server, string? Connector, string Scenario, bool Advertised, string? Certificate, int EndedAtStep, int[] Events);

internal sealed record VerdictExpect(string Scenario, string Server, string? Connector, string Verdict, string Reason, string[] Observed);

internal sealed record Find(string RuleId, string? Server, string Kind, string Id, int? EventId);

/// <summary>
/// Which receive connector answers a kind of session into a receiver, and the senders that land on it
/// (selection.md, "Which receive connector answers a session"); outcome as the replay names it.
/// </summary>
internal sealed record Ans(string Receiver, string Kind, string? Connector, string Outcome, string[] Senders);

/// <summary>What the spec predicts for one scenario; written by hand per scenario, with helpers for the healthy parts.</summary>
internal sealed class Expect
{
    public const string P1 = "inbound-anonymous-tls", P2 = "outbound-anonymous-tls", P3 = "inbound-starttls", P4 = "outbound-starttls";

    private static readonly Dictionary<string, string> Severity = new(StringComparer.Ordinal)
    {
        ["EXTLS1001"] = "error", ["EXTLS1002"] = "error", ["EXTLS1003"] = "error", ["EXTLS1004"] = "error", ["EXTLS1005"] = "error",
        ["EXTLS1006"] = "warning", ["EXTLS1007"] = "error", ["EXTLS1008"] = "warning",
        ["EXTLS2001"] = "error", ["EXTLS2002"] = "warning", ["EXTLS2003"] = "warning", ["EXTLS2004"] = "error", ["EXTLS2005"] = "error",
        ["EXTLS2006"] = "error", ["EXTLS2007"] = "error", ["EXTLS2008"] = "warning", ["EXTLS2009"] = "warning", ["EXTLS2010"] = "warning",
        ["EXTLS2011"] = "error", ["EXTLS2012"] = "error", ["EXTLS2013"] = "error",
        ["EXTLS3001"] = "error", ["EXTLS3002"] = "error", ["EXTLS3003"] = "error", ["EXTLS3004"] = "warning", ["EXTLS3005"] = "error",
        ["EXTLS3006"] = "error", ["EXTLS3007"] = "warning", ["EXTLS3008"] = "error",
        ["EXTLS3009"] = "error", ["EXTLS3010"] = "warning", ["EXTLS3011"] = "error",
        ["EXTLS4001"] = "warning", ["EXTLS4002"] = "warning", ["EXTLS4003"] = "warning", ["EXTLS4004"] = "note", ["EXTLS4005"] = "error", ["EXTLS4006"] = "note",
        ["EXTLS5001"] = "error", ["EXTLS5002"] = "error",
        ["EXTLS6001"] = "warning", ["EXTLS6002"] = "warning", ["EXTLS6003"] = "warning",
        ["EXTLS9001"] = "warning", ["EXTLS9002"] = "note", ["EXTLS9003"] = "note", ["EXTLS9004"] = "warning",
    };

    public required string Description { get; init; }
    public required string Branch { get; init; }
    public List<string> Inputs { get; } = ["dump"];
    public string AsOf { get; set; } = "2026-06-01T00:00:00Z";
    public int WarningDays { get; set; } = 30;
    public List<string> Scenarios { get; set; } = [P1, P2, P3, P4];
    public List<Sel> Selections { get; } = [];
    public List<Find> Findings { get; } = [];

    /// <summary>The sessions between the servers and the connector that answers each; listed only by the scenarios about it.</summary>
    public List<Ans> Answers { get; } = [];
    public List<string> Passes { get; } = [];

    /// <summary>Near misses the lead's adjudication added after the merge; written after the scenario's own passes, as the adjudicated files list them.</summary>
    public List<string> AdjudicatedPasses { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>The evidence verdict each selection must get; empty for scenarios without logs (their selections carry none).</summary>
    public List<VerdictExpect> Verdicts { get; } = [];

    /// <summary>Folders of raw logs beside the dump, given with --evidence.</summary>
    public List<string> EvidenceInputs { get; } = [];

    /// <summary>Sets the verdict of one selection (replacing an earlier one).</summary>
    public Expect Verdict(string scenario, string server, string? connector, string verdict, string reason, params string[] observed)
    {
        Verdicts.RemoveAll(v => v.Scenario == scenario && v.Server == server && v.Connector == connector);
        Verdicts.Add(new VerdictExpect(scenario, server, connector, verdict, reason, observed));
        return this;
    }
    public SortedDictionary<string, SortedDictionary<string, string>> Styles { get; } = new(StringComparer.Ordinal);

    public Expect Note(string n)
    {
        Notes.Add(n);
        return this;
    }

    public Expect Pass(params string[] ids)
    {
        Passes.AddRange(ids);
        return this;
    }

    public Expect F(string rule, string? server, string kind, string id, int? ev = null)
    {
        Findings.Add(new Find(rule, server, kind, id, ev));
        return this;
    }

    public Expect Answer(string receiver, string kind, string? connector, string outcome, params string[] senders)
    {
        Answers.Add(new Ans(receiver, kind, connector, outcome, senders));
        return this;
    }

    /// <summary>
    /// EXTLS5001 is one finding per root-cause finding, filed under the server where anonymous TLS fails, its
    /// target the root cause's rule and target id; the pairs it breaks are in its message, never one finding each.
    /// </summary>
    public Expect MailFlow(string rootCauseRule, string server, string rootCauseTarget) =>
        F("EXTLS5001", server, "mailFlow", $"{rootCauseRule}/{rootCauseTarget}");

    public Expect Cert(string rule, string server, string thumbprint, int? ev = null) => F(rule, server, "certificate", $"{server}/{thumbprint}", ev);

    /// <summary>
    /// Lead's adjudication: a defect of the certificate a process chose (2006/2007/2008 for process 3, 3002/3003/3004 for process 4)
    /// is one finding on that certificate, whose impacts list the connectors, because one fix on the certificate mends them all.
    /// Call after the selections are set: the certificate must be one the process chose on that server.
    /// </summary>
    public Expect OnChosen(string rule, string scenario, string server, string thumbprint, int? ev = null)
    {
        if (!Selections.Any(s => s.Scenario == scenario && s.Server == server && s.Certificate == thumbprint))
        {
            throw new InvalidOperationException($"{rule}: {thumbprint} is not chosen by {scenario} on {server}");
        }

        return Cert(rule, server, thumbprint, ev);
    }

    /// <summary>
    /// Lead's adjudication: EXTLS4006 targets the certificate that wins among those sharing one set of names (process 3 ranks by
    /// NotBefore, newest first), so two name sets on one server stay two findings.
    /// </summary>
    public Expect SameNames(string server, params X509Certificate2[] sharing) =>
        Cert("EXTLS4006", server, sharing.MaxBy(c => c.NotBefore.ToUniversalTime())!.Thumbprint);

    /// <summary>Lead's adjudication: EXTLS9002 is one finding per server whose store came through a remote export (properties unknown), listing its certificates.</summary>
    public Expect DetailsIncomplete(Org org)
    {
        foreach (var s in org.Servers.Where(s => s.CertStyle == Style.Remote))
        {
            F("EXTLS9002", s.Name, "server", s.Name);
        }

        return this;
    }

    /// <summary>Lead's adjudication: EXTLS9004 is one finding per contradiction, target SERVER/KIND/SUBJECT/PROPERTY, so two disagreeing properties stay two findings.</summary>
    public Expect Contradiction(string server, string kind, string subject, string property) =>
        F("EXTLS9004", server, "snapshot", $"{server}/{kind}/{subject}/{property}");

    /// <summary>The lead's ruling after the merge, appended to the notes; passes it adds are listed after the scenario's own.</summary>
    public Expect Adjudication(string ruling, params string[] passes)
    {
        AdjudicatedPasses.AddRange(passes);
        return Note("Lead's adjudication after the merge: " + ruling);
    }

    /// <summary>The healthy replay of every server and send connector of the org; scenarios then change what differs.</summary>
    public Expect Healthy(Org org)
    {
        foreach (var s in org.Servers.Where(s => s.Role is "Mailbox" or "Edge"))
        {
            var internalThumb = s.AdCert!.Thumbprint;
            var starttls = Baseline.CaCert(s.Name).Thumbprint;
            foreach (var c in s.Connectors)
            {
                var exAuth = (c.Auth & 16) != 0;
                Selections.Add(new Sel(s.Name, c.Identity, P1, exAuth, exAuth ? internalThumb : null, exAuth ? 5 : 2, []));
                var tls = (c.Auth & 1) != 0;
                Selections.Add(new Sel(s.Name, c.Identity, P3, tls, tls ? starttls : null, tls ? 10 : 2, []));
            }

            if (s.Role == "Mailbox")
            {
                Selections.Add(new Sel(s.Name, null, P2, true, internalThumb, 4, []));
            }
        }

        foreach (var sc in org.SendConnectors)
        {
            foreach (var src in sc.Sources)
            {
                Selections.Add(new Sel(src, sc.Name, P4, true, Baseline.CaCert(src).Thumbprint, 2, []));
            }
        }

        return this;
    }

    public Expect Set(string scenario, string server, string? connector, bool advertised, string? cert, int step, params int[] events)
    {
        var i = Selections.FindIndex(s => s.Scenario == scenario && s.Server == server && s.Connector == connector);
        if (i < 0)
        {
            throw new InvalidOperationException($"no selection {scenario} {server} {connector}");
        }

        Selections[i] = new Sel(server, connector, scenario, advertised, cert, step, events);
        return this;
    }

    public Expect Remove(Func<Sel, bool> match)
    {
        Selections.RemoveAll(s => match(s));
        return this;
    }

    public Expect Add(Sel s)
    {
        Selections.Add(s);
        return this;
    }

    public Expect Only(params string[] scenarios)
    {
        Scenarios = [.. scenarios];
        return this;
    }

    public JObject ToJson()
    {
        var scen = Scenarios.ToHashSet(StringComparer.Ordinal);
        var sels = Selections.Where(s => scen.Contains(s.Scenario))
            .OrderBy(s => s.Scenario, StringComparer.Ordinal).ThenBy(s => s.Server, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connector ?? "", StringComparer.OrdinalIgnoreCase).ToList();
        var finds = Findings.OrderBy(f => f.Server ?? "", StringComparer.OrdinalIgnoreCase).ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        var exit = finds.Any(f => Severity[f.RuleId] == "error") ? 1 : 0;
        var json = new JObject
        {
            ["description"] = Description,
            ["branch"] = Branch,
            ["inputs"] = new JArray(Inputs.Cast<object>().ToArray()),
            ["asOf"] = AsOf,
            ["warningDays"] = WarningDays,
            ["scenarios"] = new JArray(Scenarios.Cast<object>().ToArray()),
            ["selections"] = new JArray(sels.Select(s => new JObject
            {
                ["server"] = s.Server,
                ["connector"] = s.Connector,
                ["scenario"] = s.Scenario,
                ["advertised"] = s.Advertised,
                ["certificate"] = s.Certificate,
                ["events"] = new JArray(s.Events.Cast<object>().ToArray()),
                ["endedAtStep"] = s.EndedAtStep,
            })),
            ["findings"] = new JArray(finds.Select(f => new JObject
            {
                ["ruleId"] = f.RuleId,
                ["server"] = f.Server,
                ["target"] = new JObject { ["kind"] = f.Kind, ["id"] = f.Id },
                ["eventId"] = f.EventId,
                ["severity"] = Severity[f.RuleId],
            })),
            ["passes"] = new JArray(Passes.Distinct().Order(StringComparer.Ordinal)
                .Concat(AdjudicatedPasses.Except(Passes, StringComparer.Ordinal).Order(StringComparer.Ordinal)).Cast<object>().ToArray()),
            ["exitCode"] = exit,
            ["styles"] = JObject.FromObject(Styles),
            ["notes"] = string.Join(" ", Notes.Prepend(GeneralNotes)),
        };
        if (Verdicts.Count > 0)
        {
            // Only the scenarios with logs carry verdicts; the others' expected.json stays as it was.
            json["evidenceInputs"] = new JArray(EvidenceInputs.Cast<object>().ToArray());
            json["evidence"] = new JArray(Verdicts.Where(v => scen.Contains(v.Scenario))
                .OrderBy(v => v.Scenario, StringComparer.Ordinal).ThenBy(v => v.Server, StringComparer.OrdinalIgnoreCase)
                .ThenBy(v => v.Connector ?? "", StringComparer.OrdinalIgnoreCase)
                .Select(v => new JObject
                {
                    ["server"] = v.Server,
                    ["connector"] = v.Connector,
                    ["scenario"] = v.Scenario,
                    ["verdict"] = v.Verdict,
                    ["reason"] = v.Reason,
                    ["observedCertificates"] = new JArray(v.Observed.Cast<object>().ToArray()),
                }));
        }

        if (Answers.Count > 0)
        {
            json["answers"] = new JArray(Answers
                .OrderBy(a => a.Receiver, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Kind, StringComparer.Ordinal).ThenBy(a => a.Connector ?? "", StringComparer.OrdinalIgnoreCase)
                .Select(a => new JObject
                {
                    ["receiver"] = a.Receiver,
                    ["kind"] = a.Kind,
                    ["connector"] = a.Connector,
                    ["outcome"] = a.Outcome,
                    ["senders"] = new JArray(a.Senders.Order(StringComparer.OrdinalIgnoreCase).Cast<object>().ToArray()),
                }));
        }

        return json;
    }

    public const string GeneralNotes =
        "General readings (apply to every scenario): endedAtStep is the step of selection.md whose outcome ended the replay: process 1 success 5, " +
        "no ExchangeServer auth or SuppressXAnonymousTls 2 (A1), AD 3, store 4; process 2 Mailbox thumbprint empty 1, AD 2, store 3, success 4, Edge connector check 1; " +
        "process 3 no Tls 2, no candidate 6, none eligible 7, chosen 10, chosen without SMTP 11; process 4 has its own numbering: chosen 2 (it runs process 3 steps 6-10 inside step 2), " +
        "TlsCertificateName not found 3, chosen without SMTP 4, hybrid implicit certificate 5. Process 4 selections carry no events: the 12014/12016/12018 texts speak of a receive connector " +
        "offering STARTTLS; the send side reports 454 4.7.5 or UnknownCredentials, not an event. The AD events 12012/12022 are listed on the selections they explain though Exchange logs them once at " +
        "service start-up. The test connectors per Mailbox server are Default <srv> (2525, AuthMechanism 31, ExchangeUsers+ExchangeServers+ExchangeLegacyServers, Fqdn = server FQDN), " +
        "Default Frontend <srv> (25, 31, AnonymousUsers+ExchangeServers+ExchangeLegacyServers) and Client Frontend <srv> (587, 15, ExchangeUsers); each store holds the self-signed CN=<srv> internal " +
        "certificate (SHA-256, 2023-02-01..2028-02-01, IMAP/POP/IIS/SMTP) and a CA-issued CN=<srv fqdn> certificate (SAN srv fqdn, mail., autodiscover.; 2026-02-01..2028-08-01, IIS/SMTP), so the CA certificate " +
        "is both the newest NotBefore and the latest NotAfter and wins process 3/4 under every reading. The self-signed and CA certificates share the server FQDN; EXTLS4006 is read as 'the same set of names' " +
        "(identical subject and SAN set), never as a partial overlap, which every default install has. EXTLS5001 is one finding per root cause (target mailFlow RULE/TARGET), filed under the server where anonymous TLS fails. exitCode assumes --fail-on error.";
}
