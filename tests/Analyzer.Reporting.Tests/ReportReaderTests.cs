using Extls.Reporting.Reading;
using Extls.Rules;
using Newtonsoft.Json.Linq;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

public sealed class ReportReaderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "extls-reader-" + Guid.NewGuid().ToString("N"));

    public ReportReaderTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Save(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Json(AnalysisResult r) => ReportWriters.Create(ReportFormat.Json, RenderSettings.Plain).Render(r);

    private static string Sarif(AnalysisResult r) => ReportWriters.Create(ReportFormat.Sarif, RenderSettings.Plain).Render(r);

    [Fact]
    public void A_findings_json_reads_back_to_the_same_findings_and_selections()
    {
        var result = Samples.Result();
        var path = Save("r.json", Json(result));
        Assert.Equal(ReportFileKind.Json, ReportReader.Detect(path));
        var read = ReportReader.Read(path, "r.json", Samples.Rules);
        Assert.Empty(read.Problems);
        var back = read.Result!;

        Assert.Equal(result.Findings.Select(f => (f.RuleId, f.Fingerprint, f.Severity, f.Target, f.Server, f.Message, f.EventId, f.Location)),
                     back.Findings.Select(f => (f.RuleId, f.Fingerprint, f.Severity, f.Target, f.Server, f.Message, f.EventId, f.Location)));
        Assert.Equal(result.Findings.Select(f => f.Suppression?.Justification), back.Findings.Select(f => f.Suppression?.Justification));
        Assert.Equal(result.Findings.Select(f => f.Impacts.Length), back.Findings.Select(f => f.Impacts.Length));
        Assert.Equal(result.Selections.Select(s => (s.Scenario, s.Server, s.Connector, s.Advertised, s.Certificate, s.Outcome, string.Join(",", s.Events))),
                     back.Selections.Select(s => (s.Scenario, s.Server, s.Connector, s.Advertised, s.Certificate, s.Outcome, string.Join(",", s.Events))));
        Assert.Equal(result.AsOf, back.AsOf);
        Assert.Equal(result.Snapshot.Organization, back.Snapshot.Organization);

        // What the report writes again is what it read: the same findings JSON.
        Assert.Equal(JObject.Parse(Json(result))["findings"]!.ToString(), JObject.Parse(Json(back))["findings"]!.ToString());
    }

    [Fact]
    public void An_extls_sarif_log_reads_back_to_the_same_findings_without_the_absent_ones()
    {
        var result = Samples.WithBaseline();
        var path = Save("r.sarif", Sarif(result));
        Assert.Equal(ReportFileKind.Sarif, ReportReader.Detect(path));
        var read = ReportReader.Read(path, "r.sarif", Samples.Rules);
        Assert.Empty(read.Problems);
        Assert.Equal(result.Findings.Select(f => (f.RuleId, f.Fingerprint, f.Severity, f.Target, f.Server, f.Message, f.Location?.File, f.Location?.JsonPath)),
                     read.Result!.Findings.Select(f => (f.RuleId, f.Fingerprint, f.Severity, f.Target, f.Server, f.Message, f.Location?.File, f.Location?.JsonPath)));

        // SARIF has no "no line": a finding about a whole file is at line 1 there, and reads back so.
        Assert.Equal(result.Findings.Select(f => f.Location is { } l ? Math.Max(1, l.Line) : 0), read.Result.Findings.Select(f => f.Location?.Line ?? 0));
        Assert.Empty(read.Result.Selections);
    }

    [Fact]
    public void Snapshots_dumps_and_other_json_are_not_reports()
    {
        Assert.Equal(ReportFileKind.None, ReportReader.Detect(Save("snapshot.json", "{\"format\": \"extls-snapshot/1\", \"servers\": []}")));
        Assert.Equal(ReportFileKind.None, ReportReader.Detect(Save("list.json", "[{\"Identity\": \"EX01\"}]")));
        Assert.Equal(ReportFileKind.None, ReportReader.Detect(Save("broken.json", "{\"tool\"")));
        Assert.Equal(ReportFileKind.None, ReportReader.Detect(Path.Combine(folder, "missing.json")));
    }

    [Fact]
    public void A_malformed_finding_is_a_problem_with_its_line_and_path_and_the_others_are_still_read()
    {
        var json = JObject.Parse(Json(Samples.Result()));
        var findings = (JArray)json["findings"]!;
        ((JObject)findings[1]).Remove("fingerprint");
        findings[2]!["severity"] = "fatal";
        var text = json.ToString();
        var path = Save("bad.json", text);

        var read = ReportReader.Read(path, "previous.json", Samples.Rules);
        Assert.Equal(findings.Count - 2, read.Result!.Findings.Length);
        var missing = read.Problems.Single(p => p.JsonPath == "$.findings[1].fingerprint");
        Assert.Equal("previous.json", missing.File);
        Assert.Equal("missing", missing.Message());
        Assert.True(missing.Line > 1);
        var fatal = read.Problems.Single(p => p.JsonPath == "$.findings[2].severity");
        Assert.Equal("severity must be error, warning or note, not 'fatal'", fatal.Message());
        var lines = text.Split('\n');
        Assert.Contains("\"fatal\"", lines[fatal.Line - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_that_does_not_parse_is_one_problem_with_its_line()
    {
        var path = Save("cut.json", "{\n  \"tool\": { \"name\": \"extls\" },\n  \"findings\": [\n    {\"ruleId\": \n");
        var read = ReportReader.Read(path, "cut.json", Samples.Rules);
        Assert.Null(read.Result);
        var problem = Assert.Single(read.Problems);
        Assert.StartsWith("not valid JSON", problem.Message(), StringComparison.Ordinal);
        Assert.True(problem.Line >= 4);
    }

    [Fact]
    public void Sarif_of_another_tool_is_refused()
    {
        var path = Save("other.sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"CodeQL\"}}, \"results\": []}]}");
        var read = ReportReader.Read(path, "other.sarif", Samples.Rules);
        Assert.Null(read.Result);
        Assert.Contains("not SARIF written by extls", Assert.Single(read.Problems).Message(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_from_before_mail_flow_targets_still_reads()
    {
        var json = JObject.Parse(Json(Samples.Result()));
        json["findings"]![0]!["target"]!["kind"] = "serverPair";
        var read = ReportReader.Read(Save("old.json", json.ToString()), "old.json", Samples.Rules);
        Assert.Empty(read.Problems);
        Assert.Equal(FindingTargetKind.MailFlow, read.Result!.Findings[0].Target.Kind);
    }
}
