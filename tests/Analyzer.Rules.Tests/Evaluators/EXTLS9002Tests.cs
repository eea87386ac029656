using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS9002Tests
{
    private static readonly CertificateDetailsIncomplete Rule = new();

    [Fact]
    public void One_finding_per_server_counting_certificates_and_listing_unknown_properties()
    {
        var a = Build.InStore(Build.Cert(Build.ThumbprintFor("a"), "CN=EX01"), hasPrivateKey: null, services: null) with { UnknownProperties = ["Services", "HasPrivateKey"] };
        var b = Build.InStore(Build.Cert(Build.ThumbprintFor("b"), "CN=EX01"), status: null) with { UnknownProperties = ["Status", "Services"] };
        var complete = Build.InStore(Build.Cert(Build.ThumbprintFor("c"), "CN=EX01"));
        var snapshot = Build.Org(Build.Mailbox("EX01").WithStore(a, complete, b), Build.Mailbox("EX02"));

        var d = Assert.Single(RuleTestKit.Diagnostics(Rule, snapshot));

        Assert.Equal("EX01", d.Target.Id);
        Assert.Equal("2", RuleTestKit.Render(d, "count"));
        Assert.Equal("HasPrivateKey, Services, Status", RuleTestKit.Render(d, "properties"));
        Assert.Equal(string.Join(", ", new[] { a.Thumbprint, b.Thumbprint }.Order(StringComparer.Ordinal)), RuleTestKit.Render(d, "thumbprints"));
    }

    [Fact]
    public void Silent_when_every_certificate_is_complete() =>
        Assert.Empty(RuleTestKit.Diagnostics(Rule, Build.Org(Build.Mailbox("EX01"))));
}
