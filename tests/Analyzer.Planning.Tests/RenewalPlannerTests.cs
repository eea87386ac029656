using Extls.Model;
using Extls.Reporting;

namespace Extls.Planning.Tests;

/// <summary>What the renewal planner writes for the hybrid configuration, and why that step is needed.</summary>
public sealed class RenewalPlannerTests
{
    private const string Slug = "201-renew-ca-certificate-three-servers-hybrid";

    private static (PlanScenarioTests.Case Case, CertificateInfo Renewed) Load()
    {
        var c = PlanScenarioTests.Case.Load(Slug);
        return (c, CertificateFile.Read(Path.Combine(c.Dir, "mail-2026.pfx"), FixturePassword).Certificate);
    }

    // The fixture's .pfx password, as FixtureGen writes it in rehearsal.json.
    private static string FixturePassword => (string)PlanScenarioTests.Case.Load(Slug).Expected["renew"]!["password"]!;

    private static RenewalPlan Plan(OrganizationSnapshot snapshot, CertificateInfo renewed, params string[] on) =>
        RenewalPlanner.Plan(snapshot, renewed, "mail-2026.pfx", withPassword: true, replaces: null, on, Dumps.AsOf);

    private static string Script(RenewalPlan plan) => RenewalScriptWriter.Write(plan, "en");

    [Fact]
    public void A_collected_hybrid_configuration_naming_the_old_certificate_gets_Set_HybridConfiguration()
    {
        var (c, renewed) = Load();
        var plan = Plan(c.Before.Snapshot, renewed);
        var newName = $"<I>{renewed.Issuer}<S>{renewed.Subject}";

        var step = Assert.Single(plan.Steps, s => s.Kind == RenewalStepKind.HybridConfiguration);
        Assert.Equal("Hybrid Configuration", step.Target);
        Assert.Equal(newName, step.Detail);
        Assert.Contains($"Set-HybridConfiguration -TlsCertificateName '{newName}' -WhatIf\n", Script(plan), StringComparison.Ordinal);
        Assert.Empty(plan.Notes);

        // It comes after every server has the new certificate and before the old one is removed.
        var at = Script(plan).IndexOf("Set-HybridConfiguration", StringComparison.Ordinal);
        Assert.True(Script(plan).LastIndexOf("Enable-ExchangeCertificate", StringComparison.Ordinal) < at);
        Assert.True(Script(plan).IndexOf("Remove-ExchangeCertificate", StringComparison.Ordinal) > at);
    }

    [Fact]
    public void Without_that_step_removing_the_old_certificate_leaves_the_hybrid_configuration_naming_nothing()
    {
        var (c, renewed) = Load();
        var text = Script(Plan(c.Before.Snapshot, renewed));
        var without = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("Set-HybridConfiguration", StringComparison.Ordinal)));

        var result = WhatIf.Run(Dumps.Engine, c.Before, [Planning.Plan.Parse("renew.ps1", c.Dir, without)], c.Options, c.Context(FixturePassword));

        Assert.All(result.Outcomes, o => Assert.Equal(["EXTLS3009 hybridConfiguration:Hybrid Configuration"], Dumps.Lines(o.Diff.New)));
    }

    [Fact]
    public void Hybrid_servers_left_out_of_the_renewal_are_noted()
    {
        var (c, renewed) = Load();
        var plan = Plan(c.Before.Snapshot, renewed, "EX01", "EX02");

        Assert.Single(plan.Steps, s => s.Kind == RenewalStepKind.HybridConfiguration);
        Assert.Contains(plan.Notes, n => n.Kind == RenewalNoteKind.HybridOtherServers && n.Target == "Hybrid Configuration" && n.Servers.SequenceEqual(["EX03"]));
    }

    [Fact]
    public void A_hybrid_configuration_that_was_not_collected_is_a_note_and_one_that_names_another_certificate_is_left_alone()
    {
        var (c, renewed) = Load();
        var snapshot = c.Before.Snapshot;

        var uncollected = Plan(snapshot with { HybridConfigurations = Section<HybridConfiguration>.Missing(SectionState.Absent, null, null) }, renewed);
        Assert.DoesNotContain(uncollected.Steps, s => s.Kind == RenewalStepKind.HybridConfiguration);
        Assert.DoesNotContain("\nSet-HybridConfiguration", Script(uncollected), StringComparison.Ordinal);
        Assert.Contains("#   Set-HybridConfiguration -TlsCertificateName", Script(uncollected), StringComparison.Ordinal);
        Assert.Contains(uncollected.Notes, n => n.Kind == RenewalNoteKind.HybridConfigurationNotCollected);

        var hybrid = snapshot.HybridConfigurations.Items.Single();
        var other = snapshot with
        {
            HybridConfigurations = Section<HybridConfiguration>.Collected([hybrid with { TlsCertificateName = "<I>CN=Other CA<S>CN=mail.fabrikam.com" }], hybrid.Location),
        };
        var untouched = Plan(other, renewed);
        Assert.DoesNotContain(untouched.Steps, s => s.Kind == RenewalStepKind.HybridConfiguration);
        Assert.DoesNotContain("Set-HybridConfiguration", Script(untouched), StringComparison.Ordinal);
        Assert.Empty(untouched.Notes);
    }

    [Fact]
    public void Refusals_name_what_is_wrong_with_its_facts()
    {
        var (c, renewed) = Load();
        var snapshot = c.Before.Snapshot;

        var unknown = Assert.Throws<RenewalException>(() => Plan(snapshot, renewed, "EX99")).Refusal;
        Assert.Equal((RenewalRefusalKind.UnknownServer, "EX99"), (unknown.Kind, unknown.Server));

        var same = Assert.Throws<RenewalException>(() =>
            RenewalPlanner.Plan(snapshot, renewed, "mail-2026.pfx", withPassword: true, replaces: new string('0', 40), [], Dumps.AsOf)).Refusal;
        Assert.Equal((RenewalRefusalKind.ReplacedNotFound, new string('0', 40)), (same.Kind, same.Thumbprint));
    }
}
