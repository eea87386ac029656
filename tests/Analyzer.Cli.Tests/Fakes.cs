using System.Collections.Immutable;
using Extls.Cli.Commands;
using Extls.Import;
using Extls.Model;
using Extls.Rules;
using Extls.Rules.Configuration;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary>Libraries replaced by hand-built results, so the commands can be run end to end before the real ones exist.</summary>
internal sealed class FakeServices : IExtlsServices
{
    public OrganizationSnapshot? Snapshot { get; set; } = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02"));

    public ImmutableArray<ImportProblem> LoadProblems { get; set; } = [];

    public ImmutableArray<Finding> Findings { get; set; } = [];

    public ImmutableArray<SelectionResult> Selections { get; set; } = [];

    public bool HasSample { get; set; } = true;

    public Exception? Fault { get; set; }

    public List<IReadOnlyList<string>> Loaded { get; } = [];

    public bool SampleLoaded { get; private set; }

    public AnalysisOptions? LastAnalysis { get; private set; }

    public ReplayOptions? LastReplay { get; private set; }

    public LoadResult Load(IReadOnlyList<string> paths)
    {
        Loaded.Add(paths);
        return new LoadResult(Snapshot, LoadProblems);
    }

    public ImmutableArray<ImportProblem> Validate(IReadOnlyList<string> paths)
    {
        Loaded.Add(paths);
        return LoadProblems;
    }

    public LoadResult? LoadSample()
    {
        SampleLoaded = true;
        return HasSample ? new LoadResult(Snapshot, LoadProblems) : null;
    }

    public IReadOnlyList<RuleDescriptor> Rules { get; } =
    [
        new RuleDescriptor
        {
            Id = "EXTLS1004", Name = "InternalTransportCertificateNotInStore", Title = new LocalizedText("Internal transport certificate not in the store", "内部トランスポート証明書がストアにありません"),
            Message = new LocalizedText("{thumbprint} not in {server}'s store"), DefaultSeverity = Severity.Error, Category = "InternalTransportCertificate",
            EventId = 12013, Help = new LocalizedText("The thumbprint AD holds is not in the store."), Remediation = "Enable-ExchangeCertificate -Thumbprint {t} -Services SMTP",
            Assumptions = ["A2"],
        },
        new RuleDescriptor
        {
            Id = "EXTLS2008", Name = "StartTlsCertificateExpiresSoon", Title = new LocalizedText("STARTTLS certificate expires soon"),
            Message = new LocalizedText("expires soon"), DefaultSeverity = Severity.Warning, Category = "ReceiveConnector",
            EventId = 12018, Help = new LocalizedText("Renew it."), Remediation = "New-ExchangeCertificate",
        },
    ];

    public IReadOnlyDictionary<string, string> HelpPages { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["EXTLS1004"] = "# EXTLS1004 page" };

    public AnalysisResult Analyze(OrganizationSnapshot snapshot, ImmutableArray<ImportProblem> problems, AnalysisOptions options)
    {
        if (Fault is not null)
        {
            throw Fault;
        }

        LastAnalysis = options;

        // The engine's suppression contract, in the small: live suppressions mark matching findings
        // (unless in audit mode), expired ones are handed back with what they would have matched.
        var suppressions = options.Suppressions.IsDefault ? [] : options.Suppressions;
        var live = options.NoSuppressions ? [] : suppressions.Where(s => !s.IsExpired(options.AsOf)).ToList();
        var findings = Findings.Select(f => f.Suppression is null && live.FirstOrDefault(s => s.Matches(f)) is { } m
            ? f with { Suppression = new SuppressionInfo("external", m.Justification, m.Expires) }
            : f).ToImmutableArray();
        return new AnalysisResult
        {
            Snapshot = snapshot,
            AsOf = options.AsOf,
            WarningDays = options.WarningDays,
            Findings = findings,
            Selections = Selections,
            Problems = problems,
            Summary = Summarize(findings),
            Rules = Rules,
            ExpiredSuppressions = suppressions.Where(s => s.IsExpired(options.AsOf))
                .Select(s => new ExpiredSuppression(s, Findings.Count(s.Matches))).ToImmutableArray(),
        };
    }

    private static FindingSummary Summarize(ImmutableArray<Finding> findings)
    {
        var active = findings.Where(f => f.Suppression is null).ToList();
        return new FindingSummary(
            active.Count(f => f.Severity == Severity.Error),
            active.Count(f => f.Severity == Severity.Warning),
            active.Count(f => f.Severity == Severity.Note),
            findings.Length - active.Count);
    }

    public ImmutableArray<SelectionResult> Replay(OrganizationSnapshot snapshot, ReplayOptions options)
    {
        LastReplay = options;
        return Selections;
    }

    public ImmutableArray<ServerPairResult> Matrix(OrganizationSnapshot snapshot, ImmutableArray<SelectionResult> selections) =>
    [
        new ServerPairResult { Sender = "EX01", Receiver = "EX02", Path = "Mailbox->Mailbox", ReceiveConnector = "EX02\\Default EX02", AnonymousTlsWorks = false },
        new ServerPairResult { Sender = "EX02", Receiver = "EX01", Path = "Mailbox->Mailbox", ReceiveConnector = "EX01\\Default EX01", AnonymousTlsWorks = true },
    ];

    public string WriteSnapshot(OrganizationSnapshot snapshot) => "{\"format\": \"extls-snapshot/1\"}\n";

    public static Finding Finding(string ruleId, Severity severity, SuppressionInfo? suppression = null, string server = "EX02") => new()
    {
        RuleId = ruleId,
        Name = ruleId == "EXTLS1004" ? "InternalTransportCertificateNotInStore" : "StartTlsCertificateExpiresSoon",
        Severity = severity,
        Title = ruleId == "EXTLS1004" ? "Internal transport certificate not in the store" : "STARTTLS certificate expires soon",
        Message = $"{ruleId} on {server}",
        Server = server,
        Target = new FindingTarget(FindingTargetKind.Server, server),
        EventId = ruleId == "EXTLS1004" ? 12013 : null,
        Impacts = [new Impact(Scenario.InboundAnonymousTls, server, $"{server}\\Default {server}")],
        Remediation = "Enable-ExchangeCertificate",
        Fingerprint = $"{ruleId}-{server}",
        Location = new SourceLocation($"servers/{server}/TransportService.json", 2, "$"),
        Suppression = suppression,
    };

    public static SelectionResult Selection(Scenario scenario, string server, string? connector) => new()
    {
        Scenario = scenario,
        Server = server,
        Connector = connector,
        Advertised = true,
        Certificate = Build.ThumbprintFor(server),
        EndedAtStep = 5,
        Outcome = SelectionOutcome.Selected,
        // Expiry is a step of every process, so one fake trace fits each scenario.
        Trace = [new TraceStep(new StepId(scenario, StepKind.Expiry), [new TraceRead(TraceField.NotAfter, new DateValue(Build.AsOf.AddYears(1)))], StepReason.NotExpired)],
    };
}

/// <summary>Runs the CLI in memory: captured streams, a chosen environment, a temporary working folder.</summary>
internal sealed class CliRun : IDisposable
{
    private readonly Dictionary<string, string> environment = new(StringComparer.Ordinal);

    public CliRun() => Directory.CreateDirectory(Folder);

    public FakeServices Services { get; } = new();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "extls-cli-" + Guid.NewGuid().ToString("N"));

    public bool Redirected { get; set; } = true;

    public string Out { get; private set; } = "";

    public string Error { get; private set; } = "";

    public CliRun Env(string name, string value)
    {
        environment[name] = value;
        return this;
    }

    /// <summary>A path that exists (the fake loader ignores its content), relative to the working folder.</summary>
    public string Dump(string name = "dump")
    {
        Directory.CreateDirectory(Path.Combine(Folder, name));
        return name;
    }

    public int Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var host = new CliHost(output, error, Redirected, 120, n => environment.GetValueOrDefault(n), Folder, Services);
        var code = CliApp.Run(args, host);
        Out = output.ToString();
        Error = error.ToString();
        return code;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
