using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2013Tests
{
    private static readonly ReceiveAuthMechanism RelayAuth = ReceiveAuthMechanism.Tls;

    private static ReceiveConnector Relay(string server, string name, string binding, string[] ranges, ReceiveAuthMechanism? auth = null,
        ConnectorTransportRole role = ConnectorTransportRole.HubTransport, PermissionGroups permissions = PermissionGroups.AnonymousUsers) =>
        Build.Receive(server, name, auth: auth ?? RelayAuth, permissions: permissions, role: role, binding: binding, remoteIPRanges: ranges);

    /// <summary>Four Mailbox servers in 10.0.0.0/24 and one in another subnet.</summary>
    private static OrganizationSnapshot Org(params (string Server, ReceiveConnector Connector)[] extra)
    {
        var servers = new[] { ("EX01", "10.0.0.11"), ("EX02", "10.0.0.12"), ("EX03", "10.0.0.13"), ("EX04", "10.0.0.14"), ("EX05", "10.5.0.15") }
            .Select(s => extra.Where(e => e.Server == s.Item1).Aggregate(Build.Mailbox(s.Item1).WithAddresses(s.Item2), (server, e) => server.WithConnector(e.Connector)))
            .ToArray();
        return Build.Org(servers);
    }

    [Fact]
    public void A_relay_whose_ranges_cover_the_other_servers_is_one_finding_naming_the_senders_and_the_451()
    {
        var org = Org(
            ("EX01", Relay("EX01", "Relay 2525", "0.0.0.0:2525", ["10.0.0.0/24"])),
            ("EX02", Relay("EX02", "Printers", "0.0.0.0:25", ["10.0.0.0/24"], role: ConnectorTransportRole.FrontendTransport)),
            ("EX03", Relay("EX03", "Exchange relay", "0.0.0.0:2525", ["10.0.0.0/24"], auth: RelayAuth | ReceiveAuthMechanism.ExchangeServer)),
            ("EX04", Relay("EX04", "Other subnet", "0.0.0.0:2525", ["192.168.0.0/16"])),
            ("EX05", Relay("EX05", "Accepts servers", "0.0.0.0:2525", ["10.0.0.0/24"], permissions: PermissionGroups.ExchangeServers)));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS2013, org,
            fires: ["EX01\\Relay 2525"],
            passes: ["EX02\\Printers", "EX03\\Exchange relay", "EX04\\Other subnet", "EX05\\Accepts servers"]);

        var f = Assert.Single(found);
        Assert.Equal("EX01", f.Server);
        Assert.Equal(
            "Receive connector EX01\\Relay 2525 answers Mailbox-to-Mailbox (port 2525), Front End Transport-to-Mailbox (port 2525) sessions from 3 other Exchange server(s) (EX02, EX03, EX04): "
            + "its RemoteIPRanges (10.0.0.0/24) hold their addresses more specifically than the default connector's, and its AuthMechanism (Tls) lacks ExchangeServer, "
            + "so X-ANONYMOUSTLS is not advertised to them and their queues show \"451 5.7.3 Cannot achieve Exchange Server authentication\".",
            f.Message);
        Assert.Contains("exclude the Exchange servers' addresses (10.0.0.12,10.0.0.13,10.0.0.14)", f.Remediation, StringComparison.Ordinal);
        Assert.Contains("Set-ReceiveConnector -Identity 'EX01\\Relay 2525' -RemoteIPRanges '<relay host or range>','<relay host or range>' -WhatIf", f.Remediation, StringComparison.Ordinal);
        // -AuthMechanism replaces the list: the connector's own mechanisms, and ExchangeServer.
        Assert.Contains("Set-ReceiveConnector -Identity 'EX01\\Relay 2525' -AuthMechanism 'Tls,ExchangeServer' -WhatIf", f.Remediation, StringComparison.Ordinal);
        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EX01", "EX01\\Relay 2525")], f.Impacts.ToArray());
        Assert.Contains("A11", f.Assumptions);
    }

    [Fact]
    public void The_pairs_it_breaks_are_one_EXTLS5001_whose_root_cause_it_is_and_the_matrix_shows_the_connector()
    {
        var org = Org(("EX01", Relay("EX01", "Relay 2525", "0.0.0.0:2525", ["10.0.0.0/24"])));

        var result = RuleTestKit.Analyze(org);
        var mailFlow = Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS5001);
        var capture = Assert.Single(result.Findings, f => f.RuleId == RuleIds.EXTLS2013);

        Assert.Equal(new FindingTarget(FindingTargetKind.MailFlow, "EXTLS2013/EX01\\Relay 2525"), mailFlow.Target);
        Assert.Contains(capture.Fingerprint, mailFlow.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("A9", mailFlow.Assumptions);
        var matrix = MailFlowMatrix.Build(org, result.Selections);
        var into = matrix.Pairs().Where(p => p.Receiver == "EX01").ToList();
        Assert.Equal(["EX02", "EX03", "EX04"], into.Where(p => p.AnonymousTlsWorks == false).Select(p => p.Sender).ToArray());
        Assert.All(into.Where(p => p.Sender != "EX05"), p => Assert.Equal("EX01\\Relay 2525", p.ReceiveConnector));
        Assert.Equal("EX01\\Default EX01", into.Single(p => p.Sender == "EX05").ReceiveConnector);
        Assert.Equal(4, matrix.Count().Failing + 1);
    }

    [Fact]
    public void Edges_captured_on_port_25_are_named_and_many_senders_are_counted()
    {
        var mailboxes = Enumerable.Range(1, 14).Select(i => Build.Mailbox($"EX{i:00}").WithAddresses($"10.0.0.{i}")).ToList();
        mailboxes[0] = mailboxes[0].WithConnector(Relay("EX01", "All internal", "0.0.0.0:2525", ["10.0.0.0/8"]));
        var edge = Build.Mailbox("EDGE01").WithAddresses("10.9.0.1") with { Role = TransportServerRole.Edge };
        mailboxes[1] = mailboxes[1].WithConnector(Relay("EX02", "DMZ", "0.0.0.0:25", ["10.9.0.0/24"], role: ConnectorTransportRole.FrontendTransport));

        var org = Build.Org([.. mailboxes, edge]) with
        {
            EdgeSubscriptions = Section<EdgeSubscription>.Collected([new EdgeSubscription { Name = "EDGE01", Location = Build.Loc() }], Build.Loc()),
        };
        var found = RuleTestKit.Findings(RuleIds.EXTLS2013, org);

        Assert.Equal(["EX01\\All internal", "EX02\\DMZ"], found.Select(f => f.Target.Id));
        Assert.Contains("from 13 other Exchange server(s) (EX02, EX03, EX04, EX05, EX06, EX07, EX08, EX09, EX10, EX11, …)", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("answers Edge-to-Mailbox (port 25) sessions from 1 other Exchange server(s) (EDGE01)", found[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_when_the_senders_addresses_are_unknown_A9_or_the_connector_is_disabled()
    {
        var relay = Relay("EX01", "Relay", "0.0.0.0:2525", ["10.0.0.0/24"]);
        var unknown = Build.Org(Build.Mailbox("EX01").WithAddresses("10.0.0.11").WithConnector(relay), Build.Mailbox("EX02"));
        var disabled = Org(("EX01", relay with { Enabled = false }));

        Assert.Empty(RuleTestKit.Findings(RuleIds.EXTLS2013, unknown));
        Assert.Empty(RuleTestKit.Findings(RuleIds.EXTLS2013, disabled));
    }

    [Fact]
    public void Japanese_names_the_kinds_in_Japanese()
    {
        var org = Org(("EX01", Relay("EX01", "Relay 2525", "0.0.0.0:2525", ["10.0.0.0/24"])));
        var f = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS2013, org, RuleTestKit.Options() with { Culture = "ja" }));
        Assert.StartsWith("受信コネクタ EX01\\Relay 2525 は、他の Exchange サーバー 3 台 (EX02、EX03、EX04) からのメールボックス間 (ポート 2525)、フロントエンド トランスポートからメールボックス (ポート 2525) のセッションに応答します。", f.Message, StringComparison.Ordinal);
    }
}
