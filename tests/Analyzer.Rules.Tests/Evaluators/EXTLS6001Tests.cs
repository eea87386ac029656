using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;
using static Extls.Rules.Tests.Support.EvidenceKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS6001Tests
{
    private const string Frontend = "EX01\\Default Frontend EX01";

    /// <summary>EX01 holds its self-signed certificate and a newer CA-issued one for the same FQDN: process 3 picks the CA one.</summary>
    private static (OrganizationSnapshot Org, CertificateInfo Ca, string SelfSigned) TwoForOneName()
    {
        var server = Build.Mailbox("EX01");
        var ss = server.InternalCertificate.Certificate!;
        var ca = Build.Cert(Build.ThumbprintFor("ca"), "CN=ex01.contoso.com", "CN=Contoso CA", dnsNames: ["ex01.contoso.com"], selfSigned: false);
        return (Build.Org(server.WithStore(Build.InStore(ss), Build.InStore(ca))), ca, ss.Thumbprint);
    }

    [Fact]
    public void One_finding_per_connector_and_observed_certificate_naming_both_thumbprints_the_sessions_and_the_assumptions()
    {
        var (org, ca, ss) = TwoForOneName();
        var set = Read(org,
            ("RECV1.LOG", Receive(Frontend, 5, s => s with { Presented = Cert(ss) })),
            // Near miss: Client Frontend presents the predicted certificate.
            ("RECV2.LOG", Receive("EX01\\Client Frontend EX01", 2, s => s with { Presented = Cert(ca.Thumbprint, "CN=ex01.contoso.com") })));

        var f = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS6001, org, fires: [$"{Frontend}/{ss}"], passes: ["EX01\\Client Frontend EX01/" + ca.Thumbprint], options: With(set)));
        Assert.Equal(FindingTargetKind.ReceiveConnector, f.Target.Kind);
        Assert.Equal([new Impact(Scenario.InboundStartTls, "EX01", Frontend)], f.Impacts.ToArray());
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains($"5 inbound STARTTLS sessions on {Frontend} presenting certificate {ss} between 2026-05-31T00:00:00Z and 2026-05-31T00:04:00Z", f.Message, StringComparison.Ordinal);
        Assert.Contains($"the replay predicts {ca.Thumbprint}", f.Message, StringComparison.Ordinal);
        Assert.Contains("the dump was collected 2026-06-01T00:00:00Z", f.Message, StringComparison.Ordinal);
        Assert.Contains("A7", f.Assumptions);
        Assert.Contains("A7", f.Message, StringComparison.Ordinal);
        Assert.Equal("servers/EX01/ReceiveConnector.json", f.Location!.File);
    }

    [Fact]
    public void A_certificate_where_the_replay_predicts_none_is_reported_and_Japanese_reads_the_values()
    {
        var (org, _, ss) = TwoForOneName();
        // Client Frontend has no ExchangeServer authentication: no X-ANONYMOUSTLS is predicted there.
        var set = Read(org, ("RECV1.LOG", Receive("EX01\\Client Frontend EX01", 1, s => s with { TlsVerb = "X-ANONYMOUSTLS", Presented = Cert(ss) })));
        var f = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS6001, org, With(set)));
        Assert.Contains("but the replay predicts no certificate", f.Message, StringComparison.Ordinal);
        Assert.Contains("inbound X-ANONYMOUSTLS", f.Message, StringComparison.Ordinal);
        var ja = RuleTestKit.Analyze(org, With(set) with { Culture = "ja" }).Findings.Single(x => x.RuleId == RuleIds.EXTLS6001);
        Assert.Contains("受信 X-ANONYMOUSTLS", ja.Message, StringComparison.Ordinal);
        Assert.Contains("証明書なし", ja.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_without_evidence_and_when_every_session_presented_the_prediction()
    {
        var (org, ca, _) = TwoForOneName();
        Assert.Empty(RuleTestKit.Findings(RuleIds.EXTLS6001, org));
        var set = Read(org, ("RECV1.LOG", Receive(Frontend, 3, s => s with { Presented = Cert(ca.Thumbprint, "CN=ex01.contoso.com") })));
        Assert.Empty(RuleTestKit.Findings(RuleIds.EXTLS6001, org, With(set)));
    }
}
