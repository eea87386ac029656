# The collector's run time on a mocked organisation of 100 servers, and how it grows with the number
# of servers. Tagged Performance; Measure-CollectorRunTime.ps1 runs it for other sizes.
param([int[]] $Sizes = @(20, 100))

BeforeDiscovery { $script:SizesToRun = $Sizes }

Describe 'Run time on a large organisation' -Tag 'Performance' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'CollectorTestData.ps1')
        $script:Measured = @{}
        $script:PerServer = @{}
        function Measure-Collection {
            param([int] $Count)
            $org = New-LargeTestOrganization -Count $Count
            Register-OrganizationMocks -Org $org
            Mock Write-Progress { }
            $dump = Join-Path $TestDrive "large-$Count"
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            & $script:CollectorScript -OutputPath $dump -NoEvidence -WarningAction SilentlyContinue 6> $null
            $watch.Stop()
            $manifest = Get-Content -LiteralPath (Join-Path $dump 'manifest.json') -Raw | ConvertFrom-Json
            return @{ Seconds = $watch.Elapsed.TotalSeconds; Manifest = $manifest; Dump = $dump }
        }
        # The first run loads modules and compiles; it is not part of any size's figure.
        [void] (Measure-Collection -Count 3)
    }

    It 'collects <_> servers completely and reports the seconds per server' -ForEach $script:SizesToRun {
        $count = $_
        $m = Measure-Collection -Count $count
        $script:Measured[$count] = $m.Seconds
        @($m.Manifest.servers).Count | Should -Be $count
        @($m.Manifest.errors).Count | Should -Be 0
        $m.Manifest.complete | Should -BeTrue
        @(Get-ChildItem -LiteralPath (Join-Path $m.Dump 'servers') -Directory).Count | Should -Be $count
        $perServer = $m.Seconds / $count
        $serverSeconds = ($m.Manifest.serverTimings | Measure-Object -Property seconds -Sum).Sum
        $orgSeconds = ($m.Manifest.sectionTimings | Where-Object { $null -eq $_.server } | Measure-Object -Property seconds -Sum).Sum
        $script:PerServer[$count] = $serverSeconds / $count
        Write-Host ("Export-ExtlsDump: {0} servers in {1:N2} s, {2:N3} s per server overall; per-server steps {3:N3} s per server, organisation-wide reads {4:N2} s (mocked; PowerShell {5})" -f
            $count, $m.Seconds, $perServer, ($serverSeconds / $count), $orgSeconds, $PSVersionTable.PSVersion)
        # A generous ceiling for a shared two-core machine; the figure itself is what is reported.
        $perServer | Should -BeLessThan 1.0
    }

    It 'grows linearly with the number of servers, not quadratically' {
        $sizes = @($script:Measured.Keys | Sort-Object)
        if ($sizes.Count -lt 2) { Set-ItResult -Skipped -Because 'one size only was measured' ; return }
        $small = $sizes[0]; $large = $sizes[-1]
        $ratio = $script:Measured[$large] / $script:Measured[$small]
        $linear = $large / $small
        $growth = $script:PerServer[$large] / $script:PerServer[$small]
        Write-Host ("Export-ExtlsDump: {0} servers took {1:N1} times as long as {2} (linear would be {3:N1}, quadratic {4:N1}); the time per server grew {5:N2} times" -f
            $large, $ratio, $small, $linear, ($linear * $linear), $growth)
        # A step quadratic in servers makes the whole run approach linear squared, and the time spent
        # on each server grow with the number of servers; both stay within twice the linear figure.
        $ratio | Should -BeLessThan ($linear * 2)
        $growth | Should -BeLessThan 2
    }

    AfterAll {
        Remove-Variable -Name ExtlsMockOrg, ExtlsTestRsa, ExtlsTestCertificates, ExtlsTestAuthCertificate -Scope Global -ErrorAction SilentlyContinue
    }
}
