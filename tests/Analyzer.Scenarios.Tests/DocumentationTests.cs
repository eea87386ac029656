using System.Text.RegularExpressions;

namespace Extls.Scenarios.Tests;

/// <summary>
/// The documentation stands on its own and agrees with the replay: every relative link in the repository's
/// Markdown reaches a file (and a heading) inside it, nothing names the specification folder outside the
/// repository, and every step a committed scenario's replay ends at is a step docs/selection.md says can end it.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", ".tools", "TestResults", "node_modules", "BenchmarkDotNet.Artifacts"];

    // The processes' ids as docs/selection.md heads their sections ("## Process 1: … (`inbound-anonymous-tls`)").
    private static readonly string[] Processes = ["inbound-anonymous-tls", "outbound-anonymous-tls", "inbound-starttls", "outbound-starttls"];

    [GeneratedRegex(@"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    private static string Root => ScenarioCatalog.RepoRoot;

    private static IEnumerable<string> Files(params string[] extensions)
    {
        var pending = new Stack<string>([Root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.GetDirectories(dir).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))))
            {
                pending.Push(sub);
            }

            foreach (var file in Directory.GetFiles(dir).Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)))
            {
                yield return file;
            }
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.</summary>
    internal static string Anchor(string heading)
    {
        var text = heading.Trim().ToLowerInvariant();
        var kept = new string(text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray());
        return kept.Replace(' ', '-');
    }

    [Fact]
    public void Anchor_follows_the_code_host()
    {
        Assert.Equal("process-1-inbound-anonymous-tls-inbound-anonymous-tls", Anchor("Process 1: inbound anonymous TLS (`inbound-anonymous-tls`)"));
        Assert.Equal("manifestjson", Anchor("manifest.json"));
    }

    [Fact]
    public void Every_relative_link_in_the_markdown_reaches_a_file_and_heading_of_the_repository()
    {
        var markdown = Files(".md").ToList();
        Assert.Contains(markdown, f => Relative(f) == "docs/selection.md");
        var problems = new List<string>();
        foreach (var file in markdown)
        {
            foreach (Match m in MarkdownLink().Matches(File.ReadAllText(file)))
            {
                var target = m.Groups[1].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var pathPart = hash < 0 ? target : target[..hash];
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var resolved = pathPart.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(pathPart)));
                if (!resolved.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && resolved != Root)
                {
                    problems.Add($"{Relative(file)}: {target} points outside the repository");
                }
                else if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    problems.Add($"{Relative(file)}: {target} does not exist");
                }
                else if (anchor is not null && File.Exists(resolved) && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                         && !Heading().Matches(File.ReadAllText(resolved)).Select(h => Anchor(h.Groups[1].Value)).Contains(anchor))
                {
                    problems.Add($"{Relative(file)}: {target} names no heading of {Relative(resolved)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_file_names_the_specification_folder_beside_the_repository()
    {
        // Spelled in pieces so that this file does not name it either.
        string[] outside = [".." + "/shared", ".." + "\\shared", "/work/" + "shared", "\"..\", \"" + "shared\""];
        var files = Files(".cs", ".md", ".sh", ".ps1", ".psm1", ".yaml", ".yml", ".csproj", ".props", ".targets", ".json", ".txt").ToList();
        Assert.NotEmpty(files);
        var hits = files
            .Where(f => !Relative(f).StartsWith("snapshots/", StringComparison.Ordinal))
            .SelectMany(f => outside.Where(o => File.ReadAllText(f).Contains(o, StringComparison.OrdinalIgnoreCase)).Select(o => $"{Relative(f)}: {o}"))
            .ToList();
        Assert.True(hits.Count == 0, string.Join("\n", hits));
    }

    /// <summary>Process id → the steps docs/selection.md lists, each with whether it can end the replay.</summary>
    private static Dictionary<string, SortedDictionary<int, bool>> DocumentedSteps()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "selection.md")).ReplaceLineEndings("\n");
        var steps = new Dictionary<string, SortedDictionary<int, bool>>(StringComparer.Ordinal);
        string? process = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                process = Processes.FirstOrDefault(p => line.StartsWith("## Process", StringComparison.Ordinal) && line.Contains($"(`{p}`)", StringComparison.Ordinal));
                if (process is not null)
                {
                    steps[process] = [];
                }

                continue;
            }

            if (process is null || !line.StartsWith("| ", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length >= 4 && int.TryParse(cells[1], out var step))
            {
                steps[process][step] = cells[^2] != "—";
            }
        }

        return steps;
    }

    [Fact]
    public void Selection_doc_numbers_each_process_from_1_without_gaps()
    {
        var steps = DocumentedSteps();
        Assert.Equal(Processes.Order(StringComparer.Ordinal), steps.Keys.Order(StringComparer.Ordinal));
        foreach (var (process, numbered) in steps)
        {
            Assert.Equal(Enumerable.Range(1, numbered.Count), numbered.Keys);
        }

        // As snapshots/README.md tabulates them: process 1 ends at 2 to 5, process 2 at 1 to 4, process 3 at 2, 6, 7, 10, 11.
        Assert.Equal(5, steps["inbound-anonymous-tls"].Count);
        Assert.Equal(4, steps["outbound-anonymous-tls"].Count);
        Assert.Equal(11, steps["inbound-starttls"].Count);
        Assert.Equal(6, steps["outbound-starttls"].Count);
    }

    [Fact]
    public void Every_step_a_committed_scenario_ends_at_is_one_the_selection_doc_says_can_end_it()
    {
        var steps = DocumentedSteps();
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var c in ScenarioCatalog.All().Concat(ScenarioCatalog.Handwritten()))
        {
            foreach (var s in c.Expected["selections"]!)
            {
                var process = (string)s["scenario"]!;
                var step = (int)s["endedAtStep"]!;
                seen.Add($"{process} {step}");
                if (!steps.TryGetValue(process, out var numbered) || !numbered.TryGetValue(step, out var ends) || !ends)
                {
                    problems.Add($"{c.Id}: {process} ends at step {step}, which docs/selection.md does not give as a step that ends it");
                }
            }
        }

        Assert.True(seen.Count >= 10, "only " + seen.Count + " distinct end steps seen: " + string.Join(", ", seen));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }
}
