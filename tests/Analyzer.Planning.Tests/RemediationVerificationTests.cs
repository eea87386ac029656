using System.Globalization;
using Extls.TestKit;
using Newtonsoft.Json.Linq;

namespace Extls.Planning.Tests;

/// <summary>
/// Every committed dump's remediations, rehearsed: a remediation that is a concrete command must remove its finding and
/// bring no new error in every outcome. The expected lists say which findings have such a remediation, so a remediation
/// that turns into manual steps (or a rehearsal that stops recognising one) fails here too.
/// </summary>
public sealed class RemediationVerificationTests
{
    /// <summary>Per dump, the rules whose findings carry a concrete remediation (each finding once).</summary>
    private static readonly Dictionary<string, string[]> Concrete = new(StringComparer.Ordinal)
    {
        ["scenarios/002-p1-exchangeserver-auth-missing"] = ["EXTLS2001"],
        ["scenarios/003-p1-suppress-xanonymoustls"] = ["EXTLS2002"],
        ["scenarios/004-p1-ad-unreadable-read-error"] = ["EXTLS1001"],
        ["scenarios/005-p1-ad-unreadable-manifest-error"] = ["EXTLS1001"],
        ["scenarios/006-p1-ad-empty"] = ["EXTLS1002"],
        ["scenarios/007-p1-ad-corrupt"] = ["EXTLS1003"],
        ["scenarios/008-p1-not-in-store"] = ["EXTLS1004"],
        ["scenarios/009-p1-expired"] = ["EXTLS1005"],
        ["scenarios/010-p1-expires-soon"] = ["EXTLS1006"],
        ["scenarios/011-p1-private-key-missing"] = ["EXTLS1007"],
        ["scenarios/012-p1-transport-thumbprint-out-of-sync"] = ["EXTLS1008"],
        ["scenarios/013-p2-mailbox-thumbprint-empty"] = ["EXTLS1008"],
        ["scenarios/018-p2-edge-edgesync-without-exchangeserver-auth"] = ["EXTLS3006"],
        ["scenarios/019-p2-edge-certificate-replaced"] = ["EXTLS5002"],
        ["scenarios/020-p3-tls-not-offered"] = ["EXTLS2003"],
        ["scenarios/023-p3-not-smtp-enabled"] = ["EXTLS2006", "EXTLS3002"],
        ["scenarios/027-p3-renewal-keeps-newer-notbefore"] = ["EXTLS2010", "EXTLS2010", "EXTLS2010", "EXTLS4006"],
        ["scenarios/029-p3-fqdn-mismatch-default"] = ["EXTLS2012"],
        // EXTLS4003's certificate is CA-issued: its replacement comes from the CA, a manual step. EXTLS4001 offers a
        // choice (renew through the CA, renew a self-signed one, or remove it), which the administrator makes.
        ["scenarios/037-hygiene-unused-certificates"] = ["EXTLS4002"],
        ["scenarios/038-hygiene-sha1-internal"] = ["EXTLS4004"],
        ["scenarios/040-hygiene-duplicate-subject"] = ["EXTLS4006"],
        ["scenarios/044-hybrid-certificate-not-found"] = ["EXTLS3009"],
        ["scenarios/045-hybrid-connector-certificate-disagrees"] = ["EXTLS3010"],
        ["scenarios/046-hybrid-starttls-ignored-to-exchange-online"] = ["EXTLS3011"],
        ["scenarios/050-join-org-and-edge-copies-merged"] = ["EXTLS3006"],
        ["scenarios/061-evidence-contradicted-starttls"] = ["EXTLS4006"],
        ["scenarios/062-evidence-fallback-12024"] = ["EXTLS1004"],
        ["scenarios/063-evidence-unknowncredentials"] = ["EXTLS2006", "EXTLS3002"],
        ["handwritten/01-no-exchangeserver-auth"] = ["EXTLS2001"],
        ["handwritten/02-ad-empty"] = ["EXTLS1002"],
        ["handwritten/03-not-in-store"] = ["EXTLS1004"],
        ["handwritten/04-expired"] = ["EXTLS1005"],
        ["handwritten/05-expires-soon"] = ["EXTLS1006"],
        ["handwritten/06-suppressed"] = ["EXTLS2002"],
        ["sample"] = ["EXTLS1004", "EXTLS4004"],
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var snapshots = Path.Combine(Repository.Root, "snapshots");
        foreach (var folder in new[] { "scenarios", "handwritten" })
        {
            foreach (var dir in Directory.GetDirectories(Path.Combine(snapshots, folder)).Order(StringComparer.Ordinal))
            {
                data.Add($"{folder}/{Path.GetFileName(dir)}");
            }
        }

        data.Add("sample");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_concrete_remediation_removes_its_finding_without_a_new_error(string id)
    {
        var dir = Path.Combine(Repository.Root, "snapshots", id);
        var expected = JObject.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        var inputs = expected["inputs"]!.Values<string>().Select(i => Path.Combine(dir, i!)).ToArray();
        var asOf = DateTimeOffset.Parse((string)expected["asOf"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var options = new Rules.AnalysisOptions(asOf, (int)expected["warningDays"]!);
        var result = Dumps.Engine.Analyze(Dumps.Load(inputs), [], options);
        Assert.NotEmpty(result.Selections);

        var verdicts = RemediationVerifier.Verify(Dumps.Engine, result, options, new PlanContext(asOf, dir));

        Assert.Equal(result.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal), verdicts.Keys.Order(StringComparer.Ordinal));
        var failed = result.Findings.Where(f => verdicts[f.Fingerprint].Check == RemediationCheck.Failed)
            .Select(f => $"{f.RuleId} {f.Target.Id}: {Why(verdicts[f.Fingerprint])}\n{f.Remediation}").ToList();
        Assert.True(failed.Count == 0, string.Join("\n\n", failed));
        var verified = result.Findings.Where(f => verdicts[f.Fingerprint].Check == RemediationCheck.Verified).Select(f => f.RuleId).Order(StringComparer.Ordinal);
        Assert.Equal(Concrete.GetValueOrDefault(id, []).Order(StringComparer.Ordinal), verified);
    }

    [Fact]
    public void Applying_the_verdicts_sets_remediationVerified_on_each_finding()
    {
        var result = Dumps.Analyze(Dumps.LoadScenario("009-p1-expired"));
        var verdicts = RemediationVerifier.Verify(Dumps.Engine, result, Dumps.Options, new PlanContext(Dumps.AsOf, Path.GetTempPath()));
        var applied = RemediationVerifier.Apply(result, verdicts);

        Assert.True(applied.RemediationsVerified);
        Assert.All(applied.Findings, f => Assert.Equal(verdicts[f.Fingerprint].Verified, f.RemediationVerified));
        Assert.Contains(applied.Findings, f => f.RuleId == "EXTLS1005" && f.RemediationVerified == true);
        Assert.All(result.Findings, f => Assert.Null(f.RemediationVerified));
    }

    [Theory]
    [InlineData("# Point the connector at the certificate you choose\n$cert = Get-ExchangeCertificate -Server EX01 -Thumbprint '<thumbprint>'\nSet-ReceiveConnector -Identity 'EX01\\Default EX01' -TlsCertificateName \"<I>$($cert.Issuer)<S>$($cert.Subject)\" -WhatIf")]
    [InlineData("Get-ExchangeCertificate -Server EX01 | Format-List Thumbprint,Services")]
    [InlineData("Set-ReceiveConnector \"EX01\\Relay 2525\" -RemoteIPRanges '<the relay hosts only, without 10.0.0.12,10.0.0.13>' -WhatIf")]
    [InlineData("extls analyze <new-dump-folder> --as-of 2026-06-01")]
    [InlineData("certutil -verify -urlfetch \"Cert:\\LocalMachine\\My\\ABCD\"\nEnable-ExchangeCertificate -Server EX01 -Thumbprint ABCD -Services SMTP")]
    [InlineData("Get-TransportService | ForEach-Object { Get-Queue -Server $_.Name } | Retry-Queue")]
    [InlineData("$request = Get-ExchangeCertificate -Server 'EX01' -Thumbprint 'ABCD' | New-ExchangeCertificate -GenerateRequest -WhatIf\nif ($request) { [System.IO.File]::WriteAllBytes('C:\\Temp\\ABCD.req', [System.Text.Encoding]::Unicode.GetBytes($request)) }\nRemove-ExchangeCertificate -Server 'EX01' -Thumbprint 'ABCD' -WhatIf")]
    public void Placeholders_reads_and_unmodelled_commands_are_manual_steps(string remediation) =>
        Assert.Null(RemediationVerifier.Concrete(remediation));

    [Fact]
    public void A_TlsCertificateName_is_not_taken_for_a_placeholder()
    {
        var plan = RemediationVerifier.Concrete("Set-ReceiveConnector -Identity 'EX01\\Default EX01' -TlsCertificateName '<I>CN=Contoso Test Root CA<S>CN=mail.contoso.com' -WhatIf");
        Assert.NotNull(plan);
    }

    [Fact]
    public void A_remediation_that_leaves_the_overwrite_prompt_open_does_not_verify()
    {
        // The expired internal certificate of 009 is in the store, so publishing another one asks to overwrite it;
        // answered no, the expired certificate stays the internal transport certificate.
        var snapshot = Dumps.LoadScenario("009-p1-expired");
        var result = Dumps.Analyze(snapshot);
        var finding = result.Findings.Single(f => f.RuleId == "EXTLS1005");
        var withoutForce = result with
        {
            Findings = [finding with { Remediation = finding.Remediation.Replace(" -Force", "", StringComparison.Ordinal) }],
        };

        var verdict = RemediationVerifier.Verify(Dumps.Engine, withoutForce, Dumps.Options, new PlanContext(Dumps.AsOf, Path.GetTempPath()))[finding.Fingerprint];

        Assert.Equal(RemediationCheck.Failed, verdict.Check);
        Assert.False(verdict.Verified);
    }

    /// <summary>Why a verdict failed, for the assertion's message (the words are the writers'; the facts are enough here).</summary>
    private static string Why(RemediationVerdict v) =>
        $"{v.Failure} {v.NewRuleId} {v.NewTarget} {string.Join("; ", v.Problems.Select(p => $"{p} {p.Arguments}"))}";
}
