using Extls.Rules.Tests.Support;
using Extls.TestKit;
using static Extls.Rules.Tests.Support.EvidenceKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS6003Tests
{
    private static string Events(params (int Id, string Time, string Server, string Message)[] events) =>
        "[" + string.Join(",", events.Select(e =>
            $"{{\"TimeCreated\": \"{e.Time}\", \"Id\": {e.Id}, \"ProviderName\": \"MSExchangeTransport\", \"LevelDisplayName\": \"Warning\", \"MachineName\": \"{e.Server}\", \"Message\": \"{e.Message}\"}}")) + "]";

    private const string NoCertificate12014 =
        "Microsoft Exchange could not find a certificate that contains the domain name ex01.contoso.com in the personal store on the local computer. Therefore, it is unable to support the STARTTLS SMTP verb for the connector Default Frontend EX01 with a FQDN parameter of ex01.contoso.com.";

    [Fact]
    public void A_fall_back_event_refutes_A2_and_a_failure_event_on_a_working_connector_contradicts_the_replay()
    {
        var ex02 = Build.Mailbox("EX02");
        var org = Build.Org(Build.Mailbox("EX01"), ex02 with { Certificates = ex02.Certificates with { Items = [] } });
        var set = Read(org,
            ("EX01/TransportEvents.json", Events(
                (12024, "2026-05-31T01:00:00Z", "EX01.contoso.com", "ephemeral"),
                (12024, "2026-05-31T05:00:00Z", "EX01.contoso.com", "ephemeral"),
                (12014, "2026-05-31T02:00:00Z", "EX01.contoso.com", NoCertificate12014),
                // Near misses: an expiry warning (Exchange's own window) is not compared.
                (12017, "2026-05-31T02:00:00Z", "EX01.contoso.com", "expires soon"))),
            // Near miss: EX02's certificate is not in its store, so the replay predicts 12013 there.
            ("EX02/TransportEvents.json", Events((12013, "2026-05-31T03:00:00Z", "EX02.contoso.com", "not found"))));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS6003, org, fires: ["EX01", "EX01\\Default Frontend EX01"], passes: ["EX02"], options: With(set));
        var fallBack = found.Single(f => f.Target.Kind == FindingTargetKind.Server);
        Assert.Null(fallBack.EventId);
        Assert.Equal(["A2"], fallBack.Assumptions.ToArray());
        Assert.Contains("event 12024 2 times (last 2026-05-31T05:00:00Z)", fallBack.Message, StringComparison.Ordinal);
        Assert.Contains("assumption A2 says Exchange 2016 and 2019 do not do", fallBack.Message, StringComparison.Ordinal);
        Assert.Contains("the dump was collected 2026-06-01T00:00:00Z", fallBack.Message, StringComparison.Ordinal);
        Assert.EndsWith("TransportEvents.json", fallBack.Location!.File, StringComparison.Ordinal);

        var connector = found.Single(f => f.Target.Kind == FindingTargetKind.ReceiveConnector);
        Assert.Contains("event 12014 1 times", connector.Message, StringComparison.Ordinal);
        Assert.Contains("the replay says the certificate loads here", connector.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_when_the_events_are_the_predicted_ones()
    {
        var ex01 = Build.Mailbox("EX01");
        var org = Build.Org(ex01 with { Certificates = ex01.Certificates with { Items = [] } });
        var set = Read(org, ("EX01/TransportEvents.json", Events((12013, "2026-05-31T03:00:00Z", "ex01.contoso.com", "not found"))));
        Assert.Empty(RuleTestKit.Findings(RuleIds.EXTLS6003, org, With(set)));
    }
}
