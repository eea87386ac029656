using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Extls.Reporting;
using Extls.Rules;
using Extls.Rules.Configuration;
using Spectre.Console;

namespace Extls.Cli.Commands;

internal sealed record BatchOptions(
    ImmutableArray<string> Folders,
    int Parallel,
    string? OutputDir,
    ImmutableArray<ReportFormat> Formats,
    DateTimeOffset? AsOf,
    int? WarningDays,
    FailOn? FailOn,
    string Culture,
    string? ConfigPath,
    bool NoSuppressions);

/// <summary>
/// One organisation of a batch: a dump folder or zip, or a folder holding an organisation's dump
/// and its Edge servers' dumps (joined as <c>analyze</c> joins its paths).
/// </summary>
/// <param name="Display">How the table names it: the path as typed.</param>
/// <param name="Name">What its output files are named after.</param>
/// <param name="Paths">What is loaded, relative to the working folder as typed.</param>
/// <param name="Problem">Why it cannot be analysed at all (an empty folder), or null.</param>
internal sealed record BatchDump(string Display, string Name, ImmutableArray<string> Paths, BatchDumpProblem? Problem = null);

/// <summary>Why a path of a batch holds nothing to analyse.</summary>
internal enum BatchDumpProblem
{
    NoSuchPath,
    NoDumpInside,
}

/// <summary>What one dump of a batch came to: a row of the summary table and the messages behind it.</summary>
internal sealed record BatchOutcome(
    BatchDump Dump,
    string? Organization,
    int? Servers,
    int? Errors,
    int? Warnings,
    int ExitCode,
    ImmutableArray<string> Messages,
    ImmutableArray<string> Outputs);

/// <summary>
/// <c>extls batch FOLDER…</c>: every dump inside the folders is its own organisation, analysed in
/// parallel; one summary table, and each dump's reports under --output-dir. One dump that cannot be
/// read is reported with its problems and never stops the others.
/// </summary>
internal sealed class BatchCommand
{
    private readonly Argument<string[]> folders = new("FOLDER")
    {
        Description = "Folders holding customers' dumps. Each dump folder or zipped dump directly inside is analysed as its own " +
                      "organisation; a folder inside that holds several dumps (an organisation's and its Edge servers') is one " +
                      "organisation joined from them. A FOLDER that is itself a dump or a zip is analysed as one.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<int> parallel = new("--parallel", "-p")
    {
        Description = "How many dumps to analyse at the same time. Default: the number of processors.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        HelpName = "N",
    };

    private readonly Option<string?> outputDir = new("--output-dir", "-o")
    {
        Description = "Folder for each dump's reports, one file per --format named after the dump (contoso.json, contoso.sarif, " +
                      "contoso.txt for console); two dumps of the same name get -2, -3 … in table order. Without it only the summary table is written.",
        HelpName = "DIR",
    };

    private readonly Option<string[]> format = new("--format", "-f")
    {
        Description = "Report format for each dump under --output-dir: console (default), json, sarif, junit, csv, markdown or html. Repeat it to write several.",
        HelpName = "console|json|sarif|junit|csv|markdown",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();

    private readonly Option<int> warningDays = CommonOptions.WarningDays();

    private readonly Option<string> culture = CommonOptions.Culture();

    private readonly Option<string> failOn = new("--fail-on")
    {
        Description = "A dump's exit code is 1 when it has an unsuppressed finding of this severity or worse: error (default), warning, note, or never.",
        DefaultValueFactory = _ => "error",
        HelpName = "error|warning|note|never",
    };

    private readonly Option<string?> config = new("--config")
    {
        Description = "One configuration file for every dump. Default: each dump's own extls.yaml (inside its folder), else the one in the current folder.",
        HelpName = "FILE",
    };

    private readonly Option<bool> noSuppressions = new("--no-suppressions")
    {
        Description = "Audit mode: report suppressed findings as if they were not suppressed.",
    };

    private readonly CliHost host;

    public BatchCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("batch",
            "Analyse many organisations' dumps at once, in parallel: one summary table (dump, organisation, servers, errors, warnings, " +
            "exit code) and, with --output-dir, each dump's reports. Each dump's exit code is the one 'extls analyze' would give it: " +
            "0 nothing at or above --fail-on, 1 findings at or above it, 2 its extls.yaml or collection date is unusable, 3 input that " +
            "could not be read (its problems are listed on stderr), 4 internal error. The batch exits with the worst (highest) of them, " +
            "or 2 for a wrong command line.")
        {
            folders, parallel, outputDir, format, asOf, warningDays, culture, failOn, config, noSuppressions,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public BatchOptions Bind(ParseResult parseResult)
    {
        var formats = (parseResult.GetValue(format) ?? []).Select(AnalyzeCommand.ParseFormat).Distinct().ToImmutableArray();
        var dir = parseResult.GetValue(outputDir);
        if (dir is null && !formats.IsEmpty)
        {
            throw new UsageException("--format says which reports to write for each dump; give --output-dir DIR to say where.", "--format は各ダンプについて書き出すレポートを指定します。書き出し先を --output-dir DIR で指定してください。");
        }

        var degree = parseResult.GetValue(parallel);
        if (degree < 1)
        {
            throw new UsageException($"--parallel must be 1 or more, not {degree.ToString(CultureInfo.InvariantCulture)}.", $"--parallel には 1 以上を指定してください ({degree.ToString(CultureInfo.InvariantCulture)} は指定できません)。");
        }

        var configPath = parseResult.GetValue(config);
        if (configPath is not null && !File.Exists(host.FullPath(configPath)))
        {
            throw new UsageException($"Configuration file '{configPath}' does not exist.", $"構成ファイル '{configPath}' がありません。");
        }

        return new BatchOptions(
            Inputs.Paths(host, parseResult.GetValue(folders)),
            degree,
            dir,
            formats.IsEmpty && dir is not null ? [ReportFormat.Console] : formats,
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            parseResult.GetResult(warningDays) is { Implicit: false } ? CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)) : null,
            parseResult.GetResult(failOn) is { Implicit: false } ? AnalyzeCommand.ParseFailOn(parseResult.GetValue(failOn)) : null,
            CommonOptions.ParseCulture(parseResult.GetValue(culture)),
            configPath,
            parseResult.GetValue(noSuppressions));
    }

    public int Execute(BatchOptions options)
    {
        var dumps = BatchDiscovery.Find(host, options.Folders, options.OutputDir);
        var outputs = OutputNames(dumps, options);
        var outcomes = new BatchOutcome[dumps.Length];
        var running = new SortedSet<string>(StringComparer.Ordinal);
        using (var progress = ProgressDisplay.Start(host, options.Culture))
        {
            var counter = progress.Count(Running(dumps.Length, 0, running, options.Culture), dumps.Length);
            var done = 0;
            Parallel.For(0, dumps.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, i =>
            {
                lock (running)
                {
                    running.Add(dumps[i].Display);
                    counter.Describe(Running(dumps.Length, done, running, options.Culture));
                }

                outcomes[i] = AnalyzeOne(dumps[i], outputs[i], options);
                lock (running)
                {
                    running.Remove(dumps[i].Display);
                    done++;
                    counter.Describe(Running(dumps.Length, done, running, options.Culture));
                }

                counter.Increment();
            });
        }

        host.Out.Write(BatchSummary.Render(outcomes, host.Settings(options.Culture)));
        foreach (var message in outcomes.SelectMany(o => o.Messages))
        {
            host.Error.Write(message);
            host.Error.Write('\n');
        }

        return outcomes.Length == 0 ? ExitCodes.Ok : outcomes.Max(o => o.ExitCode);
    }

    private static string Running(int total, int done, SortedSet<string> running, string culture) => ProgressWording.Batch(done, total, running, culture);

    /// <summary>Each dump's report files, named after the dump; a name already taken (ignoring case, as Windows does) gets -2, -3 ….</summary>
    private static ImmutableArray<ImmutableArray<OutputTarget>> OutputNames(ImmutableArray<BatchDump> dumps, BatchOptions options)
    {
        if (options.OutputDir is null)
        {
            return [.. dumps.Select(_ => ImmutableArray<OutputTarget>.Empty)];
        }

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<ImmutableArray<OutputTarget>>(dumps.Length);
        foreach (var dump in dumps)
        {
            var stem = dump.Name;
            for (var n = 2; !taken.Add(stem); n++)
            {
                stem = $"{dump.Name}-{n.ToString(CultureInfo.InvariantCulture)}";
            }

            result.Add([.. options.Formats.Select(f => new OutputTarget(f, Path.Combine(options.OutputDir, stem + Extension(f))))]);
        }

        return result.MoveToImmutable();
    }

    private static string Extension(ReportFormat format) => format.FileExtension();

    /// <summary>What <c>extls analyze</c> does for one organisation, with its reports going to files and its messages kept for later.</summary>
    private BatchOutcome AnalyzeOne(BatchDump dump, ImmutableArray<OutputTarget> targets, BatchOptions options)
    {
        BatchOutcome Failed(int code, IEnumerable<string> messages) =>
            new(dump, null, null, null, null, code, [.. messages], []);

        if (dump.Problem is { } problem)
        {
            var text = problem == BatchDumpProblem.NoSuchPath ? CommandWording.BatchNoSuchPath(options.Culture) : CommandWording.BatchNoDumpInside(options.Culture);
            return Failed(ExitCodes.InputUnreadable, [$"{dump.Display}: {text}"]);
        }

        try
        {
            var config = Configuration.Load(host, options.ConfigPath, dump.Paths);
            var loaded = Inputs.Load(host, dump.Paths);
            var problems = loaded.Problems.IsDefault ? [] : loaded.Problems;
            if (loaded.Snapshot is null)
            {
                return Failed(ExitCodes.InputUnreadable, problems.Select(p => ProblemWording.Line(p, options.Culture)));
            }

            var snapshot = loaded.Snapshot;
            var asOfValue = CommonOptions.ResolveAsOf(options.AsOf ?? config.AsOf, snapshot);
            var analysisOptions = config.ToAnalysisOptions(snapshot.CollectedAt, asOfValue, options.WarningDays, options.Culture, options.NoSuppressions);

            // Each dump's own protocol logs and events, as analyze reads them.
            analysisOptions = analysisOptions with { Evidence = host.Services.ReadEvidence(dump.Paths, [], snapshot, null) };
            var result = host.Services.Analyze(snapshot, problems, analysisOptions);
            foreach (var target in targets)
            {
                var text = ReportWriters.Create(target.Format, host.Settings(options.Culture, toScreen: false), host.Services.HelpPages).Render(result);
                host.Emit(target.Path, text);
            }

            var messages = (result.ExpiredSuppressions.IsDefault ? [] : result.ExpiredSuppressions)
                .Select(e => $"{dump.Display}: {Configuration.Describe(e, config.File, options.Culture)}")
                .Concat((result.Problems.IsDefault ? [] : result.Problems).Select(p => ProblemWording.Line(p, options.Culture)));
            var code = !result.Problems.IsDefaultOrEmpty ? ExitCodes.InputUnreadable
                : FindingsPolicy.ReachesFailLevel(result.Findings, config.ResolveFailOn(options.FailOn)) ? ExitCodes.Findings
                : ExitCodes.Ok;
            return new BatchOutcome(dump, snapshot.Organization, snapshot.Servers.Length, result.Summary.Error, result.Summary.Warning, code,
                [.. messages], [.. targets.Select(t => t.Path!)]);
        }
        catch (UsageException e)
        {
            // This dump's extls.yaml, or a dump without a collection date and no --as-of: the user's to fix, the others go on.
            return Failed(ExitCodes.Usage, [$"{dump.Display}: {e.For(options.Culture)}"]);
        }
#pragma warning disable CA1031 // one dump that trips a fault in extls must not lose the batch; it gets exit code 4 and the message
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Failed(ExitCodes.Internal, [$"{dump.Display}: {CommandWording.BatchInternalError(e.Message, host.Debug ? e.ToString() : null, options.Culture)}"]);
        }
    }
}

/// <summary>Finds the organisations inside the folders of a batch, in a fixed order whatever the file system lists first.</summary>
internal static class BatchDiscovery
{
    public static ImmutableArray<BatchDump> Find(CliHost host, IEnumerable<string> folders, string? outputDir)
    {
        var skip = outputDir is null ? null : host.FullPath(outputDir);
        var found = new List<BatchDump>();
        foreach (var folder in folders)
        {
            var full = host.FullPath(folder);
            if (File.Exists(full) || (Directory.Exists(full) && IsDump(full)))
            {
                found.Add(new BatchDump(folder, NameOf(full), [folder]));
                continue;
            }

            if (!Directory.Exists(full))
            {
                found.Add(new BatchDump(folder, NameOf(full), [folder], BatchDumpProblem.NoSuchPath));
                continue;
            }

            var children = Candidates(full, skip).ToList();
            if (children.Count == 0)
            {
                found.Add(new BatchDump(folder, NameOf(full), [folder], BatchDumpProblem.NoDumpInside));
                continue;
            }

            foreach (var child in children)
            {
                var typed = Path.Combine(folder, Path.GetFileName(child));
                var parts = Directory.Exists(child) && !IsDump(child) ? Candidates(child, skip).ToList() : [];
                found.Add(parts.Count > 0
                    ? new BatchDump(typed, NameOf(child), [.. parts.Select(p => Path.Combine(typed, Path.GetFileName(p)))])
                    : new BatchDump(typed, NameOf(child), [typed]));
            }
        }

        return [.. found
            .GroupBy(d => string.Join('\n', d.Paths.Select(host.FullPath)), StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(d => d.Display, StringComparer.Ordinal)];
    }

    /// <summary>The dump folders and zips directly inside a folder; hidden entries and the batch's own output folder are not dumps.</summary>
    private static IEnumerable<string> Candidates(string folder, string? skip) =>
        Directory.EnumerateFileSystemEntries(folder)
            .Where(p => !Path.GetFileName(p).StartsWith('.'))
            .Where(p => skip is null || !string.Equals(Path.GetFullPath(p).TrimEnd(Path.DirectorySeparatorChar), skip.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            .Where(p => Directory.Exists(p) || p.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    /// <summary>Whether a folder holds a dump at its top, by the parts every dump has.</summary>
    private static bool IsDump(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Any(n =>
            string.Equals(n, "manifest.json", StringComparison.OrdinalIgnoreCase)
            || string.Equals(n, "org", StringComparison.OrdinalIgnoreCase)
            || string.Equals(n, "servers", StringComparison.OrdinalIgnoreCase));

    private static string NameOf(string path)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^".zip".Length];
        }

        var invalid = Path.GetInvalidFileNameChars();
        var clean = new string([.. name.Select(c => invalid.Contains(c) ? '_' : c)]);
        return clean.Length == 0 ? "dump" : clean;
    }
}

/// <summary>The summary table of a batch, one row per dump in the order found.</summary>
internal static class BatchSummary
{
    private sealed record Words(string Dump, string Organization, string Servers, string Errors, string Warnings, string ExitCode, Func<int, int, string> Total);

    private static readonly Words English = new("Dump", "Organisation", "Servers", "Errors", "Warnings", "Exit code",
        (dumps, worst) => $"{N(dumps)} {(dumps == 1 ? "dump" : "dumps")}; worst exit code {N(worst)}.");

    private static readonly Words Japanese = new("ダンプ", "組織", "サーバー", "エラー", "警告", "終了コード",
        (dumps, worst) => $"{N(dumps)} 件のダンプ。最も悪い終了コードは {N(worst)} です。");

    public static string Render(IReadOnlyList<BatchOutcome> outcomes, RenderSettings settings)
    {
        var words = settings.Culture == "ja" ? Japanese : English;
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = settings.Color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = settings.Color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = settings.Width;
        console.Profile.Capabilities.Unicode = true;
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(words.Dump);
        table.AddColumn(words.Organization);
        table.AddColumn(new TableColumn(words.Servers).RightAligned());
        table.AddColumn(new TableColumn(words.Errors).RightAligned());
        table.AddColumn(new TableColumn(words.Warnings).RightAligned());
        table.AddColumn(new TableColumn(words.ExitCode).RightAligned());
        foreach (var o in outcomes)
        {
            var colour = o.ExitCode switch { ExitCodes.Ok => "green", ExitCodes.Findings => "yellow", _ => "red" };
            table.AddRow(
                new Text(o.Dump.Display),
                new Text(o.Organization ?? "—"),
                new Text(o.Servers is { } s ? N(s) : "—"),
                new Text(o.Errors is { } e ? N(e) : "—"),
                new Text(o.Warnings is { } w ? N(w) : "—"),
                new Markup($"[{colour}]{N(o.ExitCode)}[/]"));
        }

        console.Write(table);
        console.WriteLine(words.Total(outcomes.Count, outcomes.Count == 0 ? 0 : outcomes.Max(o => o.ExitCode)));
        var lines = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd(' '));
        return string.Join('\n', lines);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
