using Extls.Model;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;
using static Extls.Rules.Tests.Support.EvidenceKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS6002Tests
{
    private const string Frontend = "EX01\\Default Frontend EX01";

    [Fact]
    public void An_error_when_the_replay_predicted_the_connector_works_one_finding_listing_each_error()
    {
        var org = Build.Org(Build.Mailbox("EX01"));
        var set = Read(org,
            ("RECV1.LOG", Receive(Frontend, 4, s => s with { Failure = s.SessionId.EndsWith('0') ? "IllegalMessage" : "UnknownCredentials" })),
            ("RECV2.LOG", Receive(Frontend, 2, s => s with { TlsVerb = "X-ANONYMOUSTLS", Failure = "UnknownCredentials" })),
            // Near miss: sessions on Default EX01 negotiate.
            ("RECV3.LOG", Receive("EX01\\Default EX01", 2, s => s with { TlsVerb = "X-ANONYMOUSTLS" })));

        var f = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS6002, org, fires: [Frontend], passes: ["EX01\\Default EX01"], options: With(set)));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal([new Impact(Scenario.InboundAnonymousTls, "EX01", Frontend), new Impact(Scenario.InboundStartTls, "EX01", Frontend)], f.Impacts.ToArray());
        Assert.Contains("6 failed TLS negotiations on " + Frontend, f.Message, StringComparison.Ordinal);
        Assert.Contains("UnknownCredentials 2 times in inbound X-ANONYMOUSTLS sessions", f.Message, StringComparison.Ordinal);
        Assert.Contains("IllegalMessage 1 times in inbound STARTTLS sessions", f.Message, StringComparison.Ordinal);
        Assert.Contains("UnknownCredentials 3 times in inbound STARTTLS sessions", f.Message, StringComparison.Ordinal);
        Assert.Contains("predicts that this connector works", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_when_the_replay_predicted_the_failure_a_certificate_without_SMTP()
    {
        var server = Build.Mailbox("EX01");
        var iis = Build.Cert(Build.ThumbprintFor("iis"), "CN=ex01.contoso.com", "CN=Contoso CA", dnsNames: ["ex01.contoso.com"], selfSigned: false);
        var org = Build.Org(server.WithStore(Build.InStore(server.InternalCertificate.Certificate!), Build.InStore(iis, services: CertificateServices.IIS)));
        var set = Read(org, ("RECV1.LOG", Receive(Frontend, 3, s => s with { Presented = Cert(iis.Thumbprint, "CN=ex01.contoso.com"), Failure = "UnknownCredentials" })));

        var result = RuleTestKit.Analyze(org, With(set));
        var f = Assert.Single(result.Findings, x => x.RuleId == RuleIds.EXTLS6002);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("the finding that predicts them names the root cause", f.Message, StringComparison.Ordinal);
        Assert.Contains(result.Findings, x => x.RuleId == RuleIds.EXTLS2006);
        // The failures are beside the verdict: the certificate presented is the predicted one.
        var selection = result.Selections.Single(s => s.Scenario == Scenario.InboundStartTls && s.Connector == Frontend);
        Assert.Equal(Evidence.EvidenceVerdict.Confirmed, result.Evidence.For(selection)!.Verdict);
        Assert.Empty(result.Findings.Where(x => x.RuleId == RuleIds.EXTLS6001));
    }

    [Fact]
    public void Outbound_failures_are_one_finding_per_send_connector_and_source_server()
    {
        var org = Build.Org(Build.Mailbox("EX01")).WithSendConnectors(Build.Send("Outbound to Internet", "EX01"));
        var set = Read(org, ("EX01/SmtpSend/SEND1.LOG", Send("Outbound to Internet", 2, s => s with { Failure = "UnknownCredentials", Ehlo = "ex01.contoso.com" })));
        var f = Assert.Single(RuleTestKit.AssertTargets(RuleIds.EXTLS6002, org, fires: ["Outbound to Internet@EX01"], passes: [], options: With(set)));
        Assert.Equal(FindingTargetKind.SendConnector, f.Target.Kind);
        Assert.Contains("outbound STARTTLS", f.Message, StringComparison.Ordinal);
    }
}
