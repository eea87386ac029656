using Extls.Model;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed partial class ExplainWriterTests
{
    private static readonly RenderSettings Japanese = RenderSettings.Plain with { Culture = "ja" };

    [Fact]
    public void Trace_shows_steps_values_candidates_events_assumptions_and_unknowns() =>
        Golden.Verify(new ExplainWriter(RenderSettings.Plain).Render(Samples.Selections, Build.AsOf), "all");

    [Fact]
    public void Japanese_trace() =>
        Golden.Verify(new ExplainWriter(Japanese).Render(Samples.Selections, Build.AsOf), "japanese");

    /// <summary>The real replay over an organisation that takes most branches of the four processes, read as an administrator reads it.</summary>
    [Fact]
    public void Replays_in_English() =>
        Golden.Verify(new ExplainWriter(RenderSettings.Plain).Render(Replays(), Build.AsOf), "replays");

    [Fact]
    public void Replays_in_Japanese()
    {
        var selections = Replays();
        var text = new ExplainWriter(Japanese).Render(selections, Build.AsOf);

        Golden.Verify(text, "replays-ja");
        Assert.Empty(JapaneseLeftovers.Find(Wide(Japanese, selections), selections));
    }

    [Fact]
    public void No_selection_says_so()
    {
        Assert.Contains("No selection matches.", new ExplainWriter(RenderSettings.Plain).Render([], Build.AsOf), StringComparison.Ordinal);
        Assert.Contains("該当する選択処理はありません。", new ExplainWriter(Japanese).Render([], Build.AsOf), StringComparison.Ordinal);
    }

    [Fact]
    public void Connector_is_named_receive_or_send_by_the_direction_of_the_replay()
    {
        var text = new ExplainWriter(RenderSettings.Plain).Render(Replays(), Build.AsOf);

        Assert.Contains("Receive connector: EX01\\Default Frontend EX01", text, StringComparison.Ordinal);
        Assert.Contains("Send connector: To Internet", text, StringComparison.Ordinal);
        Assert.Contains("送信コネクタ: To Internet", new ExplainWriter(Japanese).Render(Replays(), Build.AsOf), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_outcome_has_a_sentence_in_both_languages()
    {
        foreach (var outcome in Enum.GetValues<SelectionOutcome>())
        {
            foreach (var scenario in Enum.GetValues<Scenario>())
            {
                var r = new SelectionResult { Scenario = scenario, Server = "EX01", Advertised = false, EndedAtStep = 1, Outcome = outcome };
                var en = SelectionText.Outcome(r, "en");
                var ja = SelectionText.Outcome(r, "ja");
                Assert.NotEqual(outcome.ToString(), en);
                Assert.NotEqual(outcome.ToString(), ja);
                Assert.NotEqual(en, ja);
            }
        }
    }

    [Fact]
    public void Every_assumption_has_a_meaning_and_descriptor_ids_find_it()
    {
        foreach (var a in Enum.GetValues<Assumption>())
        {
            Assert.NotEqual(a.ToId(), SelectionText.Assumption(a, "en"));
            Assert.NotEqual(SelectionText.Assumption(a, "en"), SelectionText.Assumption(a, "ja"));
            Assert.Equal(SelectionText.Assumption(a, "ja"), SelectionText.Assumption(a.ToId(), "ja"));
        }

        Assert.Equal("A99", SelectionText.Assumption("A99", "en"));
    }

    /// <summary>Renders without wrapping, so that a name is never split across lines before it is looked for.</summary>
    private static string Wide(RenderSettings settings, IReadOnlyList<SelectionResult> selections) =>
        new ExplainWriter(settings with { Width = 1000 }).Render(selections, Build.AsOf);

    /// <summary>
    /// One organisation whose replays take most branches: a store with a chosen, a refused and an expired
    /// certificate, an empty AD value, a suppressed and malformed connector, an Edge whose EdgeSync connector
    /// lacks ExchangeServer, a send connector from an absent server, a hybrid connector that names no certificate.
    /// </summary>
    private static IReadOnlyList<SelectionResult> Replays() => Kept(Replay.All(ReplaysOrganization(), new ReplayOptions(Build.AsOf, 30)));

    /// <summary>The connectors worth reading, not every default one of every server.</summary>
    internal static IReadOnlyList<SelectionResult> Kept(IEnumerable<SelectionResult> all)
    {
        string[] keep = ["EX01\\Default Frontend EX01", "EX02\\Default EX02", "EX03\\Default EX03", "To Internet", "Outbound to Office 365"];
        return [.. all.Where(s => s.Connector is null ? s.Server != "EX03" : keep.Contains(s.Connector, StringComparer.Ordinal))];
    }

    internal static OrganizationSnapshot ReplaysOrganization()
    {
        var ca = Build.Cert(Build.ThumbprintFor("mail-ca"), "CN=mail.contoso.com, O=Contoso, C=JP", issuer: "CN=Contoso Issuing CA, DC=contoso, DC=com",
            notBefore: Build.AsOf.AddDays(-30), notAfter: Build.AsOf.AddDays(20), dnsNames: ["mail.contoso.com"], selfSigned: false);
        var v1 = Build.Cert(Build.ThumbprintFor("mail-v1"), "CN=mail.contoso.com", issuer: "CN=Contoso Issuing CA, DC=contoso, DC=com",
            notBefore: Build.AsOf.AddDays(-300), notAfter: Build.AsOf.AddDays(300), dnsNames: ["mail.contoso.com"], selfSigned: false, version: 1);
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore([.. ex01.Certificates.Items, Build.InStore(ca, true, CertificateServices.IIS, CertificateStatus.Valid), Build.InStore(v1, hasPrivateKey: false)])
            .WithConnectors([.. ex01.ReceiveConnectors.Items.Select(c => c.Name == "Default Frontend EX01" ? c with { Fqdn = "mail.contoso.com" } : c)]);
        var ex02 = Build.Mailbox("EX02") with
        {
            InternalCertificate = new AdInternalCertificate { State = AdCertificateState.Empty, Location = Build.Loc() },
        };
        var ex03 = Build.Mailbox("EX03");
        ex03 = ex03.WithConnectors([.. ex03.ReceiveConnectors.Items.Select(c => c.Name == "Default EX03" ? c with { SuppressXAnonymousTls = true, TlsCertificateName = "mail.contoso.com" } : c)]);
        var org = Build.Org(ex01, ex02, ex03) with
        {
            SendConnectors = Section<SendConnector>.Collected(
                [
                    Build.Send("To Internet", "EX01", "EX09") with { TlsCertificateName = "<I>CN=Contoso Issuing CA, DC=contoso, DC=com<S>CN=mail.contoso.com, O=Contoso, C=JP", RequireTls = true, TlsAuthLevel = TlsAuthLevel.DomainValidation, TlsDomain = "fabrikam.com" },
                    Build.Send("Outbound to Office 365", "EX03") with { SmartHosts = ["contoso-com.mail.protection.outlook.com"], RequireTls = false, TlsAuthLevel = TlsAuthLevel.CertificateValidation },
                ],
                Build.Loc("org/SendConnector.json")),
        };

        return org;
    }
}
