using Extls.Model;
using Extls.TestKit;

namespace Extls.Selection.Tests;

/// <summary>
/// The replay keeps its evidence: the thumbprints of the store at the store step, every certificate the
/// candidates step passed over with why, the steps passed over, and numbers that never repeat.
/// </summary>
public class EvidenceTests
{
    private const string Frontend = "Default Frontend EX01";

    private static SelectionResult Replay3(ServerBuilder server) =>
        Replay.InboundStartTls(server, server.ConnectorNamed(Frontend), T.Options);

    [Fact]
    public void A_wildcard_one_label_short_of_a_two_label_name_is_recorded_as_not_a_candidate_with_the_wildcard()
    {
        var wildcard = T.CaCert("wild", "CN=*.contoso.com", dnsNames: ["*.contoso.com"]);
        var server = ServerBuilder.Mailbox("EX01").Connector(Frontend, c => c with { TlsCertificateName = "", Fqdn = "contoso.com" }).AddToStore(T.Store(wildcard));
        var r = Replay3(server);

        Assert.Equal(SelectionOutcome.NoMatchingCertificate, r.Outcome);
        var candidates = T.Step(r, StepKind.Candidates);
        var passedOver = candidates.Reads.Where(x => x.Field == TraceField.NotMatching).Select(x => Assert.IsType<MismatchValue>(x.Value)).ToList();

        // Every certificate of the store is accounted for: the self-signed one for another name, the wildcard for the wrong label count.
        Assert.Equal(((ServerSnapshot)server).Certificates.Items.Length, passedOver.Count);
        var wild = Assert.Single(passedOver, m => m.Thumbprint == wildcard.Thumbprint);
        T.Seq([MismatchReason.WildcardCoversOneLabel], wild.Reasons);
        Assert.Equal("*.contoso.com", wild.Wildcard);
        T.Seq(["*.contoso.com"], wild.Names);
        var other = Assert.Single(passedOver, m => m.Thumbprint != wildcard.Thumbprint);
        T.Seq([MismatchReason.NameNotInCertificate], other.Reasons);
        Assert.Null(other.Wildcard);
    }

    [Theory]
    [InlineData("smtp.eu.contoso.com", true)]
    [InlineData("contoso.com", true)]
    [InlineData("mail.fabrikam.com", false)]
    public void A_wildcard_is_named_only_when_it_covers_the_names_domain(string host, bool near)
    {
        var wildcard = T.CaCert("wild", "CN=*.contoso.com", dnsNames: ["*.contoso.com"]);
        Assert.Equal(near ? "*.contoso.com" : null, CertificateNames.WildcardMissing(wildcard, host));
    }

    [Fact]
    public void A_certificate_from_another_issuer_is_not_a_candidate_for_a_TlsCertificateName_and_says_issuer()
    {
        var renewed = Build.Cert(T.Thumb("other-ca"), "CN=mail.contoso.com, O=Contoso, C=JP", issuer: "CN=Fabrikam CA",
            dnsNames: ["mail.contoso.com"], selfSigned: false);
        var server = ServerBuilder.Mailbox("EX01")
            .Connector(Frontend, c => c with { TlsCertificateName = "<I>CN=Contoso Issuing CA, DC=contoso, DC=com<S>CN=mail.contoso.com, O=Contoso, C=JP" })
            .AddToStore(T.Store(renewed));
        var step = T.Step(Replay3(server), StepKind.Candidates);

        var m = Assert.Single(step.Reads.Select(x => x.Value).OfType<MismatchValue>(), v => v.Thumbprint == renewed.Thumbprint);
        T.Seq([MismatchReason.IssuerDiffers], m.Reasons);
        Assert.Equal("CN=Fabrikam CA", m.Issuer);
    }

    [Fact]
    public void The_store_step_of_anonymous_TLS_lists_the_thumbprints_in_the_store()
    {
        var extra = T.CaCert("extra");
        var server = ServerBuilder.Mailbox("EX01").AddToStore(T.Store(extra));
        var r = Replay.InboundAnonymousTls(server, ((ServerSnapshot)server).ReceiveConnectors.Items.Single(c => c.Name == "Default EX01"), T.Options);

        var list = Assert.IsType<ListValue>(T.Step(r, StepKind.FindInStore).Value(TraceField.StoreThumbprints));
        Assert.Equal(
            ((ServerSnapshot)server).Certificates.Items.Select(c => c.Thumbprint).Order(StringComparer.Ordinal),
            list.Items!.Value.Cast<ThumbprintValue>().Select(t => t.Thumbprint).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Process_3_passes_over_the_later_key_stages_once_the_key_is_found()
    {
        var byFqdn = Replay3(ServerBuilder.Mailbox("EX01").Connector(Frontend, c => c with { TlsCertificateName = "", Fqdn = "mail.contoso.com" }));
        var skipped = Assert.Single(byFqdn.Skipped);
        Assert.Equal((StepKind.KeyServerFqdn, 5, SkipReason.KeyAlreadyFound), (skipped.Step.Kind, skipped.Step.Number, skipped.Reason));

        var byName = Replay3(ServerBuilder.Mailbox("EX01").Connector(Frontend, c => c with { TlsCertificateName = "<I>CN=A<S>CN=B" }));
        T.Seq([4, 5], byName.Skipped.Select(s => s.Step.Number));

        var byServer = Replay3(ServerBuilder.Mailbox("EX01"));
        Assert.Empty(byServer.Skipped);
    }

    [Fact]
    public void Every_number_of_a_replay_is_a_step_taken_or_passed_over_and_none_repeats()
    {
        var org = new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(T.CaCert("ca"))))
            .Send(Build.Send("To Internet", "EX01"))
            .Send(Build.Send("Named", "EX01") with { TlsCertificateName = "<I>CN=Contoso Issuing CA, DC=contoso, DC=com<S>CN=mail.contoso.com, O=Contoso, C=JP" })
            .Done();
        foreach (var r in Replay.All(org, T.Options))
        {
            var labels = r.Trace.Select(t => t.Step.Label).Concat(r.Skipped.Select(s => s.Step.Label)).ToList();
            Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());

            // Up to where it ended, no number of the process is missing.
            var numbers = labels.Select(l => int.Parse(l.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            Assert.Equal(Enumerable.Range(numbers[0], numbers[^1] - numbers[0] + 1), numbers);
        }
    }

    [Fact]
    public void Process_4_numbers_its_second_step_in_parts_and_reports_2_as_where_it_ended()
    {
        var org = new OrgBuilder().Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(T.CaCert("ca")))).Send(Build.Send("To Internet", "EX01")).Done();
        var r = Assert.Single(Replay.OutboundStartTls(org, T.Options));

        T.Seq(["1", "2.1", "2.2", "2.3", "2.4", "2.5", "4", "5", "6"], r.Trace.Select(t => t.Step.Label));
        Assert.Equal("3", Assert.Single(r.Skipped).Step.Label);
        Assert.Equal(SkipReason.KeyNotFromTlsCertificateName, r.Skipped[0].Reason);
        Assert.Equal(2, r.EndedAtStep);
    }
}
