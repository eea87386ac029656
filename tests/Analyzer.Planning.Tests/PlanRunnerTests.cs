using System.Security.Cryptography.X509Certificates;
using Extls.Model;
using Extls.TestKit;

namespace Extls.Planning.Tests;

/// <summary>What each command does to the snapshot: Exchange's defaults, the overwrite prompt, values followed, notes.</summary>
public sealed class PlanRunnerTests
{
    private static readonly OrganizationSnapshot Healthy = Dumps.LoadScenario("001-healthy-baseline");

    private static PlanApplication Apply(OrganizationSnapshot snapshot, string text, PromptAnswer answer = PromptAnswer.Yes, string? folder = null, string? password = null) =>
        PlanRunner.Apply([Plan.Parse("plan.ps1", folder, text)], snapshot, new PlanContext(Dumps.AsOf, folder ?? Path.GetTempPath()) { Password = password }, answer);

    private static string SelfSignedOf(OrganizationSnapshot s, string server) => s.FindServer(server)!.InternalCertificate.Thumbprint!;

    private static StoreCertificate CaOf(OrganizationSnapshot s, string server) => s.FindServer(server)!.Certificates.Items.Single(c => c.Certificate.IsSelfSigned == false);

    [Fact]
    public void New_ExchangeCertificate_makes_Exchanges_default_self_signed_certificate_at_the_as_of()
    {
        var applied = Apply(Healthy, "New-ExchangeCertificate -Server EX02 -Force");

        var ex02 = applied.Snapshot.FindServer("EX02")!;
        var made = ex02.Certificates.Items.Single(c => c.Location.File == "plan.ps1");
        Assert.Equal("CN=EX02", made.Certificate.Subject);
        Assert.Equal("CN=EX02", made.Certificate.Issuer);
        Assert.Equal(["EX02", "ex02.contoso.com"], made.Certificate.DnsNames.ToArray());
        Assert.Equal(Dumps.AsOf, made.Certificate.NotBefore);
        Assert.Equal(Dumps.AsOf.AddYears(5), made.Certificate.NotAfter);
        Assert.Equal(2048, made.Certificate.KeySize);
        Assert.Equal("sha256RSA", made.Certificate.SignatureAlgorithm);
        Assert.True(made.Certificate.IsSelfSigned);
        Assert.Equal(CertificateServices.IMAP | CertificateServices.POP | CertificateServices.SMTP, made.Services);
        Assert.True(made.HasPrivateKey);
        Assert.Equal("Microsoft Exchange", made.FriendlyName);

        // -Force answers the overwrite prompt yes (A10): AD and Get-TransportService now name it.
        Assert.Equal(made.Thumbprint, ex02.InternalCertificate.Thumbprint);
        Assert.Equal(made.Thumbprint, ex02.TransportServiceItem!.InternalTransportCertificateThumbprint);
        Assert.Contains(applied.Changes, c => c is { Kind: ChangeKind.InternalCertificatePublished, AnswerSource: PromptSource.Force, Answer: PromptAnswer.Yes });
        Assert.True(applied.RestsOnA10);
        Assert.Equal(0, applied.OpenPrompts);

        // The same plan makes the same certificate; the snapshot it was applied to is unchanged.
        Assert.Equal(made.Thumbprint, Apply(Healthy, "New-ExchangeCertificate -Server EX02 -Force").Snapshot.FindServer("EX02")!.Certificates.Items.Single(c => c.Location.File == "plan.ps1").Thumbprint);
        Assert.DoesNotContain(Healthy.FindServer("EX02")!.Certificates.Items, c => c.Thumbprint == made.Thumbprint);
    }

    [Fact]
    public void New_ExchangeCertificate_takes_its_subject_names_key_size_and_services_from_the_plan()
    {
        var applied = Apply(Healthy, "New-ExchangeCertificate -Server EX01 -SubjectName 'CN=relay.contoso.com' -DomainName relay.contoso.com,smtp.contoso.com -KeySize 1024 -Services None -FriendlyName Relay");
        var made = applied.Snapshot.FindServer("EX01")!.Certificates.Items.Single(c => c.Location.File == "plan.ps1");

        Assert.Equal(["relay.contoso.com", "smtp.contoso.com"], made.Certificate.DnsNames.ToArray());
        Assert.Equal(1024, made.Certificate.KeySize);
        Assert.Equal(CertificateServices.None, made.Services);
        Assert.Equal("Relay", made.FriendlyName);
        Assert.Equal(SelfSignedOf(Healthy, "EX01"), applied.Snapshot.FindServer("EX01")!.InternalCertificate.Thumbprint);
        Assert.DoesNotContain(applied.Changes, c => c.Kind == ChangeKind.InternalCertificatePublished);
    }

    [Fact]
    public void Renewing_through_the_pipeline_keeps_the_subject_names_and_services()
    {
        var old = SelfSignedOf(Healthy, "EX01");
        var applied = Apply(Healthy, $"Get-ExchangeCertificate -Server EX01 -Thumbprint {old} | New-ExchangeCertificate -PrivateKeyExportable $true", PromptAnswer.No);
        var before = Healthy.FindServer("EX01")!.Certificates.Items.Single(c => c.Thumbprint == old);
        var made = applied.Snapshot.FindServer("EX01")!.Certificates.Items.Single(c => c.Location.File == "plan.ps1");

        Assert.Equal(before.Certificate.Subject, made.Certificate.Subject);
        Assert.Equal(before.Certificate.DnsNames.ToArray(), made.Certificate.DnsNames.ToArray());
        Assert.Equal(before.Services, made.Services);
        Assert.Equal(1, applied.OpenPrompts);
        Assert.Contains(applied.Changes, c => c is { Kind: ChangeKind.InternalCertificateKept, Answer: PromptAnswer.No, AnswerSource: PromptSource.Open });
        Assert.Contains(applied.Changes, c => c is { Kind: ChangeKind.ParameterIgnored, Property: "PrivateKeyExportable" });
        Assert.Equal(old, applied.Snapshot.FindServer("EX01")!.InternalCertificate.Thumbprint);
    }

    [Theory]
    [InlineData("-Force", PromptSource.Force)]
    [InlineData("-Confirm:$false", PromptSource.ConfirmFalse)]
    public void Force_and_Confirm_false_answer_the_overwrite_prompt_yes(string answer, PromptSource source)
    {
        var ca = CaOf(Healthy, "EX01").Thumbprint;
        var applied = Apply(Healthy, $"Enable-ExchangeCertificate -Server EX01 -Thumbprint {ca} -Services SMTP {answer}", PromptAnswer.No);

        Assert.Equal(0, applied.OpenPrompts);
        Assert.Equal(ca, applied.Snapshot.FindServer("EX01")!.InternalCertificate.Thumbprint);
        Assert.Contains(applied.Changes, c => c.Kind == ChangeKind.InternalCertificatePublished && c.AnswerSource == source);
    }

    [Fact]
    public void With_nothing_to_overwrite_enabling_for_SMTP_publishes_without_a_prompt()
    {
        var empty = Dumps.LoadScenario("006-p1-ad-empty");
        var ca = CaOf(empty, "EX02").Thumbprint;
        var applied = Apply(empty, $"Enable-ExchangeCertificate -Server EX02 -Thumbprint {ca} -Services SMTP", PromptAnswer.No);

        Assert.Equal(0, applied.OpenPrompts);
        Assert.Equal(ca, applied.Snapshot.FindServer("EX02")!.InternalCertificate.Thumbprint);
        Assert.False(applied.RestsOnA10);
    }

    [Fact]
    public void Enabling_adds_services_and_never_takes_one_away()
    {
        var ss = SelfSignedOf(Healthy, "EX01");
        var applied = Apply(Healthy, $"Enable-ExchangeCertificate -Server EX01 -Thumbprint {ss} -Services 'Federation'");
        var before = Healthy.FindServer("EX01")!.Certificates.Items.Single(c => c.Thumbprint == ss).Services!.Value;

        Assert.Equal(before | CertificateServices.Federation, applied.Snapshot.FindServer("EX01")!.Certificates.Items.Single(c => c.Thumbprint == ss).Services);
    }

    [Fact]
    public void Using_module_and_assembly_are_refused_before_PowerShell_would_load_them()
    {
        // PowerShell's parser would start a runspace and load what they name from this machine.
        var e = Assert.Throws<PlanException>(() => Planning.Plan.Parse("plan.ps1", null,
            "# using module Commented.Out\r\nusing namespace System.Text\r\n  USING Module Contoso.Tools\r\n$a = 1; using assembly .\\evil.dll\r\nSet-ReceiveConnector -Identity 'EX01\\Default EX01' -WhatIf"));
        Assert.Equal(["plan.ps1:3:3 UsingStatement module", "plan.ps1:4:9 UsingStatement assembly"],
            e.Problems.Select(p => $"{p.Position} {p.Kind} {p.Arguments.Name}"));

        // Other using statements, and the words in a comment, are PowerShell's to judge.
        Assert.NotNull(Planning.Plan.Parse("plan.ps1", null, "using namespace System.Text\n# using module X\nSet-ReceiveConnector -Identity 'EX01\\Default EX01' -WhatIf"));
    }

    [Fact]
    public void Variables_properties_expandable_strings_and_split_are_followed()
    {
        var ca = CaOf(Healthy, "EX01");
        var plan = $$"""
            $server = 'EX01'
            $list = "{{ca.Thumbprint}},FFFF" -split ','
            $cert = Get-ExchangeCertificate -Server $server -Thumbprint $list[0]
            Set-ReceiveConnector -Identity "$server\Default Frontend $server" -TlsCertificateName "<I>$($cert.Issuer)<S>$($cert.Subject)" -Fqdn `
                mail.contoso.com -WhatIf
            Get-ExchangeCertificate -Server EX01 | Where-Object Thumbprint -in $list | Enable-ExchangeCertificate -Services Federation
            """;
        var problem = Assert.Throws<PlanException>(() => Apply(Healthy, plan));

        // $list[0] is an index expression, which the rehearsal does not follow; everything else in the plan is.
        Assert.Single(problem.Problems);
        Assert.Equal(3, problem.Problems[0].Position.Line);

        var applied = Apply(Healthy, plan.Replace("$list[0]", $"'{ca.Thumbprint}'", StringComparison.Ordinal));
        var connector = applied.Snapshot.FindServer("EX01")!.ReceiveConnectors.Items.Single(c => c.Name == "Default Frontend EX01");
        Assert.Equal($"<I>{ca.Certificate.Issuer}<S>{ca.Certificate.Subject}", connector.TlsCertificateName);
        Assert.Equal("mail.contoso.com", connector.Fqdn);
        Assert.Contains(applied.Changes, c => c is { Kind: ChangeKind.WhatIfIgnored, Command: "Set-ReceiveConnector" });
        Assert.Contains(applied.Changes, c => c is { Kind: ChangeKind.ServicesEnabled, Target: var t } && t == ca.Thumbprint);
    }

    [Fact]
    public void Import_reads_a_pfx_with_its_key_and_a_cer_without_one_unless_it_completes_a_request()
    {
        var folder = Directory.CreateTempSubdirectory("extls-import-").FullName;
        try
        {
            var factory = new Generation.CertificateFactory();
            var made = factory.Create(new Generation.CertificateSpec
            {
                Name = "test/import", Subject = "CN=smtp.contoso.com", DnsNames = ["smtp.contoso.com"], NotBefore = Dumps.AsOf.AddDays(-1), NotAfter = Dumps.AsOf.AddYears(1),
            });
            using (var withKey = made.CopyWithPrivateKey())
            {
                File.WriteAllBytes(Path.Combine(folder, "smtp.pfx"), withKey.Export(X509ContentType.Pkcs12, "pw"));
            }

            File.WriteAllBytes(Path.Combine(folder, "smtp.cer"), made.GetRawData());

            var pfx = Apply(Healthy, "Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('D:\\certs\\smtp.pfx')) -Password (Read-Host -AsSecureString -Prompt 'pfx')", folder: folder, password: "pw");
            Assert.True(pfx.Snapshot.FindServer("EX01")!.Certificates.Items.Single(c => c.Thumbprint == made.Thumbprint).HasPrivateKey);

            var cer = Apply(Healthy, "Import-ExchangeCertificate -Server EX01 -FileName 'smtp.cer'", folder: folder);
            var imported = cer.Snapshot.FindServer("EX01")!.Certificates.Items.Single(c => c.Thumbprint == made.Thumbprint);
            Assert.Null(imported.HasPrivateKey);
            Assert.Contains(cer.Changes, c => c.Kind == ChangeKind.PrivateKeyUnknown);

            var completed = Apply(Healthy, "New-ExchangeCertificate -Server EX01 -GenerateRequest -SubjectName 'CN=smtp.contoso.com' -RequestFile 'C:\\req.txt'\nImport-ExchangeCertificate -Server EX01 -FileName 'smtp.cer'", folder: folder);
            Assert.True(completed.Snapshot.FindServer("EX01")!.Certificates.Items.Single(c => c.Thumbprint == made.Thumbprint).HasPrivateKey);

            var again = Apply(cer.Snapshot, "Import-ExchangeCertificate -Server EX01 -FileName 'smtp.cer'", folder: folder);
            Assert.Contains(again.Changes, c => c.Kind == ChangeKind.AlreadyInStore);

            var noPassword = Assert.Throws<PlanException>(() => Apply(Healthy, "Import-ExchangeCertificate -Server EX01 -FileName smtp.pfx", folder: folder));
            Assert.Equal(CertificateFileFault.Pkcs12NeedsPassword, Assert.Single(noPassword.Problems).Arguments.File);
            var askedButNotGiven = Assert.Throws<PlanException>(() => Apply(Healthy, "$p = Read-Host -AsSecureString\nImport-ExchangeCertificate -Server EX01 -FileName smtp.pfx -Password $p", folder: folder));
            Assert.Equal(PlanProblemKind.PasswordNotGiven, Assert.Single(askedButNotGiven.Problems).Kind);
            var missing = Assert.Throws<PlanException>(() => Apply(Healthy, "Import-ExchangeCertificate -Server EX01 -FileName nothere.cer", folder: folder));
            Assert.Equal((PlanProblemKind.FileNotFound, "nothere.cer"), (Assert.Single(missing.Problems).Kind, missing.Problems[0].Arguments.Name));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_cmdlet_without_Server_runs_where_the_thumbprint_is_and_otherwise_asks_for_Server()
    {
        var ca = CaOf(Healthy, "EX02").Thumbprint;
        var applied = Apply(Healthy, $"Remove-ExchangeCertificate -Thumbprint {ca}");
        Assert.DoesNotContain(applied.Snapshot.FindServer("EX02")!.Certificates.Items, c => c.Thumbprint == ca);

        var ambiguous = Assert.Throws<PlanException>(() => Apply(Healthy, "New-ExchangeCertificate"));
        Assert.Equal(PlanProblemKind.ServerNotGiven, Assert.Single(ambiguous.Problems).Kind);
    }

    [Fact]
    public void Read_only_commands_and_comments_change_nothing()
    {
        var applied = Apply(Healthy, "# look first\nGet-ExchangeCertificate -Server EX01 | Where-Object { $_.Services -match 'SMTP' } | Format-Table\nGet-TransportService | Format-List Name,InternalTransportCertificateThumbprint\nStart-EdgeSynchronization");

        Assert.Equal(Healthy, applied.Snapshot);
        Assert.Equal(3, applied.Changes.Count(c => c.Kind == ChangeKind.NoEffect));
    }

    [Fact]
    public void Send_connector_changes_follow_the_cmdlets_types()
    {
        var applied = Apply(Healthy, "Get-SendConnector 'Outbound to Internet' | Set-SendConnector -RequireTLS $true -TlsAuthLevel DomainValidation -TlsDomain contoso.com -SmartHostAuthMechanism None -Enabled 1");
        var c = applied.Snapshot.SendConnectors.Items.Single(s => s.Name == "Outbound to Internet");

        Assert.True(c.RequireTls);
        Assert.Equal(TlsAuthLevel.DomainValidation, c.TlsAuthLevel);
        Assert.Equal("contoso.com", c.TlsDomain);
        Assert.Equal(SmartHostAuthMechanism.None, c.SmartHostAuthMechanism);
        Assert.True(c.Enabled);

        var bad = Assert.Throws<PlanException>(() => Apply(Healthy, "Set-SendConnector 'Outbound to Internet' -TlsAuthLevel Strict"));
        Assert.Equal((PlanProblemKind.NotAnEnumValue, "Strict", "TlsAuthLevel"), (Assert.Single(bad.Problems).Kind, bad.Problems[0].Arguments.Value, bad.Problems[0].Arguments.Parameter));
    }

    private static OrganizationSnapshot Hybrid => Dumps.Load(Path.Combine(Repository.Root, "snapshots", "plans", "109-set-hybridconfiguration", "dump"));

    [Fact]
    public void Set_HybridConfiguration_changes_the_certificate_name_and_the_servers_it_names()
    {
        const string name = "<I>CN=Contoso Issuing CA 2026, O=Contoso Ltd, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, C=US";
        var applied = Apply(Hybrid, $"Set-HybridConfiguration -TlsCertificateName '{name}' -SendingTransportServers ex01 -ReceivingTransportServers EX01,EX02 -Features FreeBusy,SecureMail -DomainController dc01 -WhatIf");
        var after = applied.Snapshot.HybridConfigurations.Items.Single();
        var before = Hybrid.HybridConfigurations.Items.Single();

        Assert.Equal(name, after.TlsCertificateName);
        Assert.Equal(["EX01"], after.SendingTransportServers!.Value.ToArray());
        Assert.Equal(["EX01", "EX02"], after.ReceivingTransportServers!.Value.ToArray());
        Assert.Equal(["FreeBusy", "SecureMail"], after.Features!.Value.ToArray());
        Assert.Equal(before.OnPremisesSmartHost, after.OnPremisesSmartHost);
        Assert.Equal(before.Domains!.Value.ToArray(), after.Domains!.Value.ToArray());
        var changed = applied.Changes.Where(c => c.Kind == ChangeKind.HybridConfigurationChanged).ToList();
        Assert.Equal(["TlsCertificateName", "SendingTransportServers", "ReceivingTransportServers", "Features"], changed.Select(c => c.Property!).ToArray());
        Assert.All(changed, c => Assert.Equal("Hybrid Configuration", c.Target));
        Assert.Equal(before.TlsCertificateName, changed[0].Before);
        Assert.Equal(name, changed[0].After);
        Assert.Contains(applied.Changes, c => c is { Kind: ChangeKind.ParameterIgnored, Property: "DomainController" });

        // $null clears it, as Exchange does.
        Assert.Equal("", Apply(Hybrid, "Set-HybridConfiguration -TlsCertificateName $null").Snapshot.HybridConfigurations.Items.Single().TlsCertificateName);
    }

    [Fact]
    public void Set_HybridConfiguration_needs_the_collected_configuration_and_servers_the_dump_knows()
    {
        var missing = Assert.Throws<PlanException>(() => Apply(Healthy, "Set-HybridConfiguration -TlsCertificateName '<I>CN=A<S>CN=B'"));
        Assert.Equal(PlanProblemKind.HybridConfigurationNotCollected, missing.Problems.Single().Kind);
        Assert.Equal(1, missing.Problems.Single().Position.Line);

        var none = Healthy with { HybridConfigurations = Section<HybridConfiguration>.Collected([], null) };
        Assert.Equal(PlanProblemKind.NoHybridConfiguration, Assert.Throws<PlanException>(() => Apply(none, "Set-HybridConfiguration -TlsCertificateName '<I>CN=A<S>CN=B'")).Problems.Single().Kind);

        var unknown = Assert.Throws<PlanException>(() => Apply(Hybrid, "Set-HybridConfiguration -SendingTransportServers EX01,EX09"));
        Assert.Equal((PlanProblemKind.UnknownServer, "EX09"), (unknown.Problems.Single().Kind, unknown.Problems[0].Arguments.Name));

        // Exchange's Set-HybridConfiguration has no -Force.
        Assert.Throws<PlanException>(() => Apply(Hybrid, "Set-HybridConfiguration -TlsCertificateName $null -Force"));
    }

    [Theory]
    [InlineData("Set-HybridConfiguration -TlsCertificateName 'mail.contoso.com'")]
    [InlineData("Set-ReceiveConnector 'EX01\\Default Frontend EX01' -TlsCertificateName 'CN=mail.contoso.com'")]
    [InlineData("Set-SendConnector 'Outbound to Office 365' -TlsCertificateName '<I>CN=Contoso Issuing CA 2026'")]
    public void A_TlsCertificateName_not_in_its_issuer_and_subject_form_is_refused_at_its_column(string plan)
    {
        var e = Assert.Throws<PlanException>(() => Apply(Hybrid, plan));
        var problem = e.Problems.Single();
        Assert.Equal(PlanProblemKind.CertificateNameMalformed, problem.Kind);
        Assert.Equal(plan.IndexOf("-TlsCertificateName", StringComparison.Ordinal) + 1, problem.Position.Column);
    }

    [Fact]
    public void Connector_addresses_ports_and_flags_the_replay_reads_are_followed()
    {
        var applied = Apply(Hybrid, "Set-ReceiveConnector 'EX01\\Default Frontend EX01' -Bindings '0.0.0.0:25','[::]:25' -RemoteIPRanges 10.0.0.0/24,'192.168.1.10-192.168.1.20' -DomainSecureEnabled $true\n"
            + "Set-SendConnector 'Outbound to Office 365' -Port 587 -SourceIPAddress 10.0.0.5 -DNSRoutingEnabled $false -FrontendProxyEnabled $true -IgnoreSTARTTLS $false");
        var receive = applied.Snapshot.FindServer("EX01")!.ReceiveConnectors.Items.Single(c => c.Name == "Default Frontend EX01");
        var send = applied.Snapshot.SendConnectors.Items.Single(c => c.Name == "Outbound to Office 365");

        Assert.Equal(["0.0.0.0:25", "[::]:25"], receive.Bindings!.Value.Select(b => b.ToString()).ToArray());
        Assert.Equal(2, receive.RemoteIPRanges!.Value.Length);
        Assert.True(receive.DomainSecureEnabled);
        Assert.Equal(587, send.Port);
        Assert.Equal("10.0.0.5", send.SourceIPAddress!.ToString());
        Assert.False(send.DnsRoutingEnabled);
        Assert.True(send.FrontendProxyEnabled);
        Assert.False(send.IgnoreStartTls);
        Assert.DoesNotContain(applied.Changes, c => c.Kind == ChangeKind.ParameterIgnored);

        var range = Assert.Throws<PlanException>(() => Apply(Hybrid, "Set-ReceiveConnector 'EX01\\Default Frontend EX01' -RemoteIPRanges 10.0.0.0/33")).Problems.Single();
        Assert.Equal(PlanProblemKind.ValueNotParsed, range.Kind);
        Assert.Equal(new PlanProblemArguments { Value = "10.0.0.0/33", Parameter = "RemoteIPRanges", Expected = PlanExpectedValue.IpRange }, range.Arguments);
        Assert.Equal(PlanProblemKind.PortInvalid, Assert.Throws<PlanException>(() => Apply(Hybrid, "Set-SendConnector 'Outbound to Office 365' -Port 70000")).Problems.Single().Kind);
    }

    [Fact]
    public void New_ExchangeCertificate_IncludeAcceptedDomains_takes_the_collected_accepted_domains()
    {
        static AcceptedDomain Domain(string name) => new() { Identity = name, DomainName = name, Location = new SourceLocation("org/AcceptedDomain.json", 1, "$[0]") };
        var withDomains = Healthy with { AcceptedDomains = Section<AcceptedDomain>.Collected([Domain("fabrikam.com"), Domain("contoso.com"), Domain("*.contoso.com")], null) };

        var applied = Apply(withDomains, "New-ExchangeCertificate -Server EX01 -SubjectName 'CN=mail.contoso.com' -IncludeAcceptedDomains -IncludeAutoDiscover");
        var made = applied.Snapshot.FindServer("EX01")!.Certificates.Items.Single(c => c.Location.File == "plan.ps1");

        // The wildcard is left out; the subject's CN is among the names.
        Assert.Equal(["autodiscover.contoso.com", "autodiscover.fabrikam.com", "contoso.com", "fabrikam.com", "mail.contoso.com"], made.Certificate.DnsNames.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(CertificateServices.IMAP | CertificateServices.POP | CertificateServices.SMTP, made.Services);

        Assert.Equal(PlanProblemKind.AcceptedDomainsNotCollected, Assert.Throws<PlanException>(() => Apply(Healthy, "New-ExchangeCertificate -Server EX01 -IncludeAcceptedDomains")).Problems.Single().Kind);
    }

    [Fact]
    public void Republishing_a_certificate_of_the_store_fixes_EXTLS1004_and_the_broken_pairs()
    {
        // 008: EX02's internal transport certificate was deleted, and AD still names it. A new self-signed certificate
        // made on EX02 and published with -Force gives AD a certificate that is in the store again.
        var broken = Dumps.LoadScenario("008-p1-not-in-store");
        var made = Apply(broken, "New-ExchangeCertificate -Server EX02 -Services SMTP -Confirm:$false").Snapshot.FindServer("EX02")!
            .Certificates.Items.Single(c => c.Location.File == "plan.ps1");
        var withIt = broken with
        {
            Servers = [.. broken.Servers.Select(s => s.Name != "EX02" ? s : s with { Certificates = s.Certificates with { Items = s.Certificates.Items.Add(made with { Services = CertificateServices.IMAP }) } })],
        };

        var result = Dumps.Rehearse(withIt, $"Enable-ExchangeCertificate -Server EX02 -Thumbprint {made.Thumbprint} -Services SMTP -Force");

        var outcome = Assert.Single(result.Outcomes);
        Assert.Empty(outcome.Diff.New);
        Assert.Equal(["EXTLS1004 server:EX02", "EXTLS5001 mailFlow:EXTLS1004/EX02"], Dumps.Lines(outcome.Diff.Fixed));
        Assert.Contains(outcome.Changes, c => c.Kind == ChangeKind.InternalCertificatePublished);
    }
}

