using System.Collections.Immutable;
using System.Globalization;
using Extls.Import;
using Extls.Model;
using Extls.Rules;
using Extls.Selection;
using Extls.TestKit;
using Newtonsoft.Json.Linq;

namespace Extls.Robustness.Tests;

/// <summary>The committed fixtures, read into memory, and what one analysis of them gives, as comparable lines.</summary>
internal static class Dumps
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Snapshots => Path.Combine(Repository.Root, "snapshots");

    /// <summary>A dump folder's files, by path relative to the dump root.</summary>
    public static SortedDictionary<string, byte[]> Files(string folder)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(folder, file).Replace('\\', '/')] = File.ReadAllBytes(file);
        }

        return files;
    }

    /// <summary>Every scenario whose expected.json joins more than one dump, with its input folders.</summary>
    public static IEnumerable<(string Id, string[] Inputs)> JoinedScenarios() =>
        Directory.EnumerateDirectories(Path.Combine(Snapshots, "scenarios")).Order(StringComparer.Ordinal)
            .Select(dir => (Dir: dir, Expected: JObject.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")))))
            .Where(s => s.Expected["inputs"]!.Count() > 1)
            .Select(s => (Path.GetFileName(s.Dir), s.Expected["inputs"]!.Select(i => Path.Combine(s.Dir, (string)i!)).ToArray()));

    public static AnalysisResult Analyze(LoadResult load) =>
        AnalysisEngine.CreateDefault().Analyze(load.Snapshot!, load.Problems, new AnalysisOptions(AsOf, AnalysisOptions.DefaultWarningDays));

    public static string SelectionKey(Selection.SelectionResult s) => $"{s.Scenario.ToId()} | {s.Server} | {s.Connector ?? "(none)"}";

    /// <summary>A selection as the reports show it: its key and its answer.</summary>
    public static string SelectionLine(Selection.SelectionResult s) =>
        string.Create(CultureInfo.InvariantCulture, $"{SelectionKey(s)} | {s.Advertised} | {s.Certificate ?? "-"} | [{string.Join(",", s.Events.IsDefault ? [] : s.Events)}] | {s.EndedAtStep} | {s.Outcome}");

    /// <summary>A finding's identity: rule, server, target and severity (not its wording, which lists peers).</summary>
    public static string FindingLine(Finding f) =>
        string.Create(CultureInfo.InvariantCulture, $"{f.RuleId} | {f.Server ?? "-"} | {f.Target.Kind.ToId()}:{f.Target.Id} | {f.Severity} | {f.EventId}");

    /// <summary>
    /// Findings that name a root cause (EXTLS5001, target "RULE/TARGET") whose root cause is not itself
    /// among the findings of the same run.
    /// </summary>
    public static IEnumerable<Finding> DanglingRootCauses(AnalysisResult result)
    {
        var reported = result.Findings.Select(f => f.RuleId + "/" + f.Target.Id).ToHashSet(StringComparer.Ordinal);
        return result.Findings.Where(f => f.Target.Kind == FindingTargetKind.MailFlow && !reported.Contains(f.Target.Id));
    }

    public static ImmutableArray<string> Duplicates(IEnumerable<string> lines) =>
        [.. lines.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"{g.Key} (x{g.Count()})")];
}
