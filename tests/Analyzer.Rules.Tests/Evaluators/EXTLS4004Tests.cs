using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4004Tests
{
    [Fact]
    public void Fires_on_SHA1_by_name_or_by_OID()
    {
        var byName = Build.Cert(Build.ThumbprintFor("name"), "CN=EX01", signatureAlgorithm: "sha1RSA");
        var byOid = Build.Cert(Build.ThumbprintFor("oid"), "CN=EX01", signatureAlgorithm: null) with { SignatureAlgorithmOid = "1.2.840.113549.1.1.5" };
        var modern = Build.Cert(Build.ThumbprintFor("modern"), "CN=EX01", signatureAlgorithm: "sha256RSA") with { SignatureAlgorithmOid = "1.2.840.113549.1.1.11" };
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"), Build.InStore(byName), Build.InStore(byOid), Build.InStore(modern));

        var found = RuleTestKit.Run(new Sha1Signature(), RuleTestKit.Context(Build.Org(server)));

        var expected = new[] { byName, byOid }.Select(c => $"EX01/{c.Thumbprint}").Order(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected, found.Select(d => d.Target.Id));
        Assert.Equal("sha1RSA", RuleTestKit.Render(found.Single(d => RuleTestKit.Render(d, "thumbprint") == byName.Thumbprint), "signatureAlgorithm"));
        Assert.Equal("1.2.840.113549.1.1.5", RuleTestKit.Render(found.Single(d => RuleTestKit.Render(d, "thumbprint") == byOid.Thumbprint), "signatureAlgorithm"));
    }

    [Fact]
    public void Silent_on_SHA256_certificates()
    {
        Assert.Empty(RuleTestKit.Run(new Sha1Signature(), RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")))));
    }
}
