using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Extls.Import;
using Extls.Model;
using Extls.Reporting;

namespace Extls.Cli;

/// <summary>The options several commands share, each with help an Exchange administrator can act on.</summary>
internal static class CommonOptions
{
    public static readonly ImmutableArray<string> Cultures = ["en", "ja"];

    public const int DefaultWarningDays = 30;

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "The date every certificate expiry is judged against, as ISO 8601: 2026-06-01 (00:00 UTC) or " +
                      "2026-06-01T09:00:00+09:00. Use a future date to see what breaks on a cut-over or renewal day. " +
                      "Default: when the dump was collected.",
        HelpName = "DATE",
    };

    public static Option<int> WarningDays() => new("--warning-days")
    {
        Description = "Warn about certificates that expire within this many days of the as-of date (events 12017, 12018).",
        DefaultValueFactory = _ => DefaultWarningDays,
        HelpName = "N",
    };

    public static Option<string> Culture() => new("--culture")
    {
        Description = "Language of messages and titles: en or ja.",
        DefaultValueFactory = _ => "en",
        HelpName = "en|ja",
    };

    public static Option<string[]> Evidence() => new("--evidence")
    {
        Description = "Exchange's own logs to check the predictions against: folders, zips or files of protocol logs " +
                      "(RECV*.LOG, SEND*.LOG from the SmtpReceive and SmtpSend folders) and event exports (TransportEvents.json). " +
                      "Repeat it for several. The logs inside a dump (servers/<NAME>/ProtocolLog) are read without it.",
        HelpName = "FOLDER",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string?> EvidenceSince() => new("--evidence-since")
    {
        Description = "Count only log rows and events from this date on (ISO 8601, as --as-of), for example the day a certificate " +
                      "was renewed: what the servers did before a change says nothing about the configuration in the dump.",
        HelpName = "DATE",
    };

    public static DateTimeOffset? ParseEvidenceSince(string? text)
    {
        try
        {
            return ParseAsOf(text);
        }
        catch (UsageException)
        {
            throw new UsageException(
                $"--evidence-since '{text}' is not an ISO 8601 date or date-time. Examples: 2026-05-30, 2026-05-30T09:00:00+09:00.",
                $"--evidence-since '{text}' は ISO 8601 の日付または日時ではありません。例: 2026-05-30、2026-05-30T09:00:00+09:00。");
        }
    }

    public static Option<string?> HelpUriBase() => new("--help-uri-base")
    {
        Description = "Where the rule pages (EXTLS1004.md, ...) are published, for the links in SARIF (helpUri), JUnit and Markdown: " +
                      "an absolute http or https folder address, such as your own copy of the pages. Default: helpUriBase in extls.yaml, " +
                      "else the project's pages.",
        HelpName = "URI",
    };

    /// <summary>An absolute http(s) folder address (<see cref="Rules.RulePages.TryParseBase(string?, out Uri?, out string)"/>), or null when not given.</summary>
    public static Uri? ParseHelpUriBase(string? value) =>
        value is null ? null
        : Rules.RulePages.TryParseBase(value, out var uri, out string error) ? uri
        : throw new UsageException($"--help-uri-base {error}.", $"--help-uri-base が正しくありません ({error})。");

    public static string ParseCulture(string? value)
    {
        var culture = (value ?? "en").Trim();
        return Cultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"Unknown culture '{value}'. Use en or ja.", $"カルチャ '{value}' は不明です。en または ja を指定してください。");
    }

    public static int ParseWarningDays(int value) =>
        value >= 0 ? value : throw new UsageException($"--warning-days must be zero or more, not {value.ToString(CultureInfo.InvariantCulture)}.", $"--warning-days には 0 以上を指定してください ({value.ToString(CultureInfo.InvariantCulture)} は指定できません)。");

    private static readonly string[] DateTimeFormats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ssK",
        "yyyy'-'MM'-'dd'T'HH':'mmK",
        "yyyy'-'MM'-'dd' 'HH':'mm':'ssK",
        "yyyy'-'MM'-'dd' 'HH':'mmK",
    ];

    /// <summary>An ISO 8601 date (00:00 UTC) or date-time (UTC unless it carries an offset); null when not given.</summary>
    public static DateTimeOffset? ParseAsOf(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var value = text.Trim();
        if (DateTime.TryParseExact(value, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day, TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new UsageException($"--as-of '{text}' is not an ISO 8601 date or date-time. Examples: 2026-06-01, 2026-06-01T09:00:00Z, 2026-06-01T09:00:00+09:00.", $"--as-of '{text}' は ISO 8601 の日付または日時ではありません。例: 2026-06-01、2026-06-01T09:00:00Z、2026-06-01T09:00:00+09:00。");
    }

    /// <summary>
    /// The as-of instant: the one given, else when the snapshot was collected. Never the clock, so
    /// two runs over the same dump agree.
    /// </summary>
    public static DateTimeOffset ResolveAsOf(DateTimeOffset? given, OrganizationSnapshot snapshot) =>
        given ?? snapshot.CollectedAt
        ?? throw new UsageException("The dump does not say when it was collected. Pass --as-of DATE (for example --as-of 2026-06-01) to say which date to judge certificates against.", "ダンプに収集日時がありません。証明書を判断する基準日を --as-of DATE (例: --as-of 2026-06-01) で指定してください。");
}

/// <summary>Reading inputs the same way in every command.</summary>
internal static class Inputs
{
    /// <summary>
    /// Loads the given paths. A path that does not exist becomes a problem (exit 3) and the others
    /// are still read, so one wrong argument does not hide the rest.
    /// </summary>
    public static LoadResult Load(CliHost host, IReadOnlyList<string> paths)
    {
        // Paths go to the loader as typed: the snapshot records its sources "as given", and an absolute
        // path would make the same dump give different bytes on different machines.
        var (present, problems) = SplitMissing(host, paths);
        if (present.Count == 0)
        {
            return new LoadResult(null, problems);
        }

        var loaded = host.Services.Load(present);
        var all = problems.AddRange(loaded.Problems.IsDefault ? [] : loaded.Problems);
        return loaded with { Problems = loaded.Snapshot is null ? PathHints.Add(host, present, all) : all };
    }

    /// <summary>The paths that exist, and a problem naming each one that does not.</summary>
    public static (List<string> Present, ImmutableArray<ImportProblem> Missing) SplitMissing(CliHost host, IReadOnlyList<string> paths)
    {
        var missing = paths.Where(p => !host.Exists(p)).ToList();
        return (paths.Except(missing, StringComparer.Ordinal).ToList(),
                missing.Select(p => new ImportProblem(p, 0, "$", ProblemKind.PathNotFound)).ToImmutableArray());
    }

    /// <summary>
    /// A PATH list takes any token, so a mistyped option ("--as-off") would arrive as a path; when no
    /// such file exists it is far more likely a wrong option than a dump.
    /// </summary>
    public static ImmutableArray<string> Paths(CliHost host, IEnumerable<string>? paths)
    {
        var list = (paths ?? []).ToImmutableArray();
        // "$DUMP" quoted and empty: the working folder is not what the user meant.
        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw new UsageException("An empty PATH was given (is the variable that names the dump empty?). Give a dump folder, a zip or a snapshot file.",
                "空の PATH が指定されました (ダンプを指す変数が空ではありませんか?)。ダンプのフォルダー、zip、またはスナップショット ファイルを指定してください。");
        }

        var option = list.FirstOrDefault(p => p.Length > 1 && p[0] == '-' && !host.Exists(p));
        return option is null ? list : throw new UsageException($"Unknown option '{option}'. Run 'extls <command> --help' for the options.", $"オプション '{option}' は不明です。オプションは 'extls <command> --help --culture ja' で確認できます。");
    }

    public static LoadResult LoadSample(CliHost host) =>
        host.Services.LoadSample()
        ?? new LoadResult(null, [new ImportProblem("sample", 0, "$", ProblemKind.NoBuiltInSample)]);

    /// <summary>Every problem on stderr as file:line: jsonPath: message, in the reader's language, for editors and CI logs to pick up.</summary>
    public static void Report(CliHost host, ImmutableArray<ImportProblem> problems, string? culture = null)
    {
        // Commands without --culture speak the language the arguments asked for (CliCulture).
        culture ??= host.Culture;
        foreach (var p in problems.IsDefault ? [] : problems)
        {
            host.Error.Write(ProblemWording.Line(p, culture));
            host.Error.Write('\n');
        }
    }
}
