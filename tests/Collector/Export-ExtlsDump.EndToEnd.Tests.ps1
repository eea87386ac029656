# The collector's dump, analysed by extls itself. Needs the analyzer (built from src/Analyzer.Cli, or
# the one EXTLS_CLI points to), so it is tagged EndToEnd: leave it out with -ExcludeTag EndToEnd.

Describe 'A collected dump analyses to the expected findings' -Tag 'EndToEnd' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'CollectorTestData.ps1')
        # EX02 has no internal transport certificate published in AD: EXTLS1002, event 12012.
        Register-OrganizationMocks -Org (New-TestOrganization -Ex02AdValueEmpty)

        $dump = Join-Path $TestDrive 'e2e'
        & $script:CollectorScript -OutputPath $dump -WarningAction SilentlyContinue 6> $null

        $arguments = @('analyze', $dump, '--format', 'json', '--as-of', '2026-06-01')
        Push-Location $script:RepoRoot
        try {
            if ($env:EXTLS_CLI) {
                if ($env:EXTLS_CLI -like '*.dll') { $output = & dotnet $env:EXTLS_CLI @arguments 2>&1 }
                else { $output = & $env:EXTLS_CLI @arguments 2>&1 }
            }
            else {
                $build = & dotnet build src/Analyzer.Cli -nologo -v q 2>&1
                if ($LASTEXITCODE -ne 0) { throw "Building src/Analyzer.Cli failed:`n$($build -join "`n")" }
                $output = & dotnet run --no-build --project src/Analyzer.Cli -- @arguments 2>&1
            }
            $exitCode = $LASTEXITCODE
        }
        finally { Pop-Location }
        $stdout = ($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) -join "`n"
        $stderr = ($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) -join "`n"
    }

    AfterAll {
        Remove-Variable -Name ExtlsMockOrg, ExtlsTestRsa -Scope Global -ErrorAction SilentlyContinue
    }

    It 'reads the dump without an input or internal error' {
        # 0: no error finding, 1: error findings (expected here); 2, 3, 4 mean extls could not do its job.
        $exitCode | Should -BeIn @(0, 1) -Because "stderr: $stderr`nstdout: $stdout"
        { $stdout | ConvertFrom-Json } | Should -Not -Throw
    }

    It 'reports EXTLS1002 on EX02, no internal certificate finding on EX01 and no missing or inconsistent section' {
        $findings = @(($stdout | ConvertFrom-Json).findings)
        $internal = @($findings | Where-Object { $_.ruleId -like 'EXTLS1*' } | ForEach-Object { "$($_.ruleId) $($_.server)" } | Sort-Object -Unique)
        $internal | Should -Contain 'EXTLS1002 EX02'
        $internal | Where-Object { $_ -like '* EX01' } | Should -BeNullOrEmpty
        @($findings | Where-Object { $_.ruleId -in 'EXTLS9001', 'EXTLS9004', 'EXTLS9005' } | ForEach-Object ruleId) | Should -BeNullOrEmpty
    }
}
