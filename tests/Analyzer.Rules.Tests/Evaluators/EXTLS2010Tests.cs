using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS2010Tests
{
    private static readonly string Newer = Build.ThumbprintFor("newer");
    private static readonly string Older = Build.ThumbprintFor("older");

    [Fact]
    public void Fires_when_the_longer_lived_certificate_loses_and_names_winner_and_loser()
    {
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, Newer, matchKey: "mail.contoso.com",
                candidates:
                [
                    RuleTestKit.Candidate(Newer, Build.AsOf.AddDays(-10), Build.AsOf.AddDays(100), chosen: true, rank: 1),
                    RuleTestKit.Candidate(Older, Build.AsOf.AddDays(-300), Build.AsOf.AddDays(400), rank: 2),
                ]));

        var d = Assert.Single(RuleTestKit.Run(new StartTlsRenewalAmbiguity(), context));

        Assert.Equal(new FindingTarget(FindingTargetKind.ReceiveConnector, "EX01\\Default Frontend EX01"), d.Target);
        Assert.Equal(MessageArgument.Value(RenewalAmbiguity.LongerLivedCertificateNotChosen), d.Arguments["reason"]);
        Assert.Equal(Newer, RuleTestKit.Render(d, "chosenThumbprint"));
        Assert.Equal("2026-05-22T00:00:00Z", RuleTestKit.Render(d, "chosenNotBefore"));
        Assert.Equal($"{Older} (NotBefore 2025-08-05T00:00:00Z, NotAfter 2027-07-06T00:00:00Z)", RuleTestKit.Render(d, "others"));
        Assert.Equal(Newer, RuleTestKit.Render(d, "staleThumbprint"));
    }

    [Fact]
    public void Fires_when_TlsCertificateName_matches_several_and_removes_the_one_expiring_first()
    {
        var server = SnapshotChanges.WithConnectors(Build.Mailbox("EX01"),
            Build.Receive("EX01", "Default Frontend EX01", tlsCertificateName: "<I>CN=Contoso CA<S>CN=mail.contoso.com", permissions: PermissionGroups.AnonymousUsers));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, Newer,
                candidates:
                [
                    RuleTestKit.Candidate(Newer, Build.AsOf.AddDays(-10), Build.AsOf.AddDays(400), chosen: true, rank: 1),
                    RuleTestKit.Candidate(Older, Build.AsOf.AddDays(-300), Build.AsOf.AddDays(60), rank: 2),
                ]));

        var d = Assert.Single(RuleTestKit.Run(new StartTlsRenewalAmbiguity(), context));

        Assert.Equal(MessageArgument.Value(RenewalAmbiguity.TlsCertificateNameMatchesSeveral), d.Arguments["reason"]);
        Assert.Equal(Older, RuleTestKit.Render(d, "staleThumbprint"));
    }

    [Fact]
    public void Compares_only_candidates_of_the_chosen_certificates_class()
    {
        var selfSigned = Build.ThumbprintFor("self");
        var revoked = Build.ThumbprintFor("revoked");
        var otherCa = Build.ThumbprintFor("otherca");
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            // Chosen CA certificate beside a longer-lasting self-signed one: step 9 prefers CA-issued, no ambiguity.
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\A CA Beside Self-Signed", SelectionOutcome.Selected, Newer,
                candidates:
                [
                    RuleTestKit.Candidate(Newer, Build.AsOf.AddDays(-10), Build.AsOf.AddDays(100), chosen: true, rank: 1) with { ValidCaIssued = true },
                    RuleTestKit.Candidate(selfSigned, Build.AsOf.AddDays(-900), Build.AsOf.AddDays(900), rank: 2) with { SelfSigned = true },
                ]),
            // Self-signed fall-back beside a revoked, longer-lasting CA certificate: not a candidate Exchange could pick.
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\B Fall-back Beside Revoked", SelectionOutcome.Selected, selfSigned,
                candidates:
                [
                    RuleTestKit.Candidate(selfSigned, Build.AsOf.AddDays(-900), Build.AsOf.AddDays(100), chosen: true, rank: 1) with { SelfSigned = true },
                    RuleTestKit.Candidate(revoked, Build.AsOf.AddDays(-10), Build.AsOf.AddDays(900), rank: 2),
                ]),
            // Two valid CA certificates, the chosen one expiring first: the renewal ambiguity, the self-signed one ignored.
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\C Two CA", SelectionOutcome.Selected, Newer,
                candidates:
                [
                    RuleTestKit.Candidate(Newer, Build.AsOf.AddDays(-10), Build.AsOf.AddDays(100), chosen: true, rank: 1) with { ValidCaIssued = true },
                    RuleTestKit.Candidate(otherCa, Build.AsOf.AddDays(-300), Build.AsOf.AddDays(400), rank: 2) with { ValidCaIssued = true },
                    RuleTestKit.Candidate(selfSigned, Build.AsOf.AddDays(-900), Build.AsOf.AddDays(900), rank: 3) with { SelfSigned = true },
                ]));

        var d = Assert.Single(RuleTestKit.Run(new StartTlsRenewalAmbiguity(), context));

        Assert.Equal("EX01\\C Two CA", d.Target.Id);
        Assert.Equal(MessageArgument.Value(RenewalAmbiguity.LongerLivedCertificateNotChosen), d.Arguments["reason"]);
        Assert.DoesNotContain(selfSigned, RuleTestKit.Render(d, "others"), StringComparison.Ordinal);
        Assert.Equal(Newer, RuleTestKit.Render(d, "staleThumbprint"));
    }

    [Fact]
    public void Silent_with_one_eligible_candidate_or_when_the_newest_also_lives_longest_without_TlsCertificateName()
    {
        var refused = Build.ThumbprintFor("refused");
        var context = RuleTestKit.Context(Build.Org(Build.Mailbox("EX01")),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, Newer,
                candidates:
                [
                    RuleTestKit.Candidate(Newer, Build.AsOf.AddDays(-10), Build.AsOf.AddDays(400), chosen: true, rank: 1),
                    RuleTestKit.Candidate(Older, Build.AsOf.AddDays(-300), Build.AsOf.AddDays(60), rank: 2),
                ]),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default EX01", SelectionOutcome.Selected, Newer,
                candidates:
                [
                    RuleTestKit.Candidate(Newer, Build.AsOf.AddDays(-10), Build.AsOf.AddDays(100), chosen: true, rank: 1),
                    RuleTestKit.Candidate(refused, Build.AsOf.AddDays(-300), Build.AsOf.AddDays(400), eligible: false, refused: ["NoPrivateKey"]),
                ]));

        Assert.Empty(RuleTestKit.Run(new StartTlsRenewalAmbiguity(), context));
    }
}
