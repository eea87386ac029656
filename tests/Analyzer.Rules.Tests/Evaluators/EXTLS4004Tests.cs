using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4004Tests
{
    [Fact]
    public void Fires_on_SHA_1_signatures_known_by_name_or_by_OID()
    {
        var byName = Build.Cert(Build.ThumbprintFor("name"), "CN=a.contoso.com", signatureAlgorithm: "sha1RSA");
        var byOid = Build.Cert(Build.ThumbprintFor("oid"), "CN=b.contoso.com", signatureAlgorithm: null) with { SignatureAlgorithmOid = "1.2.840.113549.1.1.5" };
        var modern = Build.Cert(Build.ThumbprintFor("modern"), "CN=c.contoso.com") with { SignatureAlgorithmOid = "1.2.840.113549.1.1.11" };
        var ex01 = Build.Mailbox("EX01");
        ex01 = ex01.WithStore(Build.InStore(ex01.InternalCertificate.Certificate!), Build.InStore(byName), Build.InStore(byOid), Build.InStore(modern));

        var found = RuleTestKit.AssertTargets(RuleIds.EXTLS4004, Build.Org(ex01),
            fires: [$"EX01/{byName.Thumbprint}", $"EX01/{byOid.Thumbprint}"], passes: [$"EX01/{modern.Thumbprint}", $"EX01/{Build.ThumbprintFor("EX01")}"]);
        Assert.Contains(found, f => f.Message.Contains("sha1RSA", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Message.Contains("1.2.840.113549.1.1.5", StringComparison.Ordinal));
    }
}
