using System.Collections;
using System.Globalization;
using System.Reflection;
using Extls.Import;
using Extls.Model;
using Extls.Selection;
using Extls.TestKit;
using Newtonsoft.Json.Linq;

namespace Extls.Reporting.Tests;

/// <summary>Every fact of the replay has its words in both languages, and Japanese explanations hold no English but names.</summary>
public sealed partial class ExplainWriterTests
{
    [Fact]
    public void Every_key_of_the_wording_table_has_both_languages()
    {
        Assert.Empty(SelectionWording.Missing());

        // Every fixed wording, whatever its table: both languages written, and Japanese unless it is an Exchange name.
        var tables = typeof(SelectionWording).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType.IsGenericType && f.GetValue(null) is IEnumerable)
            .ToList();
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            foreach (var entry in ((IEnumerable)table.GetValue(null)!).Cast<object>())
            {
                var value = entry.GetType().GetProperty("Value")!.GetValue(entry);
                if (value is Words w)
                {
                    Assert.False(string.IsNullOrWhiteSpace(w.En), $"{table.Name}: {entry}");
                    Assert.False(string.IsNullOrWhiteSpace(w.Ja), $"{table.Name}: {entry}");
                    Assert.True(w.En == w.Ja || JapaneseLeftovers.HasJapanese(w.Ja) || w.Ja.Trim() is "," or "、", $"{table.Name}: {entry} has no Japanese");
                }
            }
        }
    }

    /// <summary>
    /// Each reason code, in each process, said in both languages from a step that read a value for every
    /// field: no sentence asks for a fact a step cannot carry, and no Japanese sentence keeps English words.
    /// </summary>
    [Fact]
    public void Every_reason_code_has_a_sentence_in_both_languages_in_every_process()
    {
        foreach (var specimen in Specimens())
        {
            foreach (var reason in Enum.GetValues<StepReason>())
            {
                foreach (var process in Enum.GetValues<Scenario>())
                {
                    var step = specimen with { Step = ProcessSteps.Of(process)[0], Reason = reason };
                    var en = SelectionText.Decision(step, "EX01", "en");
                    var ja = SelectionText.Decision(step, "EX01", "ja");
                    var what = $"{reason} in {process.ToId()}";

                    Assert.NotEqual(reason.ToString(), en);
                    Assert.False(JapaneseLeftovers.HasJapanese(en), $"{what}: {en}");
                    Assert.True(JapaneseLeftovers.HasJapanese(ja), $"{what}: {ja}");
                    Assert.Empty(JapaneseLeftovers.Find(ja, Names(step)).Select(w => $"{what}: '{w}' in {ja}"));
                }
            }
        }
    }

    [Fact]
    public void Every_refusal_and_every_kind_of_value_has_its_words()
    {
        foreach (var reason in Enum.GetValues<RefusalReason>())
        {
            Assert.NotEqual(reason.ToString(), SelectionText.Refusal(reason, "en"));
            Assert.True(JapaneseLeftovers.HasJapanese(SelectionText.Refusal(reason, "ja")));
        }

        // A read line for every field and every kind of value, in Japanese, keeps nothing English but names.
        foreach (var specimen in Specimens())
        {
            var lines = SelectionText.ReadLines(specimen, "ja");
            Assert.Equal(specimen.Reads.Length, lines.Count);
            Assert.Empty(JapaneseLeftovers.Find(string.Join("\n", lines), Names(specimen)));
        }
    }

    [Fact]
    public void The_leftover_check_finds_English_words_and_lets_names_pass()
    {
        Assert.Equal(["refused", "unknown"], JapaneseLeftovers.Find("候補 4409276795E5E7B41CE74E0B361B38B253C63A6D = refused; unknown: HasPrivateKey", Array.Empty<string>()));
        Assert.Equal(["Load"], JapaneseLeftovers.Find("1. Load\n   受信コネクタ = EX01\\Default EX01", ["EX01\\Default EX01"]));
        Assert.Empty(JapaneseLeftovers.Find(
            "AuthMechanism (Tls, ExchangeServer) に ExchangeServer が含まれています。X-ANONYMOUSTLS はアドバタイズされます。イベント 12014 (A7) 2026-06-01T00:00:00Z",
            Array.Empty<string>()));
    }

    public static TheoryData<string> Fixtures => [.. FixtureCases().Select(c => c.Id)];

    /// <summary>
    /// Every scenario fixture, replayed and explained in Japanese: nothing English is left but names from the dump,
    /// Exchange's identifiers, event numbers and the responses Exchange writes in English.
    /// </summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_explains_in_Japanese_without_English_words(string id)
    {
        var fixture = FixtureCases().Single(c => c.Id == id);
        var load = DumpLoader.Load(fixture.Inputs);
        Assert.True(load.Snapshot is not null, $"{id}: {string.Join("; ", load.Problems)}");

        var selections = Replay.All(load.Snapshot!, new ReplayOptions(fixture.AsOf, fixture.WarningDays));
        Assert.NotEmpty(selections);
        var ja = Wide(Japanese, selections);
        var en = Wide(RenderSettings.Plain, selections);

        Assert.Empty(JapaneseLeftovers.Find(ja, selections));
        Assert.False(JapaneseLeftovers.HasJapanese(en), $"{id}: Japanese in the English explanation");

        // Every decision of every replay is said, once per trace that reads the same (identical traces are folded).
        var decisions = ja.Split('\n').Where(l => l.TrimStart().StartsWith('→')).Select(l => l.TrimStart()[1..].Trim()).ToHashSet(StringComparer.Ordinal);
        var missing = selections.SelectMany(s => s.Trace.Where(t => t.Kind != StepKind.Load).Select(t => SelectionText.Decision(t, s.Server, "ja")))
            .Where(d => !decisions.Contains(d)).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{id}: not in the explanation: {string.Join(" | ", missing)}");
        Assert.True(decisions.Count <= selections.Sum(s => s.Trace.Length));
    }

    private sealed record FixtureCase(string Id, IReadOnlyList<string> Inputs, DateTimeOffset AsOf, int WarningDays);

    /// <summary>Every expected.json under snapshots/ and the dumps it names.</summary>
    private static IReadOnlyList<FixtureCase> FixtureCases()
    {
        var root = Path.Combine(Repository.Root, "snapshots");
        var cases = new List<FixtureCase>();
        foreach (var file in Directory.GetFiles(root, "expected.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var dir = Path.GetDirectoryName(file)!;
            var expected = JObject.Parse(File.ReadAllText(file));
            var asOf = DateTimeOffset.Parse((string)expected["asOf"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var days = (int?)expected["warningDays"] ?? 30;
            var id = Path.GetRelativePath(root, dir).Replace('\\', '/');
            var inputs = expected["inputs"]?.Values<string>().Select(i => Path.GetFullPath(Path.Combine(dir, i!))).ToList()
                ?? [Path.Combine(dir, "dump")];
            if (id == "formats")
            {
                // Each format folder is a whole organisation of its own.
                cases.AddRange(inputs.Select(i => new FixtureCase($"formats/{Path.GetFileName(i)}", [i], asOf, days)));
            }
            else
            {
                cases.Add(new FixtureCase(id, inputs, asOf, days));
            }
        }

        Assert.True(cases.Count >= 40, $"only {cases.Count} fixtures under {root}");
        return cases;
    }

    /// <summary>Steps that read a value for every field, once with an issuer/subject key and an event, once with a host key and none.</summary>
    private static IEnumerable<TraceStep> Specimens()
    {
        var a = Build.ThumbprintFor("specimen-a");
        var b = Build.ThumbprintFor("specimen-b");
        TraceRead[] Reads(KeyValue key) =>
        [
            new(TraceField.Connector, new TextValue("EX01\\Default Frontend EX01")),
            new(TraceField.AuthMechanism, new EnumValue(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer)),
            new(TraceField.SuppressXAnonymousTls, new FlagValue(null)),
            new(TraceField.Role, new EnumValue(TransportServerRole.Edge)),
            new(TraceField.ServerRole, new TextValue("Edge")),
            new(TraceField.SendConnectors, new SectionStateValue(SectionState.Failed)),
            new(TraceField.EdgeSyncConnectors, new ListValue([])),
            new(TraceField.SmartHostAuthMechanism, new EnumValue(SmartHostAuthMechanism.None), "EdgeSync - Inbound to Default-First-Site-Name"),
            new(TraceField.InternalTransportCertificateThumbprint, new TextValue("")),
            new(TraceField.MsExchServerInternalTlsCert, new AdStateValue(AdCertificateState.Corrupt)),
            new(TraceField.ReadError, new TextValue("Insufficient access rights to perform the operation.")),
            new(TraceField.CorruptReason, new TextValue(null)),
            new(TraceField.Thumbprint, new ThumbprintValue(a)),
            new(TraceField.Subject, new TextValue("CN=EX01")),
            new(TraceField.Store, new SectionStateValue(SectionState.Unreadable)),
            new(TraceField.StoreCertificates, new NumberValue(3)),
            new(TraceField.StoreThumbprints, new ListValue([new ThumbprintValue(a), new ThumbprintValue(b)])),
            new(TraceField.NotMatching, new MismatchValue(b, "CN=*.contoso.com", "CN=Contoso Issuing CA", ["*.contoso.com"], [MismatchReason.WildcardCoversOneLabel], "*.contoso.com")),
            new(TraceField.NotMatching, new MismatchValue(b, "CN=mail.contoso.com", "CN=Fabrikam CA", ["mail.contoso.com"], [MismatchReason.IssuerDiffers, MismatchReason.SubjectDiffers])),
            new(TraceField.NotMatching, new MismatchValue(b, "CN=EX01", "CN=EX01", ["EX01", "ex01.contoso.com"], [MismatchReason.NameNotInCertificate])),
            new(TraceField.NotAfter, new DateValue(Build.AsOf.AddDays(20))),
            new(TraceField.AsOf, new DateValue(Build.AsOf)),
            new(TraceField.WarningDays, new NumberValue(30)),
            new(TraceField.TlsCertificateName, new TextValue("<I>CN=Contoso Issuing CA<S>CN=mail.contoso.com")),
            new(TraceField.Fqdn, new TextValue("mail.contoso.com")),
            new(TraceField.ServerFqdn, new TextValue("ex01.contoso.com")),
            new(TraceField.Key, key),
            new(TraceField.Candidates, new ListValue([new ThumbprintValue(a), new ThumbprintValue(b)])),
            new(TraceField.Candidate, new CandidateValue(a, [], [ReplayProperty.HasPrivateKey, ReplayProperty.Status])),
            new(TraceField.Candidate, new CandidateValue(b, [RefusalReason.NotV3, RefusalReason.NoPrivateKey, RefusalReason.NameNotInCertificate], [])),
            new(TraceField.Ranked, new RankedValue(1, a, Build.AsOf.AddDays(-10), Build.AsOf.AddDays(20))),
            new(TraceField.Standing, new StandingValue(a, CertificateStanding.ValidCaIssued)),
            new(TraceField.Standing, new StandingValue(b, CertificateStanding.CaIssuedNotValid)),
            new(TraceField.Standing, new StandingValue(b, CertificateStanding.SelfSigned)),
            new(TraceField.Chosen, new ThumbprintValue(a)),
            new(TraceField.Services, new EnumValue(CertificateServices.IIS | CertificateServices.SMTP)),
            new(TraceField.RequireTls, new FlagValue(true)),
            new(TraceField.TlsAuthLevel, new EnumValue(TlsAuthLevel.DomainValidation)),
            new(TraceField.TlsDomain, new TextValue("fabrikam.com")),
            new(TraceField.SmartHosts, new ListValue(null)),
            new(TraceField.CloudServicesMailEnabled, new FlagValue(false)),
            new(TraceField.SourceServer, new TextValue("EX09")),
            new(TraceField.Port, new NumberValue(2525)),
            new(TraceField.ReceiveConnectors, new ListValue([new TextValue("EX01\\Default EX01")])),
            new(TraceField.Bindings, new ListValue([new BindingValue(Build.Binding("0.0.0.0:2525")), new BindingValue(Build.Binding("[::]:2525"))]), "EX01\\Default EX01"),
            new(TraceField.RemoteIPRanges, new ListValue([new RangeValue(Build.Range("10.0.0.0/24"))]), "EX01\\Relay"),
            new(TraceField.ReceiverAddresses, new ListValue(null)),
            new(TraceField.SenderAddresses, new ListValue([new AddressValue(System.Net.IPAddress.Parse("10.0.0.12"))])),
            new(TraceField.SessionAddress, new AddressValue(System.Net.IPAddress.Parse("10.0.0.12"))),
            new(TraceField.MatchedRange, new RangeValue(Build.Range("10.0.0.0/24"))),
            new(TraceField.Server, new TextValue("EX02")),
        ];

        var named = new TraceStep(new StepId(Scenario.InboundStartTls, StepKind.Candidates),
            [.. Reads(new KeyValue("<I>CN=Contoso Issuing CA<S>CN=mail.contoso.com", KeySource.TlsCertificateName, "CN=Contoso Issuing CA", "CN=mail.contoso.com"))],
            StepReason.CandidatesFound) { Event = 12014 };
        var host = new TraceStep(new StepId(Scenario.OutboundStartTls, StepKind.Candidates),
            [.. Reads(new KeyValue("ex01.contoso.com", KeySource.ServerFqdn, null, null))],
            StepReason.CandidatesFound);

        // A new field must be given a specimen value here, so its words are checked too.
        Assert.Empty(Enum.GetValues<TraceField>().Except(named.Reads.Select(r => r.Field)));
        return [named, host];
    }

    /// <summary>The dump's names a step carries: what may stay as it is in Japanese.</summary>
    private static IEnumerable<string> Names(TraceStep step) =>
        [.. JapaneseLeftovers.NamesOf(step), "EX01"];
}
