using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS4006Tests
{
    private static readonly string[] MailNames = ["mail.contoso.com", "autodiscover.contoso.com"];

    private static CertificateInfo Mail(string label, int notBeforeDays, bool selfSigned = false, string[]? names = null) =>
        Build.Cert(Build.ThumbprintFor(label), "CN=mail.contoso.com", selfSigned ? "CN=mail.contoso.com" : "CN=Contoso CA",
            notBefore: Build.AsOf.AddDays(notBeforeDays), dnsNames: names ?? MailNames);

    [Fact]
    public void One_finding_per_name_set_naming_the_newest_CA_issued_winner()
    {
        var newest = Mail("newest-self-signed", -1, selfSigned: true);
        var winner = Mail("newer-ca", -30);
        var loser = Mail("older-ca", -400);
        var other = Mail("other-names", -5, names: ["mail.contoso.com"]);
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"),
            Build.InStore(newest), Build.InStore(winner), Build.InStore(loser), Build.InStore(other));

        var d = Assert.Single(RuleTestKit.Run(new DuplicateSubjectCertificates(), RuleTestKit.Context(Build.Org(server))));

        Assert.Equal(new FindingTarget(FindingTargetKind.Certificate, $"EX01/{winner.Thumbprint}"), d.Target);
        Assert.Equal("autodiscover.contoso.com,mail.contoso.com", RuleTestKit.Render(d, "names"));
        Assert.Equal("3", RuleTestKit.Render(d, "count"));
        Assert.Equal(MessageArgument.Value(WinnerReason.NewestNotBefore), d.Arguments["winnerReason"]);
        Assert.Equal(string.Join(",", new[] { newest.Thumbprint, loser.Thumbprint }.Order(StringComparer.OrdinalIgnoreCase)), RuleTestKit.Render(d, "removeThumbprints"));
        Assert.StartsWith(newest.Thumbprint, RuleTestKit.Render(d, "certificates"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_certificate_a_selection_chose_wins()
    {
        var newer = Mail("newer-ca", -30);
        var older = Mail("older-ca", -400);
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"), Build.InStore(newer), Build.InStore(older));
        var context = RuleTestKit.Context(Build.Org(server),
            RuleTestKit.Selection(Scenario.InboundStartTls, "EX01", "EX01\\Default Frontend EX01", SelectionOutcome.Selected, older.Thumbprint));

        var d = Assert.Single(RuleTestKit.Run(new DuplicateSubjectCertificates(), context));

        Assert.Equal(older.Thumbprint, RuleTestKit.Render(d, "winnerThumbprint"));
        Assert.Equal(MessageArgument.Value(WinnerReason.ChosenByReplay), d.Arguments["winnerReason"]);
    }

    [Fact]
    public void Silent_when_names_differ_or_a_duplicate_lacks_SMTP()
    {
        var server = SnapshotChanges.WithStore(Build.Mailbox("EX01"),
            Build.InStore(Mail("a", -30)),
            Build.InStore(Mail("b", -300), services: CertificateServices.IIS),
            Build.InStore(Mail("c", -300, names: ["webmail.contoso.com"])));

        Assert.Empty(RuleTestKit.Run(new DuplicateSubjectCertificates(), RuleTestKit.Context(Build.Org(server))));
    }
}
