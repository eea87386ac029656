using Newtonsoft.Json.Linq;

namespace Extls.Cli.Tests;

/// <summary>analyze and explain with the servers' own logs: in the dump, with --evidence, and limited by --evidence-since.</summary>
[Trait("Category", "EndToEnd")]
public sealed class EvidenceCommandTests
{
    private const string Raw = "snapshots/scenarios/065-evidence-raw-logs";

    private static (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.Run(args);

    private static JToken Verdict(string json, string scenario, string connector) =>
        JObject.Parse(json)["selections"]!.Single(s => (string)s["scenario"]! == scenario && (string?)s["connector"] == connector)["evidence"]!;

    [Fact]
    public void Raw_logs_given_with_evidence_confirm_their_selections()
    {
        var run = Run("analyze", $"{Raw}/dump", "--evidence", $"{Raw}/logs", $"{Raw}/logs-hub", "--format", "json");
        Assert.Equal(0, run.Code);
        Assert.Equal("confirmed", (string)Verdict(run.Out, "inbound-starttls", "EX02\\Default Frontend EX02")["verdict"]!);
        Assert.Equal("confirmed", (string)Verdict(run.Out, "inbound-anonymous-tls", "EX02\\Default EX02")["verdict"]!);
        Assert.Equal("no-log-collected", (string)Verdict(run.Out, "inbound-starttls", "EX01\\Default Frontend EX01")["reason"]!);
    }

    [Fact]
    public void Without_the_logs_no_selection_carries_evidence()
    {
        var run = Run("analyze", $"{Raw}/dump", "--format", "json");
        Assert.Equal(0, run.Code);
        Assert.All(JObject.Parse(run.Out)["selections"]!, s => Assert.Equal(JTokenType.Null, s["evidence"]!.Type));
    }

    [Fact]
    public void Evidence_since_counts_only_what_came_after_it()
    {
        var run = Run("analyze", $"{Raw}/dump", "--evidence", $"{Raw}/logs", "--evidence-since", "2026-05-31T00:10:00Z", "--format", "json");
        Assert.Equal(0, run.Code);
        var e = Verdict(run.Out, "inbound-starttls", "EX02\\Default Frontend EX02");
        Assert.Equal("confirmed", (string)e["verdict"]!);
        // Four sessions, seven minutes apart from midnight: the two after 00:10 count.
        Assert.Equal(2, (int)e["observedCertificates"]![0]!["sessions"]!);

        var later = Run("analyze", $"{Raw}/dump", "--evidence", $"{Raw}/logs", "--evidence-since", "2026-06-01", "--format", "json");
        Assert.Equal("no-sessions", (string)Verdict(later.Out, "inbound-starttls", "EX02\\Default Frontend EX02")["reason"]!);
    }

    [Fact]
    public void A_missing_evidence_folder_is_an_input_problem_and_a_bad_date_a_usage_error()
    {
        var missing = Run("analyze", $"{Raw}/dump", "--evidence", "no-such-logs");
        Assert.Equal(3, missing.Code);
        Assert.Contains("no-such-logs: $: No such file or folder.", missing.Error, StringComparison.Ordinal);

        var date = Run("analyze", $"{Raw}/dump", "--evidence-since", "yesterday");
        Assert.Equal(2, date.Code);
        Assert.Contains("--evidence-since 'yesterday' is not an ISO 8601 date", date.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_reads_the_dumps_own_logs_and_shows_the_verdicts()
    {
        var run = Run("explain", "snapshots/scenarios/061-evidence-contradicted-starttls/dump", "--server", "EX01", "--connector", "Default Frontend EX01");
        Assert.Equal(0, run.Code);
        Assert.Contains("Evidence (3 STARTTLS in): contradicted: sessions presented another certificate", run.Out, StringComparison.Ordinal);
    }
}
