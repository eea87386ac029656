using Extls.Model;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Evaluators;

public sealed class EXTLS9001Tests
{
    private static readonly SnapshotSectionMissing Rule = new();

    [Fact]
    public void One_finding_per_server_and_section_not_collected_with_its_reason()
    {
        var ex01 = Build.Mailbox("EX01") with
        {
            Certificates = Section<StoreCertificate>.Missing(SectionState.Failed, "Access is denied", Build.Loc("servers/EX01/ExchangeCertificate.json")),
            InternalCertificate = Build.Ad(null, AdCertificateState.NotCollected),
        };
        var ex02 = Build.Mailbox("EX02") with
        {
            ReceiveConnectors = Section<ReceiveConnector>.Missing(SectionState.Unreadable, "line 3: unexpected character", null),
            TransportService = Section<TransportService>.Missing(SectionState.Absent, null, null),
        };
        var snapshot = Build.Org(ex01, ex02, Build.Mailbox("EX03")) with
        {
            SendConnectors = Section<SendConnector>.Missing(SectionState.Absent, null, null),
        };

        var found = RuleTestKit.Diagnostics(Rule, snapshot);

        Assert.Equal(
        [
            "EX01/ExchangeCertificate Failed Access is denied",
            "EX01/InternalTransportCertificate NotCollected -",
            "EX02/ReceiveConnector Unreadable line 3: unexpected character",
            "EX02/TransportService Absent -",
            "org/SendConnector Absent -",
        ], found.Select(d => $"{d.Target.Id} {((EnumArgument)d.Arguments["reason"]).Value} {RuleTestKit.Render(d, "detail")}"));
        Assert.All(found, d => Assert.Equal(FindingTargetKind.Snapshot, d.Target.Kind));
        Assert.Null(found[^1].Server);
        Assert.Equal("EX01", found[0].Server);
        Assert.Equal("ExchangeCertificate", RuleTestKit.Render(found[0], "section"));
    }

    [Fact]
    public void Message_names_the_section()
    {
        var server = Build.Mailbox("EX01") with { Certificates = Section<StoreCertificate>.Missing(SectionState.Failed, "Access is denied", null) };
        var finding = Assert.Single(RuleTestKit.Findings(RuleIds.EXTLS9001, Build.Org(server)));
        Assert.StartsWith("Section EX01/ExchangeCertificate of the snapshot is missing: the collector could not read it and recorded the error (Access is denied)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_did_not_finish_and_servers_left_out_are_reported_once_each()
    {
        var snapshot = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EDGE01")) with
        {
            Run = new CollectionRun
            {
                Complete = false,
                Interruption = "The run was stopped before it finished.",
                SkippedServers = [new("EX2010", "No transport role."), new("EDGE01", "Listed by EdgeSync."), new("EX2010", "No transport role.")],
                Location = Build.Loc("manifest.json"),
            },
        };

        var found = RuleTestKit.Findings(RuleIds.EXTLS9001, snapshot);

        Assert.Equal(["EX2010", "org/collection"], found.Select(f => f.Target.Id));
        Assert.Equal(Severity.Note, found[0].Severity);
        Assert.Equal("EX2010", found[0].Server);
        Assert.Equal(Severity.Warning, found[1].Severity);
        Assert.Null(found[1].Server);
        Assert.Equal(
            "Section org/collection of the snapshot is incomplete because the collector's run did not finish (The run was stopped before it finished.); rules that need the sections the run did not reach report nothing for it.",
            found[1].Message);
        Assert.Contains("(No transport role.)", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("コレクターの実行が完了しなかった", RuleTestKit.Findings(RuleIds.EXTLS9001, snapshot, RuleTestKit.Options() with { Culture = "ja" })[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sections_of_collector_1_1_are_gaps_when_they_failed_but_not_when_an_older_dump_lacks_them()
    {
        var failed = Build.Mailbox("EX01") with { HostAddresses = Section<HostAddress>.Missing(SectionState.Failed, "DNS could not resolve ex01.contoso.com", null) };
        var snapshot = Build.Org(failed, Build.Mailbox("EX02")) with
        {
            HybridConfigurations = Section<HybridConfiguration>.Missing(SectionState.Unreadable, "line 1: unexpected end", null),
            Run = new CollectionRun { Complete = true },
        };

        Assert.Equal(["EX01/HostAddress", "org/HybridConfiguration"], RuleTestKit.Diagnostics(Rule, snapshot).Select(d => d.Target.Id));
    }

    [Fact]
    public void Silent_when_everything_was_collected() =>
        Assert.Empty(RuleTestKit.Diagnostics(Rule, Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02"))));
}
