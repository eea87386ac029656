using Extls.Rules;

namespace Extls.Cli.Tests;

public sealed class ConfigTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    private string Config(string yaml, string name = "extls.yaml")
    {
        File.WriteAllText(Path.Combine(cli.Folder, name), yaml.Replace("\r\n", "\n", StringComparison.Ordinal));
        return name;
    }

    [Fact]
    public void Severity_overrides_warning_days_as_of_and_fail_on_are_read()
    {
        var config = Config("""
            rules:
              EXTLS2010: { severity: none }
              EXTLS4004:
                severity: warning
            warningDays: 60
            asOf: 2026-09-01
            failOn: warning
            """, "custom.yaml");
        cli.Services.Snapshot = Organisations.StartTlsExpiresSoon;
        Assert.Equal(ExitCodes.Findings, cli.Run("analyze", cli.Dump(), "--config", config));
        var options = cli.Services.LastAnalysis!;
        Assert.Equal(Severity.None, options.SeverityOverrides!["EXTLS2010"]);
        Assert.Equal(Severity.Warning, options.SeverityOverrides["EXTLS4004"]);
        Assert.Equal(60, options.WarningDays);
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), options.AsOf);
    }

    [Fact]
    public void Command_line_wins_over_the_file()
    {
        var config = Config("warningDays: 60\nfailOn: warning\n", "c.yaml");
        cli.Services.Snapshot = Organisations.StartTlsExpiresSoon;
        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", cli.Dump(), "--config", config, "--warning-days", "10", "--fail-on", "error"));
        Assert.Equal(10, cli.Services.LastAnalysis!.WarningDays);
    }

    [Fact]
    public void Extls_yaml_inside_the_dump_folder_is_used_by_default()
    {
        var dump = cli.Dump();
        File.WriteAllText(Path.Combine(cli.Folder, dump, "extls.yaml"), "warningDays: 14\n");
        cli.Run("analyze", dump);
        Assert.Equal(14, cli.Services.LastAnalysis!.WarningDays);
    }

    [Fact]
    public void A_mistake_in_the_default_file_is_named_relative_to_the_working_folder()
    {
        var dump = cli.Dump();
        File.WriteAllText(Path.Combine(cli.Folder, dump, "extls.yaml"), "warningDays: 14\nfoo: 1\n");
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", dump));
        Assert.StartsWith($"dump{Path.DirectorySeparatorChar}extls.yaml:2: ", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(cli.Folder, cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_suppression_matches_rule_and_target_glob_and_expired_one_is_reported()
    {
        var config = Config("""
            suppressions:
              - ruleId: EXTLS1004
                target: "EX0?"
                justification: Certificate import scheduled for the June change.
                expires: 2026-12-31
              - ruleId: EXTLS2008
                target: "*"
                justification: Renewal in progress.
                expires: 2026-01-01
            """, "s.yaml");
        cli.Services.Snapshot = Organisations.Both;
        Assert.Equal(ExitCodes.Ok, cli.Run("analyze", cli.Dump(), "--config", config, "--format", "json", "--as-of", "2026-06-01"));
        Assert.Contains("\"justification\": \"Certificate import scheduled for the June change.\"", cli.Out, StringComparison.Ordinal);
        Assert.Contains("\"suppressed\": 1", cli.Out, StringComparison.Ordinal);
        Assert.Contains("s.yaml:6: the suppression of EXTLS2008 for '*' expired on 2026-01-01 and no longer applies; 1 finding is reported again.", cli.Error, StringComparison.Ordinal);
        Assert.Contains("\"expiredSuppressions\"", cli.Out, StringComparison.Ordinal);

        // Audit mode ignores them all.
        Assert.Equal(ExitCodes.Findings, cli.Run("analyze", cli.Dump(), "--config", config, "--no-suppressions", "--as-of", "2026-06-01"));
    }

    [Theory]
    [InlineData("rules:\n  EXTLS1004: { severity: loud }\n", "c.yaml:2:")]
    [InlineData("rules:\n  RULE1: { severity: note }\n", "c.yaml:2:")]
    [InlineData("suppressions:\n  - ruleId: EXTLS1004\n", "c.yaml:2: ")]
    [InlineData("warningDays: soon\n", "c.yaml:1:")]
    [InlineData("colour: red\n", "unknown setting 'colour'")]
    [InlineData("rules: [\n", "c.yaml:")]
    public void Mistakes_are_usage_errors_with_file_and_line(string yaml, string expected)
    {
        var config = Config(yaml, "c.yaml");
        Assert.Equal(ExitCodes.Usage, cli.Run("analyze", cli.Dump(), "--config", config));
        Assert.Contains(expected, cli.Error, StringComparison.Ordinal);
    }
}
