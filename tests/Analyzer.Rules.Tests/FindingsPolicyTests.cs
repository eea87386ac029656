using Extls.Rules.Configuration;

namespace Extls.Rules.Tests;

public sealed class FindingsPolicyTests
{
    private static Finding F(Severity severity, bool suppressed = false) => new()
    {
        RuleId = RuleIds.EXTLS1001,
        Name = "N",
        Severity = severity,
        Title = "T",
        Message = "M",
        Target = new FindingTarget(FindingTargetKind.Server, "EX01"),
        Remediation = "R",
        Fingerprint = "0000000000000000",
        Suppression = suppressed ? new SuppressionInfo("external", "why", null) : null,
    };

    [Theory]
    [InlineData(FailOn.Error, Severity.Error, true)]
    [InlineData(FailOn.Error, Severity.Warning, false)]
    [InlineData(FailOn.Warning, Severity.Warning, true)]
    [InlineData(FailOn.Warning, Severity.Note, false)]
    [InlineData(FailOn.Note, Severity.Note, true)]
    [InlineData(FailOn.Never, Severity.Error, false)]
    public void Fails_when_an_unsuppressed_finding_reaches_the_level(FailOn failOn, Severity severity, bool fails) =>
        Assert.Equal(fails, FindingsPolicy.ReachesFailLevel([F(severity)], failOn));

    [Fact]
    public void Suppressed_findings_never_fail_the_run() =>
        Assert.False(FindingsPolicy.ReachesFailLevel([F(Severity.Error, suppressed: true), F(Severity.Note)], FailOn.Warning));

    [Fact]
    public void No_findings_never_fail() => Assert.False(FindingsPolicy.ReachesFailLevel([], FailOn.Note));

    [Theory]
    [InlineData("error", FailOn.Error)]
    [InlineData("Warning", FailOn.Warning)]
    [InlineData(" note ", FailOn.Note)]
    [InlineData("never", FailOn.Never)]
    public void Parses_fail_on_levels(string text, FailOn expected)
    {
        Assert.True(FindingsPolicy.TryParseFailOn(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Rejects_an_unknown_fail_on_level() => Assert.False(FindingsPolicy.TryParseFailOn("fatal", out _));
}
