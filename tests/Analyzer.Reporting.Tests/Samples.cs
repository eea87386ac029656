using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Extls.Import;
using Extls.Model;
using Extls.Rules;
using Extls.Rules.Configuration;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

/// <summary>
/// What the writers render: analyses by the real engine, with the real rule catalogue, of real dumps read by the
/// real importer. <see cref="Selections"/> alone is built by hand, to show the explain writer every kind of step.
/// </summary>
internal static class Samples
{
    public static readonly string InternalThumb = Build.ThumbprintFor("EX02-internal");
    public static readonly string WebThumb = Build.ThumbprintFor("mail-2025");
    public static readonly string OldWebThumb = Build.ThumbprintFor("mail-2023");

    /// <summary>Two days after the sample was collected: past a one-day staleness limit (EXTLS9003), inside the warning window of its expiring certificate.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 6, 3, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What a customer writes in a justification, change tickets in brackets included: markup to a console library.</summary>
    public const string Justification = "SHA-1 certificate kept until the renewal [CHG0042117].";

    private static readonly Lazy<LoadResult> Contoso = new(() => Load("snapshots/sample/dump", "dumps/contoso", ContosoAsCollected));
    private static readonly Lazy<LoadResult> Healthy = new(() => Load("snapshots/scenarios/001-healthy-baseline/dump", "dumps/healthy", WithoutCollectionFacts));
    private static readonly Lazy<LoadResult> ScriptNamed = new(() => Load("snapshots/sample/dump", "dumps/hostile", HostileNames));

    private static readonly Lazy<LoadResult> HostileDump = new(() => Load("snapshots/sample/dump", "dumps/=hostile|<b>", WithHostileNames));

    /// <summary>
    /// A receive connector name built to break every format extls writes: a spreadsheet formula, table pipes,
    /// HTML, Markdown emphasis, code and links, a mention and an issue reference, CRLF, a control character,
    /// an ANSI escape and half a surrogate pair. Exchange accepts far less, but a dump is text anyone can edit.
    /// </summary>
    public const string HostileName = "=cmd|' /C calc'!A0 <script>alert(1)</script> | `x` *y* _z_ [l](http://evil.example) @team #12\r\nsecond line\u0001\u001b[31m\ud800 end";

    /// <summary>An organisation name that starts like a formula and carries HTML and a mention.</summary>
    public const string HostileOrganization = "+SUM(A1)|@admins <b>Org</b>";
    private static readonly ConcurrentDictionary<string, AnalysisResult> Results = new(StringComparer.Ordinal);

    /// <summary>The rule catalogue the engine ships.</summary>
    public static ImmutableArray<RuleDescriptor> Rules => RuleCatalog.Default.Rules;

    /// <summary>The options of <see cref="Result"/>: a live suppression (with an expiry) and one that has expired, as extls.yaml gives them.</summary>
    public static AnalysisOptions Options(string culture = "en") => new(AsOf, AnalysisOptions.DefaultWarningDays, Culture: culture)
    {
        StaleDays = 1,
        Suppressions =
        [
            new SuppressionRule("EXTLS4004", "EX01/*", Justification, new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), new SourceLocation("extls.yaml", 3, "$.suppressions[0]")),
            new SuppressionRule("EXTLS4001", "EX03/*", "Renewal ordered.", new DateTimeOffset(2026, 5, 24, 0, 0, 0, TimeSpan.Zero), new SourceLocation("extls.yaml", 7, "$.suppressions[1]")),
        ],
    };

    /// <summary>The sample organisation analysed by the real engine: errors, a warning, notes, a suppressed and an organisation-wide finding, an expired suppression, an input problem.</summary>
    public static AnalysisResult Result(string culture = "en") =>
        Results.GetOrAdd(culture, c => AnalysisEngine.CreateDefault().Analyze(Contoso.Value.Snapshot!, Contoso.Value.Problems, Options(c)));

    public static ImmutableArray<Finding> Findings(string culture = "en") => Result(culture).Findings;

    /// <summary>The built-in sample with EX01's Default Frontend connector named <see cref="HostileName"/> and the organisation <see cref="HostileOrganization"/>.</summary>
    public static AnalysisResult Hostile() =>
        Results.GetOrAdd("(hostile)", _ => AnalysisEngine.CreateDefault().Analyze(HostileDump.Value.Snapshot!, HostileDump.Value.Problems, Options()));

    /// <summary>
    /// <see cref="Result"/> compared with a baseline that had every finding but the first, and one more the run no
    /// longer has: one new, the rest unchanged, one absent.
    /// </summary>
    public static AnalysisResult WithBaseline()
    {
        var findings = Result().Findings;
        var gone = findings.First(f => f.RuleId == "EXTLS1004") with
        {
            Server = "EX09",
            Target = new FindingTarget(FindingTargetKind.Server, "EX09"),
            Fingerprint = AnalysisEngine.Fingerprint("EXTLS1004", new FindingTarget(FindingTargetKind.Server, "EX09")),
            Message = "The internal transport certificate that Active Directory holds for EX09 is not in the server's store.",
        };
        return Extls.Rules.Comparison.Baselines.Apply(Result(), [.. findings.Skip(1), gone], "baselines/previous.json");
    }

    /// <summary>The real mail-flow matrix of <see cref="Result"/>: failing pairs with causes, working ones, undetermined ones.</summary>
    public static ImmutableArray<ServerPairResult> Pairs() => MailFlowMatrix.Compute(Result().Snapshot, Result().Selections);

    /// <summary>A healthy organisation whose dump says neither when nor where it was collected: no findings, nothing known about collection.</summary>
    public static AnalysisResult Empty() =>
        Results.GetOrAdd("(healthy)", _ => AnalysisEngine.CreateDefault().Analyze(Healthy.Value.Snapshot!, Healthy.Value.Problems, new AnalysisOptions(AsOf, AnalysisOptions.DefaultWarningDays)));

    /// <summary>
    /// The built-in sample (three Mailbox servers; EX02's internal certificate deleted from its store, a stale pinned
    /// subject, an expiring and a SHA-1 certificate) with two things real collections bring: Get-ReceiveConnector
    /// failed on EX03 (the manifest records it) and one AuthMechanism value in EX01's dump is not one.
    /// </summary>
    private static void ContosoAsCollected(Dictionary<string, byte[]> files)
    {
        files.Remove("servers/EX03/ReceiveConnector.json");
        Edit(files, "manifest.json", "\"errors\": []",
            "\"errors\": [{\"server\": \"EX03\", \"section\": \"ReceiveConnector\", \"message\": \"Get-ReceiveConnector : The WinRM client cannot complete the operation within the time specified.\"}]");
        Edit(files, "servers/EX01/ReceiveConnector.json",
            "\"Name\": \"Client Proxy EX01\",\n    \"Server\": \"EX01\",\n    \"AuthMechanism\": \"Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer\",\n    \"AuthMechanismValue\": 31,",
            "\"Name\": \"Client Proxy EX01\",\n    \"Server\": \"EX01\",\n    \"AuthMechanism\": \"Tls, Kerberos\",");
    }

    /// <summary>A connector named like a script, whose finding (EXTLS2004) puts the name in a message, a remediation and a flow.</summary>
    public const string ScriptName = "<script>alert(1)</script>";

    /// <summary>A connector name with both quotes, an ampersand, PowerShell's $ and backtick, and characters outside the BMP.</summary>
    public const string QuotedName = "O'Brien \"Relay\" & Co $env:TEMP `n 𝔘𝔫𝔦 🚀";

    /// <summary>The built-in sample with two of EX01's connectors renamed to <see cref="ScriptName"/> and <see cref="QuotedName"/>.</summary>
    public static AnalysisResult HostileResult(string culture = "en") =>
        Results.GetOrAdd("(script-named)" + culture, c => AnalysisEngine.CreateDefault().Analyze(ScriptNamed.Value.Snapshot!, ScriptNamed.Value.Problems, new AnalysisOptions(AsOf, AnalysisOptions.DefaultWarningDays, Culture: culture)));

    private static void HostileNames(Dictionary<string, byte[]> files)
    {
        static string Json(string text) => Newtonsoft.Json.JsonConvert.ToString(text);
        Edit(files, "servers/EX01/ReceiveConnector.json", "\"Identity\": \"EX01\\\\Default Frontend EX01\",\n    \"Name\": \"Default Frontend EX01\",",
            $"\"Identity\": {Json("EX01\\" + ScriptName)},\n    \"Name\": {Json(ScriptName)},");
        Edit(files, "servers/EX01/ReceiveConnector.json", "\"Identity\": \"EX01\\\\Client Proxy EX01\",\n    \"Name\": \"Client Proxy EX01\",",
            $"\"Identity\": {Json("EX01\\" + QuotedName)},\n    \"Name\": {Json(QuotedName)},");
    }

    private static void WithHostileNames(Dictionary<string, byte[]> files)
    {
        // The names go into the dump as JSON escapes, as ConvertTo-Json writes non-ASCII text, so the
        // half surrogate pair reaches the importer intact.
        static string Escaped(string text) =>
            Newtonsoft.Json.JsonConvert.ToString(text, '"', Newtonsoft.Json.StringEscapeHandling.EscapeNonAscii)[1..^1];

        foreach (var file in files.Keys.Where(f => f.EndsWith(".json", StringComparison.Ordinal)).ToList())
        {
            var text = Encoding.UTF8.GetString(files[file]);
            if (text.Contains("Default Frontend EX01", StringComparison.Ordinal))
            {
                files[file] = Encoding.UTF8.GetBytes(text.Replace("Default Frontend EX01", Escaped(HostileName), StringComparison.Ordinal));
            }
        }

        Edit(files, "manifest.json", "\"organization\": \"Contoso\"", $"\"organization\": \"{Escaped(HostileOrganization)}\"");
    }

    private static void WithoutCollectionFacts(Dictionary<string, byte[]> files)
    {
        Edit(files, "manifest.json", "\"collectedAt\": \"2026-05-31T22:00:00Z\"", "\"collectedAt\": null");
        Edit(files, "manifest.json", "\"organization\": \"Contoso\"", "\"organization\": null");
    }

    /// <summary>Reads a committed dump into memory, changes it, and imports it under a stable name (its source in every report).</summary>
    private static LoadResult Load(string dump, string name, Action<Dictionary<string, byte[]>> change)
    {
        var root = Path.Combine(RepoPaths.Root, dump);
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        change(files);
        var load = DumpLoader.LoadFromFiles(name, files);
        return load.Snapshot is null ? throw new InvalidOperationException($"{dump}: nothing could be read") : load;
    }

    private static void Edit(Dictionary<string, byte[]> files, string file, string from, string to)
    {
        var text = Encoding.UTF8.GetString(files[file]);
        if (!text.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file} no longer contains {from}; the sample dump changed, so change this edit with it.");
        }

        files[file] = Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    public static ImmutableArray<SelectionResult> Selections { get; } =
    [
        new SelectionResult
        {
            Scenario = Scenario.InboundAnonymousTls,
            Server = "EX01",
            Connector = "EX01\\Default EX01",
            Advertised = false,
            EndedAtStep = 2,
            Outcome = SelectionOutcome.ExchangeServerAuthMissing,
            Trace =
            [
                Step(Scenario.InboundAnonymousTls, StepKind.Load, StepReason.SessionStarts, Read(TraceField.Connector, new TextValue("EX01\\Default EX01"))),
                Step(Scenario.InboundAnonymousTls, StepKind.ExchangeServerAuthentication, StepReason.ExchangeServerNotInAuthMechanism,
                    Read(TraceField.AuthMechanism, new EnumValue(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated | ReceiveAuthMechanism.BasicAuth)),
                    Read(TraceField.SuppressXAnonymousTls, new FlagValue(false))),
            ],
            Location = new SourceLocation("servers/EX01/ReceiveConnector.json", 2, "$[0]"),
        },
        new SelectionResult
        {
            Scenario = Scenario.InboundAnonymousTls,
            Server = "EX02",
            Connector = "EX02\\Default EX02",
            Advertised = false,
            EndedAtStep = 4,
            Outcome = SelectionOutcome.CertificateNotInStore,
            Events = [12013],
            Assumptions = [Assumption.A2],
            Trace =
            [
                Step(Scenario.InboundAnonymousTls, StepKind.Load, StepReason.SessionStarts, Read(TraceField.Connector, new TextValue("EX02\\Default EX02"))),
                Step(Scenario.InboundAnonymousTls, StepKind.ExchangeServerAuthentication, StepReason.ExchangeServerInAuthMechanism,
                    Read(TraceField.AuthMechanism, new EnumValue(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer)),
                    Read(TraceField.SuppressXAnonymousTls, new FlagValue(false))),
                Step(Scenario.InboundAnonymousTls, StepKind.ReadAd, StepReason.AdValueHoldsCertificate,
                    Read(TraceField.MsExchServerInternalTlsCert, new AdStateValue(AdCertificateState.Present)),
                    Read(TraceField.Thumbprint, new ThumbprintValue(InternalThumb)),
                    Read(TraceField.Subject, new TextValue("CN=EX02"))),
                Step(Scenario.InboundAnonymousTls, StepKind.FindInStore, StepReason.NotInStore,
                    Read(TraceField.Thumbprint, new ThumbprintValue(InternalThumb)),
                    Read(TraceField.StoreCertificates, new NumberValue(1))) with { Event = 12013 },
            ],
        },
        new SelectionResult
        {
            Scenario = Scenario.OutboundAnonymousTls,
            Server = "EX02",
            Advertised = true,
            Certificate = InternalThumb,
            EndedAtStep = 4,
            Outcome = SelectionOutcome.Selected,
            Assumptions = [Assumption.A3],
        },
        new SelectionResult
        {
            Scenario = Scenario.InboundStartTls,
            Server = "EX02",
            Connector = "EX02\\Default Frontend EX02",
            Advertised = true,
            Certificate = WebThumb,
            EndedAtStep = 10,
            Outcome = SelectionOutcome.SelectedExpiresSoon,
            Events = [12018],
            Assumptions = [Assumption.A5, Assumption.A6, Assumption.A7],
            MatchKey = "mail.contoso.com",
            Unknowns = [ReplayProperty.HasPrivateKey],
            HandshakeFails = true,
            Candidates =
            [
                new CandidateVerdict
                {
                    Thumbprint = WebThumb, Subject = "CN=mail.contoso.com",
                    NotBefore = Build.AsOf.AddDays(-340), NotAfter = Build.AsOf.AddDays(20),
                    Eligible = true, Rank = 1, Chosen = true, Unknowns = [ReplayProperty.HasPrivateKey],
                },
                new CandidateVerdict
                {
                    Thumbprint = OldWebThumb, Subject = "CN=mail.contoso.com",
                    NotBefore = Build.AsOf.AddDays(-900), NotAfter = Build.AsOf.AddDays(200),
                    Eligible = false, RefusedBecause = [RefusalReason.NoPrivateKey, RefusalReason.NotV3],
                },
            ],
        },
    ];

    private static TraceStep Step(Scenario process, StepKind kind, StepReason reason, params TraceRead[] reads) =>
        new(new StepId(process, kind), [.. reads], reason);

    private static TraceRead Read(TraceField field, TraceValue value) => new(field, value);
}

/// <summary>Finds files of the repository, from wherever the tests run; nothing outside it.</summary>
internal static class RepoPaths
{
    public static string Root => Repository.Root;

    public static string Schema(string name) => Path.Combine(Root, "schemas", name);
}
