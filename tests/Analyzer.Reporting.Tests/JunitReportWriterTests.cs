using System.Xml.Linq;
using Extls.Rules;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed class JunitReportWriterTests
{
    private static string Render(AnalysisResult result, string culture = "en") =>
        ReportWriters.Create(ReportFormat.Junit, RenderSettings.Plain with { Culture = culture }).Render(result);

    private static XElement Root(AnalysisResult result) => XDocument.Parse(Render(result)).Root!;

    [Fact]
    public void Junit_golden() => Golden.Verify(Render(Samples.Result()), "full", "xml");

    [Fact]
    public void The_schema_is_the_published_file_unmodified() => Assert.Equal(Junit.SchemaSha256, Junit.SchemaHash());

    [Fact]
    public void Every_report_is_valid_against_the_junit_schema()
    {
        foreach (var (name, xml) in new[]
        {
            ("full", Render(Samples.Result())),
            ("japanese", Render(Samples.Result("ja"), "ja")),
            ("empty", Render(Samples.Empty())),
            ("hostile", Render(Samples.Hostile())),
            ("baseline", Render(Samples.WithBaseline())),
            ("sample", Render(Samples.Result() with { BuiltInSample = true })),
        })
        {
            var errors = Junit.Validate(xml);
            Assert.True(errors.Count == 0, name + ":\n" + string.Join("\n", errors));
        }
    }

    [Fact]
    public void The_validation_rejects_what_the_schema_forbids()
    {
        // Guards the check itself: a validator that accepted anything would make the test above worthless.
        Assert.NotEmpty(Junit.Validate("<testsuites><testsuite name=\"x\"><testcase/></testsuite></testsuites>"));
        Assert.NotEmpty(Junit.Validate("<testsuites><testcase name=\"x\"/></testsuites>"));
    }

    [Fact]
    public void A_suite_per_rule_a_case_per_rule_and_target_a_failure_per_unsuppressed_finding_and_the_counts_agree()
    {
        var result = Samples.Result();
        var root = Root(result);
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(result.Rules.Select(r => r.Id).Order(StringComparer.Ordinal).Append("Input"), suites.Select(s => ((string)s.Attribute("name")!).Split(' ')[0]));

        foreach (var suite in suites)
        {
            var cases = suite.Elements("testcase").ToList();
            Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)suite.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") is not null), (int)suite.Attribute("skipped")!);
            Assert.Equal(cases.Count(c => c.Element("error") is not null), (int)suite.Attribute("errors")!);
        }

        Assert.Equal(suites.Sum(s => (int)s.Attribute("tests")!), (int)root.Attribute("tests")!);
        Assert.Equal(result.Problems.Length, (int)root.Attribute("errors")!);
        var problem = root.Descendants("error").Single();
        Assert.Equal(result.Problems[0].Message(), (string)problem.Attribute("message")!);
        Assert.Equal("extls.input", (string)problem.Parent!.Attribute("classname")!);
        Assert.Equal(result.Findings.Count(f => f.Suppression is null), (int)root.Attribute("failures")!);
        Assert.Equal(result.Findings.Count(f => f.Suppression is null), root.Descendants("failure").Count());
        Assert.Equal(result.Findings.Count(f => f.Suppression is not null), root.Descendants("skipped").Count());

        // A case is named by its target, so a test tab follows the same object from run to run; its class is the rule.
        var notInStore = result.Findings.Single(f => f.RuleId == "EXTLS1004");
        var testcase = root.Descendants("testcase").Single(c => (string)c.Attribute("classname")! == "extls.EXTLS1004");
        Assert.Equal("server EX02", (string)testcase.Attribute("name")!);
        Assert.Equal(notInStore.Location!.File, (string)testcase.Attribute("file")!);
        var failure = testcase.Element("failure")!;
        Assert.Equal("error", (string)failure.Attribute("type")!);
        Assert.Equal(notInStore.Message, (string)failure.Attribute("message")!);
        Assert.Contains("New-ExchangeCertificate -Server 'EX02' -WhatIf", failure.Value, StringComparison.Ordinal);
        Assert.Contains("https://github.com/extls/extls/blob/main/rules/EXTLS1004.md", failure.Value, StringComparison.Ordinal);

        // A rule that found nothing is one passing case.
        var silent = suites.Single(s => ((string)s.Attribute("name")!).StartsWith("EXTLS1001 ", StringComparison.Ordinal));
        Assert.Equal("no finding", (string)silent.Element("testcase")!.Attribute("name")!);
        Assert.Empty(silent.Descendants("failure"));
    }

    [Fact]
    public void Customer_names_that_break_xml_are_written_as_well_formed_text()
    {
        var xml = Render(Samples.Hostile());
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("extls: " + Samples.HostileOrganization, (string)root.Attribute("name")!);
        Assert.DoesNotContain("<script>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", xml, StringComparison.Ordinal);

        // What XML cannot carry at all is written visibly; what it can is the name as the dump holds it.
        var connector = root.Descendants("testcase").Select(c => (string)c.Attribute("name")!).Single(n => n.Contains("calc", StringComparison.Ordinal));
        Assert.Equal("receiveConnector EX01\\" + Samples.HostileName.Replace("\u0001", "\\u0001", StringComparison.Ordinal).Replace("\u001b", "\\u001B", StringComparison.Ordinal).Replace("\ud800", "\ufffd", StringComparison.Ordinal), connector);
    }

    [Fact]
    public void With_a_baseline_a_finding_the_run_no_longer_has_is_a_passing_case_and_each_failure_says_its_state()
    {
        var result = Samples.WithBaseline();
        var root = Root(result);
        var fixedCase = root.Descendants("testcase").Single(c => (string)c.Attribute("name")! == "server EX09");
        Assert.Null(fixedCase.Element("failure"));
        Assert.StartsWith("fixed since the baseline", fixedCase.Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Contains(root.Descendants("failure"), f => f.Value.Contains("Baseline: new since the baseline", StringComparison.Ordinal));
        Assert.Contains(root.Descendants("failure"), f => f.Value.Contains("Baseline: unchanged since the baseline", StringComparison.Ordinal));
        Assert.Contains(root.Descendants("property"), p => (string)p.Attribute("name")! == "baseline" && (string)p.Attribute("value")! == "baselines/previous.json");
    }

    [Fact]
    public void The_built_in_sample_says_so_in_the_report_name_and_the_properties()
    {
        var root = Root(Samples.Result() with { BuiltInSample = true });
        Assert.Equal("extls: Built-in sample organisation", (string)root.Attribute("name")!);
        Assert.All(root.Elements("testsuite"), s =>
            Assert.Contains(s.Descendants("property"), p => (string)p.Attribute("name")! == "input" && (string)p.Attribute("value")! == "Built-in sample organisation"));
        Assert.DoesNotContain(Root(Samples.Result()).Descendants("property"), p => (string)p.Attribute("name")! == "input");
    }

    [Fact]
    public void The_declaration_names_utf8_and_lines_end_with_lf()
    {
        var xml = Render(Samples.Result());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", xml, StringComparison.Ordinal);
    }
}
