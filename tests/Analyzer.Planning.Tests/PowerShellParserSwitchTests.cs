namespace Extls.Planning.Tests;

/// <summary>Runs alone: it turns the process-wide switch off, which the rehearsals running beside it would see.</summary>
[CollectionDefinition(nameof(PowerShellParserSwitchTests), DisableParallelization = true)]
public sealed class PowerShellParserSwitchGroup;

/// <summary>
/// With <see cref="PowerShellParser.SwitchName"/> off, as the light native extls is compiled, every entry into the parser
/// refuses with <see cref="NotSupportedException"/> before it reaches the parser: those are the branches the native
/// compiler removes, so a path that skipped the check would keep the parser in the light executable (which .ci/run
/// checks on the executable itself).
/// </summary>
[Collection(nameof(PowerShellParserSwitchTests))]
public sealed class PowerShellParserSwitchTests
{
    private static void WithParserOff(Action test)
    {
        AppContext.SetSwitch(PowerShellParser.SwitchName, false);
        try
        {
            Assert.False(PowerShellParser.IsSupported);
            test();
        }
        finally
        {
            AppContext.SetSwitch(PowerShellParser.SwitchName, true);
        }
    }

    [Fact]
    public void The_parser_is_on_unless_the_build_turns_it_off()
    {
        Assert.True(PowerShellParser.IsSupported);
        Assert.Equal("Extls.Planning.PowerShellParser", PowerShellParser.SwitchName);
    }

    [Fact]
    public void Every_entry_into_the_parser_refuses_when_it_is_off()
    {
        var snapshot = Dumps.LoadScenario("001-healthy-baseline");
        var before = Dumps.Analyze(snapshot);
        var plan = Plan.Parse("plan.ps1", null, "Get-ExchangeCertificate -Server EX01");
        var context = new PlanContext(Dumps.AsOf, Path.GetTempPath());

        WithParserOff(() =>
        {
            Assert.Throws<NotSupportedException>(() => Plan.Parse("plan.ps1", null, "Get-ExchangeCertificate -Server EX01"));
            var file = Path.Combine(Path.GetTempPath(), "extls-switch-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(file, "Get-ExchangeCertificate -Server EX01\n");
            try
            {
                Assert.Throws<NotSupportedException>(() => Plan.Load("plan.ps1", file));
            }
            finally
            {
                File.Delete(file);
            }

            Assert.Throws<NotSupportedException>(() => PlanRunner.Apply([plan], snapshot, context, PromptAnswer.Yes));
            Assert.Throws<NotSupportedException>(() => WhatIf.Run(Dumps.Engine, before, [plan], Dumps.Options, context));
            Assert.Throws<NotSupportedException>(() => RemediationVerifier.Verify(Dumps.Engine, before, Dumps.Options, context));
        });

        // On again, the same calls work: the switch is read at every entry.
        Assert.Single(WhatIf.Run(Dumps.Engine, before, [plan], Dumps.Options, context).Outcomes);
    }
}
