using Extls.Model;
using Extls.Rules.Comparison;
using Extls.Rules.Configuration;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests.Comparison;

public sealed class BaselineTests
{
    /// <summary>Two Mailbox servers, nothing wrong.</summary>
    private static readonly OrganizationSnapshot Healthy = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02"));

    /// <summary>The same with EX02's internal certificate gone from its store: EXTLS1004 and the mail flow it breaks (EXTLS5001).</summary>
    private static readonly OrganizationSnapshot Broken = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02").WithStore());

    private static Finding F(string rule, string target, Severity severity = Severity.Error, int line = 1) => new()
    {
        RuleId = rule,
        Name = "N",
        Severity = severity,
        Title = "T",
        Message = $"{rule} on {target}",
        Target = new FindingTarget(FindingTargetKind.Server, target),
        Remediation = "",
        Fingerprint = AnalysisEngine.Fingerprint(rule, new FindingTarget(FindingTargetKind.Server, target)),
        Location = new SourceLocation($"servers/{target}/x.json", line, "$"),
        Server = target,
    };

    [Fact]
    public void Every_finding_is_new_or_unchanged_and_the_baseline_s_others_are_absent()
    {
        var broken = RuleTestKit.Analyze(Broken);
        var healthy = RuleTestKit.Analyze(Healthy);

        // Deleting EX02's certificate breaks its anonymous TLS (new), and also ends the self-signed STARTTLS certificate
        // EX02's frontend presented (fixed); EX01's frontend is as it was (unchanged).
        var against = Baselines.Apply(broken, healthy.Findings, "healthy.json");
        Assert.Equal(BaselineState.New, against.Findings.Single(f => f.RuleId == RuleIds.EXTLS1004 && f.Target.Id == "EX02").BaselineState);
        Assert.Equal(BaselineState.New, against.Findings.Single(f => f.RuleId == RuleIds.EXTLS5001).BaselineState);
        Assert.Equal(BaselineState.Unchanged, against.Findings.Single(f => f.RuleId == RuleIds.EXTLS2009 && f.Server == "EX01").BaselineState);
        var gone = Assert.Single(against.Baseline!.Absent);
        Assert.Equal((RuleIds.EXTLS2009, "EX02", BaselineState.Absent), (gone.RuleId, gone.Server, gone.BaselineState!.Value));
        Assert.Equal(against.Findings.Count(f => f.BaselineState == BaselineState.New), against.Baseline.New);
        Assert.Equal(1, against.Baseline.Unchanged);
        Assert.Equal("healthy.json", against.Baseline.Source);

        // Every finding is marked, and the findings themselves are otherwise the run's own.
        Assert.Equal(broken.Findings.Select(f => f with { BaselineState = null }), against.Findings.Select(f => f with { BaselineState = null }));

        var back = Baselines.Apply(healthy, broken.Findings, "broken.json");
        Assert.Equal(broken.Findings.Where(f => f.Server != "EX01" || f.RuleId != RuleIds.EXTLS2009).Select(f => f.Fingerprint).Order(StringComparer.Ordinal),
                     back.Baseline!.Absent.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));
        Assert.Equal(BaselineState.New, back.Findings.Single(f => f.Server == "EX02").BaselineState);

        var same = Baselines.Apply(broken, broken.Findings, "broken.json");
        Assert.All(same.Findings, f => Assert.Equal(BaselineState.Unchanged, f.BaselineState));
        Assert.Equal(0, same.Baseline!.New);
        Assert.Empty(same.Baseline.Absent);
    }

    [Fact]
    public void Moved_lines_reworded_messages_and_another_severity_are_still_the_same_finding()
    {
        var previous = new[] { F("EXTLS1004", "EX02", line: 4) };
        var current = new[] { F("EXTLS1004", "EX02", Severity.Warning, line: 40) with { Message = "reworded", Title = "other culture" } };
        var (marked, absent) = Baselines.Match(current, previous);
        Assert.Equal(BaselineState.Unchanged, Assert.Single(marked).BaselineState);
        Assert.Empty(absent);
    }

    [Fact]
    public void The_same_rule_on_another_target_is_another_finding()
    {
        var (marked, absent) = Baselines.Match([F("EXTLS1004", "EX03")], [F("EXTLS1004", "EX02")]);
        Assert.Equal(BaselineState.New, Assert.Single(marked).BaselineState);
        Assert.Equal("EX02", Assert.Single(absent).Target.Id);
    }

    [Fact]
    public void Findings_sharing_a_fingerprint_are_matched_one_to_one()
    {
        var (marked, absent) = Baselines.Match([F("EXTLS1004", "EX02"), F("EXTLS1004", "EX02")], [F("EXTLS1004", "EX02")]);
        Assert.Equal([BaselineState.Unchanged, BaselineState.New], marked.Select(f => f.BaselineState!.Value));
        Assert.Empty(absent);

        (marked, absent) = Baselines.Match([F("EXTLS1004", "EX02")], [F("EXTLS1004", "EX02"), F("EXTLS1004", "EX02")]);
        Assert.Equal(BaselineState.Unchanged, Assert.Single(marked).BaselineState);
        Assert.Single(absent);
    }

    [Fact]
    public void Only_what_the_finding_records_as_its_fingerprint_counts_not_what_it_would_be_now()
    {
        // A rule that changes its targets (as EXTLS5001 did) changes its fingerprints: the old ones are absent, the new ones new.
        var old = F("EXTLS5001", "EX01->EX02") with { Fingerprint = "0000000000000001" };
        var now = F("EXTLS5001", "EXTLS1004/EX02");
        var (marked, absent) = Baselines.Match([now], [old]);
        Assert.Equal(BaselineState.New, Assert.Single(marked).BaselineState);
        Assert.Equal("0000000000000001", Assert.Single(absent).Fingerprint);
    }

    [Fact]
    public void With_a_baseline_fail_on_counts_only_the_new_findings()
    {
        var broken = RuleTestKit.Analyze(Broken);
        Assert.True(FindingsPolicy.ReachesFailLevel(broken, FailOn.Error));
        Assert.False(FindingsPolicy.ReachesFailLevel(Baselines.Apply(broken, broken.Findings, "b.json"), FailOn.Error));
        Assert.True(FindingsPolicy.ReachesFailLevel(Baselines.Apply(broken, RuleTestKit.Analyze(Healthy).Findings, "h.json"), FailOn.Error));

        // A new warning fails --fail-on warning but not --fail-on error; a suppressed new error fails nothing.
        var warning = RuleTestKit.Analyze(Healthy) with { Findings = [F("EXTLS2008", "EX01", Severity.Warning)] };
        var marked = Baselines.Apply(warning, [], "empty.json");
        Assert.True(FindingsPolicy.ReachesFailLevel(marked, FailOn.Warning));
        Assert.False(FindingsPolicy.ReachesFailLevel(marked, FailOn.Error));
        var suppressed = Baselines.Apply(warning with { Findings = [F("EXTLS1004", "EX01") with { Suppression = new SuppressionInfo("external", "why", null) }] }, [], "empty.json");
        Assert.False(FindingsPolicy.ReachesFailLevel(suppressed, FailOn.Note));
    }
}
