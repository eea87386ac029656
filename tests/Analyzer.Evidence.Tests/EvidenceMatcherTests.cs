using System.Collections.Immutable;
using System.Text;
using Extls.Generation.Logs;
using Extls.Model;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Evidence.Tests;

/// <summary>Verdicts through the real replay: each selection beside the sessions of its connector, direction and mode.</summary>
public sealed class EvidenceMatcherTests
{
    private const string Frontend = "EX01\\Default Frontend EX01";
    private const string Client = "EX01\\Client Frontend EX01";
    private const string Hub = "EX01\\Default EX01";

    private static readonly string SelfSigned = Build.ThumbprintFor("EX01");

    private static PresentedCertificate Cert(string thumbprint) =>
        new("CN=EX01", "CN=EX01", "01", thumbprint, ProtocolLogs.Day.AddYears(-1), ProtocolLogs.Day.AddYears(4), ["EX01", "ex01.contoso.com"]);

    private static (EvidenceReport Report, ImmutableArray<SelectionResult> Selections) Match(OrganizationSnapshot org, params (string Path, string Text)[] files)
    {
        var selections = Replay.All(org, new ReplayOptions(Build.AsOf, 30));
        var set = EvidenceReader.Read([.. files.Select(f => new EvidenceFile(f.Path, () => new MemoryStream(Encoding.UTF8.GetBytes(f.Text))))],
            [.. org.Servers.Select(s => new KnownServer(s.Name, s.Fqdn))]);
        Assert.Empty(set.Problems);
        return (EvidenceMatcher.Match(org, selections, set), selections);
    }

    private static SelectionEvidence Of(EvidenceReport report, ImmutableArray<SelectionResult> selections, Scenario scenario, string server, string? connector) =>
        report.For(selections.Single(s => s.Scenario == scenario && s.Server == server && s.Connector == connector))!;

    private static string Receive(string connector, int count, Func<SessionSpec, SessionSpec> shape) =>
        ProtocolLogs.Text(ProtocolLogKind.Receive, ProtocolLogs.Inbound(connector, count, shape));

    [Fact]
    public void No_evidence_read_leaves_every_selection_without_evidence()
    {
        var org = Build.Org(Build.Mailbox("EX01"));
        var selections = Replay.All(org, new ReplayOptions(Build.AsOf, 30));
        var report = EvidenceMatcher.Match(org, selections, EvidenceSet.Empty);
        Assert.All(selections, s => Assert.Null(report.For(s)));
    }

    [Fact]
    public void Confirmed_when_every_session_presented_the_predicted_certificate_contradicted_when_one_did_not()
    {
        var org = Build.Org(Build.Mailbox("EX01"));
        var other = Build.ThumbprintFor("other");
        var (report, selections) = Match(org,
            ("RECV1.LOG", Receive(Frontend, 3, s => s with { Presented = Cert(SelfSigned) })),
            ("RECV2.LOG", Receive(Hub, 2, s => s with { Presented = Cert(s.SessionId.EndsWith('1') ? other : SelfSigned), TlsVerb = "X-ANONYMOUSTLS" })));

        var confirmed = Of(report, selections, Scenario.InboundStartTls, "EX01", Frontend);
        Assert.Equal((EvidenceVerdict.Confirmed, EvidenceReason.PresentedPredictedCertificate), (confirmed.Verdict, confirmed.Reason));
        Assert.Equal((SelfSigned, 3L), (Assert.Single(confirmed.ObservedCertificates).Thumbprint, confirmed.ObservedCertificates[0].Sessions));

        var contradicted = Of(report, selections, Scenario.InboundAnonymousTls, "EX01", Hub);
        Assert.Equal((EvidenceVerdict.Contradicted, EvidenceReason.OtherCertificatePresented), (contradicted.Verdict, contradicted.Reason));
        Assert.Equal(new[] { other, SelfSigned }.Order(StringComparer.Ordinal), contradicted.ObservedCertificates.Select(c => c.Thumbprint));
    }

    [Fact]
    public void EHLO_answers_confirm_or_contradict_a_verb_that_no_session_used()
    {
        var org = Build.Org(Build.Mailbox("EX01"));
        var (report, selections) = Match(org,
            // Client Frontend has no ExchangeServer authentication: X-ANONYMOUSTLS is predicted not offered, and the answers leave it out.
            ("RECV1.LOG", Receive(Client, 2, s => s with { TlsVerb = null, OffersAnonymousTls = false })),
            // Default Frontend is predicted to offer X-ANONYMOUSTLS, but its answers never did.
            ("RECV2.LOG", Receive(Frontend, 2, s => s with { TlsVerb = null, OffersAnonymousTls = false })));

        var client = Of(report, selections, Scenario.InboundAnonymousTls, "EX01", Client);
        Assert.Equal((EvidenceVerdict.Confirmed, EvidenceReason.NotOfferedAsPredicted, 0L, 2L), (client.Verdict, client.Reason, client.Offered, client.NotOffered));
        var frontend = Of(report, selections, Scenario.InboundAnonymousTls, "EX01", Frontend);
        Assert.Equal((EvidenceVerdict.Contradicted, EvidenceReason.NotOfferedThoughPredicted), (frontend.Verdict, frontend.Reason));
        // STARTTLS was offered on Default Frontend but nobody used it: nothing about the certificate is known.
        var starttls = Of(report, selections, Scenario.InboundStartTls, "EX01", Frontend);
        Assert.Equal((EvidenceVerdict.Unobserved, EvidenceReason.NoSessions), (starttls.Verdict, starttls.Reason));
    }

    [Fact]
    public void A_certificate_where_none_is_predicted_contradicts()
    {
        var org = Build.Org(Build.Mailbox("EX01"));
        var (report, selections) = Match(org, ("RECV1.LOG", Receive(Client, 1, s => s with { TlsVerb = "X-ANONYMOUSTLS", Presented = Cert(SelfSigned) })));
        var e = Of(report, selections, Scenario.InboundAnonymousTls, "EX01", Client);
        Assert.Equal((EvidenceVerdict.Contradicted, EvidenceReason.UsedThoughNotPredicted), (e.Verdict, e.Reason));
    }

    [Fact]
    public void Unobserved_says_why_logging_off_no_log_unreadable_or_no_sessions()
    {
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01 with
        {
            ReceiveConnectors = ex01.ReceiveConnectors with
            {
                Items = [.. ex01.ReceiveConnectors.Items.Select(c => c.Name == "Default EX01" ? c with { ProtocolLoggingLevel = ProtocolLoggingLevel.None } : c with { ProtocolLoggingLevel = ProtocolLoggingLevel.Verbose })],
            },
        };
        var org = Build.Org(ex01, Build.Mailbox("EX02"), Build.Mailbox("EX03")) with
        {
            CollectionErrors = [new CollectionError("EX03", EvidenceMatcher.ProtocolLogSection, "Access to the path '\\\\ex03.contoso.com\\C$\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs' is denied.")],
        };
        var (report, selections) = Match(org, ("RECV1.LOG", Receive(Client, 1, s => s with { TlsVerb = null })));

        Assert.Equal(EvidenceReason.LoggingDisabled, Of(report, selections, Scenario.InboundAnonymousTls, "EX01", Hub).Reason);
        Assert.Equal(EvidenceReason.NoSessions, Of(report, selections, Scenario.InboundStartTls, "EX01", Frontend).Reason);
        Assert.Equal(EvidenceReason.NoLogCollected, Of(report, selections, Scenario.InboundStartTls, "EX02", "EX02\\Default Frontend EX02").Reason);
        Assert.Equal(EvidenceReason.LogUnreadable, Of(report, selections, Scenario.InboundStartTls, "EX03", "EX03\\Default Frontend EX03").Reason);
        // No send log of EX01 was read: process 2 is not observed.
        Assert.Equal(EvidenceReason.NoLogCollected, Of(report, selections, Scenario.OutboundAnonymousTls, "EX01", null).Reason);
        Assert.All(report.Selections.Where(s => s.Verdict == EvidenceVerdict.Unobserved), s => Assert.Empty(s.ObservedCertificates));
    }

    [Fact]
    public void Events_list_what_was_predicted_and_what_was_logged_for_the_selections_kind()
    {
        var ex01 = Build.Mailbox("EX01");
        // The AD certificate is not in the store: the replay predicts 12013 on process 1 and 2.
        ex01 = ex01 with { Certificates = ex01.Certificates with { Items = [] } };
        var org = Build.Org(ex01);
        var events = "[{\"TimeCreated\": \"2026-05-31T01:00:00Z\", \"Id\": 12024, \"MachineName\": \"EX01.contoso.com\", \"Message\": \"ephemeral\"}," +
                     "{\"TimeCreated\": \"2026-05-31T02:00:00Z\", \"Id\": 12024, \"MachineName\": \"EX01.contoso.com\", \"Message\": \"ephemeral\"}," +
                     "{\"TimeCreated\": \"2026-05-31T03:00:00Z\", \"Id\": 12014, \"MachineName\": \"EX01.contoso.com\", \"Message\": \"Microsoft Exchange could not find a certificate that contains the domain name ex01.contoso.com in the personal store on the local computer. Therefore, it is unable to support the STARTTLS SMTP verb for the connector Default Frontend EX01 with a FQDN parameter of ex01.contoso.com.\"}]";
        var (report, selections) = Match(org, ("TransportEvents.json", events));

        var p1 = Of(report, selections, Scenario.InboundAnonymousTls, "EX01", Hub);
        Assert.Equal([(12013, true, 0L), (12024, false, 2L)], p1.Events.Select(e => (e.Id, e.Predicted, e.Count)));
        Assert.Equal(new DateTimeOffset(2026, 5, 31, 2, 0, 0, TimeSpan.Zero), p1.Events[1].LastSeen);
        var p3 = Of(report, selections, Scenario.InboundStartTls, "EX01", Frontend);
        Assert.Equal([(12014, true, 1L)], p3.Events.Select(e => (e.Id, e.Predicted, e.Count)));
        Assert.Empty(Of(report, selections, Scenario.InboundStartTls, "EX01", Client).Events.Where(e => e.Count > 0));
    }
}
