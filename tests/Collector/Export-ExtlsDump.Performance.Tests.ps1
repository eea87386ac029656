# The collector's run time and allocations on a mocked organisation of 100 servers, and how they grow with the
# number of servers: the times are reported, the allocations asserted. Tagged Performance;
# Measure-CollectorRunTime.ps1 runs it for other sizes.
param([int[]] $Sizes = @(20, 60, 100))

BeforeDiscovery { $script:SizesToRun = $Sizes }

Describe 'Run time on a large organisation' -Tag 'Performance' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'CollectorTestData.ps1')
        $script:Measured = @{}
        $script:Allocated = @{}
        function Measure-Collection {
            param([int] $Count)
            $org = New-LargeTestOrganization -Count $Count
            Register-OrganizationMocks -Org $org
            Mock Write-Progress { }
            $dump = Join-Path $TestDrive "large-$Count"
            [GC]::Collect()
            $allocated = [GC]::GetTotalAllocatedBytes($true)
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            & $script:CollectorScript -OutputPath $dump -NoEvidence -WarningAction SilentlyContinue 6> $null
            $watch.Stop()
            $allocated = [GC]::GetTotalAllocatedBytes($true) - $allocated
            $manifest = Get-Content -LiteralPath (Join-Path $dump 'manifest.json') -Raw | ConvertFrom-Json
            return @{ Seconds = $watch.Elapsed.TotalSeconds; Bytes = $allocated; Manifest = $manifest; Dump = $dump }
        }
        # The first run loads modules and compiles; it is not part of any size's figure.
        [void] (Measure-Collection -Count 3)
    }

    It 'collects <_> servers completely and reports the seconds and bytes per server' -ForEach $script:SizesToRun {
        $count = $_
        $m = Measure-Collection -Count $count
        $script:Measured[$count] = $m.Seconds
        $script:Allocated[$count] = $m.Bytes
        @($m.Manifest.servers).Count | Should -Be $count
        @($m.Manifest.errors).Count | Should -Be 0
        $m.Manifest.complete | Should -BeTrue
        @(Get-ChildItem -LiteralPath (Join-Path $m.Dump 'servers') -Directory).Count | Should -Be $count
        $perServer = $m.Seconds / $count
        $serverSeconds = ($m.Manifest.serverTimings | Measure-Object -Property seconds -Sum).Sum
        $orgSeconds = ($m.Manifest.sectionTimings | Where-Object { $null -eq $_.server } | Measure-Object -Property seconds -Sum).Sum
        Write-Host ("Export-ExtlsDump: {0} servers in {1:N2} s, {2:N3} s per server overall; per-server steps {3:N3} s per server, organisation-wide reads {4:N2} s, {5:N0} bytes allocated (mocked; PowerShell {6})" -f
            $count, $m.Seconds, $perServer, ($serverSeconds / $count), $orgSeconds, $m.Bytes, $PSVersionTable.PSVersion)
    }

    It 'grows linearly with the number of servers, not quadratically' {
        $sizes = @($script:Measured.Keys | Sort-Object)
        if ($sizes.Count -lt 2) { Set-ItResult -Skipped -Because 'one size only was measured' ; return }
        $small = $sizes[0]; $large = $sizes[-1]
        $linear = $large / $small
        $ratio = $script:Measured[$large] / $script:Measured[$small]
        $bytes = $script:Allocated[$large] / $script:Allocated[$small]
        Write-Host ("Export-ExtlsDump: {0} servers took {1:N1} times as long as {2} and allocated {3:N1} times as much (linear would be {4:N1}, quadratic {5:N1})" -f
            $large, $ratio, $small, $bytes, $linear, ($linear * $linear))
        # Bytes, not seconds, so that a loaded machine cannot decide it: every step of PowerShell allocates, so a step
        # quadratic in servers makes each further server cost more than the last. A fixed part (modules, the
        # organisation-wide reads) keeps the whole run's figure under linear, and each further server costs about the
        # same (measured: 14.5 to 15.4 MB from 20 to 60 servers, 13.3 to 13.9 MB from 60 to 100; one organisation-wide
        # read of the connectors per server makes the run 5.8 times and the servers 22.6 and then 29.1 MB).
        $bytes | Should -BeLessThan ($linear * 1.1)
        if ($sizes.Count -ge 3) {
            $first = ($script:Allocated[$sizes[1]] - $script:Allocated[$sizes[0]]) / ($sizes[1] - $sizes[0])
            $last = ($script:Allocated[$sizes[-1]] - $script:Allocated[$sizes[-2]]) / ($sizes[-1] - $sizes[-2])
            Write-Host ("Export-ExtlsDump: each further server allocated {0:N0} bytes from {1} to {2} servers, {3:N0} from {4} to {5}" -f
                $first, $sizes[0], $sizes[1], $last, $sizes[-2], $sizes[-1])
            ($last / $first) | Should -BeLessThan 1.15
        }
    }

    AfterAll {
        Remove-Variable -Name ExtlsMockOrg, ExtlsTestRsa, ExtlsTestCertificates, ExtlsTestAuthCertificate -Scope Global -ErrorAction SilentlyContinue
    }
}
