# The collector's dump, analysed by extls itself. Needs the analyzer (built from src/Analyzer.Cli, or
# the one EXTLS_CLI points to), so it is tagged EndToEnd: leave it out with -ExcludeTag EndToEnd.

BeforeAll {
    . (Join-Path $PSScriptRoot 'CollectorTestData.ps1')

    function Invoke-Extls {
        # Runs the analyzer on a dump (analyze, or the given command); returns exit code, stdout and stderr.
        param([string] $Dump, [string[]] $Arguments)
        $arguments = if ($Arguments) { $Arguments } else { @('analyze', $Dump, '--format', 'json', '--as-of', '2026-06-01') }
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
        & $script:CollectorScript -OutputPath $dump -NoEvidence -WarningAction SilentlyContinue 6> $null
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
        # The legacy Client Access server the collector left out (no transport role) is a note, not a missing section.
        @($findings | Where-Object { $_.ruleId -in 'EXTLS9001', 'EXTLS9004', 'EXTLS9005' -and $_.severity -ne 'note' } | ForEach-Object ruleId) | Should -BeNullOrEmpty
        @($findings | Where-Object { $_.ruleId -eq 'EXTLS9001' } | ForEach-Object { "$($_.severity) $($_.target.id)" }) | Should -Be @('note CAS10')
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
        & $script:CollectorScript -OutputPath $dump -NoEvidence -WarningAction SilentlyContinue 6> $null
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

Describe 'The collector''s new sections reach the analyzer typed, and its relay and hybrid findings come out' -Tag 'EndToEnd' {
    BeforeAll {
        # EX01 (10.0.0.10) has a relay connector on 2525 for 10.0.0.0/24 without ExchangeServer authentication:
        # it answers EX02 (10.0.0.11). The hybrid configuration names EX01's certificate, which EX02 does not hold.
        $org = New-TestOrganization
        $relay = New-ReceiveConnector -ServerName 'EX01' -Name 'Relay 2525' -Port 2525 -Fqdn 'EX01.contoso.com' -Role HubTransport `
            -Auth ([ExtlsFake.ReceiveAuthMechanisms]::Tls) -Permissions ([ExtlsFake.PermissionGroups]::AnonymousUsers) -RemoteIPRanges @('10.0.0.0/24')
        $relay.Bindings = @(New-Object System.Net.IPEndPoint ([System.Net.IPAddress]::Any, 2525))
        $org.ReceiveConnectors['EX01'] = @($org.ReceiveConnectors['EX01']) + $relay
        Register-OrganizationMocks -Org $org
        $dump = Join-Path $TestDrive 'e2e-new'
        & $script:CollectorScript -OutputPath $dump -WarningAction SilentlyContinue 6> $null
        $snapshotFile = Join-Path $TestDrive 'e2e-new.snapshot.json'
        $import = Invoke-Extls -Arguments @('import', $dump, '-o', $snapshotFile)
        $run = Invoke-Extls $dump
    }

    It 'imports the dump without a problem' {
        $import.ExitCode | Should -Be 0 -Because "stderr: $($import.Stderr)`nstdout: $($import.Stdout)"
        $snapshotFile | Should -Exist
    }

    It 'keeps the addresses, ranges, bindings, server flags and the run typed in the snapshot' {
        $snapshot = Get-Content -LiteralPath $snapshotFile -Raw | ConvertFrom-Json
        $ex01 = $snapshot.servers | Where-Object name -EQ 'EX01'
        @($ex01.hostAddresses.items | ForEach-Object address) | Should -Be @('10.0.0.10')
        $ex01.hostAddresses.state | Should -Be 'Collected'
        $ex01.flags.isHubTransportServer | Should -BeTrue
        $ex01.flags.isEdgeServer | Should -BeFalse
        $ex01.originatingServer | Should -Be 'DC01.contoso.com'
        $relay = $ex01.receiveConnectors.items | Where-Object name -EQ 'Relay 2525'
        @($relay.remoteIPRanges) | Should -Be @('10.0.0.0/24')
        @($relay.bindings) | Should -Be @('0.0.0.0:2525')
        $default = $ex01.receiveConnectors.items | Where-Object name -EQ 'Default EX01'
        @($default.bindings) | Should -Be @('[::]:2525', '0.0.0.0:2525')
        @($default.remoteIPRanges) | Should -Be @('0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')
        $default.domainSecureEnabled | Should -BeFalse
        $archive = $snapshot.sendConnectors.items | Where-Object name -EQ 'archive relay'
        $archive.port | Should -Be 587
        $archive.ignoreStartTls | Should -BeTrue
        $archive.sourceIPAddress | Should -Be '10.0.0.11'
        ($snapshot.sendConnectors.items | Where-Object name -EQ 'Internet').frontendProxyEnabled | Should -BeTrue
        $hybrid = @($snapshot.hybridConfigurations.items)
        $hybrid.Count | Should -Be 1
        $hybrid[0].tlsCertificateName | Should -Be '<I>CN=EX01<S>CN=EX01'
        @($hybrid[0].sendingTransportServers) | Should -Be @('EX01', 'EX02')
        @($snapshot.transportConfig.items[0].internalSmtpServers) | Should -Be @('10.0.0.5')
        @($snapshot.acceptedDomains.items | ForEach-Object { "$($_.domainName) $($_.domainType)" }) | Should -Be @('contoso.com Authoritative', 'contoso.mail.onmicrosoft.com InternalRelay')
        $snapshot.run.complete | Should -BeTrue
        @($snapshot.run.skippedServers | ForEach-Object server) | Should -Contain 'CAS10'
        @($snapshot.run.serverTimings | ForEach-Object server) | Should -Contain 'EX01'
    }

    It 'reports the relay capturing EX02 once, the mail flow it breaks as its root cause, and the hybrid certificate missing on EX02' {
        $run.ExitCode | Should -Be 1 -Because "stderr: $($run.Stderr)"
        $findings = @(($run.Stdout | ConvertFrom-Json).findings)
        $capture = @($findings | Where-Object ruleId -EQ 'EXTLS2013')
        $capture.Count | Should -Be 1
        $capture[0].target.id | Should -Be 'EX01\Relay 2525'
        $capture[0].message | Should -Match '\(EX02\)'
        $capture[0].message | Should -Match '451 5\.7\.3'
        @($findings | Where-Object ruleId -EQ 'EXTLS5001' | ForEach-Object { $_.target.id }) | Should -Contain 'EXTLS2013/EX01\Relay 2525'
        $hybrid = @($findings | Where-Object ruleId -EQ 'EXTLS3009')
        $hybrid.Count | Should -Be 1
        $hybrid[0].message | Should -Match 'EX02 \(not in its store\)'
        @($findings | Where-Object { $_.ruleId -in 'EXTLS9004', 'EXTLS9005' }) | Should -BeNullOrEmpty
    }
}

AfterAll {
    Remove-Variable -Name ExtlsMockOrg, ExtlsTestRsa, ExtlsTestCertificates, ExtlsTestAuthCertificate -Scope Global -ErrorAction SilentlyContinue
}
