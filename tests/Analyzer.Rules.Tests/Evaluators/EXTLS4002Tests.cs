using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4002Tests
{
    private static CertificateInfo Expired(string label) =>
        Build.Cert(Build.ThumbprintFor(label), $"CN={label}.contoso.com", "CN=Contoso CA", notAfter: Build.AsOf.AddDays(-20));

    [Fact]
    public void Fires_on_expired_SMTP_certificates_not_reported_by_a_selection()
    {
        var stale = Expired("stale");
        var internalCert = Expired("internal");
        var iis = Expired("iis");
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"),
            Build.InStore(stale), Build.InStore(internalCert), Build.InStore(iis, services: CertificateServices.IIS));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.OutboundAnonymousTls, "EX01", null, SelectionOutcome.SelectedExpired, internalCert.Thumbprint));

        var d = Assert.Single(RuleTestKit.Run(new CertificateExpired(), context));

        Assert.Equal(new FindingTarget(FindingTargetKind.Certificate, $"EX01/{stale.Thumbprint}"), d.Target);
        Assert.Equal("2026-05-12T00:00:00Z", RuleTestKit.Render(d, "notAfter"));
        Assert.Equal("CN=stale.contoso.com", RuleTestKit.Render(d, "subject"));
    }

    [Fact]
    public void Silent_when_the_store_is_unknown()
    {
        var server = Build.Mailbox("EX01") with
        {
            Certificates = Section<StoreCertificate>.Missing(SectionState.Absent, null, null),
        };

        Assert.Empty(RuleTestKit.Run(new CertificateExpired(), RuleTestKit.Context(Build.Org(server))));
    }
}
