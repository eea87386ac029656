using System.Collections.Immutable;
using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS1008Tests
{
    private static readonly InternalTransportCertificateOutOfSync Rule = new();

    private static ServerSnapshot Showing(string name, string? thumbprint) => Build.Mailbox(name).WithTransportThumbprint(thumbprint);

    [Fact]
    public void Fires_when_get_transportservice_names_another_certificate_than_AD()
    {
        var snapshot = Build.Org(
            Showing("EX01", Build.ThumbprintFor("stale")),
            Showing("EX02", Build.ThumbprintFor("EX02").ToLowerInvariant()),
            Showing("EX04", null));

        var d = Assert.Single(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(snapshot)));

        Assert.Equal("EX01", d.Target.Id);
        Assert.Equal(Build.ThumbprintFor("stale"), RuleTestKit.Render(d, "transportThumbprint"));
        Assert.Equal(Build.ThumbprintFor("EX01"), RuleTestKit.Render(d, "thumbprint"));
        Assert.Equal("servers/EX01/TransportService.json", d.Location?.File);
    }

    [Fact]
    public void Fires_when_the_thumbprint_is_empty_while_AD_holds_a_certificate()
    {
        // Process 2's root cause on a Mailbox server: 5001 points here for TransportThumbprintEmpty.
        var snapshot = Build.Org(Showing("EX01", ""), Showing("EX02", "  "), Showing("EX03", null));

        var found = RuleTestKit.RunSorted(Rule, RuleTestKit.Context(snapshot));

        Assert.Equal(["EX01", "EX02"], found.Select(d => d.Server));
        Assert.All(found, d => Assert.Equal("(empty)", RuleTestKit.Render(d, "transportThumbprint")));
        Assert.Equal(Build.ThumbprintFor("EX01"), RuleTestKit.Render(found[0], "thumbprint"));
    }

    [Fact]
    public void Silent_on_an_empty_thumbprint_when_AD_holds_no_certificate_either()
    {
        var server = Showing("EX01", "") with { InternalCertificate = Build.Ad(null) };
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(server))));
    }

    [Fact]
    public void Silent_when_AD_holds_no_certificate_to_compare_with()
    {
        var server = Showing("EX01", Build.ThumbprintFor("stale")) with { InternalCertificate = Build.Ad(null) };
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(server))));
    }

    [Fact]
    public void Silent_when_both_agree() =>
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02")))));

    [Fact]
    public void Silent_without_a_transport_service_section()
    {
        var server = Build.Mailbox("EX01") with { TransportService = Section<TransportService>.Missing(SectionState.Failed, "denied", null) };
        Assert.Empty(RuleTestKit.RunSorted(Rule, RuleTestKit.Context(Build.Org(server) with { Inconsistencies = ImmutableArray<SnapshotInconsistency>.Empty })));
    }
}
