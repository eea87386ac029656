using System.Collections.Immutable;
using Extls.Import;
using Extls.Model;
using Extls.Rules;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary>
/// The commands' services with the inputs replaced: <see cref="Load"/> hands back an organisation built in code instead
/// of reading files, and a fault can be injected. The analysis itself, its rules and their pages are the real ones
/// (<see cref="LibraryServices"/>), so a test chooses an organisation (<see cref="Organisations"/>) whose real findings
/// it needs. The replay and the matrix stay canned, for the explain and matrix commands' own tests.
/// </summary>
internal sealed class FakeServices : IExtlsServices
{
    private static readonly LibraryServices Real = new(Path.GetTempPath());

    public OrganizationSnapshot? Snapshot { get; set; } = Organisations.Healthy;

    public ImmutableArray<ImportProblem> LoadProblems { get; set; } = [];

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

    public IReadOnlyList<RuleDescriptor> Rules => Real.Rules;

    public IReadOnlyDictionary<string, string> HelpPages => Real.HelpPages;

    public AnalysisResult Analyze(OrganizationSnapshot snapshot, ImmutableArray<ImportProblem> problems, AnalysisOptions options)
    {
        if (Fault is not null)
        {
            throw Fault;
        }

        LastAnalysis = options;
        return Real.Analyze(snapshot, problems, options);
    }

    public ImmutableArray<SelectionResult> Replay(OrganizationSnapshot snapshot, ReplayOptions options)
    {
        LastReplay = options;
        return Selections;
    }

    public string WriteSnapshot(OrganizationSnapshot snapshot) => "{\"format\": \"extls-snapshot/1\"}\n";

    public Planning.WhatIfResult WhatIf(AnalysisResult before, IReadOnlyList<Planning.Plan> plans, AnalysisOptions options, Planning.PlanContext context) =>
        Real.WhatIf(before, plans, options, context);

    public AnalysisResult VerifyRemediations(AnalysisResult result, AnalysisOptions options, Planning.PlanContext context) =>
        Real.VerifyRemediations(result, options, context);

    public Planning.TimelineResult Timeline(AnalysisResult start, AnalysisOptions options, DateTimeOffset until, int maxInstants = int.MaxValue) =>
        Real.Timeline(start, options, until, maxInstants);

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

/// <summary>
/// Organisations whose real analysis (as of <see cref="Build.AsOf"/>) gives exactly the findings the command tests need;
/// every server is a Mailbox server with its self-signed internal certificate and a CA-issued STARTTLS certificate.
/// </summary>
internal static class Organisations
{
    /// <summary>Two servers, nothing wrong: no finding.</summary>
    public static OrganizationSnapshot Healthy { get; } = Build.Org(Server("EX01"), Server("EX02"));

    /// <summary>EX02 alone, its internal certificate deleted from the store: EXTLS1004 (error) and nothing else.</summary>
    public static OrganizationSnapshot InternalCertificateMissing { get; } = Build.Org(Server("EX02", internalInStore: false));

    /// <summary>EX02 alone, its STARTTLS certificate expiring in 20 days: EXTLS2008 (warning) and nothing else.</summary>
    public static OrganizationSnapshot StartTlsExpiresSoon { get; } = Build.Org(Server("EX02", startTlsDaysLeft: 20));

    /// <summary>EX01, EX02 and EX03, EX02's internal certificate deleted from its store: EXTLS1004 and one EXTLS5001 naming it; EX01 and EX03 still exchange mail.</summary>
    public static OrganizationSnapshot OneServerCannotExchangeMail { get; } = Build.Org(Server("EX01"), Server("EX02", internalInStore: false), Server("EX03"));

    /// <summary>EX02 alone with both problems: EXTLS1004 (error) and EXTLS2008 (warning).</summary>
    public static OrganizationSnapshot Both { get; } = Build.Org(Server("EX02", internalInStore: false, startTlsDaysLeft: 20));

    private static ServerSnapshot Server(string name, bool internalInStore = true, int startTlsDaysLeft = 700)
    {
        var server = Build.Mailbox(name);
        var fqdn = name.ToLowerInvariant() + ".contoso.com";
        var startTls = Build.Cert(Build.ThumbprintFor(name + "-ca"), $"CN={fqdn}", issuer: "CN=Contoso Issuing CA",
            notBefore: Build.AsOf.AddDays(-200), notAfter: Build.AsOf.AddDays(startTlsDaysLeft), dnsNames: [fqdn], selfSigned: false);
        var store = internalInStore ? server.Certificates.Items : [];
        return server with { Certificates = Section<StoreCertificate>.Collected([.. store, Build.InStore(startTls)], Build.Loc($"servers/{name}/ExchangeCertificate.json")) };
    }
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

    /// <summary>A host over this run's folder, for calling the command line's helpers directly.</summary>
    public CliHost Host() => new(TextWriter.Null, TextWriter.Null, Redirected, 120, n => environment.GetValueOrDefault(n), Folder, Services);

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

/// <summary>The command tests rely on what each organisation gives; the real engine is asked, not trusted.</summary>
public sealed class OrganisationsTests
{
    private static string Findings(OrganizationSnapshot org) =>
        string.Join(", ", new LibraryServices(Path.GetTempPath()).Analyze(org, [], new AnalysisOptions(Build.AsOf, AnalysisOptions.DefaultWarningDays))
            .Findings.Select(f => $"{f.RuleId} {f.Severity} {f.Server}"));

    [Fact]
    public void Each_organisation_gives_exactly_the_findings_it_promises()
    {
        Assert.Equal("", Findings(Organisations.Healthy));
        Assert.Equal("EXTLS1004 Error EX02", Findings(Organisations.InternalCertificateMissing));
        Assert.Equal("EXTLS2008 Warning EX02", Findings(Organisations.StartTlsExpiresSoon));
        Assert.Equal("EXTLS1004 Error EX02, EXTLS2008 Warning EX02", Findings(Organisations.Both));
    }
}
