using System.Globalization;
using Extls.Rules;

namespace Extls.Redaction.Tests;

/// <summary>
/// A redacted dump analyses as the original does: with the real engine, every committed dump gives the same findings
/// (rule, severity, event, server, target) and the same selections (scenario, server, connector, advertised,
/// certificate, events, step) once the pseudonyms are mapped back with the mapping file, and the same problems.
/// </summary>
public sealed class EquivalenceTests
{
    [Theory]
    [MemberData(nameof(Dumps.Ids), MemberType = typeof(Dumps))]
    public void The_redacted_dump_gives_the_same_findings_and_selections(string id)
    {
        var c = Dumps.Get(id);
        var redacted = Dumps.Redact(id);
        var original = Dumps.Analyze(c.Inputs, c);
        var copy = Dumps.Analyze(redacted.Folders, c);
        var reveal = new Revealer(redacted.Mapping);
        string R(string? s) => s is null ? "" : reveal.Reveal(s, RevealFormat.Text);

        Assert.NotEmpty(original.Selections);
        Assert.Equal(
            original.Findings.Select(f => Describe(f, s => s ?? "")).Order(StringComparer.Ordinal),
            copy.Findings.Select(f => Describe(f, R)).Order(StringComparer.Ordinal));
        Assert.Equal(
            original.Selections.Select(s => $"{s.Scenario}|{s.Server}|{s.Connector}|{s.Advertised}|{s.Certificate}|{string.Join(',', s.Events)}|{s.EndedAtStep}").Order(StringComparer.Ordinal),
            copy.Selections.Select(s => $"{s.Scenario}|{R(s.Server)}|{R(s.Connector)}|{s.Advertised}|{R(s.Certificate)}|{string.Join(',', s.Events)}|{s.EndedAtStep}").Order(StringComparer.Ordinal));
        Assert.Equal(
            original.Problems.Select(p => $"{p.Line.ToString(CultureInfo.InvariantCulture)}|{p.JsonPath}").Order(StringComparer.Ordinal),
            copy.Problems.Select(p => $"{p.Line.ToString(CultureInfo.InvariantCulture)}|{R(p.JsonPath)}").Order(StringComparer.Ordinal));
    }

    private static string Describe(Finding f, Func<string?, string> reveal) =>
        $"{f.RuleId}|{f.Severity}|{f.EventId}|{reveal(f.Server)}|{f.Target.Kind}|{reveal(f.Target.Id)}";

    [Fact]
    public void Rule_ids_and_counts_are_those_of_the_original_over_every_dump()
    {
        var before = new Dictionary<string, int>(StringComparer.Ordinal);
        var after = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in Dumps.All)
        {
            foreach (var f in Dumps.Analyze(c.Inputs, c).Findings)
            {
                before[f.RuleId] = before.GetValueOrDefault(f.RuleId) + 1;
            }

            foreach (var f in Dumps.Analyze(Dumps.Redact(c.Id).Folders, c).Findings)
            {
                after[f.RuleId] = after.GetValueOrDefault(f.RuleId) + 1;
            }
        }

        // The committed dumps exercise most of the catalogue, including the inconsistencies (EXTLS9004) and the corrupt AD value (EXTLS1003).
        Assert.Contains("EXTLS9004", before.Keys);
        Assert.Contains("EXTLS1003", before.Keys);
        Assert.Contains("EXTLS4004", before.Keys);
        Assert.Equal(before.OrderBy(k => k.Key), after.OrderBy(k => k.Key));
    }
}
