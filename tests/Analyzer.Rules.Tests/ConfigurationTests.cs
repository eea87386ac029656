using Extls.Model;
using Extls.Rules.Configuration;
using Extls.Rules.Tests.Support;
using NJsonSchema;
using Extls.TestKit;

namespace Extls.Rules.Tests;

public sealed class ConfigurationTests
{
    private const string Valid = """
        # extls.yaml
        rules:
          EXTLS2010: { severity: none }
          EXTLS1006:
            severity: error
        suppressions:
          - ruleId: EXTLS2009
            target: "EX0?\\Default Frontend *"
            justification: Self-signed until the CA certificate arrives
            expires: 2026-07-01
          - ruleId: EXTLS9003
            target: "*"
            justification: Old dump analysed on purpose
        warningDays: 45
        asOf: 2026-06-01T12:30:00+02:00
        failOn: warning
        helpUriBase: https://wiki.contoso.com/extls/rules
        """;

    private static JsonSchema ConfigSchema() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "config.schema.json"))).GetAwaiter().GetResult();

    [Fact]
    public void Reads_every_setting()
    {
        var result = ConfigLoader.Parse(Valid, "extls.yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var config = result.Config!;
        Assert.Equal(Severity.None, config.Rules[RuleIds.EXTLS2010]);
        Assert.Equal(Severity.Error, config.Rules[RuleIds.EXTLS1006]);
        Assert.Equal(45, config.WarningDays);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 10, 30, 0, TimeSpan.Zero), config.AsOf);
        Assert.Equal(FailOn.Warning, config.FailOn);
        Assert.Equal(new Uri("https://wiki.contoso.com/extls/rules/"), config.HelpUriBase);
        Assert.Equal("https://wiki.contoso.com/extls/rules/EXTLS1004.md", RulePages.For(config.HelpUriBase!, RuleIds.EXTLS1004).AbsoluteUri);
        Assert.Equal(2, config.Suppressions.Length);
        var first = config.Suppressions[0];
        Assert.Equal(RuleIds.EXTLS2009, first.RuleId);
        Assert.Equal("EX0?\\Default Frontend *", first.Target);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), first.Expires);
        Assert.Equal(7, first.Location?.Line);
        Assert.Null(config.Suppressions[1].Expires);
    }

    [Fact]
    public void The_valid_example_also_validates_against_the_published_schema()
    {
        var errors = ConfigSchema().Validate(Extls.Rules.Descriptors.YamlJson.Parse(Valid));
        // YAML gives dates as plain scalars; the schema sees them as strings, as editors do.
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Schema_requires_a_justification()
    {
        var errors = ConfigSchema().Validate(Extls.Rules.Descriptors.YamlJson.Parse("suppressions:\n  - ruleId: EXTLS1001\n    target: EX01\n"));
        Assert.Contains("PropertyRequired: #/suppressions[0].justification", string.Join("\n", errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://wiki.contoso.com/rules/")]
    [InlineData("rules/")]
    [InlineData("https://wiki.contoso.com/rules/?page=1")]
    public void HelpUriBase_must_be_an_absolute_http_folder(string value)
    {
        var result = ConfigLoader.Parse($"failOn: error\nhelpUriBase: {value}\n", "extls.yaml");
        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, "$.helpUriBase"), (problem.Line, problem.JsonPath));
        Assert.StartsWith("helpUriBase: ", problem.Message(), StringComparison.Ordinal);
        Assert.NotEmpty(ConfigSchema().Validate(Extls.Rules.Descriptors.YamlJson.Parse($"helpUriBase: \"{value}\"\n")));
    }

    [Fact]
    public void Without_helpUriBase_rule_pages_are_the_project_s_own_derived_from_the_id()
    {
        Assert.Null(ConfigLoader.Parse("failOn: error\n", "extls.yaml").Config!.HelpUriBase);
        Assert.Equal("https://github.com/extls/extls/blob/main/rules/EXTLS2004.md", RulePages.For(RulePages.DefaultBase, RuleIds.EXTLS2004).AbsoluteUri);
    }

    [Fact]
    public void Empty_file_is_an_empty_configuration()
    {
        var result = ConfigLoader.Parse("# nothing yet\n", "extls.yaml");
        Assert.True(result.Succeeded);
        Assert.Empty(result.Config!.Suppressions);
        Assert.Null(result.Config.FailOn);
    }

    [Fact]
    public void Every_problem_is_reported_with_file_line_and_path()
    {
        const string Bad = """
            rules:
              EXTLS2010: { severity: loud }
              EXTLS0000: { severity: none }
            suppressions:
              - ruleId: EXTLS1001
                target: EX01
              - ruleId: EXTLS1002
                target: EX02
                justification: fine
                expires: next week
            warningDays: many
            failOn: sometimes
            colour: red
            """;

        var result = ConfigLoader.Parse(Bad, "conf/extls.yaml");

        Assert.False(result.Succeeded);
        Assert.Null(result.Config);
        var problems = result.Problems.Select(p => $"{p.File}:{p.Line} {p.JsonPath}").ToArray();
        Assert.Equal(
        [
            "conf/extls.yaml:2 $.rules.EXTLS2010.severity",
            "conf/extls.yaml:3 $.rules.EXTLS0000",
            "conf/extls.yaml:5 $.suppressions[0].justification",
            "conf/extls.yaml:10 $.suppressions[1].expires",
            "conf/extls.yaml:11 $.warningDays",
            "conf/extls.yaml:12 $.failOn",
            "conf/extls.yaml:13 $.colour",
        ], problems);
        Assert.Contains("loud", result.Problems[0].Message(), StringComparison.Ordinal);
        Assert.Contains("justification", result.Problems[2].Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_is_a_problem_with_its_line_not_an_exception()
    {
        var result = ConfigLoader.Parse("rules:\n  EXTLS2010: { severity: none\nfailOn: error\n", "extls.yaml");
        var problem = Assert.Single(result.Problems);
        Assert.Equal("extls.yaml", problem.File);
        Assert.True(problem.Line > 0);
        Assert.StartsWith("not valid YAML", problem.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_problem_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "extls-missing-" + Guid.NewGuid().ToString("N") + ".yaml");
        var problem = Assert.Single(ConfigLoader.Load(path).Problems);
        Assert.Equal(path, problem.File);
    }

    [Fact]
    public void Loads_from_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "extls-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, "failOn: never\n");
        try
        {
            var result = ConfigLoader.Load(path);
            Assert.Equal(FailOn.Never, result.Config?.FailOn);
            Assert.Equal(path, result.Config?.File);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("2026-06-30", "2026-06-30T00:00:00.0000000+00:00")]
    [InlineData("2026-06-30T08:00", "2026-06-30T08:00:00.0000000+00:00")]
    [InlineData("2026-06-30T08:00:00+09:00", "2026-06-29T23:00:00.0000000+00:00")]
    [InlineData("2026-06-30T08:00:00.5Z", "2026-06-30T08:00:00.5000000+00:00")]
    public void Dates_alone_mean_midnight_utc(string text, string expected)
    {
        Assert.True(IsoDate.TryParse(text, out var value));
        Assert.Equal(expected, value.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("30/06/2026")]
    [InlineData("June 30")]
    [InlineData("")]
    public void Rejects_non_iso_dates(string text) => Assert.False(IsoDate.TryParse(text, out _));
}

public sealed class GlobTests
{
    [Theory]
    [InlineData("EX01", "EX01", true)]
    [InlineData("ex01", "EX01", true)]
    [InlineData("EX0?", "EX01", true)]
    [InlineData("EX0?", "EX010", false)]
    [InlineData("*", "", true)]
    [InlineData("*\\Default*", "EX01\\Default Frontend EX01", true)]
    [InlineData("*\\Default*", "EX01\\Client Frontend EX01", false)]
    [InlineData("EX01/*", "EX01/ABCDEF", true)]
    [InlineData("EX*1", "EX02", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("[ab]", "a", false)]
    public void Star_and_question_mark_only(string pattern, string text, bool matches) =>
        Assert.Equal(matches, Glob.IsMatch(pattern, text));
}

public sealed class ConfigOptionsTests
{
    private static readonly DateTimeOffset Collected = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Command_line_wins_over_the_file_which_wins_over_the_snapshot()
    {
        var config = ConfigLoader.Parse("asOf: 2026-06-01\nwarningDays: 45\nfailOn: note\nrules:\n  EXTLS2010: { severity: none }\n", "extls.yaml").Config!;

        var fromFile = config.ToAnalysisOptions(Collected);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), fromFile.AsOf);
        Assert.Equal(45, fromFile.WarningDays);
        Assert.Equal(Severity.None, fromFile.SeverityOverrides![RuleIds.EXTLS2010]);
        Assert.Equal(FailOn.Note, config.ResolveFailOn(null));

        var fromCommandLine = config.ToAnalysisOptions(Collected, asOf: Collected.AddDays(3), warningDays: 7, culture: "ja", noSuppressions: true);
        Assert.Equal(Collected.AddDays(3), fromCommandLine.AsOf);
        Assert.Equal(7, fromCommandLine.WarningDays);
        Assert.Equal("ja", fromCommandLine.Culture);
        Assert.True(fromCommandLine.NoSuppressions);
        Assert.Equal(FailOn.Never, config.ResolveFailOn(FailOn.Never));
    }

    [Fact]
    public void Without_file_or_options_the_snapshot_time_and_defaults_apply()
    {
        var options = ExtlsConfig.Empty.ToAnalysisOptions(Collected);
        Assert.Equal(Collected, options.AsOf);
        Assert.Equal(30, options.WarningDays);
        Assert.Equal(30, options.StaleDays);
        Assert.Equal(FailOn.Error, ExtlsConfig.Empty.ResolveFailOn(null));
    }
}

public sealed class ConfigEdgeCaseTests
{
    [Fact]
    public void Empty_sections_are_empty_not_errors()
    {
        var result = ConfigLoader.Parse("rules:\nsuppressions: ~\n", "extls.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Empty(result.Config!.Rules);
    }

    [Fact]
    public void A_complex_key_is_a_problem_not_a_crash()
    {
        var result = ConfigLoader.Parse("? [a, b]\n: 1\nfailOn: error\n", "extls.yaml");
        Assert.Contains(result.Problems, p => p.Message().Contains("unknown setting", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_key_is_a_located_problem()
    {
        var result = ConfigLoader.Parse("failOn: error\nfailOn: note\n", "extls.yaml");
        Assert.False(result.Succeeded);
        Assert.All(result.Problems, p => Assert.Equal("extls.yaml", p.File));
    }
}
