# The collector's dump, analysed by extls itself. Needs the analyzer (built from src/Analyzer.Cli, or
# the one EXTLS_CLI points to), so it is tagged EndToEnd: leave it out with -ExcludeTag EndToEnd.

BeforeAll {
    . (Join-Path $PSScriptRoot 'CollectorTestData.ps1')

    function Invoke-Extls {
        # Runs the analyzer on a dump; returns exit code, stdout and stderr.
        param([string] $Dump)
        $arguments = @('analyze', $Dump, '--format', 'json', '--as-of', '2026-06-01')
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
        return @{
            ExitCode = $exitCode
            Stdout   = ($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) -join "`n"
            Stderr   = ($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) -join "`n"
        }
    }
}

Describe 'A collected dump analyses to the expected findings' -Tag 'EndToEnd' {
    BeforeAll {
        # EX02 has no internal transport certificate published in AD: EXTLS1002, event 12012.
        Register-OrganizationMocks -Org (New-TestOrganization -Ex02AdValueEmpty)

        $dump = Join-Path $TestDrive 'e2e'
        & $script:CollectorScript -OutputPath $dump -WarningAction SilentlyContinue 6> $null
        $run = Invoke-Extls $dump
        $exitCode = $run.ExitCode; $stdout = $run.Stdout; $stderr = $run.Stderr
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

Describe 'A mixed-version organisation whose stores came through a remote session analyses without false findings' -Tag 'EndToEnd' {
    BeforeAll {
        # Exchange 2013 CAS and 2010 Hub Transport collected, 2010 Mailbox-only skipped; every store
        # arrives as PowerShell rebuilds it from RawData, with no key and no friendly name; every new
        # file (hybrid, transport configuration, accepted domains, addresses) is in the dump.
        $org = New-TestOrganization -MixedVersions
        foreach ($name in @($org.Certificates.Keys)) {
            $org.Certificates[$name] = @($org.Certificates[$name] | ForEach-Object { New-RebuiltCertificate -Certificate $_ -ComputerName 'ex01.contoso.com' })
        }
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'e2e-mixed'
        & $script:CollectorScript -OutputPath $dump -WarningAction SilentlyContinue 6> $null
        $manifest = Get-Content -LiteralPath (Join-Path $dump 'manifest.json') -Raw | ConvertFrom-Json
        $run = Invoke-Extls $dump
    }

    It 'holds every new file and field the analyzer must tolerate' {
        @($manifest.servers) | Should -Be @('CAS13', 'EX01', 'EX02', 'HUB10')
        foreach ($file in 'org/HybridConfiguration.json', 'org/TransportConfig.json', 'org/AcceptedDomain.json', 'servers/CAS13/HostAddress.json') {
            Join-Path $dump $file | Should -Exist
        }
        (Get-Content -LiteralPath (Join-Path $dump 'servers/EX01/ExchangeCertificate.json') -Raw) | Should -Match '"Origin":\s*"Rebuilt"'
    }

    It 'reads the dump without an input or internal error' {
        $run.ExitCode | Should -BeIn @(0, 1) -Because "stderr: $($run.Stderr)`nstdout: $($run.Stdout)"
        { $run.Stdout | ConvertFrom-Json } | Should -Not -Throw
    }

    It 'reports no private-key finding for certificates whose HasPrivateKey did not survive remoting, and no inconsistency' {
        $findings = @(($run.Stdout | ConvertFrom-Json).findings)
        @($findings | Where-Object ruleId -EQ 'EXTLS1007') | Should -BeNullOrEmpty
        @($findings | Where-Object { $_.ruleId -in 'EXTLS9004', 'EXTLS9005' } | ForEach-Object { "$($_.ruleId) $($_.server) $($_.message)" }) | Should -BeNullOrEmpty
        @($findings | Where-Object { $_.ruleId -like 'EXTLS1*' -and $_.server -in 'EX01', 'EX02' } | ForEach-Object { "$($_.ruleId) $($_.server)" }) | Should -BeNullOrEmpty
    }
}

AfterAll {
    Remove-Variable -Name ExtlsMockOrg, ExtlsTestRsa, ExtlsTestCertificates, ExtlsTestAuthCertificate -Scope Global -ErrorAction SilentlyContinue
}
