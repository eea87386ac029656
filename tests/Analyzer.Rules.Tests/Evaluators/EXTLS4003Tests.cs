using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4003Tests
{
    private static CertificateInfo Key(string label, int? bits) =>
        Build.Cert(Build.ThumbprintFor(label), $"CN={label}", keySize: bits);

    [Fact]
    public void Fires_on_short_RSA_keys_of_SMTP_or_chosen_certificates()
    {
        var smtp = Key("smtp1024", 1024);
        var chosen = Key("chosen1024", 1024);
        var ignored = Key("iis1024", 1024);
        var ecdsa = Key("ecdsa256", 256) with { KeyAlgorithm = "ECDSA" };
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"),
            Build.InStore(smtp), Build.InStore(chosen, services: CertificateServices.IIS), Build.InStore(ignored, services: CertificateServices.IIS),
            Build.InStore(ecdsa), Build.InStore(Key("ok", 2048)), Build.InStore(Key("unknown", null)));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, chosen.Thumbprint, handshakeFails: true));

        var found = RuleTestKit.Run(new WeakPublicKey(), context);

        var expected = new[] { smtp, chosen }.Select(c => $"EX01/{c.Thumbprint}").Order(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected, found.Select(d => d.Target.Id));
        Assert.All(found, d => Assert.Equal("1024", RuleTestKit.Render(d, "keySize")));
    }

    [Fact]
    public void Silent_on_2048_bit_keys()
    {
        Assert.Empty(RuleTestKit.Run(new WeakPublicKey(), RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")))));
    }
}
