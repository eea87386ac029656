using Extls.Model;
using Extls.Rules.Descriptors;
using Extls.Rules.Engine;
using Extls.Rules.Evaluators;
using Extls.Rules.Tests.Support;
using Extls.TestKit;

namespace Extls.Rules.Tests;

/// <summary>How the engine renders typed arguments, and what it demands of a descriptor that words enum values.</summary>
public sealed class TypedArgumentTests
{
    private const string WordedRule = """
        apiVersion: extls/v1
        kind: Rule
        metadata:
          id: EXTLS8001
          name: Worded
        spec:
          title: { en: Title, ja: 題名 }
          message:
            en: 'Because {reason}; seen {seen}; left {left}; list {names}; certs {certs}; flag {on}; auth {auth}; gone {gone}; said {said}'
            ja: '理由 {reason}; 日 {seen}; 残り {left}; 一覧 {names}; 証明書 {certs}; フラグ {on}; 認証 {auth}; なし {gone}; 原文 {said}'
          severity: note
          category: Snapshot
          event: null
          help: { en: Help., ja: ヘルプ。 }
          remediation: 'Fix-It {reason} {auth}'
          values:
            reason:
              First: { en: 'the first reason', ja: '最初の理由' }
              Second: { en: 'the second reason', ja: '二番目の理由' }
          absent:
            gone: { en: 'nothing known', ja: '不明' }
          items:
            certs: { en: '{thumbprint} until {until}', ja: '{thumbprint} ({until} まで)' }
          assumptions: []
          scenarios: []
        """;

    internal enum Reason
    {
        First,
        Second,
    }

    private sealed class Worded(Reason reason) : IRuleEvaluator, IWordsEnumValues
    {
        public string RuleId => "EXTLS8001";

        public IReadOnlyList<MessageValues> EnumValues { get; init; } = [MessageValues.Of<Reason>("reason")];

        public IEnumerable<Diagnostic> Evaluate(AnalysisContext context) =>
        [
            new Diagnostic
            {
                RuleId = RuleId,
                Server = "EX01",
                Target = new FindingTarget(FindingTargetKind.Server, "EX01"),
                Arguments = Args.Of(
                    ("reason", MessageArgument.Value(reason)),
                    ("seen", MessageArgument.Day(new DateTimeOffset(2026, 5, 2, 23, 30, 0, TimeSpan.FromHours(-2)))),
                    ("left", MessageArgument.Number(12)),
                    ("names", MessageArgument.SortedList(["b.contoso.com", "A.contoso.com", "a.contoso.com"])),
                    ("certs", MessageArgument.Records([Args.Of(("thumbprint", "AA"), ("until", MessageArgument.Instant(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero))))])),
                    ("on", MessageArgument.Boolean(true)),
                    ("auth", MessageArgument.Exchange<ReceiveAuthMechanism>(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer, ListStyle.PowerShell)),
                    ("gone", MessageArgument.Text(null)),
                    ("said", MessageArgument.Quoted("Access is denied."))),
            },
        ];
    }

    private static AnalysisResult Run(IRuleEvaluator evaluator, string culture = "en") =>
        new AnalysisEngine(new RuleCatalog([RuleDescriptorLoader.Parse(WordedRule, "rules/EXTLS8001.yaml")]), [evaluator])
            .Analyze(Build.Org(Build.Mailbox("EX01")), [], new AnalysisOptions(Build.AsOf, 30, Culture: culture));

    [Fact]
    public void The_engine_renders_every_kind_of_argument_once_invariantly_and_words_enum_values_from_the_descriptor()
    {
        var en = Assert.Single(Run(new Worded(Reason.Second)).Findings);
        Assert.Equal(
            "Because the second reason; seen 2026-05-03; left 12; list A.contoso.com, b.contoso.com; certs AA until 2027-01-01T00:00:00Z; flag true; auth Tls,ExchangeServer; gone nothing known; said Access is denied.",
            en.Message);
        Assert.Equal("Fix-It 'the second reason' 'Tls,ExchangeServer'", en.Remediation);

        var ja = Assert.Single(Run(new Worded(Reason.First), "ja").Findings);
        Assert.Equal("理由 最初の理由; 日 2026-05-03; 残り 12; 一覧 A.contoso.com、b.contoso.com; 証明書 AA (2027-01-01T00:00:00Z まで); フラグ true; 認証 Tls,ExchangeServer; なし 不明; 原文 「Access is denied.」", ja.Message);
        Assert.DoesNotContain("First", ja.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_refuses_to_start_when_an_enum_value_has_no_wording()
    {
        var yaml = WordedRule.Replace("      Second: { en: 'the second reason', ja: '二番目の理由' }\n", "", StringComparison.Ordinal);
        var catalog = new RuleCatalog([RuleDescriptorLoader.Parse(yaml, "rules/EXTLS8001.yaml")]);
        var e = Assert.Throws<InvalidOperationException>(() => new AnalysisEngine(catalog, [new Worded(Reason.First)]));
        Assert.Contains("spec.values.reason has no wording for Reason.Second", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_refuses_wording_for_an_argument_the_evaluator_does_not_declare()
    {
        var catalog = new RuleCatalog([RuleDescriptorLoader.Parse(WordedRule, "rules/EXTLS8001.yaml")]);
        var undeclared = new DelegateEvaluator("EXTLS8001", _ => []);
        var e = Assert.Throws<InvalidOperationException>(() => new AnalysisEngine(catalog, [undeclared]));
        Assert.Contains("spec.values.reason words an argument", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failed: {error}. Next.", "Access is denied.", "failed: Access is denied. Next.")]
    [InlineData("failed: {error}. Next.", "Access is denied", "failed: Access is denied. Next.")]
    [InlineData("failed ({error}).", "Access is denied.", "failed (Access is denied.).")]
    [InlineData("failed: {error}", "Access is denied.", "failed: Access is denied.")]
    public void A_template_closing_the_sentence_after_a_value_that_ends_one_adds_no_second_full_stop(string template, string error, string expected) =>
        Assert.Equal(expected, MessageTemplate.Format(template, new Dictionary<string, string> { ["error"] = error }));

    [Fact]
    public void The_engine_refuses_an_enum_argument_declared_twice()
    {
        var catalog = new RuleCatalog([RuleDescriptorLoader.Parse(WordedRule, "rules/EXTLS8001.yaml")]);
        var twice = new Worded(Reason.First) { EnumValues = [MessageValues.Of<Reason>("reason"), MessageValues.Of<Reason>("reason")] };
        var e = Assert.Throws<InvalidOperationException>(() => new AnalysisEngine(catalog, [twice]));
        Assert.Contains("declares {reason} more than once", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_enum_lists_its_members_without_reflection_over_a_type()
    {
        var values = MessageValues.Of<Reason>("reason");
        Assert.Equal("reason", values.Argument);
        Assert.Equal("Reason", values.EnumName);
        Assert.Equal(["First", "Second"], values.Members.ToArray());
    }

    [Fact]
    public void Every_shipped_enum_argument_is_worded_in_both_languages()
    {
        var engine = AnalysisEngine.CreateDefault();
        foreach (var evaluator in AnalysisEngine.DiscoverEvaluators(RuleCatalog.Default))
        {
            Assert.Empty(AnalysisEngine.ValueWordingProblems(RuleCatalog.Default.Find(evaluator.RuleId)!, evaluator));
        }

        Assert.Equal(["EXTLS2005", "EXTLS2010", "EXTLS2013", "EXTLS3007", "EXTLS3009", "EXTLS3010", "EXTLS4006", "EXTLS5001", "EXTLS6001", "EXTLS6002", "EXTLS6003", "EXTLS9001", "EXTLS9004"], engine.Rules.Where(r => !r.Values.IsEmpty).Select(r => r.Id));
        Assert.All(engine.Rules.SelectMany(r => r.Values.Values).SelectMany(v => v.Values), w => Assert.False(string.IsNullOrWhiteSpace(w.Ja)));
    }

    [Fact]
    public void An_enum_value_without_wording_at_run_time_is_the_rules_failure_not_the_runs()
    {
        var yaml = WordedRule.Replace("  values:\n    reason:\n      First: { en: 'the first reason', ja: '最初の理由' }\n      Second: { en: 'the second reason', ja: '二番目の理由' }\n", "", StringComparison.Ordinal);
        var descriptor = RuleDescriptorLoader.Parse(yaml, "rules/EXTLS8001.yaml");
        var e = Assert.Throws<ArgumentRenderException>(() => ArgumentRenderer.Render("reason", MessageArgument.Value(Reason.First), descriptor, "en"));
        Assert.Contains("spec.values.reason.First", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptor_wording_for_a_placeholder_no_template_uses_is_refused_at_load()
    {
        var yaml = WordedRule.Replace("    gone: { en: 'nothing known', ja: '不明' }", "    gone: { en: 'nothing known', ja: '不明' }\n    ghost: { en: 'x', ja: 'y' }", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidDataException>(() => RuleDescriptorLoader.Parse(yaml, "rules/EXTLS8001.yaml"));
        Assert.Contains("spec.absent.ghost: no template uses {ghost}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_kinds_keep_their_wire_codes()
    {
        Assert.Equal(
            ["server", "receiveConnector", "sendConnector", "certificate", "mailFlow", "snapshot", "hybridConfiguration"],
            Enum.GetValues<FindingTargetKind>().Select(k => k.ToId()));
        Assert.Equal("0c6bc4fbbd4a8d51".Length, AnalysisEngine.Fingerprint("EXTLS1001", new FindingTarget(FindingTargetKind.Server, "EX01")).Length);
    }

    [Fact]
    public void Remediation_variants_are_the_schemas_and_read_back()
    {
        foreach (var v in Enum.GetValues<RemediationVariant>())
        {
            Assert.True(RemediationVariants.TryParse(RemediationVariants.Key(v), out var back));
            Assert.Equal(v, back);
        }

        var schema = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "rule.schema.json")));
        var allowed = schema.SelectToken("properties.spec.properties.remediationVariants.propertyNames.enum")!.Values<string>();
        Assert.Equal(Enum.GetValues<RemediationVariant>().Select(RemediationVariants.Key), allowed);
    }

    [Fact]
    public void Schema_errors_name_the_file_the_line_and_the_path()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Rules, "EXTLS1004.yaml")).Replace("  severity: error", "  severity: fatal", StringComparison.Ordinal);
        var line = yaml.Split('\n').ToList().FindIndex(l => l.StartsWith("  severity:", StringComparison.Ordinal)) + 1;
        var e = Assert.Throws<InvalidDataException>(() => RuleDescriptorLoader.Parse(yaml, "rules/EXTLS1004.yaml"));
        Assert.StartsWith($"rules/EXTLS1004.yaml:{line}: invalid rule descriptor: spec.severity (line {line}) is not one of the values", e.Message, StringComparison.Ordinal);
    }
}
