using Extls.Planning;

namespace Extls.Reporting.Tests;

/// <summary>Every plan problem, renewal refusal and note, certificate file fault and remediation verdict reads in both languages from the one table.</summary>
public sealed class PlanProblemWordingTests
{
    // Facts a problem can carry, spelt so that they can be told apart from the table's own words.
    private const string Command = "Set-CommandX";
    private const string Parameter = "ParameterY";
    private const string Name = "NameZ";
    private const string Value = "ValueW";
    private const string Server = "ServerV";
    private const string Detail = "DetailU";
    private static readonly string[] Names = ["NameOneA", "NameTwoB"];

    /// <summary>
    /// What the sentences quote as PowerShell and Exchange spell it: cmdlets, parameters, properties, operators,
    /// keywords and placeholders; Microsoft's Japanese documentation keeps them in ASCII too.
    /// </summary>
    private static readonly string[] Syntax =
    [
        "whatif", "PowerShell", "param", "trap", "using", "if", "foreach", "try", "switch", "Get-", "Import-", "New-ExchangeCertificate", "Get-ExchangeCertificate",
        "Get-TransportService", "Format-List", "Start-EdgeSynchronization", "Where-Object", "Property", "-eq", "-ne", "-in", "-like", "Value", "$name",
        "Add", "Remove", "$_", "-split", "ReadAllBytes", "[System.IO.File]::ReadAllBytes('file')", "System.IO.File", "file", "Read-Host", "-AsSecureString",
        "--password", "ConvertTo-SecureString", "-String", "-AsPlainText", "-Force", "Get-Content", "-Path", "-Encoding", "Byte", "-AsByteStream",
        "-ReadCount", "Thumbprint", "Subject", "Issuer", "FriendlyName", "Identity", "NotBefore", "NotAfter", "Name", "Server", "Fqdn", "TlsCertificateName",
        "-Server", "SERVER", "Set-ReceiveConnector", "Get-ReceiveConnector", "Set-SendConnector", "Get-SendConnector", "-Identity", "-Name", "TCP", "-Port",
        "-SourceIPAddress", "IP", "-TlsCertificateName", "issuer", "subject", "$null", "$true", "$false", "Get-HybridConfiguration",
        "Set-HybridConfiguration", "New-EdgeSubscription", "Remove-EdgeSubscription", "-FileName", "-FileData", "-Site", "Active", "Directory",
        "C:\\Temp\\", "EdgeSubscription.xml", "Temp", "-Thumbprint", "Enable-ExchangeCertificate", "-Services", "Import-ExchangeCertificate",
        "-Password", "-Instance", "-IncludeAcceptedDomains", "-IncludeAutoDiscover", "-DomainName", "-KeySize", "CIDR", "PKCS", "--replaces",
        "THUMBPRINT", "EXTLS1004", "EX01", "0", "ReadCount", "params",
    ];

    private static readonly PlanPosition At = new("plan.ps1", 3, 5);

    private static PlanProblemArguments Full => new()
    {
        Command = Command, Parameter = Parameter, Name = Name, Value = Value, Server = Server, Names = [.. Names], Number = 3, Detail = Detail,
    };

    /// <summary>The facts every kind may carry, through every value of the typed ones.</summary>
    private static IEnumerable<PlanProblemArguments> Variants()
    {
        var full = Full;
        yield return full;
        yield return PlanProblemArguments.None;
        yield return full with { Number = 0, Server = null };
        yield return full with { Number = 1 };
        foreach (var c in Enum.GetValues<PlanConstruct>())
        {
            yield return full with { Construct = c };
        }

        foreach (var o in Enum.GetValues<PlanObjectKind>())
        {
            yield return full with { Object = o, Takes = o };
        }

        foreach (var e in Enum.GetValues<PlanExpectedValue>())
        {
            yield return full with { Expected = e };
        }

        foreach (var f in Enum.GetValues<CertificateFileFault>())
        {
            yield return full with { File = f };
        }
    }

    private static IEnumerable<PlanProblem> Every() =>
        Enum.GetValues<PlanProblemKind>().SelectMany(k => Variants().Select(a => new PlanProblem(At, k, a)));

    private static IEnumerable<RenewalRefusal> Refusals() => Enum.GetValues<RenewalRefusalKind>().Select(k => new RenewalRefusal(k)
    {
        Thumbprint = Value, Subject = Name, Server = Server,
        Candidates = [new RenewalCandidate("AAAA", new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero)), new RenewalCandidate("BBBB", new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero))],
    });

    private static IEnumerable<RenewalNote> Notes() =>
        Enum.GetValues<RenewalNoteKind>().Select(k => new RenewalNote(k, Name) { Servers = [.. Names] });

    private static List<string> Facts() =>
        [Command, Parameter, Name, Value, Server, Detail, "plan.ps1", "new.pfx", "renew.ps1", "AAAA", "BBBB", .. Names, .. Syntax];

    /// <summary>Every Japanese sentence the table makes, with the English beside it and what it is.</summary>
    internal static IEnumerable<(string Where, string En, string Ja)> Sentences()
    {
        foreach (var p in Every())
        {
            yield return ($"{p.Kind} {p.Arguments.Construct}{p.Arguments.Object}{p.Arguments.Expected}{p.Arguments.File}", PlanProblemWording.Message(p, "en"), PlanProblemWording.Message(p, "ja"));
        }

        foreach (var r in Refusals())
        {
            yield return ($"refusal {r.Kind}", PlanProblemWording.Refusal(r, "en"), PlanProblemWording.Refusal(r, "ja"));
        }

        foreach (var n in Notes())
        {
            yield return ($"note {n.Kind}", PlanProblemWording.Note(n, "en"), PlanProblemWording.Note(n, "ja"));
        }

        foreach (var f in Enum.GetValues<CertificateFileFault>())
        {
            yield return ($"file {f}", PlanProblemWording.CertificateFile("new.pfx", f, Detail, "en"), PlanProblemWording.CertificateFile("new.pfx", f, Detail, "ja"));
        }

        foreach (var v in Verdicts())
        {
            yield return ($"verdict {v.Failure}", PlanProblemWording.Why(v, "en")!, PlanProblemWording.Why(v, "ja")!);
        }

        foreach (var n in new[] { 1, 2 })
        {
            yield return ($"nothing rehearsed {n}", PlanProblemWording.NothingRehearsed(n, "en"), PlanProblemWording.NothingRehearsed(n, "ja"));
        }

        yield return ("renewal written", PlanProblemWording.RenewalWritten("renew.ps1", 4, ["EX01", Server], "en"), PlanProblemWording.RenewalWritten("renew.ps1", 4, ["EX01", Server], "ja"));
    }

    private static IEnumerable<RemediationVerdict> Verdicts()
    {
        yield return new RemediationVerdict(RemediationCheck.Failed, RemediationFailure.PlanProblems) { Problems = [new PlanProblem(At, PlanProblemKind.UnknownParameter, Full)] };
        yield return new RemediationVerdict(RemediationCheck.Failed, RemediationFailure.FindingStays);
        yield return new RemediationVerdict(RemediationCheck.Failed, RemediationFailure.NewError) { NewRuleId = "EXTLS1004", NewTarget = "EX01" };
    }

    [Fact]
    public void Every_kind_has_a_sentence()
    {
        Assert.Empty(PlanProblemWording.Missing);
        Assert.Empty(PlanProblemWording.MissingRefusals);
        Assert.Empty(PlanProblemWording.MissingNotes);
        Assert.Empty(PlanProblemWording.MissingFaults);
        Assert.All(Enum.GetValues<RemediationFailure>(), f =>
            Assert.False(string.IsNullOrWhiteSpace(PlanProblemWording.Why(new RemediationVerdict(RemediationCheck.Failed, f) { Problems = [new PlanProblem(At, PlanProblemKind.NameEmpty)] }, "ja"))));
    }

    [Fact]
    public void Every_kind_reads_in_both_languages_and_the_japanese_leaves_no_english()
    {
        var facts = Facts();
        var leftovers = new List<string>();
        var count = 0;
        foreach (var (where, en, ja) in Sentences())
        {
            count++;
            Assert.False(string.IsNullOrWhiteSpace(en), $"{where}: no English");
            Assert.False(string.IsNullOrWhiteSpace(ja), $"{where}: no Japanese");
            Assert.NotEqual(en, ja);
            Assert.False(JapaneseLeftovers.HasJapanese(en), $"{where}: Japanese in the English: {en}");
            Assert.True(JapaneseLeftovers.HasJapanese(ja), $"{where}: {ja}");
            leftovers.AddRange(JapaneseLeftovers.Find(ja, facts).Select(w => $"{where.Split(' ')[0]}: '{w}' in {ja}"));
        }

        Assert.True(count > Enum.GetValues<PlanProblemKind>().Length, $"{count} sentences");
        var distinct = leftovers.Distinct(StringComparer.Ordinal).ToList();
        Assert.True(distinct.Count == 0, string.Join("\n", distinct));
    }

    [Fact]
    public void Every_kind_says_the_facts_it_is_given()
    {
        // A sentence that drops its facts reads the same whatever it is given: each kind that carries a fact must change with it.
        foreach (var kind in Enum.GetValues<PlanProblemKind>())
        {
            var p = new PlanProblem(At, kind, Full with { Construct = PlanConstruct.Other, Object = PlanObjectKind.Certificate, Takes = PlanObjectKind.Certificate, Expected = PlanExpectedValue.Binding, File = CertificateFileFault.Unreadable });
            foreach (var culture in new[] { "en", "ja" })
            {
                var text = PlanProblemWording.Message(p, culture);
                var bare = PlanProblemWording.Message(p with { Arguments = PlanProblemArguments.None }, culture);
                Assert.True(text == bare || new[] { Command, Parameter, Name, Value, Server, Detail, Names[0] }.Any(f => text.Contains(f, StringComparison.Ordinal)),
                    $"{kind} ({culture}): {text}");
            }
        }
    }

    [Fact]
    public void The_english_is_the_sentence_the_plan_problems_always_had()
    {
        string En(PlanProblemKind kind, PlanProblemArguments a) => PlanProblemWording.Message(new PlanProblem(At, kind, a), "en");

        Assert.Equal("-Foo is not a parameter of Set-ReceiveConnector.", En(PlanProblemKind.UnknownParameter, new() { Parameter = "Foo", Command = "Set-ReceiveConnector" }));
        Assert.Equal("-Se is ambiguous for Set-SendConnector: it could be -SmartHosts, -SourceTransportServers.",
            En(PlanProblemKind.AmbiguousParameter, new() { Parameter = "Se", Command = "Set-SendConnector", Names = ["SmartHosts", "SourceTransportServers"] }));
        Assert.Equal("Get-Foo takes no positional arguments; name the parameter of 'x'.", En(PlanProblemKind.TooManyPositional, new() { Command = "Get-Foo", Number = 0, Value = "x" }));
        Assert.Equal("Get-Foo takes 1 positional argument; name the parameter of 'x'.", En(PlanProblemKind.TooManyPositional, new() { Command = "Get-Foo", Number = 1, Value = "x" }));
        Assert.Equal("EX01 has no certificate ABCD in its store (the plan removes it at line 2).", En(PlanProblemKind.CertificateNotInStore, new() { Name = "EX01", Value = "ABCD", Number = 2 }));
        Assert.Equal("There is no receive connector 'EX02\\Nope' in the snapshot (the receive connectors of EX02 were not collected).",
            En(PlanProblemKind.UnknownReceiveConnector, new() { Name = "EX02\\Nope", Server = "EX02" }));
        Assert.Equal("A plan is a list of commands and variable assignments; a foreach loop cannot be rehearsed, since what it does depends on what it finds when it runs.",
            En(PlanProblemKind.StatementNotFollowed, new() { Construct = PlanConstruct.ForEach }));
        Assert.Equal("whatif cannot follow the property Foo of a send connector (it follows Identity, Name, Fqdn, TlsCertificateName).",
            En(PlanProblemKind.PropertyNotFollowed, new() { Name = "Foo", Object = PlanObjectKind.SendConnector }));
        Assert.Equal("smtp.pfx: is a PKCS #12 file that cannot be opened without -Password (bad)",
            En(PlanProblemKind.CertificateFileUnreadable, new() { Name = "smtp.pfx", File = CertificateFileFault.Pkcs12NeedsPassword, Detail = "bad" }));
        Assert.Equal("plan.ps1:3:5: -Name cannot be empty.", PlanProblemWording.Line(new PlanProblem(At, PlanProblemKind.NameEmpty), "en"));
        Assert.Equal("Several certificates could be the one the new certificate replaces (AAAA expires 2026-06-30, BBBB expires 2027-01-02): say which with --replaces THUMBPRINT.",
            PlanProblemWording.Refusal(Refusals().Single(r => r.Kind == RenewalRefusalKind.SeveralToReplace), "en"));
    }

    [Fact]
    public void The_japanese_uses_the_glossary_terms_and_keeps_names_verbatim()
    {
        string Ja(PlanProblemKind kind, PlanProblemArguments a) => PlanProblemWording.Message(new PlanProblem(At, kind, a), "ja");

        Assert.Equal("-Foo は Set-ReceiveConnector のパラメーターではありません。", Ja(PlanProblemKind.UnknownParameter, new() { Parameter = "Foo", Command = "Set-ReceiveConnector" }));
        Assert.Contains("受信コネクタ 'EX01\\Nope'", Ja(PlanProblemKind.UnknownReceiveConnector, new() { Name = "EX01\\Nope" }), StringComparison.Ordinal);
        Assert.Contains("送信コネクタ", Ja(PlanProblemKind.UnknownSendConnector, new() { Name = "Outbound" }), StringComparison.Ordinal);
        Assert.Contains("証明書ストア", Ja(PlanProblemKind.StoreNotCollected, new() { Name = "EX01" }), StringComparison.Ordinal);
        Assert.Contains("コマンドレット", Ja(PlanProblemKind.UnsupportedCommand, new() { Command = "Foo-Bar", Names = ["Set-SendConnector"] }), StringComparison.Ordinal);
        Assert.Contains("ハイブリッド構成", Ja(PlanProblemKind.HybridConfigurationNotCollected, PlanProblemArguments.None), StringComparison.Ordinal);
        Assert.Contains("エッジ トランスポート サーバー", Ja(PlanProblemKind.NotAnEdge, new() { Name = "EX01" }), StringComparison.Ordinal);
        Assert.Equal("plan.ps1:3:5: -Name は空にできません。", PlanProblemWording.Line(new PlanProblem(At, PlanProblemKind.NameEmpty), "ja"));
    }
}
