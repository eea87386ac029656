using System.Collections.Immutable;
using System.Reflection;
using Extls.Import;
using Extls.Model;
using Extls.Planning;
using Extls.Reporting;
using Extls.Rules;
using Extls.Selection;

namespace Extls.Cli;

/// <summary>
/// What the commands need from the libraries. The CLI is composition only; this seam lets its
/// tests run the commands end to end over hand-built results.
/// </summary>
internal interface IExtlsServices
{
    LoadResult Load(IReadOnlyList<string> paths);

    /// <summary>Every problem of the given dumps or snapshots; empty when they read cleanly.</summary>
    ImmutableArray<ImportProblem> Validate(IReadOnlyList<string> paths);

    /// <summary>The built-in sample organisation, or null when this build carries none.</summary>
    LoadResult? LoadSample();

    IReadOnlyList<RuleDescriptor> Rules { get; }

    /// <summary>The documentation page (rules/&lt;ID&gt;.md) of each rule, by id.</summary>
    IReadOnlyDictionary<string, string> HelpPages { get; }

    AnalysisResult Analyze(OrganizationSnapshot snapshot, ImmutableArray<ImportProblem> problems, AnalysisOptions options);

    ImmutableArray<SelectionResult> Replay(OrganizationSnapshot snapshot, ReplayOptions options);

    string WriteSnapshot(OrganizationSnapshot snapshot);

    /// <summary>The plans rehearsed against the analysis <paramref name="before"/>: one outcome per answer to the prompts they leave open.</summary>
    WhatIfResult WhatIf(AnalysisResult before, IReadOnlyList<Plan> plans, AnalysisOptions options, PlanContext context);

    /// <summary>Each finding's remediation rehearsed: the findings with remediationVerified set.</summary>
    AnalysisResult VerifyRemediations(AnalysisResult result, AnalysisOptions options, PlanContext context);

    /// <summary>The findings replayed at each date a certificate changes, from the as-of of <paramref name="start"/> to <paramref name="until"/>.</summary>
    TimelineResult Timeline(AnalysisResult start, AnalysisOptions options, DateTimeOffset until, int maxInstants = int.MaxValue);

    /// <summary>
    /// The evidence in the dumps (their servers/&lt;NAME&gt;/ProtocolLog and TransportEvents files) and in the --evidence
    /// folders, zips or files, tied to the snapshot's servers; rows before <paramref name="since"/> are not counted.
    /// </summary>
    Evidence.EvidenceSet ReadEvidence(IReadOnlyList<string> dumps, IReadOnlyList<string> evidence, OrganizationSnapshot snapshot, DateTimeOffset? since) =>
        Evidence.EvidenceSet.Empty;
}

/// <summary>The real libraries.</summary>
/// <param name="workingDirectory">Where relative paths start (the host's, which need not be the process's).</param>
internal sealed class LibraryServices(string workingDirectory) : IExtlsServices
{
    private const string SamplePrefix = "sample/";

    private readonly Lazy<AnalysisEngine> engine = new(AnalysisEngine.CreateDefault);

    public LoadResult Load(IReadOnlyList<string> paths)
    {
        var loaded = DumpLoader.Load(Resolve(paths));
        return new LoadResult(loaded.Snapshot is { } s ? s with { Sources = [.. paths] } : null, AsTyped(loaded.Problems, paths));
    }

    public ImmutableArray<ImportProblem> Validate(IReadOnlyList<string> paths) => AsTyped(DumpValidator.Validate(Resolve(paths)), paths);

    // The loader resolves against the process's folder; the host's may differ (tests, a future service).
    private List<string> Resolve(IReadOnlyList<string> paths) => paths.Select(p => Path.GetFullPath(p, workingDirectory)).ToList();

    /// <summary>
    /// Names the inputs in problems as the user typed them: an absolute path would make the same dump
    /// give different bytes on different machines.
    /// </summary>
    private ImmutableArray<ImportProblem> AsTyped(ImmutableArray<ImportProblem> problems, IReadOnlyList<string> paths)
    {
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, workingDirectory);
            typed.TryAdd(full, path);

            // A dump's manifest stands for its folder, and the loader names files from the folder.
            if (Path.GetFileName(full).Equals("manifest.json", StringComparison.OrdinalIgnoreCase))
            {
                var folder = Path.GetDirectoryName(path);
                typed.TryAdd(Path.GetDirectoryName(full)!, string.IsNullOrEmpty(folder) ? "." : folder);
            }
        }

        string Rename(string file)
        {
            if (typed.TryGetValue(file, out var exact))
            {
                return exact;
            }

            var prefix = typed.Keys.Where(k => file.StartsWith(k + Path.DirectorySeparatorChar, StringComparison.Ordinal)).MaxBy(k => k.Length);
            return prefix is null ? file : typed[prefix] + file[prefix.Length..];
        }

        return [.. (problems.IsDefault ? [] : problems)
            .Select(p => p with { File = Rename(p.File) })
            .OrderBy(p => p.File, StringComparer.Ordinal)
            .ThenBy(p => p.Line)
            .ThenBy(p => p.JsonPath, StringComparer.Ordinal)
            .ThenBy(p => ProblemWording.English(p), StringComparer.Ordinal)];
    }

    public LoadResult? LoadSample()
    {
        var assembly = typeof(LibraryServices).Assembly;
        // Not a SortedDictionary: its tree of key-value structs is compiled at run time on every start, and the loader
        // takes the files in path order anyway.
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(SamplePrefix, StringComparison.Ordinal)))
        {
            files[name[SamplePrefix.Length..].Replace('\\', '/')] = Read(assembly, name);
        }

        return files.Count == 0 ? null : DumpLoader.LoadFromFiles("sample", files);
    }

    // The catalogue the engine is built over, without building the engine: listing the rules needs no evaluator.
    public IReadOnlyList<RuleDescriptor> Rules => RuleCatalog.Default.Rules;

    private readonly Lazy<IReadOnlyDictionary<string, string>> helpPages = new(ReadHelpPages);

    public IReadOnlyDictionary<string, string> HelpPages => helpPages.Value;

    // The rules assembly embeds each page as "rules/<ID>.md".
    private static IReadOnlyDictionary<string, string> ReadHelpPages()
    {
        var assembly = typeof(AnalysisEngine).Assembly;
        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal)))
        {
            pages[name["rules/".Length..^".md".Length]] = System.Text.Encoding.UTF8.GetString(Read(assembly, name)).Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        return pages;
    }

    public AnalysisResult Analyze(OrganizationSnapshot snapshot, ImmutableArray<ImportProblem> problems, AnalysisOptions options) =>
        engine.Value.Analyze(snapshot, problems, Worded(options));

    /// <summary>The options with the writers' wording for the input problems a finding carries (EXTLS9001).</summary>
    private static AnalysisOptions Worded(AnalysisOptions options) => options with { ProblemText = ProblemWording.WithPlace };

    public ImmutableArray<SelectionResult> Replay(OrganizationSnapshot snapshot, ReplayOptions options) => Selection.Replay.All(snapshot, options);

    public string WriteSnapshot(OrganizationSnapshot snapshot) => SnapshotFile.Write(snapshot);

    public WhatIfResult WhatIf(AnalysisResult before, IReadOnlyList<Plan> plans, AnalysisOptions options, PlanContext context) =>
        Planning.WhatIf.Run(engine.Value, before, plans, Worded(options), context);

    public AnalysisResult VerifyRemediations(AnalysisResult result, AnalysisOptions options, PlanContext context) =>
        RemediationVerifier.Apply(result, RemediationVerifier.Verify(engine.Value, result, Worded(options), context));

    public TimelineResult Timeline(AnalysisResult start, AnalysisOptions options, DateTimeOffset until, int maxInstants = int.MaxValue) =>
        Planning.Timeline.Compute(engine.Value, start, Worded(options), until, maxInstants);

    public Evidence.EvidenceSet ReadEvidence(IReadOnlyList<string> dumps, IReadOnlyList<string> evidence, OrganizationSnapshot snapshot, DateTimeOffset? since)
    {
        // Problems name each input as the user typed it, so the same dump gives the same bytes on every machine.
        var sources = dumps.Select(p => new Evidence.EvidenceSource(Path.GetFullPath(p, workingDirectory), p, Evidence.EvidenceSourceKind.Dump))
            .Concat(evidence.Select(p => new Evidence.EvidenceSource(Path.GetFullPath(p, workingDirectory), p, Evidence.EvidenceSourceKind.Logs)))
            .ToList();
        return Evidence.EvidenceReader.Read(sources, [.. snapshot.Servers.Select(s => new Evidence.KnownServer(s.Name, s.Fqdn))], since);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
