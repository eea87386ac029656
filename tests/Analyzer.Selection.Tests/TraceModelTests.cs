using System.Text.RegularExpressions;
using Extls.Model;
using Extls.TestKit;

namespace Extls.Selection.Tests;

/// <summary>The trace's shape: step numbers defined once per process, shared steps, wire ids, and no prose in the replay.</summary>
public class TraceModelTests
{
    [Fact]
    public void Each_process_numbers_its_steps_as_documented()
    {
        static IEnumerable<(StepKind, int)> Of(Scenario s) => ProcessSteps.Of(s).Select(id => (id.Kind, id.Number));

        T.Seq(
            [(StepKind.Load, 1), (StepKind.ExchangeServerAuthentication, 2), (StepKind.ReadAd, 3), (StepKind.FindInStore, 4), (StepKind.Expiry, 5)],
            Of(Scenario.InboundAnonymousTls));
        T.Seq([(StepKind.StartByRole, 1), (StepKind.ReadAd, 2), (StepKind.FindInStore, 3), (StepKind.Expiry, 4)], Of(Scenario.OutboundAnonymousTls));
        T.Seq(Enumerable.Range(1, 11), Of(Scenario.InboundStartTls).Select(s => s.Item2));
        T.Seq([1, 2, 2, 2, 2, 2, 3, 4, 5, 6], Of(Scenario.OutboundStartTls).Select(s => s.Item2));
    }

    [Fact]
    public void Every_step_kind_belongs_to_a_process_and_no_process_lists_one_twice()
    {
        var used = Enum.GetValues<Scenario>().SelectMany(s => ProcessSteps.Of(s)).ToList();

        Assert.Empty(Enum.GetValues<StepKind>().Except(used.Select(s => s.Kind)));
        foreach (var process in Enum.GetValues<Scenario>())
        {
            var kinds = ProcessSteps.Of(process).Select(s => s.Kind).ToList();
            Assert.Equal(kinds.Count, kinds.Distinct().Count());
        }
    }

    [Fact]
    public void A_step_outside_its_process_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepId(Scenario.InboundAnonymousTls, StepKind.Candidates));
        Assert.Equal(10, new StepId(Scenario.InboundStartTls, StepKind.Expiry).Number);
        Assert.Equal(2, new StepId(Scenario.OutboundStartTls, StepKind.Expiry).Number);
    }

    [Fact]
    public void Every_trace_follows_its_process_order_and_ends_on_one_of_its_steps()
    {
        var results = Replay.All(VariedOrg(), T.Options);

        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            Assert.All(r.Trace, t => Assert.Equal(r.Scenario, t.Step.Process));
            var order = ProcessSteps.Of(r.Scenario).Select(s => s.Kind).ToList();
            var positions = r.Trace.Select(t => order.IndexOf(t.Kind)).ToList();
            Assert.Equal(positions.Order(), positions);
            Assert.Contains(r.EndedAtStep, r.Trace.Select(t => t.Number));
            T.Seq(r.Events, r.Trace.Where(t => t.Event is not null).Select(t => t.Event!.Value).Distinct().Order());
        }
    }

    [Theory]
    [InlineData(-1, StepReason.Expired)]
    [InlineData(10, StepReason.ExpiresSoon)]
    [InlineData(400, StepReason.NotExpired)]
    public void Every_process_judges_expiry_with_the_same_step(int daysLeft, StepReason reason)
    {
        // One certificate that every process chooses: the internal one (processes 1 and 2) and the STARTTLS one (3 and 4).
        var cert = Build.Cert(T.Thumb("shared"), "CN=EX01", notBefore: Build.AsOf.AddYears(-1), notAfter: Build.AsOf.AddDays(daysLeft),
            dnsNames: ["EX01", "ex01.contoso.com"]);
        var server = ServerBuilder.Mailbox("EX01").AdCertificate(cert).Store(T.Store(cert)).TransportThumbprint(cert.Thumbprint);
        var org = new OrgBuilder().Server(server).Send(Build.Send("To Internet", "EX01")).Done();
        var results = Replay.All(org, T.Options).Where(r => r.Connector is null or "EX01\\Default EX01" or "To Internet").ToList();

        Assert.Equal(4, results.Count);
        var events = new Dictionary<Scenario, int?>();
        foreach (var r in results)
        {
            var expiry = T.Step(r, StepKind.Expiry);
            Assert.Equal(reason, expiry.Reason);
            Assert.Equal(new DateValue(cert.NotAfter), expiry.Value(TraceField.NotAfter));
            events[r.Scenario] = expiry.Event;
        }

        int? Expected(int expired, int soon) => reason switch { StepReason.Expired => expired, StepReason.ExpiresSoon => soon, _ => null };
        Assert.Equal(Expected(12015, 12017), events[Scenario.InboundAnonymousTls]);
        Assert.Equal(Expected(12015, 12017), events[Scenario.OutboundAnonymousTls]);
        Assert.Equal(Expected(12016, 12018), events[Scenario.InboundStartTls]);
        Assert.Null(events[Scenario.OutboundStartTls]);
    }

    [Theory]
    [InlineData("<I>CN=Contoso Issuing CA, DC=contoso, DC=com<S>CN=mail.contoso.com, O=Contoso, C=JP", "", StepReason.KeyIsTlsCertificateName)]
    [InlineData("mail.contoso.com", "", StepReason.TlsCertificateNameMalformed)]
    [InlineData("", "mail.contoso.com", StepReason.KeyIsConnectorFqdn)]
    [InlineData("", "", StepReason.KeyIsServerFqdn)]
    [InlineData(null, "", StepReason.TlsCertificateNameUnknown)]
    [InlineData("", null, StepReason.FqdnUnknown)]
    public void Receive_and_send_connectors_resolve_the_key_with_the_same_chain(string? name, string? fqdn, StepReason reason)
    {
        var server = ServerBuilder.Mailbox("EX01").Connector("Default Frontend EX01", c => c with { TlsCertificateName = name, Fqdn = fqdn });
        var org = new OrgBuilder().Server(server).Send(Build.Send("To Internet", "EX01") with { TlsCertificateName = name, Fqdn = fqdn }).Done();

        var inbound = Replay.InboundStartTls(server, server.ConnectorNamed("Default Frontend EX01"), T.Options);
        var outbound = Assert.Single(Replay.OutboundStartTls(org, T.Options));

        // Process 3 writes one step per stage of the chain; process 4 writes the deciding stage as its step 1.
        var deciding = inbound.Trace.Last(t => t.Kind is StepKind.KeyTlsCertificateName or StepKind.KeyConnectorFqdn or StepKind.KeyServerFqdn);
        var key = T.Step(outbound, StepKind.Key);
        Assert.Equal(reason, deciding.Reason);
        Assert.Equal(reason, key.Reason);
        Assert.Equal(deciding.Value(TraceField.Key), key.Value(TraceField.Key));
        Assert.Equal(inbound.MatchKey, outbound.MatchKey);
        T.Seq(inbound.Unknowns, outbound.Unknowns.Where(u => u != ReplayProperty.CloudServicesMailEnabled));
    }

    [Fact]
    public void Unknown_properties_keep_their_wire_names_and_sort_by_them()
    {
        Assert.Equal("msExchServerInternalTLSCert", ReplayProperty.InternalCertificate.ToId());
        Assert.All(Enum.GetValues<ReplayProperty>().Where(p => p != ReplayProperty.InternalCertificate), p => Assert.Equal(p.ToString(), p.ToId()));

        var rebuilt = T.Store(T.CaCert("ca"), key: false, services: CertificateServices.None) with { UnknownProperties = ["Status", "Services", "HasPrivateKey"] };
        var server = ServerBuilder.Mailbox("EX01")
            .Connector("Default Frontend EX01", c => c with { TlsCertificateName = "", Fqdn = "mail.contoso.com" })
            .Store(rebuilt);
        var r = Replay.InboundStartTls(server, server.ConnectorNamed("Default Frontend EX01"), T.Options);

        T.Seq(["HasPrivateKey", "Services", "Status"], r.Unknowns.Select(u => u.ToId()));
    }

    [Fact]
    public void A_set_of_unknowns_kept_as_bits_lists_every_property_once_in_wire_name_order()
    {
        var all = Enum.GetValues<ReplayProperty>();
        var bits = all.Aggregate(0L, (b, p) => b | (1L << (int)p));
        var expected = all.Select(p => p.ToId()).Order(StringComparer.Ordinal).ToList();

        T.Seq(expected, ReplayProperties.FromBits(bits).Select(p => p.ToId()));
        T.Seq(["HostAddress", "Role"], ReplayProperties.FromBits((1L << (int)ReplayProperty.Role) | (1L << (int)ReplayProperty.HostAddress)).Select(p => p.ToId()));
        Assert.Empty(ReplayProperties.FromBits(0));
        Assert.True(ReplayProperties.ById.Compare(ReplayProperty.InternalCertificate, ReplayProperty.HasPrivateKey) > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ReplayProperty)all.Length).ToId());
    }

    [Fact]
    public void Value_keyed_maps_find_equal_values_and_number_them_in_first_seen_order()
    {
        var ids = new ValueIds<ReceiveConnectorIndex.Decision>();
        var a = new ReceiveConnectorIndex.Decision(AnsweringStep.Listener, AnsweringReason.NoListener, AnsweringOutcome.Refused, -1, -1, false, 0);
        var b = a with { UsedA11 = true };
        var c = a with { Unknowns = 1 << (int)ReplayProperty.Bindings };

        Assert.Equal(0, ids.IdOf(a));
        Assert.Equal(1, ids.IdOf(b));
        Assert.Equal(0, ids.IdOf(a with { }));
        Assert.Equal(2, ids.IdOf(c));
        Assert.Equal(3, ids.Count);
        Assert.Equal(b, ids[1]);
        ids.Clear();
        Assert.Equal(0, ids.IdOf(c));

        var map = new ValueKeyedMap<ReceiveConnectorIndex.AnswerKey, string>();
        var key = ReceiveConnectorIndex.KeyOf(SessionKind.MailboxToMailbox, a);
        map.Add(key, "first");
        Assert.True(map.TryGetValue(ReceiveConnectorIndex.KeyOf(SessionKind.MailboxToMailbox, a with { UsedA11 = true }), out var found));
        Assert.Equal("first", found);
        Assert.False(map.TryGetValue(ReceiveConnectorIndex.KeyOf(SessionKind.FrontendToMailbox, a), out _));
        Assert.False(map.TryGetValue(ReceiveConnectorIndex.KeyOf(SessionKind.MailboxToMailbox, c), out _));
    }

    [Fact]
    public void Assumptions_read_and_write_their_ids()
    {
        foreach (var a in Enum.GetValues<Assumption>())
        {
            Assert.Matches("^A[0-9]+$", a.ToId());
            Assert.True(Assumptions.TryParse(a.ToId(), out var back));
            Assert.Equal(a, back);
        }

        Assert.Equal("A2", Assumption.A2.ToId());
        Assert.False(Assumptions.TryParse("A99", out _));
        Assert.False(Assumptions.TryParse("a2", out _));
        Assert.False(Assumptions.TryParse(null, out _));
    }

    /// <summary>
    /// The replay returns facts; words are Reporting's. A string literal in Analyzer.Selection that holds two
    /// words of prose ("is not", "no step") is a sentence that crossed the line. Exchange's own names
    /// (its default receive connectors) are identifiers and allowed.
    /// </summary>
    [Fact]
    public void The_replay_holds_no_prose()
    {
        string[] exchangeNames = ["Default Frontend ", "Default internal receive connector ", "Default "];
        var literal = new Regex("\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.CultureInvariant);
        var prose = new Regex(@"\b[a-z]{2,}\s+[a-z]{2,}\b", RegexOptions.CultureInvariant);
        var folder = Path.Combine(Repository.Root, "src", "Analyzer.Selection");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);

        var found = new List<string>();
        foreach (var file in files)
        {
            foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
            {
                var code = line.TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith('['))
                {
                    continue;
                }

                var beforeComment = code.Split(" // ", 2)[0];
                foreach (Match m in literal.Matches(beforeComment))
                {
                    var text = m.Value[1..^1];
                    foreach (var name in exchangeNames)
                    {
                        text = text.Replace(name, string.Empty, StringComparison.Ordinal);
                    }

                    if (prose.IsMatch(text))
                    {
                        found.Add($"{Path.GetFileName(file)}:{number}: {m.Value}");
                    }
                }
            }
        }

        Assert.Empty(found);
    }

    private static OrganizationSnapshot VariedOrg()
    {
        var ca = T.CaCert("ca");
        var old = T.CaCert("old", notBefore: Build.AsOf.AddYears(-3), notAfter: Build.AsOf.AddDays(-1));
        return new OrgBuilder()
            .Server(ServerBuilder.Mailbox("EX01").AddToStore(T.Store(ca, services: CertificateServices.IIS), T.Store(old, key: false))
                .Connector("Default Frontend EX01", c => c with { Fqdn = "mail.contoso.com" }))
            .Server(ServerBuilder.Mailbox("EX02").Ad(AdCertificateState.Empty).StoreMissing())
            .Server(ServerBuilder.Mailbox("EX03").Connector("Default EX03", c => c with { SuppressXAnonymousTls = true, TlsCertificateName = "bad" }))
            .SubscribedEdge(ServerBuilder.Edge("EDGE01"), SmartHostAuthMechanism.None)
            .Send(Build.Send("To Internet", "EX01", "EX02", "EX09") with { RequireTls = true, TlsAuthLevel = TlsAuthLevel.CertificateValidation })
            .Send(Build.Send("Outbound to Office 365", "EX03") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"] })
            .Done();
    }
}
