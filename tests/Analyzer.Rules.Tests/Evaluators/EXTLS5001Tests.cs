using Extls.Model;
using Extls.Rules.Configuration;
using Extls.Rules.Evaluators;
using Extls.Selection;
using Extls.TestKit;
using Xunit.Abstractions;

namespace Extls.Rules.Tests.Evaluators;

// EXTLS5001 reads the other rules' findings, so it is tested through the real engine (real replay, real
// descriptors): the root cause it names must be a finding of the same run, fingerprint included.
public sealed class EXTLS5001Tests
{
    private static readonly AnalysisEngine Engine = AnalysisEngine.CreateDefault();

    private static AnalysisResult Analyze(OrganizationSnapshot org, AnalysisOptions? options = null) =>
        Engine.Analyze(org, [], options ?? new AnalysisOptions(Build.AsOf, 30));

    private static Finding[] PairFindings(AnalysisResult result) => [.. result.Findings.Where(f => f.RuleId == RuleIds.EXTLS5001)];

    private static ServerSnapshot WithoutExchangeServerAuth(ServerSnapshot server, string connector) =>
        server.WithConnectors([.. server.ReceiveConnectors.Items.Select(c => c.Name == connector
            ? c with { AuthMechanism = c.AuthMechanism & ~ReceiveAuthMechanism.ExchangeServer }
            : c)]);

    private static ServerSnapshot AdEmpty(ServerSnapshot server) => server with { InternalCertificate = Build.Ad(null) };

    private static OrganizationSnapshot Org(int count, Func<ServerSnapshot, ServerSnapshot>? change = null, params string[] broken) =>
        Build.Org([.. Enumerable.Range(1, count).Select(i => $"EX{i:00}")
            .Select(n => Build.Mailbox(n))
            .Select(s => broken.Contains(s.Name) && change is not null ? change(s) : s)]);

    [Fact]
    public void A_connector_without_ExchangeServer_auth_is_one_finding_naming_EXTLS2001_by_fingerprint()
    {
        var org = Build.Org(Build.Mailbox("EX01"), WithoutExchangeServerAuth(Build.Mailbox("EX02"), "Default EX02"), Build.Mailbox("EX03"));

        var result = Analyze(org);

        var rootCause = Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS2001);
        var f = Assert.Single(PairFindings(result));
        Assert.Equal(new FindingTarget(FindingTargetKind.MailFlow, "EXTLS2001/EX02\\Default EX02"), f.Target);
        Assert.Equal("EX02", f.Server);
        Assert.Equal(
            $"Anonymous TLS fails in 2 server pairs at EX02: 0 sending to no server; 2 receiving from EX01, EX03. Why: the receive connector lacks ExchangeServer authentication. Root cause: EXTLS2001 (fingerprint {rootCause.Fingerprint}).",
            f.Message);
        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EX02", "EX02\\Default EX02")], f.Impacts.ToArray());
        Assert.Equal(rootCause.Location, f.Location);
    }

    [Fact]
    public void A_server_broken_both_ways_is_one_finding_carrying_both_directions()
    {
        var org = Build.Org(Build.Mailbox("EX01"), AdEmpty(Build.Mailbox("EX02")), Build.Mailbox("EX03"));

        var result = Analyze(org);

        var rootCause = Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS1002);
        var f = Assert.Single(PairFindings(result));
        Assert.Equal(new FindingTarget(FindingTargetKind.MailFlow, "EXTLS1002/EX02"), f.Target);
        Assert.Contains("in 4 server pairs at EX02: 2 sending to EX01, EX03; 2 receiving from EX01, EX03.", f.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Root cause: EXTLS1002 (fingerprint {rootCause.Fingerprint}).", f.Message, StringComparison.Ordinal);
        Assert.Equal(
            [new Impact(Scenario.InboundAnonymousTls, "EX02", "EX02\\Default EX02"), new Impact(Scenario.OutboundAnonymousTls, "EX02", null)],
            f.Impacts.ToArray());
    }

    [Fact]
    public void Empty_AD_and_no_transport_thumbprint_is_EXTLS1002_which_lists_outbound_anonymous_TLS()
    {
        // Both sides agree there is no certificate: EXTLS1008 has nothing to report, and the pair finding must not name it.
        var org = Build.Org(Build.Mailbox("EX01"), AdEmpty(Build.Mailbox("EX02")).WithTransportThumbprint(""));

        var result = Analyze(org);

        Assert.DoesNotContain(result.Findings, f => f.RuleId == RuleIds.EXTLS1008);
        var rootCause = Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS1002);
        Assert.Contains(new Impact(Scenario.OutboundAnonymousTls, "EX02", null), rootCause.Impacts);
        var f = Assert.Single(PairFindings(result));
        Assert.Equal(new FindingTarget(FindingTargetKind.MailFlow, "EXTLS1002/EX02"), f.Target);
        Assert.Contains("Why: Get-TransportService shows no internal transport certificate; Active Directory holds no internal transport certificate.", f.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Root cause: EXTLS1002 (fingerprint {rootCause.Fingerprint}).", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_transport_thumbprint_beside_an_AD_certificate_is_EXTLS1008_for_the_outbound_half_only()
    {
        var org = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02").WithTransportThumbprint(""));

        var result = Analyze(org);

        var rootCause = Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS1008);
        Assert.Equal([new Impact(Scenario.OutboundAnonymousTls, "EX02", null)], rootCause.Impacts.ToArray());
        var f = Assert.Single(PairFindings(result));
        Assert.Equal(new FindingTarget(FindingTargetKind.MailFlow, "EXTLS1008/EX02"), f.Target);
        Assert.Contains("in 1 server pairs at EX02: 1 sending to EX01; 0 receiving from no server.", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_broken_servers_are_two_findings_and_a_pair_broken_on_both_sides_counts_for_each()
    {
        var org = Org(4, AdEmpty, "EX02", "EX03");

        var found = PairFindings(Analyze(org));

        Assert.Equal(["EXTLS1002/EX02", "EXTLS1002/EX03"], found.Select(f => f.Target.Id).Order(StringComparer.Ordinal));
        // Each server's half fails with all three peers, EX02<->EX03 included.
        Assert.All(found, f => Assert.Contains("in 6 server pairs", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Never_a_finding_per_pair_however_large_the_organisation()
    {
        var org = Org(40, AdEmpty, "EX07");

        var result = Analyze(org);

        var f = Assert.Single(PairFindings(result));
        Assert.Contains("in 78 server pairs at EX07: 39 sending to EX01, EX02, EX03, EX04, EX05, EX06, EX08, EX09, EX10, EX11 and 29 more; 39 receiving from EX01, EX02, EX03, EX04, EX05, EX06, EX08, EX09, EX10, EX11 and 29 more.", f.Message, StringComparison.Ordinal);
        Assert.Equal(2, f.Impacts.Length);
    }

    [Fact]
    public void One_root_cause_on_two_servers_is_one_finding_whose_peers_are_merged_and_counted_once_each()
    {
        // Two Edge servers subscribed to one site share EdgeSync's connector to it: one EXTLS3006 finding breaks the
        // outbound half of both Edges, so EXTLS5001 is one finding for the pair of them, each Edge's three Mailbox peers
        // counted as pairs (six) but listed once (three names).
        Func<string, ServerSnapshot> edge = name => Build.Mailbox(name, "dmz.contoso.com") with
        {
            Role = TransportServerRole.Edge,
            ServerRoleText = "Edge",
            ReceiveConnectors = Section<ReceiveConnector>.Collected(
                [Build.Receive(name, $"Default internal receive connector {name}", auth: ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer,
                    permissions: PermissionGroups.AnonymousUsers | PermissionGroups.ExchangeServers | PermissionGroups.Partners,
                    role: ConnectorTransportRole.Edge, binding: "0.0.0.0:25")],
                Build.Loc($"servers/{name}/ReceiveConnector.json")),
        };
        var org = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02"), Build.Mailbox("EX03"), edge("EDGE01"), edge("EDGE02")).WithSendConnectors(
            Build.Send("EdgeSync - Inbound to Default-First-Site-Name", "EDGE01", "EDGE02") with { SmartHosts = ["--"], SmartHostAuthMechanism = SmartHostAuthMechanism.BasicAuth }) with
        {
            EdgeSubscriptions = Section<EdgeSubscription>.Collected(
                [new EdgeSubscription { Name = "EDGE01", Location = Build.Loc() }, new EdgeSubscription { Name = "EDGE02", Location = Build.Loc() }], Build.Loc()),
        };

        var result = Analyze(org);

        var rootCause = Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS3006);
        var f = Assert.Single(PairFindings(result));
        Assert.Equal(new FindingTarget(FindingTargetKind.MailFlow, "EXTLS3006/" + rootCause.Target.Id), f.Target);
        Assert.Contains("in 6 server pairs at EDGE01, EDGE02: 6 sending to EX01, EX02, EX03; 0 receiving from no server.", f.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Root cause: EXTLS3006 (fingerprint {rootCause.Fingerprint}).", f.Message, StringComparison.Ordinal);
        Assert.Equal([new Impact(Scenario.OutboundAnonymousTls, "EDGE01", null), new Impact(Scenario.OutboundAnonymousTls, "EDGE02", null)], f.Impacts.ToArray());
        // The finding is the root cause's, which is filed under no one server (an organisation's send connector).
        Assert.Null(f.Server);
    }

    [Fact]
    public void A_root_cause_switched_off_is_not_named_the_broken_server_is_reported_with_cause_none()
    {
        var org = Build.Org(Build.Mailbox("EX01"), AdEmpty(Build.Mailbox("EX02")));
        var options = new AnalysisOptions(Build.AsOf, 30, new Dictionary<string, Severity> { [RuleIds.EXTLS1002] = Severity.None });

        var result = Analyze(org, options);

        Assert.DoesNotContain(result.Findings, f => f.RuleId == RuleIds.EXTLS1002);
        var f = Assert.Single(PairFindings(result));
        Assert.Equal(new FindingTarget(FindingTargetKind.Server, "EX02"), f.Target);
        Assert.EndsWith("Why: Active Directory holds no internal transport certificate. Root cause: none reported.", f.Message, StringComparison.Ordinal);
        Assert.StartsWith("# No reported finding explains why anonymous TLS fails at EX02 (Active Directory holds no internal transport certificate)", f.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suppressed_root_cause_is_still_reported_so_it_is_named_with_its_own_fingerprint()
    {
        var org = Build.Org(Build.Mailbox("EX01"), AdEmpty(Build.Mailbox("EX02")));
        var options = new AnalysisOptions(Build.AsOf, 30)
        {
            Suppressions = [new SuppressionRule(RuleIds.EXTLS1002, "EX02", "being rebuilt", null)],
        };

        var result = Analyze(org, options);

        var rootCause = Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS1002);
        Assert.NotNull(rootCause.Suppression);
        var f = Assert.Single(PairFindings(result));
        Assert.Null(f.Suppression);
        Assert.EndsWith($"Root cause: EXTLS1002 (fingerprint {rootCause.Fingerprint}).", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_root_cause_named_is_a_finding_of_the_same_run()
    {
        var org = Org(6, s => WithoutExchangeServerAuth(AdEmpty(s), "Default Frontend " + s.Name).WithTransportThumbprint(""), "EX02", "EX05");

        var result = Analyze(org);

        var fingerprints = result.Findings.Where(f => f.RuleId != RuleIds.EXTLS5001).Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var pairFindings = PairFindings(result);
        Assert.NotEmpty(pairFindings);
        foreach (var f in pairFindings)
        {
            var named = System.Text.RegularExpressions.Regex.Match(f.Message, @"Root cause: EXTLS\d{4} \(fingerprint ([0-9a-f]{16})\)");
            Assert.True(named.Success, f.Message);
            Assert.Contains(named.Groups[1].Value, fingerprints);
        }
    }

    [Fact]
    public void A_receiver_without_an_accepting_connector_has_no_rule_behind_it_and_is_reported_once_for_that_server()
    {
        var broken = Build.Mailbox("EX02");
        broken = broken.WithConnectors([.. broken.ReceiveConnectors.Items.Where(c => c.Name != "Default EX02")]);
        var org = Build.Org(Build.Mailbox("EX01"), broken, Build.Mailbox("EX03"));

        var f = Assert.Single(PairFindings(Analyze(org)));

        Assert.Equal(new FindingTarget(FindingTargetKind.Server, "EX02"), f.Target);
        Assert.Contains("2 receiving from EX01, EX03. Why: no enabled receive connector accepts the session. Root cause: none reported.", f.Message, StringComparison.Ordinal);
        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EX02", null)], f.Impacts.ToArray());
    }

    [Fact]
    public void Silent_when_every_pair_works_or_is_undetermined()
    {
        var org = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02") with { InternalCertificate = Build.Ad(null, AdCertificateState.NotCollected) });

        Assert.Empty(PairFindings(Analyze(org)));
    }

    [Fact]
    public void Both_remediations_get_every_placeholder_they_name()
    {
        // A placeholder the evaluator does not supply would be reported as EXTLS9005 instead of the finding.
        var org = Build.Org(Build.Mailbox("EX01"), AdEmpty(Build.Mailbox("EX02")));
        var known = Analyze(org);
        var unknown = Analyze(org, new AnalysisOptions(Build.AsOf, 30, new Dictionary<string, Severity> { [RuleIds.EXTLS1002] = Severity.None }));

        Assert.DoesNotContain(known.Findings, f => f.RuleId == RuleIds.EXTLS9005);
        Assert.DoesNotContain(unknown.Findings, f => f.RuleId == RuleIds.EXTLS9005);
        Assert.StartsWith("# Fix the root cause EXTLS1002 first (extls rules show EXTLS1002)", Assert.Single(PairFindings(known)).Remediation, StringComparison.Ordinal);
        Assert.EndsWith("Get-ReceiveConnector -Server 'EX02' | Format-Table Identity,Enabled,Bindings,TransportRole,AuthMechanism,PermissionGroups",
            Assert.Single(PairFindings(unknown)).Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SelectionOutcome.ExchangeServerAuthMissing, "EXTLS2001,EXTLS2013")]
    [InlineData(SelectionOutcome.AnonymousTlsSuppressed, "EXTLS2002")]
    [InlineData(SelectionOutcome.AdValueUnreadable, "EXTLS1001")]
    [InlineData(SelectionOutcome.AdValueEmpty, "EXTLS1002")]
    [InlineData(SelectionOutcome.AdValueCorrupt, "EXTLS1003")]
    [InlineData(SelectionOutcome.CertificateNotInStore, "EXTLS1004")]
    [InlineData(SelectionOutcome.TransportThumbprintEmpty, "EXTLS1008,EXTLS1001,EXTLS1002,EXTLS1003")]
    [InlineData(SelectionOutcome.EdgeSyncConnectorNotUsable, "EXTLS3006")]
    [InlineData(SelectionOutcome.Undetermined, "")]
    public void Root_cause_rules_per_outcome(SelectionOutcome outcome, string rules) =>
        Assert.Equal(rules, string.Join(",", MailFlowCauses.RulesFor(outcome)));

    [Fact]
    public void Peers_are_listed_when_few_and_summarised_when_many()
    {
        Assert.Equal(MessageArgument.Records([]), ServerPairWithoutAnonymousTls.More(ServerPairWithoutAnonymousTls.ListedPeers));
        Assert.Equal(
            MessageArgument.Records([Args.Of(("count", MessageArgument.Number(15)))]),
            ServerPairWithoutAnonymousTls.More(ServerPairWithoutAnonymousTls.ListedPeers + 15));
    }
}

/// <summary>
/// A thousand servers, a tenth of them broken: one EXTLS5001 per root cause, never one per pair, and the whole
/// engine costing in proportion to the servers (the pair-by-pair design made hundreds of thousands of findings and
/// allocated gigabytes). Measured in bytes allocated, not in time, so that a loaded machine cannot decide it.
/// </summary>
public sealed class EXTLS5001ScaleTests(ITestOutputHelper output)
{
    private static readonly AnalysisEngine Engine = AnalysisEngine.CreateDefault();

    /// <summary>Mailbox servers, every tenth without its AD certificate value: a broken server for each ten.</summary>
    private static OrganizationSnapshot Organisation(int count)
    {
        var servers = Enumerable.Range(1, count).Select(i => Build.Mailbox($"EX{i:0000}")).ToArray();
        for (var i = 0; i < servers.Length; i += 10)
        {
            servers[i] = servers[i] with { InternalCertificate = Build.Ad(null) };
        }

        return Build.Org(servers);
    }

    /// <summary>
    /// The analysis and what it allocated on this thread: the engine is told to stay on the caller's thread (from 64
    /// servers it would otherwise spread the replay and the rules over the cores, out of this thread's count).
    /// </summary>
    private (AnalysisResult Result, long Bytes) Measure(int servers)
    {
        var org = Organisation(servers);
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Engine.Analyze(org, [], new AnalysisOptions(Build.AsOf, 30) { Parallelism = Extls.Selection.Parallelism.Never });
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{servers} servers: {result.Findings.Length} findings, {bytes:N0} bytes allocated");
        return (result, bytes);
    }

    [Fact]
    public void A_thousand_servers_give_one_mail_flow_finding_per_root_cause_at_a_cost_in_proportion_to_the_servers()
    {
        Measure(50); // the first analysis compiles what the measured ones use
        var runs = new[] { 250, 500, 1000 }.Select(n => (Servers: n, Run: Measure(n))).ToArray();

        var result = runs[^1].Run.Result;
        var mailFlow = result.Findings.Where(f => f.RuleId == RuleIds.EXTLS5001).ToList();
        Assert.Equal(100, mailFlow.Count);
        Assert.All(mailFlow, f => Assert.Contains("in 1998 server pairs", f.Message, StringComparison.Ordinal));
        Assert.True(result.Findings.Length <= 2 * 1000, $"{result.Findings.Length} findings");

        // Twice the servers are four times the pairs and twice the broken servers; the findings, their peers listed
        // or summarised, and the matrix they come from cost twice as much.
        for (var i = 1; i < runs.Length; i++)
        {
            var ratio = (double)runs[i].Run.Bytes / runs[i - 1].Run.Bytes;
            Assert.True(ratio <= 2.2, $"{runs[i - 1].Servers} servers: {runs[i - 1].Run.Bytes:N0} bytes; {runs[i].Servers}: {runs[i].Run.Bytes:N0} ({ratio:0.00} times)");
        }

    }
}
