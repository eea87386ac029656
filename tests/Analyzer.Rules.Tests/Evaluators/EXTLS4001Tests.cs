using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4001Tests
{
    private static CertificateInfo Expiring(string label, int days) =>
        Build.Cert(Build.ThumbprintFor(label), $"CN={label}.contoso.com", "CN=Contoso CA", notAfter: Build.AsOf.AddDays(days));

    [Fact]
    public void Fires_on_SMTP_certificates_in_the_window_that_no_selection_reports()
    {
        var unused = Expiring("unused", 10);
        var chosen = Expiring("chosen", 10);
        var iis = Expiring("iis", 10);
        var unknown = Expiring("unknown", 10);
        var expired = Expiring("expired", -1);
        var lastDay = Expiring("lastday", 29);
        // Exactly at the end of the window is inside it, as for the replay's 12017/12018 (one definition: Expiry.Classify).
        var edge = Expiring("edge", 30);
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"),
            Build.InStore(unused), Build.InStore(chosen), Build.InStore(iis, services: CertificateServices.IIS),
            Build.InStore(unknown, services: null), Build.InStore(expired), Build.InStore(lastDay), Build.InStore(edge),
            Build.InStore(Expiring("outside", 31)));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.SelectedExpiresSoon, chosen.Thumbprint));

        var found = RuleTestKit.Run(new CertificateExpiresSoon(), context);

        var expected = new[] { unused, lastDay, edge }.Select(c => $"EX01/{c.Thumbprint}").Order(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected, found.Select(d => d.Target.Id));
        Assert.Equal("10", RuleTestKit.Render(found.Single(d => RuleTestKit.Render(d, "thumbprint") == unused.Thumbprint), "daysLeft"));
        Assert.Equal("29", RuleTestKit.Render(found.Single(d => RuleTestKit.Render(d, "thumbprint") == lastDay.Thumbprint), "daysLeft"));
    }

    [Fact]
    public void Silent_when_every_SMTP_certificate_is_far_from_expiry()
    {
        Assert.Empty(RuleTestKit.Run(new CertificateExpiresSoon(), RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")))));
    }
}
