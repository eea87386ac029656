using System.Xml;
using Extls.Rules;
using Extls.Selection;

namespace Extls.Reporting;

/// <summary>
/// JUnit XML, as the test tabs of GitLab, Azure DevOps and GitHub's test reporters read it: one test suite per
/// rule of the catalogue, one test case per rule and target, a failure per finding (a suppressed finding is
/// skipped), and the counts on every suite and on the root. A rule that found nothing is one passing test
/// case, so the tab shows the whole catalogue; with a baseline, a finding the baseline had and this run has not
/// is a passing test case under its own name, so its history turns green.
/// </summary>
public sealed class JunitReportWriter(RenderSettings settings) : IReportWriter
{
    public ReportFormat Format => ReportFormat.Junit;

    public string Render(AnalysisResult result) => TextOf.Write(w => Write(result, w));

    public void Write(AnalysisResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var labels = Labels.For(settings.Culture);
        var words = PipelineLabels.For(settings.Culture);
        var findings = (result.Findings.IsDefault ? [] : result.Findings).ToLookup(f => f.RuleId, StringComparer.Ordinal);
        var absent = (result.Baseline?.Absent ?? []).ToLookup(f => f.RuleId, StringComparer.Ordinal);
        var suites = result.Rules.OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new Suite(r, [.. findings[r.Id]], [.. absent[r.Id]]))
            .ToList();

        // The declaration names UTF-8, as every file extls writes is; the writer itself only sees characters.
        output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = false,
        }))
        {
            var problems = result.Problems.IsDefault ? [] : result.Problems;
            xml.WriteStartElement("testsuites");
            Attribute(xml, "name", SuitesName(result, words));
            Attribute(xml, "tests", Fmt.Int(suites.Sum(s => s.Tests) + problems.Length));
            Attribute(xml, "failures", Fmt.Int(suites.Sum(s => s.Failures)));
            Attribute(xml, "errors", Fmt.Int(problems.Length));
            Attribute(xml, "time", "0");
            foreach (var suite in suites)
            {
                WriteSuite(xml, suite, result, labels, words);
            }

            WriteProblems(xml, result, labels, words);
            xml.WriteEndElement();
        }

        output.Write('\n');
    }

    private void WriteSuite(XmlWriter xml, Suite suite, AnalysisResult result, Labels labels, PipelineLabels words)
    {
        var rule = suite.Rule;
        xml.WriteStartElement("testsuite");
        Attribute(xml, "name", $"{rule.Id} {rule.Name}");
        Attribute(xml, "tests", Fmt.Int(suite.Tests));
        Attribute(xml, "failures", Fmt.Int(suite.Failures));
        Attribute(xml, "errors", "0");
        Attribute(xml, "skipped", Fmt.Int(suite.Skipped));
        Attribute(xml, "time", "0");

        WriteProperties(xml, result, labels, words, rule);

        foreach (var f in suite.Findings)
        {
            StartCase(xml, f);
            if (f.Suppression is { } s)
            {
                xml.WriteStartElement("skipped");
                Attribute(xml, "message", $"{labels.Suppressed}: {s.Justification}");
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteStartElement("failure");
                Attribute(xml, "message", f.Message);
                Attribute(xml, "type", Fmt.SeverityName(f.Severity));
                xml.WriteString(TextSafety.Xml(Details(f, rule, labels, words)));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        foreach (var f in suite.Absent)
        {
            StartCase(xml, f);
            xml.WriteStartElement("system-out");
            xml.WriteString(TextSafety.Xml($"{words.State(BaselineState.Absent)} {words.SinceBaseline}: {f.Message}"));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        if (suite.Findings.Length == 0 && suite.Absent.Length == 0)
        {
            xml.WriteStartElement("testcase");
            Attribute(xml, "name", words.NoFinding);
            Attribute(xml, "classname", ClassName(rule.Id));
            Attribute(xml, "time", "0");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// What could not be read is an error of the run, not a finding: a suite of its own with an errored case per
    /// problem, so the test tab shows an incomplete analysis (exit code 3) as such.
    /// </summary>
    private void WriteProblems(XmlWriter xml, AnalysisResult result, Labels labels, PipelineLabels words)
    {
        var problems = result.Problems.IsDefault ? [] : result.Problems;
        if (problems.Length == 0)
        {
            return;
        }

        xml.WriteStartElement("testsuite");
        Attribute(xml, "name", labels.Problems);
        Attribute(xml, "tests", Fmt.Int(problems.Length));
        Attribute(xml, "failures", "0");
        Attribute(xml, "errors", Fmt.Int(problems.Length));
        Attribute(xml, "skipped", "0");
        Attribute(xml, "time", "0");
        WriteProperties(xml, result, labels, words, rule: null);
        foreach (var p in problems)
        {
            xml.WriteStartElement("testcase");
            Attribute(xml, "name", p.Line > 0 ? $"{p.File}:{Fmt.Int(p.Line)} {p.JsonPath}" : $"{p.File} {p.JsonPath}");
            Attribute(xml, "classname", $"{ToolInfo.Name}.input");
            Attribute(xml, "file", p.File);
            if (p.Line > 0)
            {
                Attribute(xml, "line", Fmt.Int(p.Line));
            }

            Attribute(xml, "time", "0");
            xml.WriteStartElement("error");
            Attribute(xml, "message", ProblemWording.Message(p, settings.Culture));
            Attribute(xml, "type", "input");
            xml.WriteString(TextSafety.Xml(ProblemWording.Line(p, settings.Culture)));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>What every suite says of the run (the input, the as-of, the baseline) and, for a rule's suite, its title and page.</summary>
    private void WriteProperties(XmlWriter xml, AnalysisResult result, Labels labels, PipelineLabels words, RuleDescriptor? rule)
    {
        xml.WriteStartElement("properties");
        if (rule is not null)
        {
            Property(xml, "title", rule.Title.For(settings.Culture));
        }

        Property(xml, "organization", result.Snapshot.Organization ?? labels.Unknown);
        if (result.BuiltInSample)
        {
            Property(xml, "input", words.BuiltInSample);
        }

        Property(xml, "asOf", Fmt.Date(result.AsOf));
        if (result.Baseline is { } baseline)
        {
            Property(xml, "baseline", baseline.Source);
        }

        if (rule is not null)
        {
            Property(xml, "helpUri", RulePages.For(settings.HelpUriBase, rule.Id).AbsoluteUri);
        }

        xml.WriteEndElement();
    }

    // The test's name is the target alone, so its history in a test tab follows the same object run after run.
    private static void StartCase(XmlWriter xml, Finding f)
    {
        xml.WriteStartElement("testcase");
        Attribute(xml, "name", $"{f.Target.Kind.ToId()} {f.Target.Id}");
        Attribute(xml, "classname", ClassName(f.RuleId));
        if (f.Location is { } l)
        {
            Attribute(xml, "file", l.File);
            if (l.Line > 0)
            {
                Attribute(xml, "line", Fmt.Int(l.Line));
            }
        }

        Attribute(xml, "time", "0");
    }

    private static string ClassName(string ruleId) => $"{ToolInfo.Name}.{ruleId}";

    private static string SuitesName(AnalysisResult result, PipelineLabels words) =>
        result.BuiltInSample ? $"{ToolInfo.Name}: {words.BuiltInSample}"
        : result.Snapshot.Organization is { } organization ? $"{ToolInfo.Name}: {organization}"
        : ToolInfo.Name;

    private string Details(Finding f, RuleDescriptor rule, Labels labels, PipelineLabels words)
    {
        var lines = new List<string> { f.Message, $"{labels.Target}: {f.Target.Kind.ToId()} {f.Target.Id}" };
        if (f.EventId is { } e)
        {
            lines.Add($"{labels.Event}: {Fmt.Int(e)}");
        }

        if (f.Location is { } l)
        {
            lines.Add($"{labels.Location}: {Fmt.FileLine(l)} ({l.JsonPath})");
        }

        if (!f.Impacts.IsDefaultOrEmpty)
        {
            lines.Add($"{labels.Impacts}:");
            lines.AddRange(f.Impacts.GroupBy(i => i.Scenario.ToId()).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"  {g.Key}: {string.Join(labels.ListSeparator, g.Select(i => i.Connector ?? i.Server).Distinct(StringComparer.Ordinal))}"));
        }

        if (!f.Assumptions.IsDefaultOrEmpty)
        {
            lines.Add($"{labels.Assumptions}: {string.Join(labels.ListSeparator, f.Assumptions)}");
        }

        if (f.BaselineState is { } state)
        {
            lines.Add($"{words.Baseline}: {words.State(state)} {words.SinceBaseline}");
        }

        lines.Add($"{words.Help}: {RulePages.For(settings.HelpUriBase, rule.Id).AbsoluteUri}");
        if (!string.IsNullOrWhiteSpace(f.Remediation))
        {
            lines.Add($"{labels.Remediation}:");
            lines.AddRange(f.Remediation.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(r => "  " + r));
        }

        return string.Join("\n", lines);
    }

    private static void Attribute(XmlWriter xml, string name, string value) => xml.WriteAttributeString(name, TextSafety.Xml(value));

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        Attribute(xml, "name", name);
        Attribute(xml, "value", value);
        xml.WriteEndElement();
    }

    private sealed record Suite(RuleDescriptor Rule, Finding[] Findings, Finding[] Absent)
    {
        public int Tests => Math.Max(1, Findings.Length + Absent.Length);

        public int Failures => Findings.Count(f => f.Suppression is null);

        public int Skipped => Findings.Count(f => f.Suppression is not null);
    }
}
